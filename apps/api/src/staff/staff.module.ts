import { Module } from '@nestjs/common';
import { BranchesModule } from '../branches/branches.module';
import { JobRolesModule } from '../job-roles/job-roles.module';
import { StaffDeactivation } from './staff-deactivation';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';

@Module({
  imports: [BranchesModule, JobRolesModule],
  controllers: [StaffController],
  providers: [StaffRepository, StaffService, StaffDeactivation],
  exports: [StaffRepository, StaffService, StaffDeactivation],
})
export class StaffModule {}
