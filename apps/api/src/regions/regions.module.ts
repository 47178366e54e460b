import { Module } from '@nestjs/common';
import { RecountRegionBranchesJob } from './recount-region-branches.job';
import { RegionRepository } from './region.repository';

/** Region storage and the branch-count job; the HTTP side lives in the organisation module. */
@Module({
  providers: [RegionRepository, RecountRegionBranchesJob],
  exports: [RegionRepository],
})
export class RegionsModule {}
