import { Injectable } from '@nestjs/common';
import { InvalidJobDataError } from '../jobs/job-queue.port';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.decorator';
import { JobName, type JobPayloads } from '../jobs/job-names';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhooksService } from './webhooks.service';

/** One attempt of one delivery (docs/webhooks.md). */
@Injectable()
@HandlesJob(JobName.DeliverWebhook)
export class DeliverWebhookJob implements JobHandler<JobName.DeliverWebhook> {
  constructor(private readonly delivery: WebhookDeliveryService) {}

  async handle(data: JobPayloads[JobName.DeliverWebhook]): Promise<void> {
    if (typeof data.deliveryId !== 'string' || !Number.isInteger(data.attempt) || data.attempt < 1)
      throw new InvalidJobDataError('webhook.deliver needs a deliveryId and an attempt number');
    await this.delivery.attempt(data.deliveryId, data.attempt);
  }
}

/** The daily check for expired credentials and compliance threshold crossings. */
@Injectable()
@HandlesJob(JobName.CheckWebhookEvents)
export class CheckWebhookEventsJob implements JobHandler<JobName.CheckWebhookEvents> {
  constructor(private readonly webhooks: WebhooksService) {}

  async handle(): Promise<void> {
    await this.webhooks.dailyCheck();
  }
}
