import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { WebhookDeliveredEventType, WebhookDeliveryStatus, WebhookEventType } from '@brevet/contracts';
import {
  WebhookDeliveryAttemptEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
  WebhookEventEntity,
  WebhookThresholdStateEntity,
} from './webhook.entity';

export interface EndpointRow extends WebhookEndpointEntity {
  lastStatus: WebhookDeliveryStatus | null;
  lastAt: Date | null;
  lastStatusCode: number | null;
}

/** A delivery with what sending it needs. */
export interface DeliveryToSend {
  delivery: WebhookDeliveryEntity;
  event: WebhookEventEntity;
  endpoint: WebhookEndpointEntity;
}

export interface DeliveryRow extends WebhookDeliveryEntity {
  eventType: WebhookDeliveredEventType;
  eventData: Record<string, unknown>;
  occurredAt: Date;
  attemptLog: WebhookDeliveryAttemptEntity[];
}

export interface BranchComplianceRow {
  branchId: string;
  branchCode: string;
  branchName: string;
  total: number;
  compliant: number;
  expiring: number;
  expired: number;
  missingOverdue: number;
  missingInGrace: number;
  exempt: number;
}

/** The JSON an award event carries: IDs, codes and days, taken from the award when the event happens. */
const AWARD_EVENT_DATA = `jsonb_build_object(
    'award', jsonb_build_object('id', a.id, 'status', a.status, 'issuedOn', a.issued_on::text,
                                'validUntil', a.valid_until::text),
    'credential', jsonb_build_object('id', d.id, 'code', d.code),
    'staff', jsonb_build_object('id', s.id, 'employeeNumber', s.employee_number),
    'branch', jsonb_build_object('id', b.id, 'code', b.code))`;

