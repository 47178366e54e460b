import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type {
  ComplianceAreaKind,
  ComplianceMatrixSortField,
  ComplianceRequirementSortField,
  ComplianceStatus,
  LocalizedText,
  RuleArea,
  SortDirection,
  UiLanguage,
} from '@brevet/contracts';
import type { AccessScope } from '../auth/actor';
import { branchScopeSql } from '../database/scope.util';
import {
  COUNT_COLUMNS,
  COUNTS_JSON,
  CREDENTIAL_TITLE,
  evaluationCtes,
  RULE_COLUMNS,
  SHARED_CTES,
  SUMMED_COUNTS_JSON,
} from './compliance-evaluation.sql';

/** Who and what an evaluation covers. The scope always applies; the rest narrows it. */
export interface ComplianceFilterQuery {
  scope: AccessScope;
  /** The instant "today" is taken from, in each person's branch time zone. */
  now: Date;
  regionId?: string;
  branchId?: string;
  definitionId?: string;
  jobRoleId?: string;
  staffId?: string;
  /** Branches in this country (ISO 3166-1 alpha-2). */
  country?: string;
}

/** Status counts as SQL returns them (the rate is added by the mapper). */
export interface CountsRow {
  total: number;
  compliant: number;
  expiring: number;
  expired: number;
  missingOverdue: number;
  missingInGrace: number;
  exempt: number;
}

export interface SummaryRows {
  totals: CountsRow;
  regions: Array<{ id: string; code: string; name: string; parentId: string | null; counts: CountsRow }>;
  credentials: Array<{ id: string; code: string; title: LocalizedText; counts: CountsRow }>;
  jobRoles: Array<{ id: string; code: string; names: Record<UiLanguage, string>; counts: CountsRow }>;
}

export interface MatrixRows {
  total: number;
  rows: Array<{ id: string; code: string; name: string; regionId: string; counts: CountsRow }>;
  cells: Array<{ branchId: string; definitionId: string; counts: CountsRow }>;
  columns: Array<{ id: string; code: string; title: LocalizedText }>;
}

/** One (person, required credential) with everything the drill-down shows. */
export interface RequirementRow {
  staffId: string;
  employeeNumber: string;
  givenName: string;
  familyName: string;
  branchId: string;
  branchCode: string;
  branchName: string;
  definitionId: string;
  definitionCode: string;
  definitionTitle: LocalizedText;
  status: ComplianceStatus;
  today: string;
  dueOn: string;
  warningDays: number;
  awardId: string | null;
  issuedOn: string | null;
  validUntil: string | null;
  exemptionId: string | null;
  exemptUntil: string | null;
  exemptionReason: string | null;
}

/**
 * One (person, required credential) as the people-list export writes it: the columns of the file only, with
 * the days left counted in SQL (the export reads a million of these on the L data).
 */
export interface RequirementExportRow {
  employeeNumber: string;
  familyName: string;
  givenName: string;
  branchCode: string;
  branchName: string;
  definitionCode: string;
  definitionTitle: LocalizedText;
  status: ComplianceStatus;
  dueOn: string;
  issuedOn: string | null;
  validUntil: string | null;
  /** Days from the branch's today to the last valid day (negative when past); null without an award shown. */
  daysLeft: number | null;
  exemptUntil: string | null;
  exemptionReason: string | null;
}

export interface RequirementPageQuery extends ComplianceFilterQuery {
  statuses?: readonly ComplianceStatus[];
  /** Only awards in force whose last valid day is at most this many days after today. */
  expiresWithinDays?: number;
  page: number;
  pageSize: number;
  sort: { field: ComplianceRequirementSortField; direction: SortDirection };
}

