import { Module } from '@nestjs/common';
import { RecountRegionBranchesJob } from './recount-region-branches.job';
import { RegionRepository } from './region.repository';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';

@Module({
  controllers: [RegionsController],
  providers: [RegionRepository, RegionsService, RecountRegionBranchesJob],
  exports: [RegionRepository],
})
export class RegionsModule {}
