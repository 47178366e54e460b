import { Module } from '@nestjs/common';
import { JobRolesModule } from '../job-roles/job-roles.module';
import { SettingsModule } from '../settings/settings.module';
import { StaffModule } from '../staff/staff.module';
import { ScimAdminController } from './scim-admin.controller';
import { ScimBearerGuard } from './scim-bearer.guard';
import { ScimCaller } from './scim-caller';
import { ScimDiscoveryController } from './scim-discovery.controller';
import { ScimDiscoveryService } from './scim-discovery.service';
import { ScimGroupRepository } from './scim-group.repository';
import { ScimGroupsController } from './scim-groups.controller';
import { ScimGroupsService } from './scim-groups.service';
import { ScimMappingService } from './scim-mapping.service';
import { ScimTokenRepository } from './scim-token.repository';
import { ScimTokensService } from './scim-tokens.service';
import { ScimUserRepository } from './scim-user.repository';
import { ScimUsersController } from './scim-users.controller';
import { ScimUsersService } from './scim-users.service';

/** SCIM 2.0 provisioning at /scim/v2, and its admin endpoints at /api/v1/scim. See docs/scim.md. */
@Module({
  imports: [StaffModule, JobRolesModule, SettingsModule],
  controllers: [ScimUsersController, ScimGroupsController, ScimDiscoveryController, ScimAdminController],
  providers: [
    ScimTokenRepository,
    ScimUserRepository,
    ScimGroupRepository,
    ScimTokensService,
    ScimMappingService,
    ScimUsersService,
    ScimGroupsService,
    ScimDiscoveryService,
    ScimBearerGuard,
    ScimCaller,
  ],
})
export class ScimModule {}
