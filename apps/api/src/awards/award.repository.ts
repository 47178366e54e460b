import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type {
  AssessmentResult,
  AwardRecordStatus,
  AwardSortField,
  AwardSource,
  CertificateStatus,
  CredentialCategory,
  CredentialDefinitionStatus,
  LocalizedList,
  LocalizedText,
  RenewalCountsFrom,
  RenewalTiming,
  SortDirection,
  Stackability,
  StaffStatus,
  UiLanguage,
} from '@brevet/contracts';
import type { AccessScope } from '../auth/actor';
import { branchScopeSql } from '../database/scope.util';
import type { RowStatement } from '../database/row-statement';
import type { CredentialViewer } from '../open-badges/open-badges.ports';
import { AwardEntity } from './award.entity';

export interface AwardPageQuery {
  page: number;
  pageSize: number;
  sort: { field: AwardSortField; direction: SortDirection };
  staffId?: string;
  definitionId?: string;
  branchId?: string;
  status?: CertificateStatus;
  expiringWithinDays?: number;
  /** The instant "today" is taken from, in each person's branch time zone. */
  now: Date;
}

/** An award with everything its response needs, in one row. */
export interface AwardRow {
  id: string;
  staffId: string;
  employeeNumber: string;
  givenName: string;
  familyName: string;
  branchId: string;
  branchCode: string;
  branchName: string;
  timezone: string;
  definitionId: string;
  definitionCode: string;
  definitionStatus: CredentialDefinitionStatus;
  category: CredentialCategory;
  versionId: string;
  version: number;
  title: LocalizedText;
  windowMonths: number;
  windowDays: number;
  issuedOn: string;
  validUntil: string | null;
  renewalOpensOn: string | null;
  countsFrom: RenewalCountsFrom;
  renewalTiming: RenewalTiming;
  issuer: string;
  assessmentResult: AssessmentResult | null;
  evidenceId: string | null;
  status: AwardRecordStatus;
  source: AwardSource;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
  supersededById: string | null;
  renewalOfId: string | null;
  statusListIndex: number | null;
  createdAt: Date;
}

/** A person as issuing needs them. */
export interface IssuingStaff {
  id: string;
  employeeNumber: string;
  status: StaffStatus;
  timezone: string;
}

/** An award's facts, for planning. */
export interface AwardFactsRow {
  id: string;
  staffId: string;
  definitionId: string;
  issuedOn: string;
  validUntil: string | null;
  status: AwardRecordStatus;
  countsFrom: RenewalCountsFrom;
  renewalTiming: RenewalTiming;
}

/** A row to insert. `id` is chosen by the caller, so that a batch can link its awards to each other. */
export interface NewAward {
  id: string;
  staffId: string;
  definitionId: string;
  definitionVersionId: string;
  issuedOn: string;
  validUntil: string | null;
  renewalOpensOn: string | null;
  countsFrom: RenewalCountsFrom;
  renewalTiming: RenewalTiming;
  issuer: string;
  assessmentResult: AssessmentResult | null;
  evidenceId: string | null;
  status: AwardRecordStatus;
  source: AwardSource;
  supersededById: string | null;
  renewalOfId: string | null;
  revokedAt?: string | null;
  revokedBy?: string | null;
  revokeReason?: string | null;
  createdAt?: string | null;
}

const SORT_SQL: Record<AwardSortField, string> = {
  issuedOn: 'a.issued_on',
  validUntil: 'a.valid_until',
  staff: 's.family_name',
  credential: 'd.code',
};

/** The person's today, in their branch's zone; `clock.now` is the instant (see `findPage`). */
const TODAY_SQL = `(clock.now AT TIME ZONE b.timezone)::date`;

/**
 * The effective status in SQL, the same rule as the domain's `statusOn` (docs/credentials-rules.md, rule 5)
 * with the award's recertification window as the warning window. `renewal_opens_on` was computed by the domain
 * when the award was issued; awards.int-spec.ts checks that this and the mapper's `statusOn` agree.
 */
const STATUS_SQL = `CASE
    WHEN a.status = 'revoked' THEN 'revoked'
    WHEN a.status = 'superseded' THEN 'superseded'
    WHEN a.issued_on > ${TODAY_SQL} THEN 'not_yet_valid'
    WHEN a.valid_until IS NULL THEN 'valid'
    WHEN a.valid_until < ${TODAY_SQL} THEN 'expired'
    WHEN a.renewal_opens_on <= ${TODAY_SQL} THEN 'expiring'
    ELSE 'valid' END`;

