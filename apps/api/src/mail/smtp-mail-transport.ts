import { createTransport, type NodemailerError, type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/app-config';
import {
  MailNotSentError,
  MailRejectedError,
  MailTransport,
  type MailReceipt,
  type OutgoingMail,
} from './mail-transport.port';

type SmtpSettings = NonNullable<AppConfig['mail']['smtp']>;

/** Errors raised before the message could have reached the server: safe to send again. */
const NOT_SENT_CODES = new Set(['EDNS', 'ETLS', 'EREQUIRETLS', 'EAUTH', 'ENOAUTH', 'ECONFIG', 'EPROXY']);
const NOT_SENT_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);
const NOT_SENT_SOCKET = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * Sorts a nodemailer failure into: certainly not sent (retry is safe), refused for good, or unknown (the
 * connection broke while the message may already have been accepted). Unknown errors are returned as they are.
 */
export function classifySmtpError(error: NodemailerError): Error {
  const detail = `${error.code ?? 'error'}${error.responseCode ? ` ${error.responseCode}` : ''}: ${error.message}`;
  if (error.responseCode !== undefined) {
    // The server answered. 5xx (except 503, a bad command sequence) refuses this message for good.
    if (error.code === 'EAUTH') return new MailNotSentError(detail);
    return error.permanent === true ||
      (error.permanent === undefined && error.responseCode >= 500 && error.responseCode !== 503)
      ? new MailRejectedError(detail)
      : new MailNotSentError(detail);
  }
  if (error.code === 'EENVELOPE') return new MailRejectedError(detail);
  if (
    error.command === 'CONN' ||
    NOT_SENT_CODES.has(error.code ?? '') ||
    (error.code === 'ETIMEDOUT' && NOT_SENT_TIMEOUTS.has(error.timeoutType ?? '')) ||
    NOT_SENT_SOCKET.has(error.originalCode ?? error.code ?? '')
  ) {
    return new MailNotSentError(detail);
  }
  return error;
}

/** The domain for Message-IDs: the sender's. */
function senderDomain(from: string): string {
  const match = /@([^\s>]+)>?\s*$/.exec(from);
  return match ? match[1].toLowerCase() : 'brevet.invalid';
}

/**
 * SMTP through nodemailer: one connection per message (reminders are few and spread over the day), with
 * bounded timeouts so a silent server cannot hold a job for long. The Message-ID is derived from the
 * `mail_message` ID, so the same record always yields the same Message-ID.
 */
export class SmtpMailTransport extends MailTransport {
  readonly kind = 'smtp' as const;
  private readonly transporter: Transporter;
  private readonly domain: string;

  constructor(
    readonly from: string,
    smtp: SmtpSettings,
  ) {
    super();
    this.domain = senderDomain(from);
    this.transporter = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.tls === 'implicit',
      requireTLS: smtp.tls === 'starttls',
      ignoreTLS: smtp.tls === 'none',
      auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(mail: OutgoingMail): Promise<MailReceipt> {
    try {
      const info = await this.transporter.sendMail({
        from: this.from,
        to: { name: mail.to.name, address: mail.to.address },
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        attachments: mail.attachments?.map((a) => ({
          filename: a.fileName,
          content: a.content,
          contentType: a.contentType,
        })),
        messageId: `<${mail.id}@${this.domain}>`,
        headers: {
          'Content-Language': mail.language,
          // Automatic mail: no out-of-office answers, no auto-forward loops (RFC 3834).
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
        },
      });
      return { messageId: info.messageId ?? null, response: info.response ?? null };
    } catch (error) {
      throw classifySmtpError(error as NodemailerError);
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
