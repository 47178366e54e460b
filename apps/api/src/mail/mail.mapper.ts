import type { MailMessage, MailMessageSummary } from '@brevet/contracts';
import type { MailMessageEntity } from './mail.entity';
import type { MailSummaryRow } from './mail.repository';

export function mapMailSummary(row: MailSummaryRow): MailMessageSummary {
  return {
    id: row.id,
    recipient: { address: row.recipientAddress, name: row.recipientName },
    subject: row.subject,
    reason: row.reason,
    reasonDate: row.reasonDate,
    template: row.template,
    language: row.language,
    status: row.status,
    transport: row.transport,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt ? row.sentAt.toISOString() : null,
  };
}

export function mapMailMessage(entity: MailMessageEntity): MailMessage {
  return {
    ...mapMailSummary(entity),
    text: entity.textBody,
    html: entity.htmlBody,
    providerMessageId: entity.providerMessageId,
    providerResponse: entity.providerResponse,
    lastError: entity.lastError,
  };
}
