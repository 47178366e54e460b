import { Module } from '@nestjs/common';
import { BranchesModule } from '../branches/branches.module';
import { RegionsModule } from '../regions/regions.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [RegionsModule, BranchesModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class SeedModule {}
