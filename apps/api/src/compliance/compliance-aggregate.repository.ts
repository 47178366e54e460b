import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { ComplianceStatus, LocalizedText } from '@brevet/contracts';
import type { RowStatement } from '../database/row-statement';
import { branchScopeSql } from '../database/scope.util';
import {
  awardShownOn,
  branchToday,
  cellHoldsOn,
  COUNT_BRANCH_TOTALS,
  countUncountedCellsSql,
  DELETE_UNCOUNTED_ROLE_CELLS,
  deleteRequirementsSql,
  insertRequirementsSql,
  insertUncountedRoleCellsSql,
  liveOn,
  markOutdatedCellsSql,
  statusOn,
} from './compliance-aggregate.sql';
import {
  COUNT_COLUMNS,
  CREDENTIAL_TITLE,
  RULE_COLUMNS,
  SHARED_CTES,
  SUMMED_COUNTS_JSON,
} from './compliance-evaluation.sql';
import {
  ComplianceRepository,
  MATRIX_SORT_SQL,
  Params,
  REQUIREMENT_SORT_SQL,
  toMatrixCellRow,
  toRequirementRow,
  type ComplianceFilterQuery,
  type MatrixCellRow,
  type RequirementExportRow,
  type MatrixPageQuery,
  type MatrixRows,
  type RequirementPageQuery,
  type AreaRows,
  type CountsRow,
  type RequirementRow,
  type SummaryRows,
} from './compliance.repository';

/** `view_branches`: the branches matching `where` (over `b`) with their day at `now`. */
function viewBranchesCte(now: string, where: string): string {
  return `view_branches AS MATERIALIZED (
         SELECT b.id AS branch_id, ${branchToday(now)} AS today FROM branch b WHERE ${where}
       )`;
}

/** The status counts of relation `r` as a JSON array, in the order `countsFrom` reads. */
const countArray = (r: string) =>
  `${r}.total, ${r}.compliant, ${r}.expiring, ${r}.expired, ${r}.missing_overdue, ${r}.missing_in_grace, ${r}.exempt`;

function countsFrom([
  total,
  compliant,
  expiring,
  expired,
  missingOverdue,
  missingInGrace,
  exempt,
]: number[]): CountsRow {
  return { total, compliant, expiring, expired, missingOverdue, missingInGrace, exempt };
}

/**
 * `x`: the requirement rows of the branches in `view_branches` that are live on the branch's day, with the
 * status, award and exemption the drill-down shows on that day; `rowWhere` (over `r`) narrows them.
 */
function requirementsInViewCte(rowWhere: string): string {
  return `x AS (
         SELECT r.staff_id, r.branch_id, r.definition_id, v.today, r.due_on, r.warning_days,
                CASE WHEN k.shown THEN r.award_id END AS award_id,
                CASE WHEN k.shown THEN r.issued_on END AS issued_on,
                CASE WHEN k.shown THEN r.valid_until END AS valid_until,
                CASE WHEN k.exempt THEN r.exemption_id END AS exemption_id,
                CASE WHEN k.exempt THEN r.exempt_until END AS exempt_until,
                ${statusOn('r', 'v.today')} AS status
           FROM view_branches v JOIN compliance_requirement r ON r.branch_id = v.branch_id
          CROSS JOIN LATERAL (
            SELECT ${awardShownOn('r', 'v.today')} AS shown, r.exempt_until >= v.today AS exempt
          ) k
          WHERE ${liveOn('r', 'v.today')} AND ${rowWhere}
       )`;
}

/** SHARED_CTES (the region tree) when the query needs `branch_area` (a region filter), with a trailing comma. */
const sharedCtes = (query: ComplianceFilterQuery): string => (query.regionId ? `${SHARED_CTES},` : '');

/** More people than this marked in one catch-up: rebuild everything instead (one pass is cheaper). */
const REBUILD_ALL_ABOVE = 25_000;

export interface CatchUpStats {
  /** 'all', or the number of people and credentials whose requirements were rebuilt. */
  rebuilt: 'all' | { staff: number; definitions: number };
  cellsCounted: number;
}

