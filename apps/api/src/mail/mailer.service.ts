import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { MailReason, UiLanguage } from '@brevet/contracts';
import { Clock } from '../common/clock';
import { JobName } from '../jobs/job-names';
import { JobOutbox } from '../jobs/job-outbox.service';
import { InvalidJobDataError } from '../jobs/job-queue.port';
import { MailRepository, type MailKey } from './mail.repository';
import { MailNotSentError, MailRejectedError, MailTransport, type MailFile } from './mail-transport.port';

/** An email to send: who, why (the de-duplication key), and the content, already rendered. */
export interface NewMail {
  recipient: { key: string; address: string; name: string };
  reason: MailReason;
  subjectKey: string;
  reasonDate: string;
  template: string;
  language: UiLanguage;
  subject: string;
  text: string;
  html: string | null;
  /** Files to send with it, stored with the message (`mail_attachment`). */
  attachments?: MailFile[];
}

/** A hand-over that has not finished after this long belongs to a process that died. */
export const SENDING_LEASE_MS = 15 * 60_000;
/** Attempts (hand-overs the server certainly refused or never saw) before a message is given up. */
export const MAX_MAIL_ATTEMPTS = 10;
const SWEEP_BATCH = 1_000;

export const deliveryJobId = (messageId: string, attempts: number) => `mail.${messageId}.${attempts}`;

/**
 * The one way to send an email, for every module.
 *
 * 1. `queue` (inside the caller's transaction) claims the unique key (recipient, reason, subject key, day) by
 *    inserting the rendered message as `pending`, and writes a `mail.deliver` job to the job outbox. A key
 *    claimed before inserts nothing and enqueues nothing: the same reminder is never queued twice.
 * 2. The `mail.deliver` job moves the message `pending → sending` (committed) before it talks to the server,
 *    then to `sent` with the server's Message-ID (or `outbox` without SMTP).
 *
 * A crash before step 2 leaves the message `pending`: the job's retry, or the next `sweep`, sends it. A crash
 * during the hand-over leaves it `sending`: it may or may not have arrived, and it is *not* sent again; it
 * becomes `uncertain` for HR to see. Delivery is at most once: we prefer a reminder missing (and visible as
 * uncertain) to a reminder sent twice. See docs/reminders.md.
 */
@Injectable()
export class Mailer {
  private readonly logger = new Logger(Mailer.name);

  constructor(
    private readonly messages: MailRepository,
    private readonly transport: MailTransport,
    private readonly jobs: JobOutbox,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
  ) {}

  get transportKind(): 'smtp' | 'outbox' {
    return this.transport.kind;
  }

  /** Which of `keys` were claimed already. */
  claimedKeys(keys: readonly MailKey[]): Promise<Set<string>> {
    return this.messages.existingKeys(keys);
  }

  /**
   * Claims the message's key and enqueues its delivery. Must run inside a transaction; call `JobOutbox.flushSoon`
   * after it commits. Resolves with the message ID, or null when the key was claimed before.
   */
  async queue(mail: NewMail): Promise<string | null> {
    if (!this.txHost.isTransactionActive()) throw new Error('Mailer.queue must run inside a transaction');
    const id = await this.messages.claim({
      recipientKey: mail.recipient.key,
      recipientAddress: mail.recipient.address,
      recipientName: mail.recipient.name,
      reason: mail.reason,
      subjectKey: mail.subjectKey,
      reasonDate: mail.reasonDate,
      template: mail.template,
      language: mail.language,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      createdAt: this.clock.now(),
    });
    if (id === null) return null;
    if (mail.attachments?.length) await this.messages.insertAttachments(id, mail.attachments);
    await this.jobs.enqueue(JobName.DeliverMail, { messageId: id }, { jobId: deliveryJobId(id, 0) });
    return id;
  }

  /**
   * Hands one message to the transport (the `mail.deliver` job). Throws only when the server certainly did not
   * take it, so that the job retries with backoff.
   */
  async deliver(messageId: string): Promise<void> {
    const message = await this.messages.startSending(messageId, this.clock.now());
    if (!message) {
      const current = await this.messages.findById(messageId);
      if (!current) throw new InvalidJobDataError(`mail message ${messageId} does not exist`);
      if (current.status === 'sending') {
        // Another run started the hand-over and has not finished: it died, or is still at it. Either way this
        // run must not send; the other one (if alive) still records its outcome.
        await this.messages.markUncertain(messageId, 'A second delivery found the hand-over unfinished.');
        this.logger.warn(`mail ${messageId}: hand-over of an earlier run unfinished; not sent again`);
      }
      return;
    }
    const kind = this.transport.kind;
    const attachments = await this.messages.attachmentsOf(message.id);
    try {
      const receipt = await this.transport.send({
        id: message.id,
        to: { address: message.recipientAddress, name: message.recipientName },
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody,
        language: message.language,
        attachments: attachments.map((a) => ({
          fileName: a.fileName,
          contentType: a.contentType,
          content: a.content,
        })),
      });
      await this.messages.markDelivered(
        message.id,
        { status: kind === 'smtp' ? 'sent' : 'outbox', transport: kind, ...receipt },
        this.clock.now(),
      );
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (error instanceof MailNotSentError) {
        const status = await this.messages.markNotSent(message.id, kind, text, MAX_MAIL_ATTEMPTS);
        if (status === 'pending') throw new Error(`mail ${message.id} not sent, will retry: ${text}`);
        this.logger.warn(`mail ${message.id}: giving up after ${MAX_MAIL_ATTEMPTS} attempts: ${text}`);
      } else if (error instanceof MailRejectedError) {
        await this.messages.markFailed(message.id, kind, text);
        this.logger.warn(`mail ${message.id}: refused by the server: ${text}`);
      } else {
        await this.messages.markUncertain(message.id, text);
        this.logger.warn(`mail ${message.id}: hand-over broke off, may or may not have arrived: ${text}`);
      }
    }
  }

  /**
   * Settles what crashes left behind: hand-overs older than the lease become `uncertain` (never resent), and
   * every `pending` message gets a delivery job again (its old one may have been lost with an in-process queue).
   * Resolves with the number of deliveries enqueued.
   */
  async sweep(): Promise<{ requeued: number; uncertain: number }> {
    const now = this.clock.now();
    const uncertain = await this.messages.expireSending(new Date(now.getTime() - SENDING_LEASE_MS));
    const pending = await this.messages.pending(SWEEP_BATCH);
    if (pending.length > 0) {
      await this.txHost.withTransaction(async () => {
        for (const m of pending) {
          await this.jobs.enqueue(
            JobName.DeliverMail,
            { messageId: m.id },
            { jobId: deliveryJobId(m.id, m.attempts) },
          );
        }
      });
      this.jobs.flushSoon();
    }
    if (uncertain.length > 0)
      this.logger.warn(`${uncertain.length} mail hand-over(s) never finished; marked uncertain, not resent`);
    return { requeued: pending.length, uncertain: uncertain.length };
  }
}
