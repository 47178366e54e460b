import type { WebhookDeliveredEventType, WebhookDeliveryStatus, WebhookEventType } from '@brevet/contracts';
import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An HTTPS endpoint an HR admin registered. The secret is kept only encrypted (webhook-secret.util.ts). */
@Entity({ name: 'webhook_endpoint' })
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description!: string;

  @Column({ type: 'varchar', array: true, length: 60 })
  events!: WebhookEventType[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'compliance_threshold_percent', type: 'numeric', precision: 5, scale: 2, nullable: true })
  complianceThresholdPercent!: string | null;

  /** AES-256-GCM, bound to the endpoint's ID: `v1.<iv>.<tag>.<ciphertext>`. */
  @Column({ name: 'secret_encrypted', type: 'text' })
  secretEncrypted!: string;

  @Column({ name: 'secret_hint', type: 'varchar', length: 8 })
  secretHint!: string;

  @Column({ name: 'secret_rotated_at', type: 'timestamptz' })
  secretRotatedAt!: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * Something that happened, with the data its deliveries send (taken when it happened, so a retry or a redelivery
 * sends the same body). `dedupeKey` makes detected events (expiry, threshold crossing) happen once.
 */
@Entity({ name: 'webhook_event' })
@Index('uq_webhook_event_dedupe', ['dedupeKey'], { unique: true })
export class WebhookEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 60 })
  type!: WebhookDeliveredEventType;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, nullable: true })
  dedupeKey!: string | null;

  /** Set for events meant for one endpoint only (a test event, that endpoint's threshold crossing). */
  @Column({ name: 'endpoint_id', type: 'uuid', nullable: true })
  endpointId!: string | null;

  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}

/** One event sent to one endpoint, with as many attempts as it takes (or the cap). */
@Entity({ name: 'webhook_delivery' })
@Check('ck_webhook_delivery_status', `"status" IN ('pending', 'succeeded', 'failed')`)
@Index('ix_webhook_delivery_endpoint_created', ['endpointId', 'createdAt'])
@Index('ix_webhook_delivery_event', ['eventId'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'redelivery_of', type: 'uuid', nullable: true })
  redeliveryOf!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}

/** The log of one attempt: what came back, or why nothing did. */
@Entity({ name: 'webhook_delivery_attempt' })
export class WebhookDeliveryAttemptEntity {
  @PrimaryColumn({ name: 'delivery_id', type: 'uuid' })
  deliveryId!: string;

  @PrimaryColumn({ type: 'integer' })
  attempt!: number;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ name: 'status_code', type: 'integer', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error!: string | null;

  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;
}

/** Whether a branch was below an endpoint's compliance threshold at the last check (for crossing detection). */
@Entity({ name: 'webhook_threshold_state' })
export class WebhookThresholdStateEntity {
  @PrimaryColumn({ name: 'endpoint_id', type: 'uuid' })
  endpointId!: string;

  @PrimaryColumn({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @Column({ type: 'boolean' })
  below!: boolean;

  @Column({ name: 'checked_at', type: 'timestamptz' })
  checkedAt!: Date;
}
