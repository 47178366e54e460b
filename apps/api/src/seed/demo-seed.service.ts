import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { BranchRepository } from '../branches/branch.repository';
import { RegionRepository } from '../regions/region.repository';
import { DEMO_BRANCHES, DEMO_REGIONS } from './demo-data';

/** Seeds the demo company into an empty database, once. A database with any region is left alone. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly regions: RegionRepository,
    private readonly branches: BranchRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService,
  ) {}

  async seedIfEmpty(): Promise<boolean> {
    return this.cls.run(() =>
      this.txHost.withTransaction(async () => {
        if ((await this.regions.count()) > 0) return false;
        const regionIds = new Map<string, string>();
        for (const region of DEMO_REGIONS) {
          const parentId = region.parent ? (regionIds.get(region.parent) ?? null) : null;
          const saved = await this.regions.insert({ code: region.code, name: region.name, parentId });
          regionIds.set(region.code, saved.id);
        }
        for (const { region, ...branch } of DEMO_BRANCHES) {
          await this.branches.insert({ ...branch, regionId: regionIds.get(region) as string });
        }
        for (const id of regionIds.values()) await this.regions.recountBranches(id);
        this.logger.log(
          `seeded demo company: ${DEMO_REGIONS.length} regions, ${DEMO_BRANCHES.length} branches`,
        );
        return true;
      }),
    );
  }
}
