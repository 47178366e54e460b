import type { WebhookDelivery, WebhookEndpoint } from '@brevet/contracts';
import { eventBody } from './webhook-delivery.service';
import type { DeliveryRow, EndpointRow } from './webhooks.repository';

export function mapWebhookEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    enabled: row.enabled,
    complianceThresholdPercent:
      row.complianceThresholdPercent === null ? null : Number(row.complianceThresholdPercent),
    secretHint: row.secretHint,
    secretRotatedAt: row.secretRotatedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastDelivery:
      row.lastStatus && row.lastAt
        ? { status: row.lastStatus, at: row.lastAt.toISOString(), statusCode: row.lastStatusCode }
        : null,
  };
}

export function mapWebhookDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    redeliveryOf: row.redeliveryOf,
    body: eventBody({
      id: row.eventId,
      type: row.eventType,
      occurredAt: row.occurredAt,
      data: row.eventData,
    }),
    attemptLog: row.attemptLog.map((t) => ({
      attempt: t.attempt,
      at: t.at.toISOString(),
      durationMs: t.durationMs,
      statusCode: t.statusCode,
      error: t.error,
      responseBody: t.responseBody,
    })),
  };
}
