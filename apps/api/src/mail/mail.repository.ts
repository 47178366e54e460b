import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { MailReason, MailSortField, MailStatus, SortDirection, UiLanguage } from '@brevet/contracts';
import { MailAttachmentEntity } from './mail-attachment.entity';
import { MailMessageEntity } from './mail.entity';

/** The de-duplication key: one email per recipient, reason, subject and day, ever. */
export interface MailKey {
  recipientKey: string;
  reason: MailReason;
  subjectKey: string;
  reasonDate: string;
}

export interface NewMailRow extends MailKey {
  recipientAddress: string;
  recipientName: string;
  template: string;
  language: UiLanguage;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  createdAt: Date;
}

/** A message without its content, as lists show it. */
export type MailSummaryRow = Pick<
  MailMessageEntity,
  | 'id'
  | 'recipientAddress'
  | 'recipientName'
  | 'reason'
  | 'reasonDate'
  | 'template'
  | 'language'
  | 'subject'
  | 'status'
  | 'transport'
  | 'attempts'
  | 'createdAt'
  | 'sentAt'
>;

export interface MailPageQuery {
  status?: MailStatus;
  reason?: MailReason;
  q?: string;
  page: number;
  pageSize: number;
  sort: { field: MailSortField; direction: SortDirection };
}

const SORT_SQL: Record<MailSortField, string> = {
  createdAt: 'm.created_at',
  sentAt: 'm.sent_at',
  recipient: 'lower(m.recipient_address)',
  subject: 'lower(m.subject)',
  status: 'm.status',
};

/** `a|b|c|d`, the key as one string for set look-ups. */
export const mailKeyString = (k: MailKey): string =>
  [k.recipientKey, k.reason, k.subjectKey, k.reasonDate].join('|');

/**
 * The `mail_message` table: claims (insert-or-nothing on the unique key) and the status moves of a delivery,
 * each one conditional on the status it leaves, so two processes can never both hand the same message over.
 */