/** One organisation level: its rows (sub-regions rolled up, own branches), their cells, and the columns. */
export interface AreaRows {
  rows: Array<{
    kind: ComplianceAreaKind;
    id: string;
    code: string;
    name: string;
    country: string | null;
    branches: number;
    counts: CountsRow;
  }>;
  cells: Array<{ kind: ComplianceAreaKind; rowId: string; definitionId: string; counts: CountsRow }>;
  columns: Array<{ id: string; code: string; title: LocalizedText }>;
}

/** One (branch, required credential) cell of the matrix, with names, for exports. */
export interface MatrixCellRow {
  regionCode: string;
  regionName: string;
  branchId: string;
  branchCode: string;
  branchName: string;
  definitionId: string;
  definitionCode: string;
  definitionTitle: LocalizedText;
  counts: CountsRow;
}

export interface MatrixPageQuery extends ComplianceFilterQuery {
  page: number;
  pageSize: number;
  sort: { field: ComplianceMatrixSortField; direction: SortDirection };
}

/** The bare engine output, one row per (person, required credential). */
export interface StatusRow {
  staffId: string;
  branchId: string;
  definitionId: string;
  today: string;
  dueOn: string;
  warningDays: number;
  status: ComplianceStatus;
  awardId: string | null;
  exemptionId: string | null;
}

/** A rule as the impact preview evaluates it (a draft, or a saved rule as it would become). */
export interface DraftRule {
  definitionId: string;
  jobRoleId: string | null;
  area: RuleArea;
  regionId: string | null;
  branchId: string | null;
  dueDays: number;
  warningDays: number;
  effectiveFrom: string;
}

export interface ImpactQuery {
  scope: AccessScope;
  now: Date;
  /** The saved rule the change replaces or removes; null for a new rule. */
  ruleId: string | null;
  /** The rule after the change; null for a removal. */
  draft: DraftRule | null;
  /** The credentials whose requirements can change (the old and the new rule's). */
  definitionIds: readonly string[];
}

export interface ImpactRow {
  people: number;
  branches: number;
  overdueNow: number;
  alreadyCovered: number;
  noLongerRequired: number;
  requirementsBefore: number;
  requirementsAfter: number;
}

/** Binds parameters as `$1`, `$2`, … in the order they are first used. */
export class Params {
  readonly values: unknown[] = [];
  readonly add = (value: unknown): string => {
    this.values.push(value);
    return `$${this.values.length}`;
  };
}

export const MATRIX_SORT_SQL: Record<ComplianceMatrixSortField, string> = {
  code: 'b.code',
  name: 'b.name',
  rate: 't.rate',
  nonCompliant: 't.non_compliant',
  total: 't.total',
};

export const REQUIREMENT_SORT_SQL: Record<ComplianceRequirementSortField, string> = {
  name: 's.family_name',
  employeeNumber: 's.employee_number',
  branch: 'b.name',
  credential: 'd.code',
  // Worst first when ascending.
  status: `array_position(ARRAY['missing_overdue','expired','missing_in_grace','expiring','compliant','exempt'], x.status)`,
  dueOn: 'x.due_on',
  validUntil: 'x.valid_until',
};

/**
 * The compliance engine's questions, each answered by one set-based statement over the rules, the staff
 * history, the awards and the exemptions (see compliance-evaluation.sql.ts). Nothing is stored: every answer
 * is computed for the instant asked, so a rule, award, exemption or staff change shows in the next answer.
 * The viewer's scope goes into the SQL as `branch_id = ANY($n)` on the people's current branch.
 */
