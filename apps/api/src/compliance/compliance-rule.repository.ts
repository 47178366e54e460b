import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type {
  ComplianceRuleSortField,
  CredentialDefinitionStatus,
  LocalizedText,
  RuleArea,
  SortDirection,
  UiLanguage,
} from '@brevet/contracts';
import type { AccessScope } from '../auth/actor';
import { CREDENTIAL_TITLE, SHARED_CTES } from './compliance-evaluation.sql';
import { ComplianceRuleEntity } from './compliance.entity';

/** A rule with the names of what it points at, in one row. */
export interface RuleRow {
  id: string;
  definitionId: string;
  definitionCode: string;
  definitionTitle: LocalizedText;
  jobRoleId: string | null;
  jobRoleCode: string | null;
  jobRoleNames: Record<UiLanguage, string> | null;
  area: RuleArea;
  regionId: string | null;
  regionCode: string | null;
  regionName: string | null;
  branchId: string | null;
  branchCode: string | null;
  branchName: string | null;
  dueDays: number;
  warningDays: number;
  effectiveFrom: string;
  note: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface RulePageQuery {
  page: number;
  pageSize: number;
  sort: { field: ComplianceRuleSortField; direction: SortDirection };
  definitionId?: string;
  jobRoleId?: string;
  area?: RuleArea;
}

export type RuleFields = Pick<
  ComplianceRuleEntity,
  | 'definitionId'
  | 'jobRoleId'
  | 'area'
  | 'regionId'
  | 'branchId'
  | 'dueDays'
  | 'warningDays'
  | 'effectiveFrom'
  | 'note'
>;

/** What a rule's references point at; null where the ID is unknown. */
export interface RuleReferences {
  definition: { status: CredentialDefinitionStatus } | null;
  jobRole: { status: 'active' | 'archived' } | null;
  region: { id: string } | null;
  branch: { status: 'active' | 'archived' } | null;
}

const SORT_SQL: Record<ComplianceRuleSortField, string> = {
  credential: 'd.code',
  area: `array_position(ARRAY['company','region','branch']::text[], r.area::text)`,
  effectiveFrom: 'r.effective_from',
  updatedAt: 'r.updated_at',
};

/**
 * Requirement rules. Every rule is company policy, but a scoped viewer sees only the rules that can reach their
 * branches: company-wide rules, rules for a region above one of their branches, and their branches' rules.
 */
@Injectable()
export class ComplianceRuleRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(ComplianceRuleEntity);
  }

  async findPage(query: RulePageQuery, scope: AccessScope): Promise<{ rows: RuleRow[]; total: number }> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = this.scopeConditions(scope, param);
    if (query.definitionId) where.push(`r.definition_id = ${param(query.definitionId)}::uuid`);
    if (query.jobRoleId) where.push(`r.job_role_id = ${param(query.jobRoleId)}::uuid`);
    if (query.area) where.push(`r.area = ${param(query.area)}`);
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE ${SHARED_CTES}
       SELECT ${SELECT_RULE}, count(*) OVER () AS total
         ${FROM_RULE}
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${SORT_SQL[query.sort.field]} ${direction}, d.code, r.created_at, r.id
        LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      params,
    );
    if (rows.length === 0 && query.page > 1) {
      const first = await this.findPage({ ...query, page: 1, pageSize: 1 }, scope);
      return { rows: [], total: first.total };
    }
    return { rows: rows.map(toRuleRow), total: rows.length > 0 ? Number(rows[0]['total']) : 0 };
  }

  /** The rule; null when unknown or when it cannot reach any branch in `scope`. */
  async findRow(id: string, scope: AccessScope): Promise<RuleRow | null> {
    const params: unknown[] = [id];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['r.id = $1', ...this.scopeConditions(scope, param)];
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH RECURSIVE ${SHARED_CTES}
       SELECT ${SELECT_RULE} ${FROM_RULE} WHERE ${where.join(' AND ')}`,
      params,
    );
    return rows.length > 0 ? toRuleRow(rows[0]) : null;
  }

  findById(id: string): Promise<ComplianceRuleEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByIdForUpdate(id: string): Promise<ComplianceRuleEntity | null> {
    return this.repo
      .createQueryBuilder('r')
      .where('r.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async insert(fields: RuleFields): Promise<string> {
    const saved = await this.repo.save(this.repo.create(fields));
    return saved.id;
  }

  async update(entity: ComplianceRuleEntity, changes: Partial<RuleFields>): Promise<void> {
    await this.repo.save(Object.assign(entity, changes));
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  async count(): Promise<number> {
    return this.repo.count();
  }

  /** Looks up what a rule points at, in one round trip. */
  async references(fields: Pick<RuleFields, 'definitionId' | 'jobRoleId' | 'regionId' | 'branchId'>) {
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT (SELECT json_build_object('status', d.status) FROM credential_definition d WHERE d.id = $1::uuid) AS definition,
              (SELECT json_build_object('status', j.status) FROM job_role j WHERE j.id = $2::uuid) AS job_role,
              (SELECT json_build_object('id', g.id) FROM region g WHERE g.id = $3::uuid) AS region,
              (SELECT json_build_object('status', b.status) FROM branch b WHERE b.id = $4::uuid) AS branch`,
      [fields.definitionId, fields.jobRoleId, fields.regionId, fields.branchId],
    );
    const r = rows[0];
    return {
      definition: (r['definition'] as RuleReferences['definition']) ?? null,
      jobRole: (r['job_role'] as RuleReferences['jobRole']) ?? null,
      region: (r['region'] as RuleReferences['region']) ?? null,
      branch: (r['branch'] as RuleReferences['branch']) ?? null,
    } satisfies RuleReferences;
  }

  /** IDs by code, for seeding: credential definitions, job roles, regions and branches. */
  async idsByCode(): Promise<{
    definitions: Map<string, string>;
    jobRoles: Map<string, string>;
    regions: Map<string, string>;
    branches: Map<string, string>;
  }> {
    const rows: Array<{ kind: string; code: string; id: string }> = await this.txHost.tx.query(
      `SELECT 'definition' AS kind, code, id FROM credential_definition
       UNION ALL SELECT 'job_role', code, id FROM job_role
       UNION ALL SELECT 'region', code, id FROM region
       UNION ALL SELECT 'branch', code, id FROM branch`,
    );
    const of = (kind: string) => new Map(rows.filter((r) => r.kind === kind).map((r) => [r.code, r.id]));
    return {
      definitions: of('definition'),
      jobRoles: of('job_role'),
      regions: of('region'),
      branches: of('branch'),
    };
  }

  /** A scoped viewer sees company rules, rules of regions above their branches and their branches' rules. */
  private scopeConditions(scope: AccessScope, param: (value: unknown) => string): string[] {
    if (scope.all) return [];
    const branches = `${param([...scope.branchIds])}::uuid[]`;
    return [
      `(r.area = 'company'
        OR (r.area = 'branch' AND r.branch_id = ANY(${branches}))
        OR (r.area = 'region' AND EXISTS (SELECT 1 FROM branch_area ba
                                           WHERE ba.region_id = r.region_id AND ba.branch_id = ANY(${branches}))))`,
    ];
  }
}

