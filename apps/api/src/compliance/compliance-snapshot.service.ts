import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { COMPLIANCE_TREND_MAX_DAYS, type ComplianceTrend } from '@brevet/contracts';
import { addDays, daysBetween } from '@brevet/domain';
import type { AccessScope } from '../auth/actor';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/domain.exception';
import { latestSlot } from '../jobs/job-schedule';
import { COMPLIANCE_SNAPSHOT_SCHEDULE, snapshotDayOf } from '../jobs/recurring-jobs';
import type { ComplianceTrendQueryDto } from './compliance-trends.dto';
import { mapTrend } from './compliance-trends.mapper';
import { ComplianceSnapshotRepository } from './compliance-snapshot.repository';

/** How many missed days a snapshot run fills in at most (after a longer outage the older days stay a gap). */
export const SNAPSHOT_CATCH_UP_DAYS = 30;

/** How many days of history the demo backfill computes: a year, ending with the last finished day. */
export const DEMO_BACKFILL_DAYS = 365;

/** The range a trend covers when the request names no `from`: a year. */
export const DEFAULT_TREND_DAYS = 365;

/**
 * Compliance over time: the daily snapshot (what the snapshot job runs), the demo backfill, and the trend series
 * the API serves within the viewer's scope. Snapshots are the engine evaluated as of each day
 * (compliance-snapshot.sql.ts); docs/compliance.md ("Trends") explains the choices.
 */
@Injectable()
export class ComplianceSnapshotService {
  private readonly logger = new Logger(ComplianceSnapshotService.name);

  constructor(
    private readonly snapshots: ComplianceSnapshotRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores the counts through `through`: that day, the day before it (it may have ended after the last run in
   * zones far west), and any days missed since the last stored day, at most SNAPSHOT_CATCH_UP_DAYS back.
   */
  async snapshotThrough(through: string): Promise<{ from: string; to: string; rows: number }> {
    return this.txHost.withTransaction(async () => {
      const last = await this.snapshots.lastDay();
      const from =
        last === null
          ? through
          : maxDay(addDays(through, -SNAPSHOT_CATCH_UP_DAYS), minDay(last, addDays(through, -1)));
      const rows = await this.snapshots.replaceDays(from, through);
      this.logger.log(`compliance snapshot ${from} … ${through}: ${rows} row(s)`);
      return { from, to: through, rows };
    });
  }

  /**
   * Computes and stores every day from `from` to `to` from the dates in the data (in the current transaction, or
   * a new one). The demo seed calls it for a year.
   */
  async backfill(from: string, to: string): Promise<number> {
    return this.txHost.withTransaction(() => this.snapshots.replaceDays(from, to));
  }

  /** The demo's year of history, ending with the day the next snapshot run would store. */
  async backfillDemo(): Promise<{ from: string; to: string; rows: number }> {
    const to = this.lastFinishedDay();
    const from = addDays(to, -(DEMO_BACKFILL_DAYS - 1));
    const started = Date.now();
    const rows = await this.backfill(from, to);
    this.logger.log(`compliance history ${from} … ${to}: ${rows} row(s) in ${Date.now() - started} ms`);
    return { from, to, rows };
  }

  async trend(request: ComplianceTrendQueryDto, scope: AccessScope): Promise<ComplianceTrend> {
    const latestDay = await this.snapshots.lastDay();
    const to = request.to ?? latestDay ?? this.lastFinishedDay();
    const from = request.from ?? addDays(to, -(DEFAULT_TREND_DAYS - 1));
    if (from > to) throw new ValidationFailedException([{ field: 'from', message: 'must not be after to' }]);
    if (daysBetween(from, to) + 1 > COMPLIANCE_TREND_MAX_DAYS) {
      throw new ValidationFailedException([
        { field: 'from', message: `must be at most ${COMPLIANCE_TREND_MAX_DAYS} days before to` },
      ]);
    }
    const granularity = request.granularity ?? 'day';
    const rows = await this.snapshots.trend({
      scope,
      from,
      to,
      granularity,
      regionId: request.regionId,
      branchId: request.branchId,
      definitionId: request.definitionId,
      country: request.country,
    });
    return mapTrend(rows, { from, to, granularity, latestDay });
  }

  /** The day the latest snapshot slot stores: the last day that is over. */
  private lastFinishedDay(): string {
    return snapshotDayOf(latestSlot(COMPLIANCE_SNAPSHOT_SCHEDULE, this.clock.now()));
  }
}

const minDay = (a: string, b: string) => (a < b ? a : b);
const maxDay = (a: string, b: string) => (a > b ? a : b);
