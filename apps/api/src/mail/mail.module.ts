import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DeliverMailJob } from './deliver-mail.job';
import { MailController } from './mail.controller';
import { MailRepository } from './mail.repository';
import { MailService } from './mail.service';
import { MailTransport } from './mail-transport.port';
import { Mailer } from './mailer.service';
import { OutboxMailTransport } from './outbox-mail-transport';
import { SmtpMailTransport } from './smtp-mail-transport';

/**
 * Outgoing mail: the recorded `mail_message` table, the SMTP or outbox transport, the delivery job and the
 * outbox API. Global, so any module can inject `Mailer`.
 */
@Global()
@Module({
  controllers: [MailController],
  providers: [
    {
      provide: MailTransport,
      inject: [AppConfig],
      useFactory: (config: AppConfig): MailTransport =>
        config.mail.smtp
          ? new SmtpMailTransport(config.mail.from, config.mail.smtp)
          : new OutboxMailTransport(config.mail.from),
    },
    MailRepository,
    Mailer,
    MailService,
    DeliverMailJob,
  ],
  exports: [Mailer],
})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MailTransport) private readonly transport: MailTransport) {}

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}
