import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { JobRole } from '@brevet/contracts';
import { CreateJobRoleDto, JobRoleDto, UpdateJobRoleDto } from './job-role.dto';
import { JobRolesService } from './job-roles.service';
import { Allow } from '../auth/allow.decorator';
import { Permission } from '@brevet/contracts';

@ApiTags('job-roles')
@Controller({ path: 'job-roles', version: '1' })
export class JobRolesController {
  constructor(private readonly roles: JobRolesService) {}

  @Get()
  @Allow(Permission.OrgRead)
  @ApiOkResponse({ type: [JobRoleDto] })
  list(): Promise<JobRole[]> {
    return this.roles.list();
  }

  @Post()
  @Allow(Permission.OrgWrite)
  @ApiCreatedResponse({ type: JobRoleDto })
  create(@Body() body: CreateJobRoleDto): Promise<JobRole> {
    return this.roles.create(body);
  }

  @Patch(':id')
  @Allow(Permission.OrgWrite)
  @ApiOkResponse({ type: JobRoleDto })
  update(
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body() body: UpdateJobRoleDto,
  ): Promise<JobRole> {
    return this.roles.update(id, body);
  }
}
