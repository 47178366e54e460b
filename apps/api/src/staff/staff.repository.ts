import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { SortDirection, StaffSortField, StaffStatus, UiLanguage } from '@brevet/contracts';
import { QueryFailedError } from 'typeorm';
import type { AccessScope } from '../auth/actor';
import {
  closeOpenPeriods,
  setOpenPeriods,
  STAFF_BRANCH_PERIODS,
  STAFF_ROLE_PERIODS,
} from '../database/period.util';
import { branchScopeSql } from '../database/scope.util';
import { StaffEntity } from './staff.entity';

export interface StaffRow {
  id: string;
  employeeNumber: string;
  givenName: string;
  familyName: string;
  email: string | null;
  preferredLanguage: UiLanguage;
  status: StaffStatus;
  branchId: string;
  branchCode: string;
  branchName: string;
  hireDate: string;
  jobRoles: Array<{ id: string; code: string; names: Record<UiLanguage, string> }>;
}

export interface StaffPageQuery {
  page: number;
  pageSize: number;
  sort: { field: StaffSortField; direction: SortDirection };
  q?: string;
  branchId?: string;
  regionId?: string;
  jobRoleId?: string;
  status: StaffStatus | 'all';
}

export interface PeriodRow {
  id: string;
  valueId: string;
  code: string;
  name: string;
  names: Record<UiLanguage, string> | null;
  validFrom: string;
  validTo: string | null;
}

const SORT_SQL: Record<StaffSortField, string> = {
  familyName: 's.family_name',
  givenName: 's.given_name',
  employeeNumber: 's.employee_number',
  hireDate: 's.hire_date',
  branch: 'b.name',
};

export class DuplicateEmployeeNumberError extends Error {}

export type NewStaff = Pick<
  StaffEntity,
  | 'employeeNumber'
  | 'givenName'
  | 'familyName'
  | 'email'
  | 'preferredLanguage'
  | 'branchId'
  | 'managerId'
  | 'hireDate'
> & { externalId?: string | null };

export type StaffChanges = Partial<
  Pick<
    StaffEntity,
    | 'givenName'
    | 'familyName'
    | 'email'
    | 'preferredLanguage'
    | 'branchId'
    | 'managerId'
    | 'status'
    | 'leftOn'
    | 'externalId'
  >
>;

