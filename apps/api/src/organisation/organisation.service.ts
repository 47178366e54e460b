import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { OrgTreeNode, Region } from '@brevet/contracts';
import { BranchRepository } from '../branches/branch.repository';
import { buildOrgTree, wouldCreateRegionCycle } from './org-tree.util';
import type { CreateRegionDto, UpdateRegionDto } from '../regions/region.dto';
import {
  RegionCodeTakenException,
  RegionCycleException,
  RegionNotFoundException,
} from '../regions/region.exceptions';
import { mapRegion } from '../regions/region.mapper';
import { RegionRepository } from '../regions/region.repository';

@Injectable()
export class OrganisationService {
  constructor(
    private readonly regions: RegionRepository,
    private readonly branches: BranchRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async list(): Promise<Region[]> {
    return (await this.regions.findAll()).map(mapRegion);
  }

  /** The whole organisation: regions, sub-regions and branches with rolled-up counts. */
  async tree(): Promise<OrgTreeNode[]> {
    const [regions, branches] = await Promise.all([
      this.regions.findAll(),
      this.branches.listWithStaffCounts(),
    ]);
    return buildOrgTree(regions, branches);
  }

  async create(request: CreateRegionDto): Promise<Region> {
    return this.txHost.withTransaction(async () => {
      if (request.parentId && !(await this.regions.exists(request.parentId))) {
        throw new RegionNotFoundException(request.parentId, 'parentId');
      }
      if (await this.regions.existsByCode(request.code)) throw new RegionCodeTakenException(request.code);
      return mapRegion(
        await this.regions.insert({
          code: request.code,
          name: request.name,
          parentId: request.parentId ?? null,
        }),
      );
    });
  }

  async update(id: string, request: UpdateRegionDto): Promise<Region> {
    return this.txHost.withTransaction(async () => {
      const all = await this.regions.findAll();
      if (!all.some((r) => r.id === id)) throw new RegionNotFoundException(id, 'id');
      if (request.parentId !== undefined && request.parentId !== null) {
        if (!all.some((r) => r.id === request.parentId))
          throw new RegionNotFoundException(request.parentId, 'parentId');
        if (wouldCreateRegionCycle(all, id, request.parentId)) throw new RegionCycleException();
      }
      await this.regions.update(id, { name: request.name, parentId: request.parentId });
      const updated = await this.regions.findById(id);
      if (!updated) throw new RegionNotFoundException(id, 'id');
      return mapRegion(updated);
    });
  }
}
