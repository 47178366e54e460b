import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { OrgTreeNode, Region } from '@brevet/contracts';
import { AuditLog } from '../audit/audit-log.service';
import type { AccessScope } from '../auth/actor';
import { BranchRepository } from '../branches/branch.repository';
import { Clock } from '../common/clock';
import { queueComplianceCatchUp } from '../compliance/compliance-catch-up.queue';
import { JobOutbox } from '../jobs/job-outbox.service';
import { buildOrgTree, wouldCreateRegionCycle } from './org-tree.util';
import type { CreateRegionDto, UpdateRegionDto } from '../regions/region.dto';
import {
  RegionCodeTakenException,
  RegionCycleException,
  RegionNotFoundException,
} from '../regions/region.exceptions';
import { mapRegion } from '../regions/region.mapper';
import { RegionRepository } from '../regions/region.repository';

/** Regions and the organisation tree. Region writes are audited as `settings.changed` (target `region`). */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly regions: RegionRepository,
    private readonly branches: BranchRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditLog,
    private readonly outbox: JobOutbox,
    private readonly clock: Clock,
  ) {}

  /** The regions in view: every region company-wide, otherwise those on the path to the branches in scope. */
  async list(scope: AccessScope): Promise<Region[]> {
    return (await this.regions.findVisible(scope)).map(mapRegion);
  }

  /**
   * The organisation in view: regions, sub-regions and branches with rolled-up counts. A manager sees the
   * branches in scope and the regions on their path, and counts of those only.
   */
  async tree(scope: AccessScope): Promise<OrgTreeNode[]> {
    const [regions, branches] = await Promise.all([
      this.regions.findVisible(scope),
      this.branches.treeBranches(scope),
    ]);
    return buildOrgTree(regions, branches);
  }

  async create(request: CreateRegionDto): Promise<Region> {
    return this.txHost.withTransaction(async () => {
      if (request.parentId && !(await this.regions.exists(request.parentId))) {
        throw new RegionNotFoundException(request.parentId, 'parentId');
      }
      if (await this.regions.existsByCode(request.code)) throw new RegionCodeTakenException(request.code);
      const fields = { code: request.code, name: request.name, parentId: request.parentId ?? null };
      const region = await this.regions.insert(fields);
      await this.audit.record({
        action: 'settings.changed',
        target: { type: 'region', id: region.id, label: region.code },
        after: fields,
        details: { event: 'created' },
      });
      return mapRegion(region);
    });
  }

  async update(id: string, request: UpdateRegionDto): Promise<Region> {
    const region = await this.txHost.withTransaction(async () => {
      const all = await this.regions.findAll();
      const current = all.find((r) => r.id === id);
      if (!current) throw new RegionNotFoundException(id, 'id');
      if (request.parentId !== undefined && request.parentId !== null) {
        if (!all.some((r) => r.id === request.parentId))
          throw new RegionNotFoundException(request.parentId, 'parentId');
        if (wouldCreateRegionCycle(all, id, request.parentId)) throw new RegionCycleException();
      }
      await this.regions.update(id, { name: request.name, parentId: request.parentId });
      const updated = await this.regions.findById(id);
      if (!updated) throw new RegionNotFoundException(id, 'id');
      const before = { name: current.name, parentId: current.parentId };
      const after = { name: updated.name, parentId: updated.parentId };
      if (before.parentId !== after.parentId) {
        // Every region rule above the moved region may now reach other people: on L the rebuild takes a minute
        // or two, so the worker does it after the commit rather than the next dashboard read.
        await queueComplianceCatchUp(
          this.outbox,
          `region.${id}.${this.clock.now().getTime()}`,
          `region ${updated.code} moved`,
        );
      }
      if (before.name !== after.name || before.parentId !== after.parentId) {
        await this.audit.record({
          action: 'settings.changed',
          target: { type: 'region', id, label: updated.code },
          before,
          after,
          details: { event: 'updated' },
        });
      }
      return mapRegion(updated);
    });
    this.outbox.flushSoon();
    return region;
  }
}