/**
 * The compliance answers for the current organisation, read from the materialised aggregates
 * (compliance-aggregate.entity.ts) instead of evaluating everyone per question: summary, matrix and drill-down,
 * with the same filters, scope and results as ComplianceRepository's evaluation (docs/compliance.md,
 * "Materialised aggregates"). Callers first call `catchUp` (in a transaction) when `needsCatchUp` says so.
 *
 * Reads are exact on their own too: a cell that does not hold on its branch's day (counted for another day, or
 * marked for recounting) is counted from its requirement rows in the same statement.
 */
@Injectable()
export class ComplianceAggregateRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly engine: ComplianceRepository,
  ) {}

  /** Whether changes are waiting, or (with `cells`) a cell in view no longer holds on its branch's day at `now`. */
  async needsCatchUp(now: Date, cells: boolean): Promise<boolean> {
    // A branch's total holds exactly when all its cells do (catch-up counts both together), unless a catch-up
    // without `cells` left cells marked for recounting.
    const rows: Array<{ pending: boolean }> = await this.txHost.tx.query(
      cells
        ? `WITH ${viewBranchesCte('$1', 'true')}
           SELECT EXISTS (SELECT 1 FROM compliance_dirty)
               OR EXISTS (SELECT 1 FROM compliance_cell WHERE counted_on IS NULL)
               OR EXISTS (SELECT 1 FROM compliance_branch_total t JOIN view_branches v ON v.branch_id = t.branch_id
                           WHERE NOT ${cellHoldsOn('t', 'v.today')}) AS pending`
        : `SELECT EXISTS (SELECT 1 FROM compliance_dirty) AS pending`,
      cells ? [now.toISOString()] : [],
    );
    return rows[0].pending;
  }

  /**
   * Brings the aggregates up to date: rebuilds the requirements of whatever the triggers marked (people,
   * credentials, or everything), then recounts the cells that changed or whose day has moved past them (with
   * `cells`). Must run inside a transaction; one catch-up at a time (advisory lock), others wait and then find
   * nothing left to do.
   */
  async catchUp(now: Date, cells: boolean): Promise<CatchUpStats> {
    const tx = this.txHost.tx;
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('brevet.compliance-aggregates'))`);
    // Big statements: planning is cheap next to JIT compilation, which costs more than it saves here.
    await tx.query(`SET LOCAL jit = off`);
    const [marks] = (await tx.query(
      `WITH taken AS (DELETE FROM compliance_dirty RETURNING staff_id, definition_id)
       SELECT COALESCE(bool_or(staff_id IS NULL AND definition_id IS NULL), false) AS everything,
              COALESCE(array_agg(DISTINCT definition_id::text) FILTER (WHERE staff_id IS NULL AND definition_id IS NOT NULL), '{}') AS definitions,
              COALESCE(array_agg(DISTINCT staff_id::text) FILTER (WHERE staff_id IS NOT NULL), '{}') AS staff
         FROM taken`,
    )) as Array<{ everything: boolean; definitions: string[]; staff: string[] }>;
    let rebuilt: CatchUpStats['rebuilt'] = { staff: 0, definitions: 0 };
    const rules = `SELECT ${RULE_COLUMNS} FROM compliance_rule`;
    if (marks.everything || marks.staff.length > REBUILD_ALL_ABOVE) {
      await tx.query(
        `TRUNCATE compliance_requirement, compliance_cell, compliance_role_cell, compliance_branch_total`,
      );
      await tx.query(insertRequirementsSql(rules, [], 'true'));
      rebuilt = 'all';
    } else {
      if (marks.definitions.length > 0) {
        await tx.query(deleteRequirementsSql(`r.definition_id = ANY($1::uuid[])`), [marks.definitions]);
        // Only people whose current branch period lies in the area of one of these rules can be required to hold
        // them (the engine needs an open period in the area): the others are not evaluated at all.
        const inSomeArea = `EXISTS (SELECT 1 FROM staff_branch_period op JOIN branch_keys k ON k.branch_id = op.branch_id
                                     WHERE op.staff_id = s.id AND op.valid_to IS NULL
                                       AND (k.area, k.place_key) IN (SELECT area, place_key FROM m_rules))`;
        await tx.query(
          insertRequirementsSql(
            `${rules} WHERE definition_id = ANY($1::uuid[])`,
            [inSomeArea],
            `x.definition_id = ANY($1::uuid[])`,
          ),
          [marks.definitions],
        );
      }
      if (marks.staff.length > 0) {
        await tx.query(deleteRequirementsSql(`r.staff_id = ANY($1::uuid[])`), [marks.staff]);
        await tx.query(insertRequirementsSql(rules, [`s.id = ANY($1::uuid[])`], 'true'), [marks.staff]);
      }
      rebuilt = { staff: marks.staff.length, definitions: marks.definitions.length };
    }
    let cellsCounted = 0;
    if (cells) {
      const at = [now.toISOString()];
      await tx.query(markOutdatedCellsSql('$1'), at);
      await tx.query(DELETE_UNCOUNTED_ROLE_CELLS);
      await tx.query(insertUncountedRoleCellsSql('$1'), at);
      const [counted] = (await tx.query(countUncountedCellsSql('$1'), at)) as Array<{
        branches: string[];
        cells: number;
      }>;
      if (counted.branches.length > 0) await tx.query(COUNT_BRANCH_TOTALS, [counted.branches]);
      cellsCounted = counted.cells;
    }
    return { rebuilt, cellsCounted };
  }

  /** Counts for the whole view, per region (rolled up), per credential and per current job role. */
  async summary(query: ComplianceFilterQuery): Promise<SummaryRows> {
    const params = new Params();
    const ctes = this.cellCtes(query, params);
    // Per job role: from the role split of the cells; with a job role filter, the other roles of its people too.
    const roleCounts = query.jobRoleId
      ? `SELECT y.job_role_id, ${COUNT_COLUMNS}
           FROM (SELECT unnest(job_role_ids) AS job_role_id, status FROM live_rows) y
          GROUP BY y.job_role_id`
      : `SELECT rc.job_role_id, rc.total, rc.compliant, rc.expiring, rc.expired, rc.missing_overdue,
                rc.missing_in_grace, rc.exempt
           FROM cell_state cs
           JOIN compliance_role_cell rc ON rc.branch_id = cs.branch_id AND rc.definition_id = cs.definition_id
          WHERE cs.fresh
         UNION ALL
         SELECT y.job_role_id, ${COUNT_COLUMNS}
           FROM (SELECT unnest(job_role_ids) AS job_role_id, status FROM stale_rows) y
          GROUP BY y.job_role_id`;
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE ${SHARED_CTES}, ${ctes},
       role_counts AS (${roleCounts})
       SELECT
         (SELECT ${SUMMED_COUNTS_JSON} FROM cells c) AS totals,
         (SELECT COALESCE(json_agg(json_build_object('id', g.id, 'code', g.code, 'name', g.name,
                   'parentId', g.parent_id, 'counts', g.counts) ORDER BY g.code), '[]'::json)
            FROM (SELECT rg.id, rg.code, rg.name, rg.parent_id, ${SUMMED_COUNTS_JSON} AS counts
                    FROM cells c
                    JOIN branch_area ba ON ba.branch_id = c.branch_id
                    JOIN region rg ON rg.id = ba.region_id
                   GROUP BY rg.id) g) AS regions,
         (SELECT COALESCE(json_agg(json_build_object('id', g.id, 'code', g.code, 'title', g.title,
                   'counts', g.counts) ORDER BY g.code), '[]'::json)
            FROM (SELECT d.id, d.code, ${CREDENTIAL_TITLE} AS title, x.counts
                    FROM (SELECT c.definition_id, ${SUMMED_COUNTS_JSON} AS counts FROM cells c GROUP BY c.definition_id) x
                    JOIN credential_definition d ON d.id = x.definition_id) g) AS credentials,
         (SELECT COALESCE(json_agg(json_build_object('id', g.id, 'code', g.code, 'names', g.names,
                   'counts', g.counts) ORDER BY g.code), '[]'::json)
            FROM (SELECT jr.id, jr.code, jr.names, x.counts
                    FROM (SELECT c.job_role_id, ${SUMMED_COUNTS_JSON} AS counts FROM role_counts c GROUP BY c.job_role_id) x
                    JOIN job_role jr ON jr.id = x.job_role_id) g) AS job_roles`,
      params.values,
    );
    const row = rows[0];
    return {
      totals: row['totals'] as SummaryRows['totals'],
      regions: row['regions'] as SummaryRows['regions'],
      credentials: row['credentials'] as SummaryRows['credentials'],
      jobRoles: row['job_roles'] as SummaryRows['jobRoles'],
    };
  }

  /**
   * One page of the branch × credential matrix: the branches with requirements in view, sorted and paged in
   * SQL, their cells, and the columns (every credential required anywhere in view, so pages line up).
   */
  async matrix(query: MatrixPageQuery): Promise<MatrixRows> {
    if (!query.definitionId && !query.jobRoleId) {
      const fast = await this.matrixFromBranchTotals(query, false);
      if (fast) return fast;
    }
    const params = new Params();
    const ctes = this.cellCtes(query, params);
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE ${sharedCtes(query)} ${ctes},
       totals AS (
         SELECT c.branch_id, ${SUMMED_COUNTS_JSON} AS counts, sum(c.total) AS total,
                sum(c.expired + c.missing_overdue) AS non_compliant,
                sum(c.compliant + c.expiring)::numeric / NULLIF(sum(c.total - c.exempt - c.missing_in_grace), 0) AS rate
           FROM cells c GROUP BY c.branch_id
       ),
       page AS (
         SELECT t.branch_id, t.counts, b.code, b.name, b.region_id,
                row_number() OVER (ORDER BY ${MATRIX_SORT_SQL[query.sort.field]} ${direction} NULLS LAST, b.code, b.id) AS ord
           FROM totals t JOIN branch b ON b.id = t.branch_id
          ORDER BY ord
          LIMIT ${params.add(query.pageSize)} OFFSET ${params.add((query.page - 1) * query.pageSize)}
       )
       SELECT
         (SELECT count(*) FROM totals)::int AS total,
         (SELECT COALESCE(json_agg(json_build_object('id', p.branch_id, 'code', p.code, 'name', p.name,
                   'regionId', p.region_id, 'counts', p.counts) ORDER BY p.ord), '[]'::json) FROM page p) AS rows,
         (SELECT COALESCE(json_agg(json_build_object('branchId', c.branch_id, 'definitionId', c.definition_id,
                   'counts', json_build_object('total', c.total, 'compliant', c.compliant, 'expiring', c.expiring,
                     'expired', c.expired, 'missingOverdue', c.missing_overdue, 'missingInGrace', c.missing_in_grace,
                     'exempt', c.exempt))), '[]'::json)
            FROM cells c WHERE c.branch_id IN (SELECT branch_id FROM page)) AS cells,
         (SELECT COALESCE(json_agg(json_build_object('id', d.id, 'code', d.code, 'title', ${CREDENTIAL_TITLE})
                   ORDER BY d.code), '[]'::json)
            FROM credential_definition d WHERE d.id IN (SELECT DISTINCT definition_id FROM cells)) AS columns`,
      params.values,
    );
    const row = rows[0];
    return {
      total: Number(row['total']),
      rows: row['rows'] as MatrixRows['rows'],
      cells: row['cells'] as MatrixRows['cells'],
      columns: row['columns'] as MatrixRows['columns'],
    };
  }

  /**
   * The matrix in one statement when nothing needs catching up: the branch totals hold and no change is waiting.
   * Null otherwise, or with a credential or job role filter: then catch up and ask `matrix`.
   */
  async currentMatrix(query: MatrixPageQuery): Promise<MatrixRows | null> {
    if (query.definitionId || query.jobRoleId) return null;
    return this.matrixFromBranchTotals(query, true);
  }

  /**
   * The matrix from the branch totals (compliance_branch_total): the same answer as from the cells, with a
   * thousand rows read instead of every cell, for views without a credential or job role filter. Null when a
   * branch in view does not hold on its day (then the cells answer, counting what they must), or, with
   * `noChangesWaiting`, when a change waits in compliance_dirty.
   */
  private async matrixFromBranchTotals(
    query: MatrixPageQuery,
    noChangesWaiting: boolean,
  ): Promise<MatrixRows | null> {
    const params = new Params();
    const now = params.add(query.now.toISOString());
    const branchWhere = this.branchConditions(query, params.add);
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    // Counts travel as arrays (countArray / countsFrom): less JSON to build and parse than objects.
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE ${sharedCtes(query)}
       ${viewBranchesCte(now, branchWhere)},
       bt AS MATERIALIZED (
         SELECT t.*, ${cellHoldsOn('t', 'v.today')} AS fresh,
                t.expired + t.missing_overdue AS non_compliant,
                (t.compliant + t.expiring)::numeric / NULLIF(t.total - t.exempt - t.missing_in_grace, 0) AS rate
           FROM compliance_branch_total t JOIN view_branches v ON v.branch_id = t.branch_id
       ),
       page AS (
         SELECT t.*, b.code, b.name, b.region_id,
                row_number() OVER (ORDER BY ${MATRIX_SORT_SQL[query.sort.field]} ${direction} NULLS LAST, b.code, b.id) AS ord
           FROM bt t JOIN branch b ON b.id = t.branch_id
          WHERE t.total > 0
          ORDER BY ord
          LIMIT ${params.add(query.pageSize)} OFFSET ${params.add((query.page - 1) * query.pageSize)}
       )
       SELECT
         (SELECT COALESCE(bool_and(fresh), true) FROM bt)
           AND NOT EXISTS (SELECT 1 FROM compliance_cell c JOIN view_branches v ON v.branch_id = c.branch_id
                            WHERE c.counted_on IS NULL)
           ${noChangesWaiting ? 'AND NOT EXISTS (SELECT 1 FROM compliance_dirty)' : ''} AS fresh,
         (SELECT count(*) FROM bt WHERE total > 0)::int AS total,
         (SELECT COALESCE(json_agg(json_build_array(p.branch_id, p.code, p.name, p.region_id, ${countArray('p')})
                   ORDER BY p.ord), '[]'::json) FROM page p) AS rows,
         (SELECT COALESCE(json_agg(json_build_array(c.branch_id, c.definition_id, ${countArray('c')})), '[]'::json)
            FROM page p CROSS JOIN LATERAL (
                   -- OFFSET 0 keeps the lookup per branch (by the primary key) instead of a scan of every cell.
                   SELECT * FROM compliance_cell c WHERE c.branch_id = p.branch_id AND c.total > 0 OFFSET 0) c) AS cells,
         (SELECT COALESCE(json_agg(json_build_object('id', d.id, 'code', d.code, 'title', ${CREDENTIAL_TITLE})
                   ORDER BY d.code), '[]'::json)
            FROM credential_definition d
           WHERE d.id IN (SELECT DISTINCT unnest(definition_ids) FROM bt WHERE total > 0)) AS columns`,
      params.values,
    );
    const row = rows[0];
    if (!row['fresh']) return null;
    return {
      total: Number(row['total']),
      rows: (row['rows'] as Array<[string, string, string, string, ...number[]]>).map(
        ([id, code, name, regionId, ...n]) => ({
          id,
          code,
          name,
          regionId,
          counts: countsFrom(n),
        }),
      ),
      cells: (row['cells'] as Array<[string, string, ...number[]]>).map(([branchId, definitionId, ...n]) => ({
        branchId,
        definitionId,
        counts: countsFrom(n),
      })),
      columns: row['columns'] as MatrixRows['columns'],
    };
  }

  /** One organisation level × credentials (the heat map), from the cells: ComplianceRepository.areas' answer. */
  async areas(query: ComplianceFilterQuery): Promise<AreaRows> {
    const params = new Params();
    return this.engine.areasOver(`${SHARED_CTES}, ${this.cellCtes(query, params)}`, query, params);
  }

  /** The people behind any count: one page of (person, required credential) rows, sorted in SQL. */
  async requirements(query: RequirementPageQuery): Promise<{ rows: RequirementRow[]; total: number }> {
    const params = new Params();
    const now = params.add(query.now.toISOString());
    const branchWhere = this.branchConditions(query, params.add);
    const rowWhere = this.rowConditions(query, params.add);
    const where: string[] = [];
    if (query.statuses && query.statuses.length > 0)
      where.push(`x.status = ANY(${params.add([...query.statuses])}::text[])`);
    if (query.expiresWithinDays !== undefined) {
      where.push(`x.status IN ('compliant', 'expiring') AND x.valid_until IS NOT NULL
                  AND x.valid_until <= x.today + ${params.add(query.expiresWithinDays)}::int`);
    }
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const order = `${REQUIREMENT_SORT_SQL[query.sort.field]} ${direction} NULLS LAST, s.family_name, s.given_name, s.id, d.code`;
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE ${sharedCtes(query)} ${viewBranchesCte(now, branchWhere)},
       ${requirementsInViewCte(rowWhere)}
       -- The page first (one top-N sort), then titles and reasons for its rows only.
       SELECT p.staff_id, p.employee_number, p.given_name, p.family_name, p.branch_id, p.branch_code, p.branch_name,
              p.definition_id, p.definition_code, ${CREDENTIAL_TITLE} AS definition_title,
              p.status, p.today::text AS today, p.due_on::text AS due_on, p.warning_days,
              p.award_id, p.issued_on::text AS issued_on, p.valid_until::text AS valid_until,
              p.exemption_id, p.exempt_until::text AS exempt_until,
              (SELECT xe.reason FROM compliance_exemption xe WHERE xe.id = p.exemption_id) AS exemption_reason, p.total
         FROM (
           SELECT x.*, s.employee_number, s.given_name, s.family_name, b.code AS branch_code, b.name AS branch_name,
                  d.code AS definition_code, ${REQUIREMENT_SORT_SQL[query.sort.field]} AS sort_key,
                  count(*) OVER () AS total
             FROM x
             JOIN staff s ON s.id = x.staff_id
             JOIN branch b ON b.id = x.branch_id
             JOIN credential_definition d ON d.id = x.definition_id
            ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
            ORDER BY ${order}
            LIMIT ${params.add(query.pageSize)} OFFSET ${params.add((query.page - 1) * query.pageSize)}
         ) p
         JOIN credential_definition d ON d.id = p.definition_id
        ORDER BY p.sort_key ${direction} NULLS LAST, p.family_name, p.given_name, p.staff_id, p.definition_code`,
      params.values,
    );
    if (rows.length === 0 && query.page > 1) {
      const first = await this.requirements({ ...query, page: 1, pageSize: 1 });
      return { rows: [], total: first.total };
    }
    return { rows: rows.map(toRequirementRow), total: rows.length > 0 ? Number(rows[0]['total']) : 0 };
  }

  /**
   * Every (person, required credential) in view with what the drill-down shows, ordered by branch, person and
   * credential: the statement, for a caller that streams it through a cursor (exports) instead of loading it.
   * It reads the requirement rows, so the caller catches up first.
   */
  requirementRowsStatement(
    query: ComplianceFilterQuery & { statuses?: readonly ComplianceStatus[] },
  ): RowStatement<RequirementExportRow> {
    const params = new Params();
    const now = params.add(query.now.toISOString());
    const branchWhere = this.branchConditions(query, params.add);
    const rowWhere = this.rowConditions(query, params.add);
    const status =
      query.statuses && query.statuses.length > 0
        ? `WHERE x.status = ANY(${params.add([...query.statuses])}::text[])`
        : '';
    // The title as text: a few hundred distinct values over a million rows, parsed once each in `map`.
    const titles = new Map<string, LocalizedText>();
    return {
      text: `WITH RECURSIVE ${sharedCtes(query)} ${viewBranchesCte(now, branchWhere)},
       ${requirementsInViewCte(rowWhere)}
       SELECT s.employee_number, s.family_name, s.given_name, b.code AS branch_code, b.name AS branch_name,
              d.code AS definition_code, (${CREDENTIAL_TITLE})::text AS definition_title, x.status,
              x.due_on::text AS due_on, x.issued_on::text AS issued_on, x.valid_until::text AS valid_until,
              x.valid_until - x.today AS days_left, x.exempt_until::text AS exempt_until,
              xe.reason AS exemption_reason
         FROM x
         JOIN staff s ON s.id = x.staff_id
         JOIN branch b ON b.id = x.branch_id
         JOIN credential_definition d ON d.id = x.definition_id
         LEFT JOIN compliance_exemption xe ON xe.id = x.exemption_id
        ${status}
        ORDER BY b.code, s.family_name, s.given_name, s.employee_number, d.code`,
      values: params.values,
      map: (r) => {
        // Every definition has a version, so a title; a cache hit saves a JSON.parse per row.
        const titleText = r['definition_title'] as string;
        let title = titles.get(titleText);
        if (title === undefined) {
          title = JSON.parse(titleText) as LocalizedText;
          titles.set(titleText, title);
        }
        return {
          employeeNumber: r['employee_number'] as string,
          familyName: r['family_name'] as string,
          givenName: r['given_name'] as string,
          branchCode: r['branch_code'] as string,
          branchName: r['branch_name'] as string,
          definitionCode: r['definition_code'] as string,
          definitionTitle: title,
          status: r['status'] as ComplianceStatus,
          dueOn: r['due_on'] as string,
          issuedOn: (r['issued_on'] as string | null) ?? null,
          validUntil: (r['valid_until'] as string | null) ?? null,
          daysLeft: r['days_left'] === null ? null : Number(r['days_left']),
          exemptUntil: (r['exempt_until'] as string | null) ?? null,
          exemptionReason: (r['exemption_reason'] as string | null) ?? null,
        };
      },
    };
  }

  /**
   * The matrix's cells, one row per (branch, required credential) in view with its counts, ordered by region,
   * branch and credential code: a statement for a caller that streams it (exports). Cells that do not hold on
   * their branch's day are counted in the statement, as everywhere here.
   */
  matrixCellsStatement(query: ComplianceFilterQuery): RowStatement<MatrixCellRow> {
    const params = new Params();
    const ctes = this.cellCtes(query, params);
    return {
      text: `WITH RECURSIVE ${sharedCtes(query)} ${ctes}
       SELECT rg.code AS region_code, rg.name AS region_name, b.id AS branch_id, b.code AS branch_code,
              b.name AS branch_name, d.id AS definition_id, d.code AS definition_code,
              ${CREDENTIAL_TITLE} AS definition_title, c.total, c.compliant, c.expiring, c.expired,
              c.missing_overdue, c.missing_in_grace, c.exempt
         FROM cells c
         JOIN branch b ON b.id = c.branch_id
         JOIN region rg ON rg.id = b.region_id
         JOIN credential_definition d ON d.id = c.definition_id
        ORDER BY rg.code, b.code, d.code`,
      values: params.values,
      map: toMatrixCellRow,
    };
  }

  /**
   * The CTEs the aggregates share, after SHARED_CTES: `view_branches` (branches in view with their day),
   * `cell_state` (their cells, `fresh` when the counts hold on that day), `stale_rows` / `live_rows` (requirement
   * rows with their status, of the cells that do not hold / of everything in view) and `cells`: the counts per
   * (branch, credential), from `compliance_cell` (or its job-role split) where they hold, else counted here.
   */
  private cellCtes(query: ComplianceFilterQuery, params: Params): string {
    if (query.staffId !== undefined)
      throw new Error('the aggregates are per branch; ask ComplianceRepository about one person');
    const now = params.add(query.now.toISOString());
    const branchWhere = this.branchConditions(query, params.add);
    const definition = query.definitionId ? `${params.add(query.definitionId)}::uuid` : null;
    const role = query.jobRoleId ? `${params.add(query.jobRoleId)}::uuid` : null;
    const holdsRole = (r: string) => (role === null ? 'true' : `${role} = ANY(${r}.job_role_ids)`);
    const freshCells =
      role === null
        ? `SELECT branch_id, definition_id, total, compliant, expiring, expired, missing_overdue, missing_in_grace, exempt
             FROM cell_state WHERE fresh AND total > 0`
        : `SELECT rc.branch_id, rc.definition_id, rc.total, rc.compliant, rc.expiring, rc.expired, rc.missing_overdue,
                  rc.missing_in_grace, rc.exempt
             FROM cell_state cs
             JOIN compliance_role_cell rc
               ON rc.branch_id = cs.branch_id AND rc.definition_id = cs.definition_id AND rc.job_role_id = ${role}
            WHERE cs.fresh`;
    return `
       ${viewBranchesCte(now, branchWhere)},
       cell_state AS MATERIALIZED (
         SELECT c.branch_id, c.definition_id, c.total, c.compliant, c.expiring, c.expired, c.missing_overdue,
                c.missing_in_grace, c.exempt, v.today, ${cellHoldsOn('c', 'v.today')} AS fresh
           FROM compliance_cell c JOIN view_branches v ON v.branch_id = c.branch_id
          WHERE ${definition === null ? 'true' : `c.definition_id = ${definition}`}
       ),
       stale_rows AS (
         SELECT r.branch_id, r.definition_id, r.job_role_ids, r.status
           FROM cell_state cs
          CROSS JOIN LATERAL (
            SELECT r.branch_id, r.definition_id, r.job_role_ids, ${statusOn('r', 'cs.today')} AS status
              FROM compliance_requirement r
             WHERE r.branch_id = cs.branch_id AND r.definition_id = cs.definition_id
               AND ${liveOn('r', 'cs.today')} AND ${holdsRole('r')}
          ) r
          WHERE NOT cs.fresh
       ),
       live_rows AS (
         SELECT r.branch_id, r.definition_id, r.job_role_ids, ${statusOn('r', 'v.today')} AS status
           FROM view_branches v JOIN compliance_requirement r ON r.branch_id = v.branch_id
          WHERE ${liveOn('r', 'v.today')} AND ${holdsRole('r')}
            AND ${definition === null ? 'true' : `r.definition_id = ${definition}`}
       ),
       cells AS MATERIALIZED (
         ${freshCells}
         UNION ALL
         SELECT branch_id, definition_id, ${COUNT_COLUMNS} FROM stale_rows GROUP BY branch_id, definition_id
       )`;
  }

  /** The branches in view (over `b`): the viewer's scope, then the filters. */
  private branchConditions(query: ComplianceFilterQuery, param: (value: unknown) => string): string {
    const where: string[] = [];
    const inScope = branchScopeSql(query.scope, 'b.id', param);
    if (inScope) where.push(inScope);
    if (query.branchId) where.push(`b.id = ${param(query.branchId)}::uuid`);
    if (query.regionId)
      where.push(
        `b.id IN (SELECT ba.branch_id FROM branch_area ba WHERE ba.region_id = ${param(query.regionId)}::uuid)`,
      );
    if (query.country) where.push(`b.country = ${param(query.country)}`);
    return where.length > 0 ? where.join(' AND ') : 'true';
  }

  /** The requirement rows in view (over `r`): credential, person and job role filters. */
  private rowConditions(query: ComplianceFilterQuery, param: (value: unknown) => string): string {
    const where: string[] = [];
    if (query.definitionId) where.push(`r.definition_id = ${param(query.definitionId)}::uuid`);
    if (query.staffId) where.push(`r.staff_id = ${param(query.staffId)}::uuid`);
    if (query.jobRoleId) where.push(`${param(query.jobRoleId)}::uuid = ANY(r.job_role_ids)`);
    return where.length > 0 ? where.join(' AND ') : 'true';
  }
}
