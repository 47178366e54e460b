import { Injectable } from '@nestjs/common';
import type { WebhookEventType } from '@brevet/contracts';
import { Clock } from '../common/clock';
import { JobName } from '../jobs/job-names';
import { JobOutbox } from '../jobs/job-outbox.service';
import { WebhooksRepository } from './webhooks.repository';

/** The deterministic job ID of one attempt of one delivery. */
export const deliveryJobId = (deliveryId: string, attempt: number) => `webhook.${deliveryId}.a${attempt}`;

/**
 * Where other modules report what happened. Must be called inside the transaction of the event's own work: the
 * event, its deliveries and their first jobs are written with it (transactional outbox), so a rolled-back award
 * sends nothing and a committed one is never lost. Sending happens later in jobs, so an endpoint that is slow,
 * down or disabled cannot delay or fail the award.
 */
@Injectable()
export class WebhookEvents {
  constructor(
    private readonly repo: WebhooksRepository,
    private readonly outbox: JobOutbox,
    private readonly clock: Clock,
  ) {}

  credentialsIssued(awardIds: readonly string[]): Promise<void> {
    return this.awardEvents('credential.issued', awardIds);
  }

  credentialRevoked(awardId: string): Promise<void> {
    return this.awardEvents('credential.revoked', [awardId]);
  }

  private async awardEvents(type: WebhookEventType, awardIds: readonly string[]): Promise<void> {
    if (awardIds.length === 0 || !(await this.repo.hasSubscriber(type))) return;
    const now = this.clock.now();
    const eventIds = await this.repo.insertAwardEvents(type, awardIds, now);
    await this.deliver(eventIds, now);
  }

  /** Creates the deliveries of `eventIds` and requests their first attempts (inside the caller's transaction). */
  async deliver(eventIds: readonly string[], now: Date): Promise<string[]> {
    const deliveryIds = await this.repo.createDeliveries(eventIds, now);
    await this.requestFirstAttempts(deliveryIds);
    return deliveryIds;
  }

  async requestFirstAttempts(deliveryIds: readonly string[]): Promise<void> {
    for (const deliveryId of deliveryIds) {
      await this.outbox.enqueue(
        JobName.DeliverWebhook,
        { deliveryId, attempt: 1 },
        { jobId: deliveryJobId(deliveryId, 1) },
      );
    }
  }
}
