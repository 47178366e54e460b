import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  DEFAULT_PAGE_SIZE,
  parseSort,
  STAFF_SORT_FIELDS,
  type StaffDetail,
  type StaffPage,
} from '@brevet/contracts';
import { dayIn } from '@brevet/domain';
import { AuditLog } from '../audit/audit-log.service';
import { ALL_BRANCHES, type AccessScope } from '../auth/actor';
import { BranchRepository } from '../branches/branch.repository';
import { Clock } from '../common/clock';
import { VersionConflictException } from '../common/domain.exception';
import { JobRoleNotFoundException } from '../job-roles/job-role.exceptions';
import { JobRoleRepository } from '../job-roles/job-role.repository';
import type { CreateStaffDto, StaffListQueryDto, UpdateStaffDto } from './staff.dto';
import {
  BranchNotActiveException,
  EffectiveDateException,
  EmployeeNumberTakenException,
  ManagerCycleException,
  ManagerNotFoundException,
  StaffNotFoundException,
} from './staff.exceptions';
import { mapStaffDetail, mapStaffSummary } from './staff.mapper';
import {
  changedFields,
  sameIds,
  staffChanged,
  staffChangeRecord,
  staffLabel,
  type StaffChange,
} from './staff-audit.util';
import { StaffDeactivation } from './staff-deactivation';
import { DuplicateEmployeeNumberError, StaffRepository, type StaffChanges } from './staff.repository';

/**
 * The staff directory: who works where, in which roles, since when. Reads see the people whose current branch
 * is in the caller's scope (anyone else is "not found"); writes need StaffWrite, which only company-wide roles
 * hold (SCIM and the HR import write as the system). `create` and `update` are the directory's own use cases and
 * record `staff.changed`; `add` and `change` apply the same rules without an entry, for SCIM, which records
 * its own.
 */
