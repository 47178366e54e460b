import { Module } from '@nestjs/common';
import { JobRoleRepository } from './job-role.repository';
import { JobRolesController } from './job-roles.controller';
import { JobRolesService } from './job-roles.service';

@Module({
  controllers: [JobRolesController],
  providers: [JobRoleRepository, JobRolesService],
  exports: [JobRoleRepository],
})
export class JobRolesModule {}