@Injectable()
export class WebhooksRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get endpoints() {
    return this.txHost.tx.getRepository(WebhookEndpointEntity);
  }

  private get deliveries() {
    return this.txHost.tx.getRepository(WebhookDeliveryEntity);
  }

  /** Every endpoint, oldest first, with its newest delivery's outcome. */
  async listEndpoints(): Promise<EndpointRow[]> {
    return this.queryEndpoints('', []);
  }

  async findEndpoint(id: string): Promise<EndpointRow | null> {
    const rows = await this.queryEndpoints('WHERE p.id = $1', [id]);
    return rows[0] ?? null;
  }

  private async queryEndpoints(where: string, params: unknown[]): Promise<EndpointRow[]> {
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT p.*, l.status AS last_status, l.at AS last_at, l.status_code AS last_status_code
         FROM webhook_endpoint p
         LEFT JOIN LATERAL (
           SELECT d.status, coalesce(d.completed_at, d.created_at) AS at,
                  (SELECT t.status_code FROM webhook_delivery_attempt t WHERE t.delivery_id = d.id
                    ORDER BY t.attempt DESC LIMIT 1) AS status_code
             FROM webhook_delivery d WHERE d.endpoint_id = p.id ORDER BY d.created_at DESC LIMIT 1
         ) l ON true
         ${where}
        ORDER BY p.created_at, p.id`,
      params,
    );
    return rows.map((r) => ({
      id: r['id'] as string,
      url: r['url'] as string,
      description: r['description'] as string,
      events: r['events'] as WebhookEventType[],
      enabled: r['enabled'] as boolean,
      complianceThresholdPercent: r['compliance_threshold_percent'] as string | null,
      secretEncrypted: r['secret_encrypted'] as string,
      secretHint: r['secret_hint'] as string,
      secretRotatedAt: r['secret_rotated_at'] as Date,
      createdAt: r['created_at'] as Date,
      updatedAt: r['updated_at'] as Date,
      lastStatus: (r['last_status'] as WebhookDeliveryStatus | null) ?? null,
      lastAt: (r['last_at'] as Date | null) ?? null,
      lastStatusCode: (r['last_status_code'] as number | null) ?? null,
    }));
  }

  async insertEndpoint(row: WebhookEndpointEntity): Promise<void> {
    await this.endpoints.insert(row);
  }

  async updateEndpoint(id: string, patch: Partial<WebhookEndpointEntity>): Promise<void> {
    await this.endpoints.update({ id }, patch);
  }

  /** Deletes an endpoint with its deliveries, their attempts and its threshold states. */
  async deleteEndpoint(id: string): Promise<void> {
    await this.txHost.tx.query(
      `DELETE FROM webhook_delivery_attempt WHERE delivery_id IN (SELECT id FROM webhook_delivery WHERE endpoint_id = $1)`,
      [id],
    );
    await this.txHost.tx.query(`DELETE FROM webhook_delivery WHERE endpoint_id = $1`, [id]);
    await this.txHost.tx.query(`DELETE FROM webhook_threshold_state WHERE endpoint_id = $1`, [id]);
    await this.endpoints.delete({ id });
  }

  /** Whether any enabled endpoint subscribes to `type` (events nobody listens to are not written). */
  async hasSubscriber(type: WebhookEventType): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      `SELECT 1 FROM webhook_endpoint WHERE enabled AND $1 = ANY(events) LIMIT 1`,
      [type],
    );
    return rows.length > 0;
  }

  /** One event per award (at most once per type and award, ever); returns the IDs of events that are new. */
  async insertAwardEvents(type: WebhookEventType, awardIds: readonly string[], at: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.txHost.tx.query(
      `INSERT INTO webhook_event (type, dedupe_key, endpoint_id, data, occurred_at)
       SELECT $1::varchar, $1::varchar || ':' || a.id, NULL::uuid, ${AWARD_EVENT_DATA}, $3::timestamptz
         FROM award a
         JOIN credential_definition d ON d.id = a.definition_id
         JOIN staff s ON s.id = a.staff_id
         JOIN branch b ON b.id = s.branch_id
        WHERE a.id = ANY($2::uuid[])
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [type, awardIds, at],
    );
    return rows.map((r) => r.id);
  }

  /**
   * `credential.expired` for active awards whose last valid day is before today in their branch's zone and at
   * most `lookbackDays` ago (so a new subscriber does not receive years of history at once).
   */
  async insertExpiredEvents(now: Date, lookbackDays: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.txHost.tx.query(
      `INSERT INTO webhook_event (type, dedupe_key, endpoint_id, data, occurred_at)
       SELECT 'credential.expired', 'credential.expired:' || a.id, NULL,
              ${AWARD_EVENT_DATA} || jsonb_build_object('expiredOn', (a.valid_until + 1)::text), $1
         FROM award a
         JOIN credential_definition d ON d.id = a.definition_id
         JOIN staff s ON s.id = a.staff_id
         JOIN branch b ON b.id = s.branch_id
        WHERE a.status = 'active' AND a.valid_until IS NOT NULL
          AND a.valid_until < ($1::timestamptz AT TIME ZONE b.timezone)::date
          AND a.valid_until >= ($1::timestamptz AT TIME ZONE b.timezone)::date - $2::int
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [now, lookbackDays],
    );
    return rows.map((r) => r.id);
  }

  async insertEvent(row: Omit<WebhookEventEntity, 'id'>): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.txHost.tx.query(
      `INSERT INTO webhook_event (type, dedupe_key, endpoint_id, data, occurred_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [row.type, row.dedupeKey, row.endpointId, JSON.stringify(row.data), row.occurredAt],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * A delivery of each event to each enabled endpoint that subscribes to its type (or, for an event meant for
   * one endpoint, to that endpoint). Returns the new deliveries' IDs.
   */
  async createDeliveries(eventIds: readonly string[], at: Date): Promise<string[]> {
    if (eventIds.length === 0) return [];
    const rows: Array<{ id: string }> = await this.txHost.tx.query(
      `INSERT INTO webhook_delivery (endpoint_id, event_id, status, attempts, created_at)
       SELECT p.id, e.id, 'pending', 0, $2
         FROM webhook_event e
         JOIN webhook_endpoint p
           ON p.enabled AND (e.endpoint_id = p.id OR (e.endpoint_id IS NULL AND e.type = ANY(p.events)))
        WHERE e.id = ANY($1::uuid[])
        ORDER BY e.occurred_at, e.id
       RETURNING id`,
      [eventIds, at],
    );
    return rows.map((r) => r.id);
  }

  async insertDelivery(row: Omit<WebhookDeliveryEntity, 'id'>): Promise<string> {
    const result = await this.deliveries.insert(row);
    return (result.identifiers[0] as { id: string }).id;
  }

  async findToSend(deliveryId: string): Promise<DeliveryToSend | null> {
    const delivery = await this.deliveries.findOne({ where: { id: deliveryId } });
    if (!delivery) return null;
    const event = await this.txHost.tx
      .getRepository(WebhookEventEntity)
      .findOne({ where: { id: delivery.eventId } });
    const endpoint = await this.endpoints.findOne({ where: { id: delivery.endpointId } });
    return event && endpoint ? { delivery, event, endpoint } : null;
  }

  /** Locks the delivery for recording an attempt; null when it is gone. */
  async lockDelivery(id: string): Promise<WebhookDeliveryEntity | null> {
    return this.deliveries.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insertAttempt(row: WebhookDeliveryAttemptEntity): Promise<void> {
    await this.txHost.tx.getRepository(WebhookDeliveryAttemptEntity).insert(row);
  }

  async updateDelivery(id: string, patch: Partial<WebhookDeliveryEntity>): Promise<void> {
    await this.deliveries.update({ id }, patch);
  }

  async findDelivery(endpointId: string, id: string): Promise<WebhookDeliveryEntity | null> {
    return this.deliveries.findOne({ where: { id, endpointId } });
  }

  /** One endpoint's deliveries, newest first, each with its event and every attempt. */
  async deliveryPage(
    endpointId: string,
    page: number,
    pageSize: number,
  ): Promise<{ rows: DeliveryRow[]; total: number }> {
    const [{ total }]: Array<{ total: number }> = await this.txHost.tx.query(
      `SELECT count(*)::int AS total FROM webhook_delivery WHERE endpoint_id = $1`,
      [endpointId],
    );
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT d.*, e.type AS event_type, e.data AS event_data, e.occurred_at,
              coalesce((SELECT jsonb_agg(jsonb_build_object('attempt', t.attempt, 'at', t.at, 'durationMs', t.duration_ms,
                         'statusCode', t.status_code, 'error', t.error, 'responseBody', t.response_body)
                         ORDER BY t.attempt)
                          FROM webhook_delivery_attempt t WHERE t.delivery_id = d.id), '[]'::jsonb) AS attempt_log
         FROM webhook_delivery d JOIN webhook_event e ON e.id = d.event_id
        WHERE d.endpoint_id = $1
        ORDER BY d.created_at DESC, d.id DESC
        LIMIT $2 OFFSET $3`,
      [endpointId, pageSize, (page - 1) * pageSize],
    );
    return {
      total,
      rows: rows.map((r) => ({
        id: r['id'] as string,
        endpointId: r['endpoint_id'] as string,
        eventId: r['event_id'] as string,
        status: r['status'] as WebhookDeliveryStatus,
        attempts: r['attempts'] as number,
        nextAttemptAt: (r['next_attempt_at'] as Date | null) ?? null,
        redeliveryOf: (r['redelivery_of'] as string | null) ?? null,
        createdAt: r['created_at'] as Date,
        completedAt: (r['completed_at'] as Date | null) ?? null,
        eventType: r['event_type'] as WebhookDeliveredEventType,
        eventData: r['event_data'] as Record<string, unknown>,
        occurredAt: r['occurred_at'] as Date,
        attemptLog: (r['attempt_log'] as Array<Record<string, unknown>>).map((t) => ({
          deliveryId: r['id'] as string,
          attempt: t['attempt'] as number,
          at: new Date(t['at'] as string),
          durationMs: t['durationMs'] as number,
          statusCode: (t['statusCode'] as number | null) ?? null,
          error: (t['error'] as string | null) ?? null,
          responseBody: (t['responseBody'] as string | null) ?? null,
        })),
      })),
    };
  }

  /** Enabled endpoints that watch branch compliance against a threshold. */
  async thresholdEndpoints(): Promise<WebhookEndpointEntity[]> {
    return this.endpoints
      .createQueryBuilder('p')
      .where('p.enabled')
      .andWhere(`'compliance.threshold_crossed' = ANY(p.events)`)
      .andWhere('p.compliance_threshold_percent IS NOT NULL')
      .orderBy('p.created_at')
      .getMany();
  }

  /** Each active branch's stored compliance counts (compliance_branch_total). */
  async branchCompliance(): Promise<BranchComplianceRow[]> {
    return this.txHost.tx.query(
      `SELECT b.id AS "branchId", b.code AS "branchCode", b.name AS "branchName", t.total, t.compliant,
              t.expiring, t.expired, t.missing_overdue AS "missingOverdue", t.missing_in_grace AS "missingInGrace",
              t.exempt
         FROM compliance_branch_total t JOIN branch b ON b.id = t.branch_id
        WHERE b.status = 'active'
        ORDER BY b.code`,
    );
  }

  async thresholdStates(endpointId: string): Promise<Map<string, boolean>> {
    const rows = await this.txHost.tx
      .getRepository(WebhookThresholdStateEntity)
      .find({ where: { endpointId } });
    return new Map(rows.map((r) => [r.branchId, r.below]));
  }

  async saveThresholdState(row: WebhookThresholdStateEntity): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO webhook_threshold_state (endpoint_id, branch_id, below, checked_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (endpoint_id, branch_id) DO UPDATE SET below = excluded.below, checked_at = excluded.checked_at`,
      [row.endpointId, row.branchId, row.below, row.checkedAt],
    );
  }
}