@Injectable()
export class StaffService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly branches: BranchRepository,
    private readonly roles: JobRoleRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly deactivation: StaffDeactivation,
    private readonly audit: AuditLog,
  ) {}

  async list(query: StaffListQueryDto, scope: AccessScope): Promise<StaffPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { rows, total } = await this.staff.findPage(
      {
        page,
        pageSize,
        sort: parseSort(query.sort, STAFF_SORT_FIELDS, 'familyName'),
        q: query.q || undefined,
        branchId: query.branchId,
        regionId: query.regionId,
        jobRoleId: query.jobRoleId,
        status: query.status ?? 'active',
      },
      scope,
    );
    return { items: rows.map(mapStaffSummary), total, page, pageSize };
  }

  async get(id: string, scope: AccessScope): Promise<StaffDetail> {
    // The scoped query decides whether the caller may see the person at all; the rest loads only after it.
    const row = await this.staff.findRowById(id, scope);
    if (!row) throw new StaffNotFoundException(id);
    // Inside a caller's transaction (e.g. SCIM) every query shares one connection, and pg rejects
    // concurrent queries on one client from pg@9 on: run them one after the other there.
    const all = this.txHost.isTransactionActive() ? sequentially : concurrently;
    const entity = await this.staff.findById(id);
    if (!entity) throw new StaffNotFoundException(id);
    const [manager, branchHistory, roleHistory] = await all([
      () => (entity.managerId ? this.staff.findById(entity.managerId) : Promise.resolve(null)),
      () => this.staff.branchHistory(id),
      () => this.staff.roleHistory(id),
    ]);
    return mapStaffDetail(row, entity, manager, branchHistory, roleHistory);
  }

  async create(request: CreateStaffDto): Promise<StaffDetail> {
    const id = await this.txHost.withTransaction(async () => {
      const change = await this.add(request);
      await this.audit.record(staffChangeRecord(change));
      return change.id;
    });
    return this.get(id, ALL_BRANCHES);
  }

  /**
   * Changes a person. Branch, role and status changes take effect on `effectiveFrom` (today where the person
   * works, by default) and are kept as history; name, email and language changes simply replace the old value.
   */
  async update(id: string, request: UpdateStaffDto): Promise<StaffDetail> {
    const inOuterTransaction = this.txHost.isTransactionActive();
    const change = await this.txHost.withTransaction(async () => {
      const applied = await this.change(id, request);
      if (staffChanged(applied)) await this.audit.record(staffChangeRecord(applied));
      return applied;
    });
    // After the commit: ends the person's sessions (the sessions module subscribes). A caller that wraps this
    // in its own transaction publishes after its own commit instead.
    if (change.left && !inOuterTransaction)
      await this.deactivation.publish({ staffId: id, reason: 'staff.left' });
    return this.get(id, ALL_BRANCHES);
  }

  /** {@link create} without the audit entry, in the caller's transaction (or its own). */
  async add(request: CreateStaffDto): Promise<StaffChange> {
    return this.txHost.withTransaction(async () => {
      await this.assertBranchActive(request.branchId);
      const roleIds = await this.assertRolesActive(request.jobRoleIds);
      if (request.managerId && !(await this.staff.findById(request.managerId))) {
        throw new ManagerNotFoundException(request.managerId);
      }
      if (await this.staff.existsByEmployeeNumber(request.employeeNumber)) {
        throw new EmployeeNumberTakenException(request.employeeNumber);
      }
      const fields = {
        employeeNumber: request.employeeNumber,
        givenName: request.givenName,
        familyName: request.familyName,
        email: request.email ?? null,
        preferredLanguage: request.preferredLanguage ?? 'de',
        branchId: request.branchId,
        managerId: request.managerId ?? null,
        hireDate: request.hireDate,
      };
      const id = await this.staff.insert(fields, roleIds).catch((error: unknown) => {
        throw error instanceof DuplicateEmployeeNumberError
          ? new EmployeeNumberTakenException(request.employeeNumber)
          : error;
      });
      return {
        id,
        label: staffLabel(fields),
        before: null,
        after: { ...fields, jobRoleIds: [...roleIds].sort() },
        effectiveFrom: request.hireDate,
        left: false,
      };
    });
  }

  /**
   * {@link update} without the audit entry and without ending sessions, in the caller's transaction (or its
   * own): the caller records the change and, after its commit, publishes a deactivation when `left`.
   */
  async change(id: string, request: UpdateStaffDto): Promise<StaffChange> {
    return this.txHost.withTransaction(async () => {
      const current = await this.staff.findByIdForUpdate(id);
      if (!current) throw new StaffNotFoundException(id);
      if (request.version !== undefined && request.version !== current.version) {
        throw new VersionConflictException(`${current.givenName} ${current.familyName}`);
      }
      const branch = await this.branches.findById(request.branchId ?? current.branchId, ALL_BRANCHES);
      const day = request.effectiveFrom ?? dayIn(this.clock.now(), branch?.timezone ?? 'UTC');
      if (day < current.hireDate)
        throw new EffectiveDateException(`must not be before the hire date ${current.hireDate}`);

      const changes: StaffChanges = {};
      for (const key of ['givenName', 'familyName', 'email', 'preferredLanguage'] as const) {
        if (request[key] !== undefined && request[key] !== current[key])
          Object.assign(changes, { [key]: request[key] });
      }
      if (request.managerId !== undefined && request.managerId !== current.managerId) {
        if (request.managerId !== null) {
          if (!(await this.staff.findById(request.managerId)))
            throw new ManagerNotFoundException(request.managerId);
          if (await this.staff.wouldCreateManagerCycle(id, request.managerId))
            throw new ManagerCycleException();
        }
        changes.managerId = request.managerId;
      }
      const leaving = request.status === 'left' && current.status !== 'left';
      const returning =
        request.status !== undefined && request.status !== 'left' && current.status === 'left';
      if (request.status !== undefined && request.status !== current.status) changes.status = request.status;

      if (request.branchId !== undefined && request.branchId !== current.branchId) {
        await this.assertBranchActive(request.branchId);
        changes.branchId = request.branchId;
      }
      const roleIds =
        request.jobRoleIds !== undefined ? await this.assertRolesActive(request.jobRoleIds) : undefined;
      const rolesBefore = await this.staff.currentRoleIds(id);

      if (leaving) {
        changes.leftOn = day;
        await this.staff.closeAllPeriods(id, day);
      } else if (returning) {
        changes.leftOn = null;
      }
      let rolesAfter = rolesBefore;
      if (leaving) {
        rolesAfter = [];
      } else {
        const branchChanged = changes.branchId !== undefined;
        if (branchChanged || returning)
          await this.staff.setBranchFrom(id, changes.branchId ?? current.branchId, day);
        if (roleIds !== undefined || returning) {
          // Someone coming back without new roles takes up the roles they held when they left.
          const previous =
            returning && current.leftOn ? await this.staff.roleIdsClosedOn(id, current.leftOn) : [];
          rolesAfter = roleIds ?? previous;
          await this.staff.setRolesFrom(id, rolesAfter, day);
        }
      }
      if (Object.keys(changes).length > 0 || roleIds !== undefined) {
        await this.staff.update(id, changes);
      }
      const diff = changedFields(current, changes);
      if (!sameIds(rolesBefore, rolesAfter)) {
        Object.assign(diff.before, { jobRoleIds: [...rolesBefore].sort() });
        Object.assign(diff.after, { jobRoleIds: [...rolesAfter].sort() });
      }
      return {
        id,
        label: staffLabel({ ...current, ...changes }),
        before: diff.before,
        after: diff.after,
        effectiveFrom: day,
        left: leaving,
      };
    });
  }

  private async assertBranchActive(branchId: string): Promise<void> {
    const branch = await this.branches.findById(branchId, ALL_BRANCHES);
    if (!branch || branch.status !== 'active') throw new BranchNotActiveException(branchId);
  }

  private async assertRolesActive(ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const found = await this.roles.findByIds(unique);
    const active = new Set(found.filter((r) => r.status === 'active').map((r) => r.id));
    const missing = unique.filter((id) => !active.has(id));
    if (missing.length > 0) throw new JobRoleNotFoundException(missing);
    return unique;
  }
}

type Tasks<T extends readonly unknown[]> = { [K in keyof T]: () => Promise<T[K]> };

function concurrently<T extends readonly unknown[]>(tasks: Tasks<T>): Promise<T> {
  return Promise.all(tasks.map((task) => task())) as Promise<unknown> as Promise<T>;
}

async function sequentially<T extends readonly unknown[]>(tasks: Tasks<T>): Promise<T> {
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as unknown as T;
}
