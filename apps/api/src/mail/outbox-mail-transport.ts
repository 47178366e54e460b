import { MailTransport, type MailReceipt } from './mail-transport.port';

/**
 * No SMTP configured (embedded mode, a trial): nothing leaves the machine. The message is already recorded in
 * `mail_message`, which HR admins read as the outbox in the admin UI; "sending" only marks it as kept there.
 */
export class OutboxMailTransport extends MailTransport {
  readonly kind = 'outbox' as const;

  constructor(readonly from: string) {
    super();
  }

  async send(): Promise<MailReceipt> {
    return { messageId: null, response: null };
  }

  async close(): Promise<void> {
    return undefined;
  }
}
