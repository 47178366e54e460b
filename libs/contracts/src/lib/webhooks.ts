import type { Page } from './paging';
import { API_V1 } from './routes';

/**
 * Webhooks (docs/webhooks.md): HR admins register HTTPS endpoints; Brevet POSTs signed JSON to them when
 * something happens. Every delivery is logged with each attempt's response.
 */

/** Events an endpoint can subscribe to. `webhook.test` is sent only by "send test event". */
export const WEBHOOK_EVENT_TYPES = [
  'credential.issued',
  'credential.revoked',
  'credential.expired',
  'compliance.threshold_crossed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export type WebhookDeliveredEventType = WebhookEventType | 'webhook.test';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** Request headers of every delivery (lower-case, as HTTP/2 and Node present them). */
export const WEBHOOK_HEADERS = {
  event: 'brevet-event',
  delivery: 'brevet-delivery',
  timestamp: 'brevet-timestamp',
  signature: 'brevet-signature',
} as const;

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  /** For `compliance.threshold_crossed`: the rate in percent (0–100) a branch's compliance is compared with. */
  complianceThresholdPercent: number | null;
  /** The last four characters of the secret, to tell secrets apart. */
  secretHint: string;
  secretRotatedAt: string;
  createdAt: string;
  updatedAt: string;
  /** The newest delivery's outcome, if any. */
  lastDelivery: { status: WebhookDeliveryStatus; at: string; statusCode: number | null } | null;
}

/** Answer to create and rotate: the only time the secret is shown. */
export interface WebhookEndpointWithSecret {
  endpoint: WebhookEndpoint;
  secret: string;
}

export interface CreateWebhookEndpointRequest {
  url: string;
  description?: string;
  events: WebhookEventType[];
  enabled?: boolean;
  complianceThresholdPercent?: number | null;
}

export type UpdateWebhookEndpointRequest = Partial<CreateWebhookEndpointRequest>;

export interface WebhookDeliveryAttempt {
  attempt: number;
  at: string;
  durationMs: number;
  /** Null when no HTTP answer came (refused, timed out, TLS error). */
  statusCode: number | null;
  error: string | null;
  /** The first 2 KB of the response body. */
  responseBody: string | null;
}

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: WebhookDeliveredEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  completedAt: string | null;
  /** The delivery this one repeats (redeliver), if any. */
  redeliveryOf: string | null;
  /** The signed JSON body sent. */
  body: string;
  attemptLog: WebhookDeliveryAttempt[];
}

export type WebhookDeliveryPage = Page<WebhookDelivery>;

export const WebhookErrorCode = {
  WebhookNotFound: 'webhook.not_found',
  WebhookDeliveryNotFound: 'webhook.delivery_not_found',
  WebhookUrlRefused: 'webhook.url_refused',
  WebhookDisabled: 'webhook.disabled',
} as const;

export const WebhookRoutes = {
  endpoints: `${API_V1}/webhooks`,
  endpoint: (id: string) => `${API_V1}/webhooks/${encodeURIComponent(id)}`,
  rotateSecret: (id: string) => `${API_V1}/webhooks/${encodeURIComponent(id)}/rotate-secret`,
  test: (id: string) => `${API_V1}/webhooks/${encodeURIComponent(id)}/test`,
  deliveries: (id: string) => `${API_V1}/webhooks/${encodeURIComponent(id)}/deliveries`,
  redeliver: (id: string, deliveryId: string) =>
    `${API_V1}/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
} as const;