const SELECT_RULE = `r.id, r.definition_id, d.code AS definition_code, ${CREDENTIAL_TITLE} AS definition_title,
  r.job_role_id, jr.code AS job_role_code, jr.names AS job_role_names,
  r.area, r.region_id, rg.code AS region_code, rg.name AS region_name,
  r.branch_id, br.code AS branch_code, br.name AS branch_name,
  r.due_days, r.warning_days, r.effective_from::text AS effective_from, r.note, r.version, r.created_at, r.updated_at`;

const FROM_RULE = `FROM compliance_rule r
  JOIN credential_definition d ON d.id = r.definition_id
  LEFT JOIN job_role jr ON jr.id = r.job_role_id
  LEFT JOIN region rg ON rg.id = r.region_id
  LEFT JOIN branch br ON br.id = r.branch_id`;

function toRuleRow(r: Record<string, unknown>): RuleRow {
  return {
    id: r['id'] as string,
    definitionId: r['definition_id'] as string,
    definitionCode: r['definition_code'] as string,
    definitionTitle: r['definition_title'] as LocalizedText,
    jobRoleId: (r['job_role_id'] as string | null) ?? null,
    jobRoleCode: (r['job_role_code'] as string | null) ?? null,
    jobRoleNames: (r['job_role_names'] as Record<UiLanguage, string> | null) ?? null,
    area: r['area'] as RuleArea,
    regionId: (r['region_id'] as string | null) ?? null,
    regionCode: (r['region_code'] as string | null) ?? null,
    regionName: (r['region_name'] as string | null) ?? null,
    branchId: (r['branch_id'] as string | null) ?? null,
    branchCode: (r['branch_code'] as string | null) ?? null,
    branchName: (r['branch_name'] as string | null) ?? null,
    dueDays: Number(r['due_days']),
    warningDays: Number(r['warning_days']),
    effectiveFrom: r['effective_from'] as string,
    note: (r['note'] as string | null) ?? null,
    version: Number(r['version']),
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
  };
}