@Injectable()
export class MailRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get messages() {
    return this.txHost.tx.getRepository(MailMessageEntity);
  }

  /** Which of `keys` were claimed already (by any earlier run, whatever became of the message). */
  async existingKeys(keys: readonly MailKey[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: MailKey[] = await this.txHost.tx.query(
      `SELECT m.recipient_key AS "recipientKey", m.reason, m.subject_key AS "subjectKey",
              m.reason_date::text AS "reasonDate"
         FROM mail_message m
         JOIN unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::date[]) AS k(recipient_key, reason, subject_key, reason_date)
           ON m.recipient_key = k.recipient_key AND m.reason = k.reason AND m.subject_key = k.subject_key
          AND m.reason_date = k.reason_date`,
      [
        keys.map((k) => k.recipientKey),
        keys.map((k) => k.reason),
        keys.map((k) => k.subjectKey),
        keys.map((k) => k.reasonDate),
      ],
    );
    return new Set(rows.map(mailKeyString));
  }

  /** Claims the key: the new message's ID, or null when the key was claimed before. */
  async claim(row: NewMailRow): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.txHost.tx.query(
      `INSERT INTO mail_message (recipient_key, recipient_address, recipient_name, reason, subject_key, reason_date,
                                 template, language, subject, text_body, html_body, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12)
       ON CONFLICT (recipient_key, reason, subject_key, reason_date) DO NOTHING
       RETURNING id`,
      [
        row.recipientKey,
        row.recipientAddress,
        row.recipientName,
        row.reason,
        row.subjectKey,
        row.reasonDate,
        row.template,
        row.language,
        row.subject,
        row.textBody,
        row.htmlBody,
        row.createdAt,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async insertAttachments(
    messageId: string,
    files: ReadonlyArray<{ fileName: string; contentType: string; content: Buffer }>,
  ): Promise<void> {
    const repo = this.txHost.tx.getRepository(MailAttachmentEntity);
    for (const [seq, file] of files.entries()) await repo.insert({ messageId, seq, ...file });
  }

  async attachmentsOf(messageId: string): Promise<MailAttachmentEntity[]> {
    return this.txHost.tx
      .getRepository(MailAttachmentEntity)
      .find({ where: { messageId }, order: { seq: 'ASC' } });
  }

  findById(id: string): Promise<MailMessageEntity | null> {
    return this.messages.findOneBy({ id });
  }

  /** pending → sending, counting the attempt. Null when the message is not pending (any more). */
  async startSending(id: string, now: Date): Promise<MailMessageEntity | null> {
    const rows = await this.update(
      `status = 'sending', sending_at = $2, attempts = attempts + 1`,
      `id = $1 AND status = 'pending'`,
      [id, now],
    );
    return rows.length > 0 ? this.findById(id) : null;
  }

  /** sending (or uncertain, if a duplicate run marked it meanwhile) → sent / outbox. */
  async markDelivered(
    id: string,
    outcome: {
      status: 'sent' | 'outbox';
      transport: 'smtp' | 'outbox';
      messageId: string | null;
      response: string | null;
    },
    now: Date,
  ): Promise<boolean> {
    const rows = await this.update(
      `status = $2, transport = $3, provider_message_id = $4, provider_response = $5, sent_at = $6, last_error = NULL`,
      `id = $1 AND status IN ('sending', 'uncertain')`,
      [id, outcome.status, outcome.transport, outcome.messageId, clip(outcome.response), now],
    );
    return rows.length > 0;
  }

  /** sending → pending again (certainly not sent), or → failed once `maxAttempts` were used. */
  async markNotSent(
    id: string,
    transport: 'smtp' | 'outbox',
    error: string,
    maxAttempts: number,
  ): Promise<MailStatus | null> {
    const rows = await this.update(
      `status = CASE WHEN attempts >= $4 THEN 'failed' ELSE 'pending' END, transport = $2, last_error = $3`,
      `id = $1 AND status = 'sending'`,
      [id, transport, clip(error), maxAttempts],
    );
    return (rows[0]?.status as MailStatus | undefined) ?? null;
  }

  /** sending → failed: refused for good. */
  async markFailed(id: string, transport: 'smtp' | 'outbox', error: string): Promise<void> {
    await this.update(
      `status = 'failed', transport = $2, last_error = $3`,
      `id = $1 AND status = 'sending'`,
      [id, transport, clip(error)],
    );
  }

  /** sending → uncertain: the hand-over started and its outcome is unknown. */
  async markUncertain(id: string, error: string): Promise<boolean> {
    const rows = await this.update(
      `status = 'uncertain', last_error = $2`,
      `id = $1 AND status = 'sending'`,
      [id, clip(error)],
    );
    return rows.length > 0;
  }

  /** Hand-overs that started before `before` and never finished (their process died): → uncertain. */
  async expireSending(before: Date): Promise<string[]> {
    const rows = await this.update(
      `status = 'uncertain', last_error = 'The sender stopped while handing the message over.'`,
      `status = 'sending' AND sending_at < $1`,
      [before],
    );
    return rows.map((r) => r.id);
  }

  /** Messages still waiting to be handed over, oldest first. */
  async pending(limit: number): Promise<Array<{ id: string; attempts: number }>> {
    const rows: Array<{ id: string; attempts: number }> = await this.txHost.tx.query(
      `SELECT id, attempts FROM mail_message WHERE status = 'pending' ORDER BY created_at, id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, attempts: Number(r.attempts) }));
  }

  /** One page of messages, without their bodies. */
  async findPage(query: MailPageQuery): Promise<{ rows: MailSummaryRow[]; total: number }> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (query.status) where.push(`m.status = ${param(query.status)}`);
    if (query.reason) where.push(`m.reason = ${param(query.reason)}`);
    if (query.q) {
      const like = param(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(
        `(m.recipient_address ILIKE ${like} OR m.recipient_name ILIKE ${like} OR m.subject ILIKE ${like})`,
      );
    }
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT m.id, m.recipient_address, m.recipient_name, m.reason, m.reason_date::text AS reason_date, m.template,
              m.language, m.subject, m.status, m.transport, m.attempts, m.created_at, m.sent_at,
              count(*) OVER () AS total
         FROM mail_message m
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${SORT_SQL[query.sort.field]} ${direction} NULLS LAST, m.created_at DESC, m.id
        LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      params,
    );
    if (rows.length === 0 && query.page > 1) {
      const first = await this.findPage({ ...query, page: 1, pageSize: 1 });
      return { rows: [], total: first.total };
    }
    return {
      rows: rows.map((r) => ({
        id: r['id'] as string,
        recipientAddress: r['recipient_address'] as string,
        recipientName: r['recipient_name'] as string,
        reason: r['reason'] as MailReason,
        reasonDate: r['reason_date'] as string,
        template: r['template'] as string,
        language: r['language'] as UiLanguage,
        subject: r['subject'] as string,
        status: r['status'] as MailStatus,
        transport: (r['transport'] as 'smtp' | 'outbox' | null) ?? null,
        attempts: Number(r['attempts']),
        createdAt: r['created_at'] as Date,
        sentAt: (r['sent_at'] as Date | null) ?? null,
      })),
      total: rows.length > 0 ? Number(rows[0]['total']) : 0,
    };
  }

  /** `UPDATE … RETURNING id, status`, wrapped so that TypeORM answers with the rows. */
  private update(
    set: string,
    where: string,
    params: unknown[],
  ): Promise<Array<{ id: string; status: string }>> {
    return this.txHost.tx.query(
      `WITH changed AS (UPDATE mail_message SET ${set} WHERE ${where} RETURNING id, status)
       SELECT id, status FROM changed`,
      params,
    );
  }
}

function clip(text: string | null): string | null {
  if (text === null) return null;
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
