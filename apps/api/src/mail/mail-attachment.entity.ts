import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A file sent with an email (e.g. a scheduled report, docs/scheduled-reports.md). Stored with the message so the
 * delivery job, on any worker and after any retry, sends exactly what was recorded.
 */
@Entity({ name: 'mail_attachment' })
export class MailAttachmentEntity {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 200 })
  contentType!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;
}