@Injectable()
export class ComplianceRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Counts for the whole view, per region (rolled up), per credential and per current job role. */
  async summary(query: ComplianceFilterQuery): Promise<SummaryRows> {
    const params = new Params();
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE ${this.evaluation(query, params)},
       rows AS MATERIALIZED (SELECT staff_id, branch_id, definition_id, status FROM e_status),
       cells AS MATERIALIZED (SELECT branch_id, definition_id, ${COUNT_COLUMNS} FROM rows GROUP BY branch_id, definition_id)
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
                    FROM (SELECT rp.job_role_id, ${COUNTS_JSON} AS counts
                            FROM (SELECT rows.status, rows.staff_id FROM rows) r0
                            JOIN staff_role_period rp ON rp.staff_id = r0.staff_id AND rp.valid_to IS NULL
                           GROUP BY rp.job_role_id) x
                    JOIN job_role jr ON jr.id = x.job_role_id) g) AS job_roles`,
      params.values,
    );
    const row = rows[0];
    return {
      totals: row['totals'] as CountsRow,
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
    const params = new Params();
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE ${this.evaluation(query, params)},
       cells AS MATERIALIZED (
         SELECT branch_id, definition_id, ${COUNT_COLUMNS} FROM e_status GROUP BY branch_id, definition_id
       ),
       totals AS (
         SELECT c.branch_id, ${SUMMED_COUNTS_JSON} AS counts, sum(c.total) AS total,
                sum(c.expired + c.missing_overdue) AS non_compliant,
                sum(c.compliant + c.expiring) / NULLIF(sum(c.total - c.exempt - c.missing_in_grace), 0) AS rate
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

  /** The people behind any count: one page of (person, required credential) rows, sorted in SQL. */
  async requirements(query: RequirementPageQuery): Promise<{ rows: RequirementRow[]; total: number }> {
    const params = new Params();
    const where: string[] = [];
    if (query.statuses && query.statuses.length > 0)
      where.push(`x.status = ANY(${params.add([...query.statuses])}::text[])`);
    if (query.expiresWithinDays !== undefined) {
      where.push(`x.status IN ('compliant', 'expiring') AND x.valid_until IS NOT NULL
                  AND x.valid_until <= x.today + ${params.add(query.expiresWithinDays)}::int`);
    }
    const evaluation = this.evaluation(query, params);
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const order = `${REQUIREMENT_SORT_SQL[query.sort.field]} ${direction} NULLS LAST, s.family_name, s.given_name, s.id, d.code`;
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE ${evaluation}
       SELECT x.staff_id, s.employee_number, s.given_name, s.family_name,
              x.branch_id, b.code AS branch_code, b.name AS branch_name,
              x.definition_id, d.code AS definition_code, ${CREDENTIAL_TITLE} AS definition_title,
              x.status, x.today::text AS today, x.due_on::text AS due_on, x.warning_days,
              x.award_id, x.issued_on::text AS issued_on, x.valid_until::text AS valid_until,
              x.exemption_id, x.exempt_until::text AS exempt_until, x.exemption_reason,
              count(*) OVER () AS total
         FROM e_status x
         JOIN staff s ON s.id = x.staff_id
         JOIN branch b ON b.id = x.branch_id
         JOIN credential_definition d ON d.id = x.definition_id
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${order}
        LIMIT ${params.add(query.pageSize)} OFFSET ${params.add((query.page - 1) * query.pageSize)}`,
      params.values,
    );
    if (rows.length === 0 && query.page > 1) {
      const first = await this.requirements({ ...query, page: 1, pageSize: 1 });
      return { rows: [], total: first.total };
    }
    return { rows: rows.map(toRequirementRow), total: rows.length > 0 ? Number(rows[0]['total']) : 0 };
  }

  /**
   * One level of the organisation × credentials (the heat map's drill-in): with `regionId`, the regions directly
   * below it (everything under each rolled up) and the branches directly in it; without, the top regions. The
   * evaluation is already limited to `regionId`'s branches, so every branch in view falls in exactly one row.
   */
  async areas(query: ComplianceFilterQuery): Promise<AreaRows> {
    const params = new Params();
    const evaluation = this.evaluation(query, params);
    return this.areasOver(
      `${evaluation},
       cells AS MATERIALIZED (
         SELECT branch_id, definition_id, ${COUNT_COLUMNS} FROM e_status GROUP BY branch_id, definition_id
       )`,
      query,
      params,
    );
  }

  /**
   * `areas` over other counts: `ctes` (after `WITH RECURSIVE`) must define SHARED_CTES and end in `cells`
   * (branch_id, definition_id and COUNT_COLUMNS, one row per branch × credential in view). The materialised
   * aggregates (ComplianceAggregateRepository) answer the heat map with it.
   */
  async areasOver(
    ctes: string,
    query: Pick<ComplianceFilterQuery, 'regionId'>,
    params: Params,
  ): Promise<AreaRows> {
    const level = `${params.add(query.regionId ?? null)}::uuid`;
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE ${ctes},
       placed AS MATERIALIZED (
         SELECT b.id AS branch_id,
                CASE WHEN b.region_id = ${level} THEN 'branch' ELSE 'region' END AS kind,
                CASE WHEN b.region_id = ${level} THEN b.id ELSE child.id END AS row_id
           FROM branch b
           LEFT JOIN LATERAL (
             SELECT rg.id FROM branch_area ba JOIN region rg ON rg.id = ba.region_id
              WHERE ba.branch_id = b.id AND rg.parent_id IS NOT DISTINCT FROM ${level}
              LIMIT 1
           ) child ON true
          WHERE b.id IN (SELECT branch_id FROM cells)
       ),
       row_totals AS (
         SELECT p.kind, p.row_id, count(DISTINCT c.branch_id)::int AS branches, ${SUMMED_COUNTS_JSON} AS counts
           FROM cells c JOIN placed p ON p.branch_id = c.branch_id
          WHERE p.row_id IS NOT NULL
          GROUP BY p.kind, p.row_id
       ),
       row_cells AS (
         SELECT p.kind, p.row_id, c.definition_id, ${SUMMED_COUNTS_JSON} AS counts
           FROM cells c JOIN placed p ON p.branch_id = c.branch_id
          WHERE p.row_id IS NOT NULL
          GROUP BY p.kind, p.row_id, c.definition_id
       )
       SELECT
         (SELECT COALESCE(json_agg(json_build_object('kind', t.kind, 'id', t.row_id,
                   'code', COALESCE(b.code, rg.code), 'name', COALESCE(b.name, rg.name), 'country', b.country,
                   'branches', t.branches, 'counts', t.counts)
                   ORDER BY t.kind DESC, COALESCE(b.name, rg.name), t.row_id), '[]'::json)
            FROM row_totals t
            LEFT JOIN branch b ON t.kind = 'branch' AND b.id = t.row_id
            LEFT JOIN region rg ON t.kind = 'region' AND rg.id = t.row_id) AS rows,
         (SELECT COALESCE(json_agg(json_build_object('kind', x.kind, 'rowId', x.row_id,
                   'definitionId', x.definition_id, 'counts', x.counts)), '[]'::json)
            FROM row_cells x) AS cells,
         (SELECT COALESCE(json_agg(json_build_object('id', d.id, 'code', d.code, 'title', ${CREDENTIAL_TITLE})
                   ORDER BY d.code), '[]'::json)
            FROM credential_definition d WHERE d.id IN (SELECT DISTINCT definition_id FROM cells)) AS columns`,
      params.values,
    );
    const row = rows[0];
    return {
      rows: row['rows'] as AreaRows['rows'],
      cells: row['cells'] as AreaRows['cells'],
      columns: row['columns'] as AreaRows['columns'],
    };
  }

  /** Every (person, required credential) in view with its status: the engine's raw answer. */
  async statuses(query: ComplianceFilterQuery): Promise<StatusRow[]> {
    const params = new Params();
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE ${this.evaluation(query, params)}
       SELECT staff_id, branch_id, definition_id, today::text AS today, due_on::text AS due_on, warning_days,
              status, award_id, exemption_id
         FROM e_status ORDER BY staff_id, definition_id`,
      params.values,
    );
    return rows.map((r) => ({
      staffId: r['staff_id'] as string,
      branchId: r['branch_id'] as string,
      definitionId: r['definition_id'] as string,
      today: r['today'] as string,
      dueOn: r['due_on'] as string,
      warningDays: Number(r['warning_days']),
      status: r['status'] as ComplianceStatus,
      awardId: (r['award_id'] as string | null) ?? null,
      exemptionId: (r['exemption_id'] as string | null) ?? null,
    }));
  }

  /**
   * A dry run of a rule change: the engine twice in one statement, with the rules as they are and as they
   * would be, over the credentials the change touches, compared person by person. Nothing is written.
   */
  async impact(query: ImpactQuery): Promise<ImpactRow> {
    const params = new Params();
    const definitions = `${params.add([...query.definitionIds])}::uuid[]`;
    const current = `SELECT ${RULE_COLUMNS} FROM compliance_rule WHERE definition_id = ANY(${definitions})`;
    const without =
      query.ruleId === null ? current : `${current} AND id <> ${params.add(query.ruleId)}::uuid`;
    const draft = query.draft;
    const after = draft
      ? `${without} UNION ALL SELECT ${params.add(query.ruleId ?? '00000000-0000-0000-0000-000000000000')}::uuid,
           ${params.add(draft.definitionId)}::uuid, ${params.add(draft.jobRoleId)}::uuid,
           ${params.add(draft.area)}::varchar, ${params.add(draft.regionId)}::uuid, ${params.add(draft.branchId)}::uuid,
           ${params.add(draft.dueDays)}::int, ${params.add(draft.warningDays)}::int, ${params.add(draft.effectiveFrom)}::date`
      : without;
    const now = `${params.add(query.now.toISOString())}`;
    const staffWhere = this.staffConditions(query, params.add);
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE ${SHARED_CTES},
       ${evaluationCtes({ prefix: 'before_', rules: current, now, staffWhere })},
       ${evaluationCtes({ prefix: 'after_', rules: after, now, staffWhere })},
       diff AS (
         SELECT COALESCE(a.staff_id, b.staff_id) AS staff_id, COALESCE(a.branch_id, b.branch_id) AS branch_id,
                b.status AS before, a.status AS after,
                CASE a.status WHEN 'missing_in_grace' THEN 1 WHEN 'expired' THEN 2 WHEN 'missing_overdue' THEN 2 ELSE 0 END
                  > CASE b.status WHEN 'missing_in_grace' THEN 1 WHEN 'expired' THEN 2 WHEN 'missing_overdue' THEN 2 ELSE 0 END
                  AS worse
           FROM before_status b
           FULL JOIN after_status a ON a.staff_id = b.staff_id AND a.definition_id = b.definition_id
       )
       SELECT count(DISTINCT staff_id) FILTER (WHERE worse)::int AS people,
              count(DISTINCT branch_id) FILTER (WHERE worse)::int AS branches,
              count(DISTINCT staff_id) FILTER (WHERE worse AND after IN ('expired', 'missing_overdue'))::int AS overdue_now,
              count(DISTINCT staff_id) FILTER (WHERE before IS NULL AND after IN ('compliant', 'expiring', 'exempt'))::int AS already_covered,
              count(DISTINCT staff_id) FILTER (WHERE before IS NOT NULL AND after IS NULL)::int AS no_longer_required,
              count(*) FILTER (WHERE before IS NOT NULL)::int AS requirements_before,
              count(*) FILTER (WHERE after IS NOT NULL)::int AS requirements_after
         FROM diff`,
      params.values,
    );
    const r = rows[0];
    return {
      people: Number(r['people']),
      branches: Number(r['branches']),
      overdueNow: Number(r['overdue_now']),
      alreadyCovered: Number(r['already_covered']),
      noLongerRequired: Number(r['no_longer_required']),
      requirementsBefore: Number(r['requirements_before']),
      requirementsAfter: Number(r['requirements_after']),
    };
  }

  /** SHARED_CTES and one evaluation (prefix `e_`) of the saved rules for `query`. */
  private evaluation(query: ComplianceFilterQuery, params: Params): string {
    const rules = query.definitionId
      ? `SELECT ${RULE_COLUMNS} FROM compliance_rule WHERE definition_id = ${params.add(query.definitionId)}::uuid`
      : `SELECT ${RULE_COLUMNS} FROM compliance_rule`;
    const now = params.add(query.now.toISOString());
    return `${SHARED_CTES},
      ${evaluationCtes({ prefix: 'e_', rules, now, staffWhere: this.staffConditions(query, params.add) })}`;
  }

  /** The conditions on the people evaluated: the viewer's scope first, then the filters. */
  private staffConditions(
    query: Pick<
      ComplianceFilterQuery,
      'scope' | 'regionId' | 'branchId' | 'jobRoleId' | 'staffId' | 'country'
    >,
    param: (value: unknown) => string,
  ): string[] {
    const where: string[] = [];
    const inScope = branchScopeSql(query.scope, 's.branch_id', param);
    if (inScope) where.push(inScope);
    if (query.branchId) where.push(`s.branch_id = ${param(query.branchId)}::uuid`);
    if (query.regionId) {
      where.push(
        `s.branch_id IN (SELECT ba.branch_id FROM branch_area ba WHERE ba.region_id = ${param(query.regionId)}::uuid)`,
      );
    }
    if (query.jobRoleId) {
      where.push(`EXISTS (SELECT 1 FROM staff_role_period f WHERE f.staff_id = s.id AND f.valid_to IS NULL
                          AND f.job_role_id = ${param(query.jobRoleId)}::uuid)`);
    }
    if (query.staffId) where.push(`s.id = ${param(query.staffId)}::uuid`);
    if (query.country)
      where.push(`s.branch_id IN (SELECT fb.id FROM branch fb WHERE fb.country = ${param(query.country)})`);
    return where;
  }
}

export function toRequirementRow(r: Record<string, unknown>): RequirementRow {
  return {
    staffId: r['staff_id'] as string,
    employeeNumber: r['employee_number'] as string,
    givenName: r['given_name'] as string,
    familyName: r['family_name'] as string,
    branchId: r['branch_id'] as string,
    branchCode: r['branch_code'] as string,
    branchName: r['branch_name'] as string,
    definitionId: r['definition_id'] as string,
    definitionCode: r['definition_code'] as string,
    definitionTitle: r['definition_title'] as LocalizedText,
    status: r['status'] as ComplianceStatus,
    today: r['today'] as string,
    dueOn: r['due_on'] as string,
    warningDays: Number(r['warning_days']),
    awardId: (r['award_id'] as string | null) ?? null,
    issuedOn: (r['issued_on'] as string | null) ?? null,
    validUntil: (r['valid_until'] as string | null) ?? null,
    exemptionId: (r['exemption_id'] as string | null) ?? null,
    exemptUntil: (r['exempt_until'] as string | null) ?? null,
    exemptionReason: (r['exemption_reason'] as string | null) ?? null,
  };
}

export function toMatrixCellRow(r: Record<string, unknown>): MatrixCellRow {
  return {
    regionCode: r['region_code'] as string,
    regionName: r['region_name'] as string,
    branchId: r['branch_id'] as string,
    branchCode: r['branch_code'] as string,
    branchName: r['branch_name'] as string,
    definitionId: r['definition_id'] as string,
    definitionCode: r['definition_code'] as string,
    definitionTitle: r['definition_title'] as LocalizedText,
    counts: {
      total: Number(r['total']),
      compliant: Number(r['compliant']),
      expiring: Number(r['expiring']),
      expired: Number(r['expired']),
      missingOverdue: Number(r['missing_overdue']),
      missingInGrace: Number(r['missing_in_grace']),
      exempt: Number(r['exempt']),
    },
  };
}
