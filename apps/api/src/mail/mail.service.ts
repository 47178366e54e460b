import { Injectable } from '@nestjs/common';
import {
  DEFAULT_PAGE_SIZE,
  MAIL_SORT_FIELDS,
  parseSort,
  type MailMessage,
  type MailMessagePage,
  type MailTransportInfo,
} from '@brevet/contracts';
import { MailMessageNotFoundException } from './mail.exceptions';
import { mapMailMessage, mapMailSummary } from './mail.mapper';
import { MailRepository } from './mail.repository';
import type { MailMessageQueryDto } from './mail.dto';
import { MailTransport } from './mail-transport.port';

/** The outbox as HR admins read it: every recorded email, company-wide, newest first. Read-only. */
@Injectable()
export class MailService {
  constructor(
    private readonly messages: MailRepository,
    private readonly transport: MailTransport,
  ) {}

  async list(query: MailMessageQueryDto): Promise<MailMessagePage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const sort = query.sort
      ? parseSort(query.sort, MAIL_SORT_FIELDS, 'createdAt')
      : { field: 'createdAt' as const, direction: 'desc' as const };
    const { rows, total } = await this.messages.findPage({
      status: query.status,
      reason: query.reason,
      q: query.q || undefined,
      page,
      pageSize,
      sort,
    });
    return { items: rows.map(mapMailSummary), total, page, pageSize };
  }

  async get(id: string): Promise<MailMessage> {
    const message = await this.messages.findById(id);
    if (!message) throw new MailMessageNotFoundException(id);
    return mapMailMessage(message);
  }

  transportInfo(): MailTransportInfo {
    return { kind: this.transport.kind, from: this.transport.kind === 'smtp' ? this.transport.from : null };
  }
}
