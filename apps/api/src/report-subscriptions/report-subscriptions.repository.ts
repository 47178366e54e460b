import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { ReportRunStatus } from '@brevet/contracts';
import { ReportSubscriptionEntity, ReportSubscriptionRunEntity } from './report-subscription.entity';

export interface SubscriptionRow extends ReportSubscriptionEntity {
  subscriberName: string;
  subscriberEmail: string | null;
  lastSlotAt: Date | null;
  lastStatus: ReportRunStatus | null;
  lastDetail: string | null;
}

@Injectable()
export class ReportSubscriptionsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get subscriptions() {
    return this.txHost.tx.getRepository(ReportSubscriptionEntity);
  }

  private get runs() {
    return this.txHost.tx.getRepository(ReportSubscriptionRunEntity);
  }

  /** A page of subscriptions, newest first: one person's (`userId`), or everyone's (null). */
  async findPage(
    userId: string | null,
    page: number,
    pageSize: number,
  ): Promise<{ rows: SubscriptionRow[]; total: number }> {
    const where = userId === null ? '' : 'WHERE s.user_id = $1';
    const params: unknown[] = userId === null ? [] : [userId];
    const [{ total }]: Array<{ total: number }> = await this.txHost.tx.query(
      `SELECT count(*)::int AS total FROM report_subscription s ${where}`,
      params,
    );
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `${this.selectSql()} ${where}
        ORDER BY s.created_at DESC, s.id DESC
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { total, rows: rows.map(toRow) };
  }

  /** One subscription: any (`userId` null) or only that person's. */
  async findOne(id: string, userId: string | null): Promise<SubscriptionRow | null> {
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `${this.selectSql()} WHERE s.id = $1 ${userId === null ? '' : 'AND s.user_id = $2'}`,
      userId === null ? [id] : [id, userId],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  private selectSql(): string {
    return `SELECT s.*, u.display_name AS subscriber_name, u.email AS subscriber_email,
                   r.slot_at AS last_slot_at, r.status AS last_status, r.detail AS last_detail
              FROM report_subscription s
              JOIN user_account u ON u.id = s.user_id
              LEFT JOIN LATERAL (
                SELECT slot_at, status, detail FROM report_subscription_run
                 WHERE subscription_id = s.id ORDER BY slot_at DESC LIMIT 1
              ) r ON true`;
  }

  async insert(row: Omit<ReportSubscriptionEntity, 'id'>): Promise<string> {
    const result = await this.subscriptions.insert(row);
    return (result.identifiers[0] as { id: string }).id;
  }

  async update(id: string, patch: Partial<ReportSubscriptionEntity>): Promise<void> {
    await this.subscriptions.update({ id }, patch);
  }

  async delete(id: string): Promise<void> {
    await this.runs.delete({ subscriptionId: id });
    await this.subscriptions.delete({ id });
  }

  async findEntity(id: string): Promise<ReportSubscriptionEntity | null> {
    return this.subscriptions.findOne({ where: { id } });
  }

  /** Active subscriptions whose next slot has come. */
  async due(now: Date, limit: number): Promise<ReportSubscriptionEntity[]> {
    return this.subscriptions
      .createQueryBuilder('s')
      .where('s.paused = false')
      .andWhere('s.next_run_at <= :now', { now })
      .orderBy('s.next_run_at')
      .limit(limit)
      .getMany();
  }

  /** Claims a slot; false when it was claimed before (by another process, or an earlier check). */
  async claimRun(subscriptionId: string, slotAt: Date, now: Date): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      `INSERT INTO report_subscription_run (subscription_id, slot_at, status, claimed_at)
       VALUES ($1, $2, 'running', $3)
       ON CONFLICT (subscription_id, slot_at) DO NOTHING
       RETURNING subscription_id`,
      [subscriptionId, slotAt, now],
    );
    return rows.length > 0;
  }

  async findRun(subscriptionId: string, slotAt: Date): Promise<ReportSubscriptionRunEntity | null> {
    return this.runs.findOne({ where: { subscriptionId, slotAt } });
  }

  async updateRun(
    subscriptionId: string,
    slotAt: Date,
    patch: Partial<ReportSubscriptionRunEntity>,
  ): Promise<void> {
    await this.runs.update({ subscriptionId, slotAt }, patch);
  }

  /**
   * The time zone a subscriber's reports default to: their own branch's, else the first branch they manage (or
   * the first branch of a region they manage), else null.
   */
  async defaultTimeZone(userId: string): Promise<string | null> {
    const rows: Array<{ tz: string | null }> = await this.txHost.tx.query(
      `SELECT coalesce(
         (SELECT b.timezone FROM user_account u JOIN staff st ON st.id = u.staff_id JOIN branch b ON b.id = st.branch_id
           WHERE u.id = $1),
         (SELECT b.timezone FROM user_role_grant g JOIN branch b ON b.id = g.branch_id
           WHERE g.user_id = $1 ORDER BY b.code LIMIT 1),
         (SELECT b.timezone FROM user_role_grant g JOIN branch b ON b.region_id = g.region_id
           WHERE g.user_id = $1 ORDER BY b.code LIMIT 1)
       ) AS tz`,
      [userId],
    );
    return rows[0]?.tz ?? null;
  }
}

function toRow(r: Record<string, unknown>): SubscriptionRow {
  return {
    id: r['id'] as string,
    userId: r['user_id'] as string,
    kind: r['kind'] as SubscriptionRow['kind'],
    format: r['format'] as SubscriptionRow['format'],
    filters: (r['filters'] as SubscriptionRow['filters']) ?? {},
    language: (r['language'] as SubscriptionRow['language']) ?? null,
    every: r['every'] as SubscriptionRow['every'],
    weekday: (r['weekday'] as number | null) ?? null,
    dayOfMonth: (r['day_of_month'] as number | null) ?? null,
    time: r['time'] as string,
    timeZone: r['time_zone'] as string,
    paused: r['paused'] as boolean,
    nextRunAt: (r['next_run_at'] as Date | null) ?? null,
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
    subscriberName: r['subscriber_name'] as string,
    subscriberEmail: (r['subscriber_email'] as string | null) ?? null,
    lastSlotAt: (r['last_slot_at'] as Date | null) ?? null,
    lastStatus: (r['last_status'] as ReportRunStatus | null) ?? null,
    lastDetail: (r['last_detail'] as string | null) ?? null,
  };
}
