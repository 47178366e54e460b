import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { ComplianceTrendGranularity } from '@brevet/contracts';
import type { AccessScope } from '../auth/actor';
import { branchScopeSql } from '../database/scope.util';
import type { CountsRow } from './compliance.repository';
import { snapshotCountsSql } from './compliance-snapshot.sql';

export interface TrendQuery {
  scope: AccessScope;
  from: string;
  to: string;
  granularity: ComplianceTrendGranularity;
  regionId?: string;
  branchId?: string;
  definitionId?: string;
  country?: string;
}

export interface TrendRow {
  day: string;
  counts: CountsRow;
}

const COLUMNS = 'total, compliant, expiring, expired, missing_overdue, missing_in_grace, exempt';

/**
 * The stored daily compliance counts (compliance_snapshot): written by the snapshot job and the demo backfill
 * with the engine's as-of evaluation (compliance-snapshot.sql.ts), read by the trends API within the viewer's
 * scope.
 */
@Injectable()
export class ComplianceSnapshotRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * Recomputes the days `from`…`to` (inclusive) in one statement and replaces what was stored for them. Must run
   * inside a transaction. Returns the number of (day, branch, credential) rows stored.
   */
  async replaceDays(from: string, to: string, options: { everyDay?: boolean } = {}): Promise<number> {
    const tx = this.txHost.tx;
    await tx.query(`DELETE FROM compliance_snapshot WHERE day BETWEEN $1::date AND $2::date`, [from, to]);
    const inserted: Array<{ n: number }> = await this.withPlannerGuard(() =>
      tx.query(
        `WITH stored AS (
           INSERT INTO compliance_snapshot (day, branch_id, definition_id, ${COLUMNS})
           ${snapshotCountsSql({ from: '$1', to: '$2', everyDay: options.everyDay })}
           RETURNING 1
         )
         SELECT count(*)::int AS n FROM stored`,
        [from, to],
      ),
    );
    await tx.query(
      `INSERT INTO compliance_snapshot_day (day, computed_at)
       SELECT d::date, now() FROM generate_series($1::date, $2::date, interval '1 day') AS d
       ON CONFLICT (day) DO UPDATE SET computed_at = excluded.computed_at`,
      [from, to],
    );
    return inserted[0].n;
  }

  /** The counts the engine gives for `from`…`to` without storing them (tests compare evaluation modes). */
  async computeDays(
    from: string,
    to: string,
    options: { everyDay?: boolean } = {},
  ): Promise<Array<{ day: string; branchId: string; definitionId: string; counts: CountsRow }>> {
    return this.txHost.withTransaction(async () => {
      const rows: Array<Record<string, unknown>> = await this.withPlannerGuard(() =>
        this.txHost.tx.query(
          `SELECT x.day::text AS day, x.branch_id, x.definition_id, ${COLUMNS}
             FROM (${snapshotCountsSql({ from: '$1', to: '$2', everyDay: options.everyDay })}) x
            ORDER BY x.day, x.branch_id, x.definition_id`,
          [from, to],
        ),
      );
      return rows.map((r) => ({
        day: r['day'] as string,
        branchId: r['branch_id'] as string,
        definitionId: r['definition_id'] as string,
        counts: toCounts(r),
      }));
    });
  }

  /**
   * Runs `statement` with nested loops and JIT off, then restores both; inside a transaction. The engine's CTEs
   * give the planner poor row estimates, a nested loop over them is quadratic, and compiling this large
   * statement costs more than it saves.
   */
  private async withPlannerGuard<T>(statement: () => Promise<T>): Promise<T> {
    const tx = this.txHost.tx;
    const before: Array<{ nestloop: string; jit: string }> = await tx.query(
      `SELECT current_setting('enable_nestloop') AS nestloop, current_setting('jit') AS jit,
              set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true)`,
    );
    const result = await statement();
    await tx.query(`SELECT set_config('enable_nestloop', $1, true), set_config('jit', $2, true)`, [
      before[0].nestloop,
      before[0].jit,
    ]);
    return result;
  }

  /** The last day with a computed snapshot, or null. */
  async lastDay(): Promise<string | null> {
    const rows: Array<{ day: string | null }> = await this.txHost.tx.query(
      `SELECT max(day)::text AS day FROM compliance_snapshot_day`,
    );
    return rows[0]?.day ?? null;
  }

  /**
   * The series for a range: one point per computed day (`day`), or per ISO week its last computed day (`week`),
   * with the counts summed over the branches in scope and the filters. A computed day with nothing in view has
   * zero counts; a day never computed has no point.
   */
  async trend(query: TrendQuery): Promise<TrendRow[]> {
    const params: unknown[] = [query.from, query.to];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = ['s.day IN (SELECT day FROM points)'];
    const inScope = branchScopeSql(query.scope, 's.branch_id', param);
    if (inScope) where.push(inScope);
    if (query.branchId) where.push(`s.branch_id = ${param(query.branchId)}::uuid`);
    if (query.definitionId) where.push(`s.definition_id = ${param(query.definitionId)}::uuid`);
    if (query.country) where.push(`b.country = ${param(query.country)}`);
    if (query.regionId) where.push(`b.region_id IN (SELECT id FROM region_down)`);
    const regionCte = query.regionId
      ? `region_down(id) AS (
           SELECT id FROM region WHERE id = ${param(query.regionId)}::uuid
           UNION SELECT r.id FROM region r JOIN region_down d ON r.parent_id = d.id
         ),`
      : '';
    const points =
      query.granularity === 'week'
        ? `SELECT max(day) AS day FROM compliance_snapshot_day
            WHERE day BETWEEN $1::date AND $2::date GROUP BY date_trunc('week', day)`
        : `SELECT day FROM compliance_snapshot_day WHERE day BETWEEN $1::date AND $2::date`;
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE ${regionCte}
       points AS MATERIALIZED (${points}),
       sums AS (
         SELECT s.day, sum(s.total) AS total, sum(s.compliant) AS compliant, sum(s.expiring) AS expiring,
                sum(s.expired) AS expired, sum(s.missing_overdue) AS missing_overdue,
                sum(s.missing_in_grace) AS missing_in_grace, sum(s.exempt) AS exempt
           FROM compliance_snapshot s
           JOIN branch b ON b.id = s.branch_id
          WHERE ${where.join(' AND ')}
          GROUP BY s.day
       )
       SELECT p.day::text AS day, ${COLUMNS.split(', ')
         .map((c) => `COALESCE(x.${c}, 0)::int AS ${c}`)
         .join(', ')}
         FROM points p LEFT JOIN sums x ON x.day = p.day
        ORDER BY p.day`,
      params,
    );
    return rows.map((r) => ({ day: r['day'] as string, counts: toCounts(r) }));
  }
}

function toCounts(r: Record<string, unknown>): CountsRow {
  return {
    total: Number(r['total']),
    compliant: Number(r['compliant']),
    expiring: Number(r['expiring']),
    expired: Number(r['expired']),
    missingOverdue: Number(r['missing_overdue']),
    missingInGrace: Number(r['missing_in_grace']),
    exempt: Number(r['exempt']),
  };
}
