import type { MailReason, MailStatus, UiLanguage } from '@brevet/contracts';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One email, recorded before it is sent and kept afterwards. The unique key (recipient, reason, subject key,
 * reason date) is claimed in a committed transaction before anything goes out, so the same reminder is never
 * sent twice, whatever retries or crashes happen. The row is also the local outbox when SMTP is not set up.
 */
@Entity({ name: 'mail_message' })
@Check(
  'ck_mail_message_status',
  `"status" IN ('pending', 'sending', 'sent', 'outbox', 'failed', 'uncertain')`,
)
@Check('ck_mail_message_transport', `"transport" IS NULL OR "transport" IN ('smtp', 'outbox')`)
@Index('uq_mail_message_key', ['recipientKey', 'reason', 'subjectKey', 'reasonDate'], { unique: true })
@Index('ix_mail_message_status_created', ['status', 'createdAt'])
@Index('ix_mail_message_created', ['createdAt'])
export class MailMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Who, independent of the address: `staff:<id>` or `user:<id>`. */
  @Column({ name: 'recipient_key', type: 'varchar', length: 80 })
  recipientKey!: string;

  @Column({ name: 'recipient_address', type: 'varchar', length: 320 })
  recipientAddress!: string;

  @Column({ name: 'recipient_name', type: 'varchar', length: 200 })
  recipientName!: string;

  @Column({ type: 'varchar', length: 40 })
  reason!: MailReason;

  /** What the reason is about, e.g. `<definition id>.d30` for the 30-day reminder of one credential. */
  @Column({ name: 'subject_key', type: 'varchar', length: 120 })
  subjectKey!: string;

  /** The day the reason is about (last valid day, first overdue day, digest day). */
  @Column({ name: 'reason_date', type: 'date' })
  reasonDate!: string;

  @Column({ type: 'varchar', length: 40 })
  template!: string;

  @Column({ type: 'varchar', length: 8 })
  language!: UiLanguage;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ name: 'text_body', type: 'text' })
  textBody!: string;

  @Column({ name: 'html_body', type: 'text', nullable: true })
  htmlBody!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: MailStatus;

  @Column({ type: 'varchar', length: 8, nullable: true })
  transport!: 'smtp' | 'outbox' | null;

  /** Hand-overs to the transport so far (a refused or unreachable server counts). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'provider_message_id', type: 'varchar', length: 300, nullable: true })
  providerMessageId!: string | null;

  @Column({ name: 'provider_response', type: 'varchar', length: 500, nullable: true })
  providerResponse!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When the current hand-over started (status `sending`). */
  @Column({ name: 'sending_at', type: 'timestamptz', nullable: true })
  sendingAt!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
