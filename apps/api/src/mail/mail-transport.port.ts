import type { UiLanguage } from '@brevet/contracts';

/** One email as a transport sends it; the content was rendered before the message was recorded. */
export interface OutgoingMail {
  /** The `mail_message` ID; the SMTP adapter builds the Message-ID from it. */
  id: string;
  to: { address: string; name: string };
  subject: string;
  text: string;
  html: string | null;
  language: UiLanguage;
  /** Files sent with the message (the outbox keeps only the recorded message). */
  attachments?: MailFile[];
}

export interface MailFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** What the transport reports once it has the message. */
export interface MailReceipt {
  /** The Message-ID the server accepted; null for the outbox. */
  messageId: string | null;
  /** The server's answer, e.g. `250 2.0.0 Ok: queued as 4F2A1`. */
  response: string | null;
}

/**
 * The server certainly did not take the message: it could not be reached, refused the sign-in, or answered
 * with a temporary error (4xx). Sending the same message again later is safe.
 */
export class MailNotSentError extends Error {
  override readonly name = 'MailNotSentError';
}

/** The server refused the message for good (5xx, a bad address): sending it again would fail the same way. */
export class MailRejectedError extends Error {
  override readonly name = 'MailRejectedError';
}

/**
 * The small port every email goes through. Two adapters: SMTP with nodemailer (`SMTP_HOST` set) and the local
 * outbox (no SMTP: the recorded message is all there is). Any error other than the two above means the
 * outcome is unknown (the connection broke while the message was on its way).
 */
export abstract class MailTransport {
  abstract readonly kind: 'smtp' | 'outbox';
  /** The sender address. */
  abstract readonly from: string;
  abstract send(mail: OutgoingMail): Promise<MailReceipt>;
  abstract close(): Promise<void>;
}