@Injectable()
export class StaffRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(StaffEntity);
  }

  /**
   * One page of the directory with each person's current branch and roles, in one round trip: the people
   * whose current branch is in `scope` (the total counts those only).
   */
  async findPage(query: StaffPageQuery, scope: AccessScope): Promise<{ rows: StaffRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const inScope = branchScopeSql(scope, 's.branch_id', param);
    if (inScope) where.push(inScope);
    if (query.status !== 'all') where.push(`s.status = ${param(query.status)}`);
    if (query.branchId) where.push(`s.branch_id = ${param(query.branchId)}`);
    if (query.regionId) {
      where.push(`b.region_id IN (
        WITH RECURSIVE sub AS (SELECT id FROM region WHERE id = ${param(query.regionId)}
                               UNION ALL SELECT r.id FROM region r JOIN sub ON r.parent_id = sub.id)
        SELECT id FROM sub)`);
    }
    if (query.jobRoleId) {
      where.push(`EXISTS (SELECT 1 FROM staff_role_period f WHERE f.staff_id = s.id AND f.valid_to IS NULL
                          AND f.job_role_id = ${param(query.jobRoleId)})`);
    }
    if (query.q) {
      const p = param(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(s.employee_number ILIKE ${p} OR s.email ILIKE ${p}
                   OR (s.given_name || ' ' || s.family_name) ILIKE ${p} OR (s.family_name || ' ' || s.given_name) ILIKE ${p})`);
    }
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH page AS (
         SELECT s.id, count(*) OVER () AS total
           FROM staff s JOIN branch b ON b.id = s.branch_id
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY ${SORT_SQL[query.sort.field]} ${direction}, s.family_name, s.given_name, s.id
          LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)})
       SELECT page.total, ${SELECT_STAFF}
         FROM page JOIN staff s ON s.id = page.id JOIN branch b ON b.id = s.branch_id
        ORDER BY ${SORT_SQL[query.sort.field]} ${direction}, s.family_name, s.given_name, s.id`,
      params,
    );
    const total =
      rows.length > 0 ? Number(rows[0]['total']) : await this.countMatching(query, scope, rows.length);
    return { rows: rows.map(toStaffRow), total };
  }

  private async countMatching(query: StaffPageQuery, scope: AccessScope, found: number): Promise<number> {
    // An empty page past the end still reports how many there are.
    if (query.page === 1) return found;
    const again = await this.findPage({ ...query, page: 1, pageSize: 1 }, scope);
    return again.total;
  }

  /** The person with their current branch and roles; null when unknown or their branch is outside `scope`. */
  async findRowById(id: string, scope: AccessScope): Promise<StaffRow | null> {
    const params: unknown[] = [id];
    const inScope = branchScopeSql(scope, 's.branch_id', (value) => {
      params.push(value);
      return `$${params.length}`;
    });
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT ${SELECT_STAFF} FROM staff s JOIN branch b ON b.id = s.branch_id
        WHERE s.id = $1 ${inScope ? `AND ${inScope}` : ''}`,
      params,
    );
    return rows.length > 0 ? toStaffRow(rows[0]) : null;
  }

  findById(id: string): Promise<StaffEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByIdForUpdate(id: string): Promise<StaffEntity | null> {
    return this.repo
      .createQueryBuilder('s')
      .where('s.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  findByEmployeeNumber(employeeNumber: string): Promise<StaffEntity | null> {
    return this.repo.findOneBy({ employeeNumber });
  }

  existsByEmployeeNumber(employeeNumber: string): Promise<boolean> {
    return this.repo.existsBy({ employeeNumber });
  }

  async count(): Promise<number> {
    return this.repo.count();
  }

  /** True when `candidateManagerId` is `staffId` or reports (directly or not) to `staffId`. */
  async wouldCreateManagerCycle(staffId: string, candidateManagerId: string): Promise<boolean> {
    const rows: Array<{ found: boolean }> = await this.txHost.tx.query(
      `WITH RECURSIVE chain AS (
         SELECT id, manager_id, 1 AS depth FROM staff WHERE id = $2
         UNION ALL
         SELECT s.id, s.manager_id, chain.depth + 1 FROM staff s JOIN chain ON s.id = chain.manager_id WHERE chain.depth < 1000)
       SELECT EXISTS (SELECT 1 FROM chain WHERE id = $1) AS found`,
      [staffId, candidateManagerId],
    );
    return rows[0]?.found === true;
  }

  /** Inserts a person with their first branch and role periods from the hire date. */
  async insert(staff: NewStaff, jobRoleIds: readonly string[]): Promise<string> {
    try {
      const saved = await this.repo.save(
        this.repo.create({ externalId: null, ...staff, status: 'active', leftOn: null }),
      );
      await setOpenPeriods(this.txHost.tx, STAFF_BRANCH_PERIODS, saved.id, [staff.branchId], staff.hireDate);
      await setOpenPeriods(this.txHost.tx, STAFF_ROLE_PERIODS, saved.id, jobRoleIds, staff.hireDate);
      return saved.id;
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint === 'uq_staff_employee_number'
      ) {
        throw new DuplicateEmployeeNumberError();
      }
      throw error;
    }
  }

  async update(id: string, changes: StaffChanges): Promise<void> {
    const entity = await this.repo.findOneByOrFail({ id });
    await this.repo.save(Object.assign(entity, changes));
  }

  async setBranchFrom(staffId: string, branchId: string, day: string): Promise<void> {
    await setOpenPeriods(this.txHost.tx, STAFF_BRANCH_PERIODS, staffId, [branchId], day);
  }

  async setRolesFrom(staffId: string, jobRoleIds: readonly string[], day: string): Promise<void> {
    await setOpenPeriods(this.txHost.tx, STAFF_ROLE_PERIODS, staffId, jobRoleIds, day);
  }

  async closeAllPeriods(staffId: string, day: string): Promise<void> {
    await closeOpenPeriods(this.txHost.tx, STAFF_BRANCH_PERIODS, staffId, day);
    await closeOpenPeriods(this.txHost.tx, STAFF_ROLE_PERIODS, staffId, day);
  }

  async currentRoleIds(staffId: string): Promise<string[]> {
    const rows: Array<{ job_role_id: string }> = await this.txHost.tx.query(
      `SELECT job_role_id FROM staff_role_period WHERE staff_id = $1 AND valid_to IS NULL ORDER BY valid_from`,
      [staffId],
    );
    return rows.map((r) => r.job_role_id);
  }

  /** The roles whose periods ended on `day` (the roles someone held when they left that day). */
  async roleIdsClosedOn(staffId: string, day: string): Promise<string[]> {
    const rows: Array<{ job_role_id: string }> = await this.txHost.tx.query(
      `SELECT DISTINCT job_role_id FROM staff_role_period WHERE staff_id = $1 AND valid_to = $2`,
      [staffId, day],
    );
    return rows.map((r) => r.job_role_id);
  }

  async branchHistory(staffId: string): Promise<PeriodRow[]> {
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT p.id, p.branch_id AS value_id, b.code, b.name, NULL::jsonb AS names, p.valid_from::text, p.valid_to::text
         FROM staff_branch_period p JOIN branch b ON b.id = p.branch_id
        WHERE p.staff_id = $1 ORDER BY p.valid_from DESC`,
      [staffId],
    );
    return rows.map(toPeriodRow);
  }

  async roleHistory(staffId: string): Promise<PeriodRow[]> {
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `SELECT p.id, p.job_role_id AS value_id, r.code, r.names->>'en' AS name, r.names, p.valid_from::text, p.valid_to::text
         FROM staff_role_period p JOIN job_role r ON r.id = p.job_role_id
        WHERE p.staff_id = $1 ORDER BY p.valid_from DESC, r.code`,
      [staffId],
    );
    return rows.map(toPeriodRow);
  }
}