const SELECT_AWARD = `a.id, a.staff_id, s.employee_number, s.given_name, s.family_name, s.branch_id, b.code AS branch_code,
  b.name AS branch_name, b.timezone, a.definition_id, d.code AS definition_code, d.status AS definition_status, d.category,
  a.definition_version_id, v.version, v.title, v.recert_window_months, v.recert_window_days,
  a.issued_on::text, a.valid_until::text, a.renewal_opens_on::text, a.counts_from, a.renewal_timing, a.issuer,
  a.assessment_result, a.evidence_id, a.status, a.source, a.revoked_at, a.revoked_by, a.revoke_reason,
  a.superseded_by_id, a.renewal_of_id, a.status_list_index, a.created_at`;

const FROM_AWARD = `award a
  JOIN staff s ON s.id = a.staff_id
  JOIN branch b ON b.id = s.branch_id
  JOIN credential_definition d ON d.id = a.definition_id
  JOIN credential_definition_version v ON v.id = a.definition_version_id`;

@Injectable()
export class AwardRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(AwardEntity);
  }

  /**
   * One page of awards; filters, effective status and scope (the awarded person's current branch) are applied
   * in PostgreSQL.
   */
  async findPage(query: AwardPageQuery, scope: AccessScope): Promise<{ rows: AwardRow[]; total: number }> {
    const params: unknown[] = [query.now.toISOString()];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = scopeWhere(scope, param);
    if (query.staffId) where.push(`a.staff_id = ${param(query.staffId)}`);
    if (query.definitionId) where.push(`a.definition_id = ${param(query.definitionId)}`);
    if (query.branchId) where.push(`s.branch_id = ${param(query.branchId)}`);
    if (query.status) where.push(`${STATUS_SQL} = ${param(query.status)}`);
    if (query.expiringWithinDays !== undefined) {
      where.push(`a.status = 'active' AND a.issued_on <= ${TODAY_SQL} AND a.valid_until >= ${TODAY_SQL}
                  AND a.valid_until <= ${TODAY_SQL} + ${param(query.expiringWithinDays)}::int`);
    }
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const nulls =
      query.sort.field === 'validUntil' ? (direction === 'ASC' ? 'NULLS LAST' : 'NULLS FIRST') : '';
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH clock AS (SELECT $1::timestamptz AS now)
       SELECT ${SELECT_AWARD}, count(*) OVER () AS total
         FROM clock CROSS JOIN ${FROM_AWARD}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${SORT_SQL[query.sort.field]} ${direction} ${nulls}, a.issued_on DESC, a.created_at DESC, a.id
        LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0]['total']) : 0;
    if (rows.length === 0 && query.page > 1) {
      total = (await this.findPage({ ...query, page: 1, pageSize: 1 }, scope)).total;
    }
    return { rows: rows.map(toAwardRow), total };
  }

  /**
   * Every award in `scope` matching the filters, ordered by branch, person, credential and newest first: a
   * statement for a caller that streams it through a cursor (exports). `statuses` are effective statuses at
   * `now`, decided in SQL like `findPage`'s.
   */
  exportStatement(
    query: Pick<AwardPageQuery, 'staffId' | 'definitionId' | 'branchId' | 'now'> & {
      statuses?: readonly CertificateStatus[];
    },
    scope: AccessScope,
  ): RowStatement<AwardRow> {
    const params: unknown[] = [query.now.toISOString()];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = scopeWhere(scope, param);
    if (query.staffId) where.push(`a.staff_id = ${param(query.staffId)}`);
    if (query.definitionId) where.push(`a.definition_id = ${param(query.definitionId)}`);
    if (query.branchId) where.push(`s.branch_id = ${param(query.branchId)}`);
    if (query.statuses && query.statuses.length > 0)
      where.push(`${STATUS_SQL} = ANY(${param([...query.statuses])}::text[])`);
    return {
      text: `WITH clock AS (SELECT $1::timestamptz AS now)
       SELECT ${SELECT_AWARD}
         FROM clock CROSS JOIN ${FROM_AWARD}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY b.code, s.family_name, s.given_name, s.employee_number, d.code, a.issued_on DESC, a.id`,
      values: params,
      map: toAwardRow,
    };
  }

  /** The award, or null when unknown or the awarded person's current branch is outside `scope`. */
  async findRow(id: string, scope: AccessScope): Promise<AwardRow | null> {
    return (await this.findRows([id], scope))[0] ?? null;
  }

  async findRows(ids: readonly string[], scope: AccessScope): Promise<AwardRow[]> {
    if (ids.length === 0) return [];
    const params: unknown[] = [[...ids]];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [`a.id = ANY($1::uuid[])`, ...scopeWhere(scope, param)];
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT ${SELECT_AWARD} FROM ${FROM_AWARD} WHERE ${where.join(' AND ')}`,
      params,
    );
    const byId = new Map(rows.map((r) => [r['id'] as string, toAwardRow(r)]));
    return ids.map((id) => byId.get(id)).filter((r): r is AwardRow => r !== undefined);
  }

  /** Every award of one person, by credential code, newest first. */
  async rowsOfStaff(staffId: string, scope: AccessScope): Promise<AwardRow[]> {
    const params: unknown[] = [staffId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['a.staff_id = $1', ...scopeWhere(scope, param)];
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT ${SELECT_AWARD} FROM ${FROM_AWARD} WHERE ${where.join(' AND ')}
        ORDER BY d.code, a.issued_on DESC, a.created_at DESC`,
      params,
    );
    return rows.map(toAwardRow);
  }

  /** A person within the scope, with their branch's time zone; null when unknown or out of scope. */
  async findStaff(staffId: string, scope: AccessScope): Promise<IssuingStaff | null> {
    const params: unknown[] = [staffId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['s.id = $1', ...scopeWhere(scope, param)];
    const rows: Array<Record<string, string>> = await this.txHost.tx.query(
      `SELECT s.id, s.employee_number, s.status, b.timezone FROM staff s JOIN branch b ON b.id = s.branch_id
        WHERE ${where.join(' AND ')}`,
      params,
    );
    return rows.length > 0 ? toIssuingStaff(rows[0]) : null;
  }

  /** People by ID or by employee number, with their branch's time zone. */
  async staffForIssuing(
    by: { ids: readonly string[] } | { employeeNumbers: readonly string[] },
  ): Promise<IssuingStaff[]> {
    const [column, values] = 'ids' in by ? ['id', by.ids] : ['employee_number', by.employeeNumbers];
    if (values.length === 0) return [];
    const rows: Array<Record<string, string>> = await this.txHost.tx.query(
      `SELECT s.id, s.employee_number, s.status, b.timezone FROM staff s JOIN branch b ON b.id = s.branch_id
        WHERE s.${column} = ANY($1::${column === 'id' ? 'uuid' : 'text'}[])`,
      [[...new Set(values)]],
    );
    return rows.map(toIssuingStaff);
  }

  /**
   * Serialises issuing per person and credential until the transaction ends: a second request for the same
   * pair waits here, then sees the first one's award. Locks are taken in a fixed order, so two batches that
   * share people cannot deadlock.
   */
  async lockPairs(pairs: ReadonlyArray<{ staffId: string; definitionId: string }>): Promise<void> {
    if (pairs.length === 0) return;
    const keys = [...new Set(pairs.map((p) => `award:${p.staffId}:${p.definitionId}`))];
    await this.txHost.tx.query(
      `SELECT pg_advisory_xact_lock(k) FROM (
         SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest($1::text[]) AS key ORDER BY 1) AS keys`,
      [keys],
    );
  }

  /** Every award of the given people for the given credentials (all statuses). */
  async factsFor(pairs: ReadonlyArray<{ staffId: string; definitionId: string }>): Promise<AwardFactsRow[]> {
    if (pairs.length === 0) return [];
    const rows: Array<Record<string, string | null>> = await this.txHost.tx.query(
      `SELECT a.id, a.staff_id, a.definition_id, a.issued_on::text, a.valid_until::text, a.status, a.counts_from,
              a.renewal_timing
         FROM award a JOIN (SELECT DISTINCT * FROM unnest($1::uuid[], $2::uuid[]) AS p(staff_id, definition_id)) p
           ON a.staff_id = p.staff_id AND a.definition_id = p.definition_id`,
      [pairs.map((p) => p.staffId), pairs.map((p) => p.definitionId)],
    );
    return rows.map((r) => ({
      id: r['id'] as string,
      staffId: r['staff_id'] as string,
      definitionId: r['definition_id'] as string,
      issuedOn: r['issued_on'] as string,
      validUntil: r['valid_until'],
      status: r['status'] as AwardRecordStatus,
      countsFrom: r['counts_from'] as RenewalCountsFrom,
      renewalTiming: r['renewal_timing'] as RenewalTiming,
    }));
  }

  /**
   * Records new awards in three set-based statements: the active awards they renew become superseded, the
   * new rows go in (each with the next status list index), then the superseded awards point at their
   * successors. Returns how many existing awards were superseded.
   */
  async issue(
    awards: readonly NewAward[],
    supersede: ReadonlyArray<{ oldId: string; newId: string }>,
  ): Promise<number> {
    let superseded = 0;
    if (supersede.length > 0) {
      const result: [unknown[], number] = await this.txHost.tx.query(
        `UPDATE award SET status = 'superseded' WHERE id = ANY($1::uuid[]) AND status = 'active'`,
        [supersede.map((s) => s.oldId)],
      );
      superseded = result[1];
    }
    await this.insertMany(awards);
    if (supersede.length > 0) {
      await this.txHost.tx.query(
        `UPDATE award a SET superseded_by_id = x.new_id
           FROM unnest($1::uuid[], $2::uuid[]) AS x(old_id, new_id) WHERE a.id = x.old_id`,
        [supersede.map((s) => s.oldId), supersede.map((s) => s.newId)],
      );
    }
    return superseded;
  }

  /**
   * Inserts award rows in one statement, in the given order (which also orders their status list indices).
   * Rows of one batch may point at each other (`supersededById`, `renewalOfId`): PostgreSQL checks those
   * foreign keys at the end of the statement.
   */
  async insertMany(awards: readonly NewAward[]): Promise<void> {
    if (awards.length === 0) return;
    await this.txHost.tx.query(
      `INSERT INTO award (id, staff_id, definition_id, definition_version_id, issued_on, valid_until, renewal_opens_on,
                          counts_from, renewal_timing, issuer, assessment_result, evidence_id, status, source,
                          superseded_by_id, renewal_of_id, revoked_at, revoked_by, revoke_reason, status_list_index,
                          created_at)
       SELECT x.id, x."staffId", x."definitionId", x."definitionVersionId", x."issuedOn", x."validUntil",
              x."renewalOpensOn", x."countsFrom", x."renewalTiming", x.issuer, x."assessmentResult", x."evidenceId",
              x.status, x.source, x."supersededById", x."renewalOfId", x."revokedAt", x."revokedBy", x."revokeReason",
              nextval('award_status_list_seq'), COALESCE(x."createdAt", now())
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, ord),
              jsonb_to_record(e.value) AS x(
                id uuid, "staffId" uuid, "definitionId" uuid, "definitionVersionId" uuid, "issuedOn" date,
                "validUntil" date, "renewalOpensOn" date, "countsFrom" text, "renewalTiming" text, issuer text,
                "assessmentResult" jsonb, "evidenceId" uuid, status text, source text, "supersededById" uuid,
                "renewalOfId" uuid, "revokedAt" timestamptz, "revokedBy" text, "revokeReason" text,
                "createdAt" timestamptz)
        ORDER BY e.ord`,
      [JSON.stringify(awards)],
    );
  }

  findById(id: string): Promise<AwardEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Locks the award for the rest of the transaction. */
  findByIdForUpdate(id: string): Promise<AwardEntity | null> {
    return this.repo
      .createQueryBuilder('a')
      .where('a.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async revoke(id: string, at: Date, by: string | null, reason: string): Promise<void> {
    await this.repo.update({ id }, { status: 'revoked', revokedAt: at, revokedBy: by, revokeReason: reason });
  }

  /**
   * One award with its definition version, person and branch: what a credential, the PDF and the page show.
   * Null when there is no such award or `viewer` may not see it (the same answer, so nothing leaks).
   */
  async findCredentialRow(awardId: string, viewer: CredentialViewer): Promise<AwardCredentialRow | null> {
    const params: unknown[] = [awardId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const visible = viewer === 'anyone' ? null : viewerSql(viewer, param);
    const rows: AwardCredentialRow[] = await this.txHost.tx.query(
      `SELECT a.id, a.status_list_index, a.issued_on::text AS issued_on, a.valid_until::text AS valid_until,
              a.status, a.assessment_result, d.code, d.esco_skill_uri, v.version, v.title, v.description,
              v.criteria, v.learning_outcomes, v.awarding_body_name, v.awarding_body_country,
              v.workload_hours::float8 AS workload_hours, v.ects::float8 AS ects, v.eqf_level, v.assessment_type,
              v.participation_form, v.quality_assurance, v.prerequisites, v.supervision, v.stackability,
              v.validity_months, s.email, s.employee_number, s.given_name, s.family_name, s.preferred_language,
              b.timezone
         FROM award a
         JOIN credential_definition d ON d.id = a.definition_id
         JOIN credential_definition_version v ON v.id = a.definition_version_id
         JOIN staff s ON s.id = a.staff_id
         JOIN branch b ON b.id = s.branch_id
        WHERE a.id = $1 ${visible ? `AND ${visible}` : ''}`,
      params,
    );
    return rows[0] ?? null;
  }

  /** The status list indices of every revoked award (for the Open Badges revocation list). */
  async revokedStatusListIndices(): Promise<number[]> {
    const rows: Array<{ i: number }> = await this.txHost.tx.query(
      `SELECT status_list_index AS i FROM award WHERE status = 'revoked' AND status_list_index IS NOT NULL
        ORDER BY 1`,
    );
    return rows.map((r) => r.i);
  }
}

function scopeWhere(scope: AccessScope, param: (value: unknown) => string): string[] {
  const condition = branchScopeSql(scope, 's.branch_id', param);
  return condition ? [condition] : [];
}

/** A signed-in viewer sees the awards of people in their scope, and their own; anything else is no row. */
function viewerSql(
  viewer: Exclude<CredentialViewer, 'anyone'>,
  param: (value: unknown) => string,
): string | null {
  const either: string[] = [];
  if (viewer.scope) {
    const inScope = branchScopeSql(viewer.scope, 's.branch_id', param);
    if (!inScope) return null; // company-wide
    either.push(inScope);
  }
  if (viewer.staffId) either.push(`a.staff_id = ${param(viewer.staffId)}`);
  return either.length > 0 ? `(${either.join(' OR ')})` : 'FALSE';
}

function toIssuingStaff(r: Record<string, string>): IssuingStaff {
  return {
    id: r['id'],
    employeeNumber: r['employee_number'],
    status: r['status'] as StaffStatus,
    timezone: r['timezone'],
  };
}

function toAwardRow(r: Record<string, unknown>): AwardRow {
  return {
    id: r['id'] as string,
    staffId: r['staff_id'] as string,
    employeeNumber: r['employee_number'] as string,
    givenName: r['given_name'] as string,
    familyName: r['family_name'] as string,
    branchId: r['branch_id'] as string,
    branchCode: r['branch_code'] as string,
    branchName: r['branch_name'] as string,
    timezone: r['timezone'] as string,
    definitionId: r['definition_id'] as string,
    definitionCode: r['definition_code'] as string,
    definitionStatus: r['definition_status'] as CredentialDefinitionStatus,
    category: r['category'] as CredentialCategory,
    versionId: r['definition_version_id'] as string,
    version: Number(r['version']),
    title: r['title'] as LocalizedText,
    windowMonths: Number(r['recert_window_months']),
    windowDays: Number(r['recert_window_days']),
    issuedOn: r['issued_on'] as string,
    validUntil: (r['valid_until'] as string | null) ?? null,
    renewalOpensOn: (r['renewal_opens_on'] as string | null) ?? null,
    countsFrom: r['counts_from'] as RenewalCountsFrom,
    renewalTiming: r['renewal_timing'] as RenewalTiming,
    issuer: r['issuer'] as string,
    assessmentResult: (r['assessment_result'] as AssessmentResult | null) ?? null,
    evidenceId: (r['evidence_id'] as string | null) ?? null,
    status: r['status'] as AwardRecordStatus,
    source: r['source'] as AwardSource,
    revokedAt: (r['revoked_at'] as Date | null) ?? null,
    revokedBy: (r['revoked_by'] as string | null) ?? null,
    revokeReason: (r['revoke_reason'] as string | null) ?? null,
    supersededById: (r['superseded_by_id'] as string | null) ?? null,
    renewalOfId: (r['renewal_of_id'] as string | null) ?? null,
    statusListIndex: (r['status_list_index'] as number | null) ?? null,
    createdAt: r['created_at'] as Date,
  };
}

/** The raw row behind a credential (see `findCredentialRow`); mapped by `mapCredentialInput`. */
export interface AwardCredentialRow {
  id: string;
  status_list_index: number | null;
  issued_on: string;
  valid_until: string | null;
  status: AwardRecordStatus;
  assessment_result: AssessmentResult | null;
  code: string;
  esco_skill_uri: string | null;
  version: number;
  title: LocalizedText;
  description: LocalizedText;
  criteria: LocalizedText;
  learning_outcomes: LocalizedList;
  awarding_body_name: string;
  awarding_body_country: string;
  workload_hours: number | null;
  ects: number | null;
  eqf_level: number | null;
  assessment_type: string;
  participation_form: string;
  quality_assurance: LocalizedText;
  prerequisites: LocalizedText | null;
  supervision: string | null;
  stackability: Stackability | null;
  validity_months: number | null;
  email: string | null;
  employee_number: string;
  given_name: string;
  family_name: string;
  preferred_language: UiLanguage;
  timezone: string;
}
