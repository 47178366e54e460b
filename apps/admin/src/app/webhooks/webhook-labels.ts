import type { WebhookDeliveredEventType, WebhookDeliveryStatus } from '@brevet/contracts';
import type { TranslationKey } from '../core/i18n';

export const EVENT_LABELS: Record<WebhookDeliveredEventType, TranslationKey> = {
  'credential.issued': 'webhooks.events.issued',
  'credential.revoked': 'webhooks.events.revoked',
  'credential.expired': 'webhooks.events.expired',
  'compliance.threshold_crossed': 'webhooks.events.threshold',
  'webhook.test': 'webhooks.events.test',
};

export const DELIVERY_LOOK: Record<WebhookDeliveryStatus, { label: TranslationKey; tone: string }> = {
  pending: { label: 'webhooks.status.pending', tone: 'info' },
  succeeded: { label: 'webhooks.status.succeeded', tone: 'success' },
  failed: { label: 'webhooks.status.failed', tone: 'error' },
};