const SELECT_STAFF = `s.id, s.employee_number, s.given_name, s.family_name, s.email, s.preferred_language, s.status,
  s.branch_id, b.code AS branch_code, b.name AS branch_name, s.hire_date::text AS hire_date,
  COALESCE((SELECT json_agg(json_build_object('id', r.id, 'code', r.code, 'names', r.names) ORDER BY r.code)
              FROM staff_role_period p JOIN job_role r ON r.id = p.job_role_id
             WHERE p.staff_id = s.id AND p.valid_to IS NULL), '[]'::json) AS job_roles`;

function toStaffRow(r: Record<string, unknown>): StaffRow {
  return {
    id: r['id'] as string,
    employeeNumber: r['employee_number'] as string,
    givenName: r['given_name'] as string,
    familyName: r['family_name'] as string,
    email: (r['email'] as string | null) ?? null,
    preferredLanguage: r['preferred_language'] as UiLanguage,
    status: r['status'] as StaffStatus,
    branchId: r['branch_id'] as string,
    branchCode: r['branch_code'] as string,
    branchName: r['branch_name'] as string,
    hireDate: r['hire_date'] as string,
    jobRoles: r['job_roles'] as StaffRow['jobRoles'],
  };
}

function toPeriodRow(r: Record<string, unknown>): PeriodRow {
  return {
    id: r['id'] as string,
    valueId: r['value_id'] as string,
    code: r['code'] as string,
    name: r['name'] as string,
    names: (r['names'] as Record<UiLanguage, string> | null) ?? null,
    validFrom: r['valid_from'] as string,
    validTo: (r['valid_to'] as string | null) ?? null,
  };
}
