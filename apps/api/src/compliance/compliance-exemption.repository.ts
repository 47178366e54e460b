import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { LocalizedText } from '@brevet/contracts';
import type { AccessScope } from '../auth/actor';
import { branchScopeSql } from '../database/scope.util';
import { CREDENTIAL_TITLE } from './compliance-evaluation.sql';
import { ComplianceExemptionEntity } from './compliance.entity';

/** An exemption with the person and credential it is about, in one row. */
export interface ExemptionRow {
  id: string;
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
  reason: string;
  until: string;
  /** Today in the person's branch time zone, at the instant asked. */
  today: string;
  grantedBy: string;
  grantedByUserId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ExemptionPageQuery {
  page: number;
  pageSize: number;
  staffId?: string;
  definitionId?: string;
  activeOnly: boolean;
  now: Date;
}

export type NewExemption = Pick<
  ComplianceExemptionEntity,
  'staffId' | 'definitionId' | 'reason' | 'until' | 'grantedBy' | 'grantedByUserId'
>;

/** Exemptions, always seen through the person's current branch and the caller's scope. */
@Injectable()
export class ComplianceExemptionRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(ComplianceExemptionEntity);
  }

  async findPage(
    query: ExemptionPageQuery,
    scope: AccessScope,
  ): Promise<{ rows: ExemptionRow[]; total: number }> {
    const params: unknown[] = [query.now.toISOString()];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    const inScope = branchScopeSql(scope, 's.branch_id', param);
    if (inScope) where.push(inScope);
    if (query.staffId) where.push(`e.staff_id = ${param(query.staffId)}::uuid`);
    if (query.definitionId) where.push(`e.definition_id = ${param(query.definitionId)}::uuid`);
    if (query.activeOnly) where.push(`e.until >= ($1::timestamptz AT TIME ZONE b.timezone)::date`);
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT ${SELECT_EXEMPTION}, count(*) OVER () AS total ${FROM_EXEMPTION}
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY e.until DESC, s.family_name, s.given_name, e.id
        LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      params,
    );
    if (rows.length === 0 && query.page > 1) {
      const first = await this.findPage({ ...query, page: 1, pageSize: 1 }, scope);
      return { rows: [], total: first.total };
    }
    return { rows: rows.map(toExemptionRow), total: rows.length > 0 ? Number(rows[0]['total']) : 0 };
  }

  /** The exemption; null when unknown or the person's branch is outside `scope`. */
  async findRow(id: string, scope: AccessScope, now: Date): Promise<ExemptionRow | null> {
    const params: unknown[] = [now.toISOString(), id];
    const inScope = branchScopeSql(scope, 's.branch_id', (value) => {
      params.push(value);
      return `$${params.length}`;
    });
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT ${SELECT_EXEMPTION} ${FROM_EXEMPTION} WHERE e.id = $2::uuid ${inScope ? `AND ${inScope}` : ''}`,
      params,
    );
    return rows.length > 0 ? toExemptionRow(rows[0]) : null;
  }

  findByIdForUpdate(id: string): Promise<ComplianceExemptionEntity | null> {
    return this.repo
      .createQueryBuilder('e')
      .where('e.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** The person, if in `scope` and not gone, with today in their branch's time zone. */
  async findStaff(
    staffId: string,
    scope: AccessScope,
    now: Date,
  ): Promise<{ id: string; status: string; today: string } | null> {
    const params: unknown[] = [staffId, now.toISOString()];
    const inScope = branchScopeSql(scope, 's.branch_id', (value) => {
      params.push(value);
      return `$${params.length}`;
    });
    const rows: Array<{ id: string; status: string; today: string }> = await this.txHost.tx.query(
      `SELECT s.id, s.status, ($2::timestamptz AT TIME ZONE b.timezone)::date::text AS today
         FROM staff s JOIN branch b ON b.id = s.branch_id
        WHERE s.id = $1::uuid ${inScope ? `AND ${inScope}` : ''}`,
      params,
    );
    return rows[0] ?? null;
  }

  async definitionExists(definitionId: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      `SELECT 1 FROM credential_definition WHERE id = $1::uuid`,
      [definitionId],
    );
    return rows.length > 0;
  }

  async insert(exemption: NewExemption): Promise<string> {
    const saved = await this.repo.save(this.repo.create(exemption));
    return saved.id;
  }

  async update(
    entity: ComplianceExemptionEntity,
    changes: Partial<Pick<ComplianceExemptionEntity, 'reason' | 'until'>>,
  ): Promise<void> {
    await this.repo.save(Object.assign(entity, changes));
  }

  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }
}

const SELECT_EXEMPTION = `e.id, e.staff_id, s.employee_number, s.given_name, s.family_name,
  s.branch_id, b.code AS branch_code, b.name AS branch_name,
  e.definition_id, d.code AS definition_code, ${CREDENTIAL_TITLE} AS definition_title,
  e.reason, e.until::text AS until, ($1::timestamptz AT TIME ZONE b.timezone)::date::text AS today,
  e.granted_by, e.granted_by_user_id, e.version, e.created_at, e.updated_at`;

const FROM_EXEMPTION = `FROM compliance_exemption e
  JOIN staff s ON s.id = e.staff_id
  JOIN branch b ON b.id = s.branch_id
  JOIN credential_definition d ON d.id = e.definition_id`;

function toExemptionRow(r: Record<string, unknown>): ExemptionRow {
  return {
    id: r['id'] as string,
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
    reason: r['reason'] as string,
    until: r['until'] as string,
    today: r['today'] as string,
    grantedBy: r['granted_by'] as string,
    grantedByUserId: (r['granted_by_user_id'] as string | null) ?? null,
    version: Number(r['version']),
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
  };
}
