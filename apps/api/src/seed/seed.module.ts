import { Module } from '@nestjs/common';
import { AwardsModule } from '../awards/awards.module';
import { BranchesModule } from '../branches/branches.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { CoursesModule } from '../courses/courses.module';
import { CredentialsModule } from '../credentials/credentials.module';
import { RegionsModule } from '../regions/regions.module';
import { JobRolesModule } from '../job-roles/job-roles.module';
import { StaffModule } from '../staff/staff.module';
import { TrainingSessionsModule } from '../training-sessions/training-sessions.module';
import { DemoCatalogueSeedService } from './demo-catalogue-seed.service';
import { DemoCoursesSeedService } from './demo-courses/demo-courses-seed.service';
import { DemoSeedService } from './demo-seed.service';

@Module({
  imports: [
    RegionsModule,
    BranchesModule,
    JobRolesModule,
    StaffModule,
    CredentialsModule,
    AwardsModule,
    ComplianceModule,
    CoursesModule,
    TrainingSessionsModule,
  ],
  providers: [DemoSeedService, DemoCatalogueSeedService, DemoCoursesSeedService],
  exports: [DemoSeedService],
})
export class SeedModule {}
