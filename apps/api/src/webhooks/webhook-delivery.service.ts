import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { WEBHOOK_HEADERS } from '@brevet/contracts';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { JobName } from '../jobs/job-names';
import { JobQueue } from '../jobs/job-queue.port';
import { deriveKey } from '../open-badges/signing-key.util';
import { resolveKeyEncryptionSecret } from '../open-badges/key-secret';
import { deliveryJobId } from './webhook-events.service';
import { decryptSecret, signWebhook } from './webhook-secret.util';
import { WebhookSender, type SendResult } from './webhook-sender';
import type { WebhookEventEntity } from './webhook.entity';
import { WebhooksRepository } from './webhooks.repository';

const MAX_DELAY_MS = 6 * 3_600_000;

/** Delay before attempt `attempt` (2, 3, …): `base · 2^(attempt−2)`, at most six hours. Pure. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 2));
}

/** The JSON body of an event: the same bytes on every attempt and redelivery. */
export function eventBody(event: Pick<WebhookEventEntity, 'id' | 'type' | 'occurredAt' | 'data'>): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    data: event.data,
  });
}

/** The installation's key for webhook secrets (derived from KEY_ENCRYPTION_SECRET, separate from other keys). */
@Injectable()
export class WebhookSecretKey {
  private secret?: string;

  constructor(private readonly config: AppConfig) {}

  get(): Buffer {
    this.secret ??= resolveKeyEncryptionSecret(
      this.config.openBadges.keyEncryptionSecret,
      this.config.dataDir,
    );
    return deriveKey(this.secret, 'webhook-secret-encryption/v1');
  }
}

/**
 * One attempt of one delivery (the `webhook.deliver` job). The attempt is sent, then recorded with the delivery's
 * new state in one transaction; a retry is requested after that commit with a growing delay. A job run again after
 * a crash finds its attempt recorded and only makes sure the next one is requested, so no attempt is sent twice
 * because of our retries (a receiver may still see a duplicate when we crash between sending and recording:
 * deliveries are at-least-once, and receivers de-duplicate by the delivery ID).
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly sender: WebhookSender,
    private readonly queue: JobQueue,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly key: WebhookSecretKey,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async attempt(deliveryId: string, attempt: number): Promise<void> {
    const found = await this.repo.findToSend(deliveryId);
    if (!found) return; // the endpoint was deleted
    const { delivery, event, endpoint } = found;
    if (delivery.status !== 'pending') return;
    if (delivery.attempts >= attempt) {
      // Recorded before a crash or a failed enqueue: request the next attempt again (same job ID, once).
      if (delivery.attempts === attempt && delivery.nextAttemptAt)
        await this.requestNext(deliveryId, attempt + 1, delivery.nextAttemptAt);
      return;
    }
    if (delivery.attempts !== attempt - 1) return;

    const at = this.clock.now();
    let result: SendResult;
    if (!endpoint.enabled) {
      result = {
        statusCode: null,
        durationMs: 0,
        responseBody: null,
        error: 'not sent: the endpoint is disabled',
      };
    } else {
      const body = eventBody(event);
      const timestamp = Math.floor(at.getTime() / 1000);
      const secret = decryptSecret(endpoint.secretEncrypted, this.key.get(), endpoint.id);
      result = await this.sender.post(
        endpoint.url,
        {
          'content-type': 'application/json',
          'user-agent': 'Brevet-Webhooks/1',
          [WEBHOOK_HEADERS.event]: event.type,
          [WEBHOOK_HEADERS.delivery]: delivery.id,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
        },
        body,
      );
    }
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const finalAttempt = !endpoint.enabled || attempt >= this.config.webhooks.maxAttempts;
    const nextAt =
      ok || finalAttempt
        ? null
        : new Date(this.clock.now().getTime() + retryDelayMs(attempt + 1, this.config.webhooks.retryBaseMs));

    const recorded = await this.txHost.withTransaction(async () => {
      const locked = await this.repo.lockDelivery(deliveryId);
      if (!locked || locked.status !== 'pending' || locked.attempts !== attempt - 1) return false;
      await this.repo.insertAttempt({
        deliveryId,
        attempt,
        at,
        durationMs: result.durationMs,
        statusCode: result.statusCode,
        error: result.error ? result.error.slice(0, 500) : null,
        responseBody: result.responseBody,
      });
      await this.repo.updateDelivery(deliveryId, {
        attempts: attempt,
        status: ok ? 'succeeded' : nextAt ? 'pending' : 'failed',
        nextAttemptAt: nextAt,
        completedAt: nextAt ? null : this.clock.now(),
      });
      return true;
    });
    if (!ok)
      this.logger.warn(
        `webhook delivery ${deliveryId} attempt ${attempt} failed: ${result.statusCode ?? result.error}`,
      );
    if (recorded && nextAt) await this.requestNext(deliveryId, attempt + 1, nextAt);
  }

  /** Throws when the queue cannot take the job, so this job is retried and asks again. */
  private async requestNext(deliveryId: string, attempt: number, at: Date): Promise<void> {
    await this.queue.add(
      JobName.DeliverWebhook,
      { deliveryId, attempt },
      {
        jobId: deliveryJobId(deliveryId, attempt),
        delayMs: Math.max(0, at.getTime() - this.clock.now().getTime()),
      },
    );
  }
}
