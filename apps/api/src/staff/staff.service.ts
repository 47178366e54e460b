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
import { StaffDeactivation } from './staff-deactivation';
import { DuplicateEmployeeNumberError, StaffRepository, type StaffChanges } from './staff.repository';

/** The staff directory: who works where, in which roles, since when. */
@Injectable()
export class StaffService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly branches: BranchRepository,
    private readonly roles: JobRoleRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly deactivation: StaffDeactivation,
  ) {}

  async list(query: StaffListQueryDto): Promise<StaffPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { rows, total } = await this.staff.findPage({
      page,
      pageSize,
      sort: parseSort(query.sort, STAFF_SORT_FIELDS, 'familyName'),
      q: query.q || undefined,
      branchId: query.branchId,
      regionId: query.regionId,
      jobRoleId: query.jobRoleId,
      status: query.status ?? 'active',
    });
    return { items: rows.map(mapStaffSummary), total, page, pageSize };
  }

  async get(id: string): Promise<StaffDetail> {
    // Inside a caller's transaction (e.g. SCIM) every query shares one connection, and pg rejects
    // concurrent queries on one client from pg@9 on: run them one after the other there.
    const all = this.txHost.isTransactionActive() ? sequentially : concurrently;
    const [row, entity] = await all([() => this.staff.findRowById(id), () => this.staff.findById(id)]);
    if (!row || !entity) throw new StaffNotFoundException(id);
    const [manager, branchHistory, roleHistory] = await all([
      () => (entity.managerId ? this.staff.findById(entity.managerId) : Promise.resolve(null)),
      () => this.staff.branchHistory(id),
      () => this.staff.roleHistory(id),
    ]);
    return mapStaffDetail(row, entity, manager, branchHistory, roleHistory);
  }

  async create(request: CreateStaffDto): Promise<StaffDetail> {
    const id = await this.txHost.withTransaction(async () => {
      await this.assertBranchActive(request.branchId);
      const roleIds = await this.assertRolesActive(request.jobRoleIds);
      if (request.managerId && !(await this.staff.findById(request.managerId))) {
        throw new ManagerNotFoundException(request.managerId);
      }
      if (await this.staff.existsByEmployeeNumber(request.employeeNumber)) {
        throw new EmployeeNumberTakenException(request.employeeNumber);
      }
      return this.staff
        .insert(
          {
            employeeNumber: request.employeeNumber,
            givenName: request.givenName,
            familyName: request.familyName,
            email: request.email ?? null,
            preferredLanguage: request.preferredLanguage ?? 'de',
            branchId: request.branchId,
            managerId: request.managerId ?? null,
            hireDate: request.hireDate,
          },
          roleIds,
        )
        .catch((error: unknown) => {
          throw error instanceof DuplicateEmployeeNumberError
            ? new EmployeeNumberTakenException(request.employeeNumber)
            : error;
        });
    });
    return this.get(id);
  }

  /**
   * Changes a person. Branch, role and status changes take effect on `effectiveFrom` (today where the person
   * works, by default) and are kept as history; name, email and language changes simply replace the old value.
   */
  async update(id: string, request: UpdateStaffDto): Promise<StaffDetail> {
    const inOuterTransaction = this.txHost.isTransactionActive();
    const left = await this.txHost.withTransaction(async () => {
      const current = await this.staff.findByIdForUpdate(id);
      if (!current) throw new StaffNotFoundException(id);
      if (request.version !== undefined && request.version !== current.version) {
        throw new VersionConflictException(`${current.givenName} ${current.familyName}`);
      }
      const branch = await this.branches.findById(request.branchId ?? current.branchId);
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

      if (leaving) {
        changes.leftOn = day;
        await this.staff.closeAllPeriods(id, day);
      } else if (returning) {
        changes.leftOn = null;
      }
      if (!leaving) {
        const branchChanged = changes.branchId !== undefined;
        if (branchChanged || returning)
          await this.staff.setBranchFrom(id, changes.branchId ?? current.branchId, day);
        if (roleIds !== undefined || returning) {
          // Someone coming back without new roles takes up the roles they held when they left.
          const previous =
            returning && current.leftOn ? await this.staff.roleIdsClosedOn(id, current.leftOn) : [];
          await this.staff.setRolesFrom(id, roleIds ?? previous, day);
        }
      }
      if (Object.keys(changes).length > 0 || roleIds !== undefined) {
        await this.staff.update(id, changes);
      }
      return leaving;
    });
    // After the commit: ends the person's sessions (the sessions module subscribes). A caller that wraps this
    // in its own transaction (SCIM) publishes after its own commit instead.
    if (left && !inOuterTransaction) await this.deactivation.publish({ staffId: id, reason: 'staff.left' });
    return this.get(id);
  }

  private async assertBranchActive(branchId: string): Promise<void> {
    const branch = await this.branches.findById(branchId);
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
