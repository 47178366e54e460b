import { Global, Module } from '@nestjs/common';
import { WebhookDeliveryService, WebhookSecretKey } from './webhook-delivery.service';
import { WebhookEvents } from './webhook-events.service';
import { CheckWebhookEventsJob, DeliverWebhookJob } from './webhook.jobs';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/**
 * Outgoing webhooks (docs/webhooks.md). Global, so the modules where events happen (awards) can inject
 * `WebhookEvents` without importing this module.
 */
@Global()
@Module({
  controllers: [WebhooksController],
  providers: [
    WebhooksRepository,
    WebhookEvents,
    WebhookSecretKey,
    WebhookSender,
    WebhookDeliveryService,
    WebhooksService,
    DeliverWebhookJob,
    CheckWebhookEventsJob,
  ],
  exports: [WebhookEvents],
})
export class WebhooksModule {}
