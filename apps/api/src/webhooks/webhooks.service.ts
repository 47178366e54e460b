import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  DEFAULT_PAGE_SIZE,
  type CreateWebhookEndpointRequest,
  type UpdateWebhookEndpointRequest,
  type WebhookDeliveryPage,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from '@brevet/contracts';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../audit/audit-log.service';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { JobOutbox } from '../jobs/job-outbox.service';
import { WebhookSecretKey } from './webhook-delivery.service';
import { WebhookEvents } from './webhook-events.service';
import { encryptSecret, newWebhookSecret } from './webhook-secret.util';
import { thresholdCrossings } from './webhook-threshold.util';
import { webhookUrlProblem } from './webhook-url.util';
import {
  WebhookDeliveryNotFoundException,
  WebhookDisabledException,
  WebhookNotFoundException,
  WebhookUrlRefusedException,
} from './webhook.exceptions';
import { mapWebhookDelivery, mapWebhookEndpoint } from './webhooks.mapper';
import { WebhooksRepository } from './webhooks.repository';

/** How far back the daily check reports expiries (after downtime, or for a new subscriber). */
export const EXPIRY_LOOKBACK_DAYS = 7;

/** Webhook endpoints for HR admins: register, change, rotate the secret, test, redeliver, read the log. */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly events: WebhookEvents,
    private readonly outbox: JobOutbox,
    private readonly audit: AuditLog,
    private readonly key: WebhookSecretKey,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async list(): Promise<WebhookEndpoint[]> {
    return (await this.repo.listEndpoints()).map(mapWebhookEndpoint);
  }

  async get(id: string): Promise<WebhookEndpoint> {
    return mapWebhookEndpoint(await this.found(id));
  }

  /** Registers an endpoint; the answer holds its secret, which is never shown again. */
  async create(request: CreateWebhookEndpointRequest): Promise<WebhookEndpointWithSecret> {
    this.checkUrl(request.url);
    const id = randomUUID();
    const secret = newWebhookSecret();
    const now = this.clock.now();
    await this.txHost.withTransaction(async () => {
      await this.repo.insertEndpoint({
        id,
        url: request.url,
        description: request.description ?? '',
        events: [...new Set(request.events)],
        enabled: request.enabled ?? true,
        complianceThresholdPercent: request.complianceThresholdPercent?.toString() ?? null,
        secretEncrypted: encryptSecret(secret, this.key.get(), id),
        secretHint: secret.slice(-4),
        secretRotatedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      await this.record(
        id,
        request.url,
        null,
        { url: request.url, events: request.events, enabled: request.enabled ?? true },
        'created',
      );
    });
    return { endpoint: await this.get(id), secret };
  }

  async update(id: string, request: UpdateWebhookEndpointRequest): Promise<WebhookEndpoint> {
    if (request.url !== undefined) this.checkUrl(request.url);
    await this.txHost.withTransaction(async () => {
      const before = await this.found(id);
      const patch = {
        ...(request.url !== undefined && { url: request.url }),
        ...(request.description !== undefined && { description: request.description }),
        ...(request.events !== undefined && { events: [...new Set(request.events)] }),
        ...(request.enabled !== undefined && { enabled: request.enabled }),
        ...(request.complianceThresholdPercent !== undefined && {
          complianceThresholdPercent: request.complianceThresholdPercent?.toString() ?? null,
        }),
      };
      await this.repo.updateEndpoint(id, { ...patch, updatedAt: this.clock.now() });
      await this.record(
        id,
        request.url ?? before.url,
        {
          url: before.url,
          events: before.events,
          enabled: before.enabled,
          threshold: before.complianceThresholdPercent,
        },
        patch,
        'updated',
      );
    });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    await this.txHost.withTransaction(async () => {
      const before = await this.found(id);
      await this.repo.deleteEndpoint(id);
      await this.record(id, before.url, { url: before.url, events: before.events }, null, 'deleted');
    });
  }

  /** A new secret replaces the old one at once; the answer is the only place it is shown. */
  async rotateSecret(id: string): Promise<WebhookEndpointWithSecret> {
    const secret = newWebhookSecret();
    await this.txHost.withTransaction(async () => {
      const before = await this.found(id);
      const now = this.clock.now();
      await this.repo.updateEndpoint(id, {
        secretEncrypted: encryptSecret(secret, this.key.get(), id),
        secretHint: secret.slice(-4),
        secretRotatedAt: now,
        updatedAt: now,
      });
      await this.record(
        id,
        before.url,
        { secretHint: before.secretHint },
        { secretHint: secret.slice(-4) },
        'secret-rotated',
      );
    });
    return { endpoint: await this.get(id), secret };
  }

  /** Sends a `webhook.test` event to this endpoint only. */
  async sendTest(id: string): Promise<{ deliveryId: string }> {
    const deliveryId = await this.txHost.withTransaction(async () => {
      const endpoint = await this.found(id);
      if (!endpoint.enabled) throw new WebhookDisabledException();
      const now = this.clock.now();
      const eventId = await this.repo.insertEvent({
        type: 'webhook.test',
        dedupeKey: null,
        endpointId: id,
        data: { endpoint: { id }, message: 'Test event from Brevet' },
        occurredAt: now,
      });
      const [created] = await this.events.deliver([eventId as string], now);
      return created;
    });
    this.outbox.flushSoon();
    return { deliveryId };
  }

  /** Sends a delivery's event again, as a new delivery that refers to the old one. */
  async redeliver(id: string, deliveryId: string): Promise<{ deliveryId: string }> {
    const created = await this.txHost.withTransaction(async () => {
      const endpoint = await this.found(id);
      const original = await this.repo.findDelivery(id, deliveryId);
      if (!original) throw new WebhookDeliveryNotFoundException(deliveryId);
      if (!endpoint.enabled) throw new WebhookDisabledException();
      const newId = await this.repo.insertDelivery({
        endpointId: id,
        eventId: original.eventId,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: null,
        redeliveryOf: original.id,
        createdAt: this.clock.now(),
        completedAt: null,
      });
      await this.events.requestFirstAttempts([newId]);
      return newId;
    });
    this.outbox.flushSoon();
    return { deliveryId: created };
  }

  async deliveries(id: string, page = 1, pageSize = DEFAULT_PAGE_SIZE): Promise<WebhookDeliveryPage> {
    await this.found(id);
    const { rows, total } = await this.repo.deliveryPage(id, page, pageSize);
    return { items: rows.map(mapWebhookDelivery), total, page, pageSize };
  }

  /**
   * The daily check: `credential.expired` for awards that expired (each once), and, per endpoint with a threshold,
   * `compliance.threshold_crossed` for branches whose rate crossed it since the last check.
   */
  async dailyCheck(): Promise<{ expired: number; crossings: number }> {
    const result = await this.txHost.withTransaction(async () => {
      const now = this.clock.now();
      let expired = 0;
      if (await this.repo.hasSubscriber('credential.expired')) {
        const eventIds = await this.repo.insertExpiredEvents(now, EXPIRY_LOOKBACK_DAYS);
        expired = eventIds.length;
        await this.events.deliver(eventIds, now);
      }
      let crossings = 0;
      const endpoints = await this.repo.thresholdEndpoints();
      const branches = endpoints.length > 0 ? await this.repo.branchCompliance() : [];
      for (const endpoint of endpoints) {
        const threshold = Number(endpoint.complianceThresholdPercent);
        const previous = await this.repo.thresholdStates(endpoint.id);
        const outcome = thresholdCrossings(branches, previous, threshold);
        const eventIds: string[] = [];
        for (const crossing of outcome.crossings) {
          const eventId = await this.repo.insertEvent({
            type: 'compliance.threshold_crossed',
            dedupeKey: `threshold:${endpoint.id}:${crossing.branch.branchId}:${now.toISOString().slice(0, 10)}:${crossing.direction}`,
            endpointId: endpoint.id,
            data: {
              branch: {
                id: crossing.branch.branchId,
                code: crossing.branch.branchCode,
                name: crossing.branch.branchName,
              },
              direction: crossing.direction,
              thresholdPercent: threshold,
              ratePercent: crossing.ratePercent,
              counts: {
                total: crossing.branch.total,
                compliant: crossing.branch.compliant,
                expiring: crossing.branch.expiring,
                expired: crossing.branch.expired,
                missingOverdue: crossing.branch.missingOverdue,
                missingInGrace: crossing.branch.missingInGrace,
                exempt: crossing.branch.exempt,
              },
            },
            occurredAt: now,
          });
          if (eventId) eventIds.push(eventId);
        }
        for (const [branchId, below] of outcome.states)
          await this.repo.saveThresholdState({ endpointId: endpoint.id, branchId, below, checkedAt: now });
        await this.events.deliver(eventIds, now);
        crossings += eventIds.length;
      }
      return { expired, crossings };
    });
    this.outbox.flushSoon();
    this.logger.log(
      `webhook check: ${result.expired} expired credential(s), ${result.crossings} threshold crossing(s)`,
    );
    return result;
  }

  private checkUrl(url: string): void {
    const problem = webhookUrlProblem(url, this.config.webhooks.allowPrivateHosts);
    if (problem) throw new WebhookUrlRefusedException(problem);
  }

  private async found(id: string) {
    const row = await this.repo.findEndpoint(id);
    if (!row) throw new WebhookNotFoundException(id);
    return row;
  }

  private record(id: string, url: string, before: unknown, after: unknown, change: string) {
    return this.audit.record({
      action: 'settings.changed',
      target: { type: 'webhook', id, label: url },
      before,
      after,
      details: { change },
    });
  }
}
