import { Module } from '@nestjs/common';
import { BranchesModule } from '../branches/branches.module';
import { RegionsModule } from '../regions/regions.module';
import { JobRolesModule } from '../job-roles/job-roles.module';
import { StaffModule } from '../staff/staff.module';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [RegionsModule, BranchesModule, JobRolesModule, StaffModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class SeedModule {}
