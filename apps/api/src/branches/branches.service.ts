import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  BRANCH_SORT_FIELDS,
  DEFAULT_PAGE_SIZE,
  parseSort,
  type Branch,
  type BranchPage,
} from '@brevet/contracts';
import { dayIn, defaultLocaleFor } from '@brevet/domain';
import { AuditLog } from '../audit/audit-log.service';
import { ALL_BRANCHES, type AccessScope } from '../auth/actor';
import { Clock } from '../common/clock';
import { VersionConflictException } from '../common/domain.exception';
import { JobName } from '../jobs/job-names';
import { JobOutbox } from '../jobs/job-outbox.service';
import { queueComplianceCatchUp } from '../compliance/compliance-catch-up.queue';
import { RegionNotFoundException } from '../regions/region.exceptions';
import { RegionRepository } from '../regions/region.repository';
import type { BranchEntity } from './branch.entity';
import type { BranchListQueryDto, CreateBranchDto, UpdateBranchDto } from './branch.dto';
import { BranchCodeTakenException, BranchNotFoundException } from './branch.exceptions';
import { mapBranch } from './branch.mapper';
import { BranchRepository, DuplicateBranchCodeError, type BranchChanges } from './branch.repository';

/**
 * Use cases for branches. Reads see the branches in the caller's scope (a branch outside it is "not found");
 * writes need OrgWrite, which only company-wide roles hold. Each write is one transaction; the region recount
 * is queued with it, and so is the audit entry (`settings.changed`, target `branch`, changed fields only).
 */
@Injectable()
export class BranchesService {
  constructor(
    private readonly branches: BranchRepository,
    private readonly regions: RegionRepository,
    private readonly outbox: JobOutbox,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async list(query: BranchListQueryDto, scope: AccessScope): Promise<BranchPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const { rows, total } = await this.branches.findPage(
      {
        page,
        pageSize,
        sort: parseSort(query.sort, BRANCH_SORT_FIELDS, 'name'),
        status: query.status ?? 'active',
        q: query.q || undefined,
        regionId: query.regionId,
      },
      scope,
    );
    return { items: rows.map(mapBranch), total, page, pageSize };
  }

  async get(id: string, scope: AccessScope): Promise<Branch> {
    const branch = await this.branches.findById(id, scope);
    if (!branch) throw new BranchNotFoundException(id);
    return mapBranch(branch);
  }

  async create(request: CreateBranchDto): Promise<Branch> {
    const id = await this.txHost.withTransaction(async () => {
      if (!(await this.regions.exists(request.regionId))) throw new RegionNotFoundException(request.regionId);
      if (await this.branches.existsByCode(request.code)) throw new BranchCodeTakenException(request.code);
      const locale = request.locale ?? defaultLocaleFor(request.country);
      const newId = await this.branches
        .insert({ ...request, locale }, this.today(request.timezone))
        .catch((error: unknown) => {
          throw error instanceof DuplicateBranchCodeError
            ? new BranchCodeTakenException(request.code)
            : error;
        });
      await this.queueRecount(request.regionId, `branch.${newId}.created`);
      await this.audit.record({
        action: 'settings.changed',
        target: { type: 'branch', id: newId, label: request.code },
        after: { ...request, locale, status: 'active' },
        details: { event: 'created' },
      });
      return newId;
    });
    this.outbox.flushSoon();
    return this.get(id, ALL_BRANCHES);
  }

  async update(id: string, request: UpdateBranchDto): Promise<Branch> {
    const { version, ...fields } = request;
    await this.change(id, version, 'updated', (current) => {
      if (fields.regionId && fields.regionId !== current.regionId) return { ...fields, moved: true };
      return fields;
    });
    return this.get(id, ALL_BRANCHES);
  }

  /** Archiving hides the branch from lists and counts; its history stays. `restore` undoes it. */
  async archive(id: string): Promise<Branch> {
    await this.change(id, undefined, 'archived', () => ({ status: 'archived' }));
    return this.get(id, ALL_BRANCHES);
  }

  async restore(id: string): Promise<Branch> {
    await this.change(id, undefined, 'restored', () => ({ status: 'active' }));
    return this.get(id, ALL_BRANCHES);
  }

  private async change(
    id: string,
    expectedVersion: number | undefined,
    event: 'updated' | 'archived' | 'restored',
    decide: (current: BranchEntity) => BranchChanges & { moved?: boolean },
  ): Promise<void> {
    await this.txHost.withTransaction(async () => {
      const current = await this.branches.findByIdForUpdate(id);
      if (!current) throw new BranchNotFoundException(id);
      if (expectedVersion !== undefined && expectedVersion !== current.version) {
        throw new VersionConflictException(`Branch ${current.code}`);
      }
      const { moved, ...changes } = decide(current);
      if (changes.regionId && !(await this.regions.exists(changes.regionId))) {
        throw new RegionNotFoundException(changes.regionId);
      }
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || current[key as keyof BranchEntity] === value) continue;
        before[key] = current[key as keyof BranchEntity];
        after[key] = value;
      }
      if (Object.keys(after).length === 0) return;
      await this.branches.update(id, changes);
      if (moved && changes.regionId) {
        await this.branches.recordRegion(
          id,
          changes.regionId,
          this.today(changes.timezone ?? current.timezone),
        );
      }
      const cause = `branch.${id}.v${current.version + 1}`;
      await this.queueRecount(current.regionId, cause);
      if (moved && changes.regionId) {
        await this.queueRecount(changes.regionId, cause);
        // Region rules now apply differently to its people: the worker rebuilds, not the next dashboard read.
        await queueComplianceCatchUp(this.outbox, cause, `branch ${current.code} moved`);
      }
      await this.audit.record({
        action: 'settings.changed',
        target: { type: 'branch', id, label: current.code },
        before,
        after,
        details: { event },
      });
    });
    this.outbox.flushSoon();
  }

  /** Today in the branch's time zone: history periods are calendar days where the branch is. */
  private today(timeZone: string): string {
    return dayIn(this.clock.now(), timeZone);
  }

  private queueRecount(regionId: string, cause: string): Promise<void> {
    return this.outbox.enqueue(
      JobName.RecountRegionBranches,
      { regionId },
      { jobId: `${cause}.region.${regionId}` },
    );
  }
}
