import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { StaffDetail, StaffPage } from '@brevet/contracts';
import { ProblemDto } from '../common/problem.dto';
import { CreateStaffDto, StaffDetailDto, StaffListQueryDto, StaffPageDto, UpdateStaffDto } from './staff.dto';
import { StaffService } from './staff.service';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permission } from '@brevet/contracts';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('staff')
@ApiNotFoundResponse({ type: ProblemDto, description: 'No person with that ID.' })
@Controller({ path: 'staff', version: '1' })
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @Allow(Permission.StaffRead)
  @ApiOkResponse({ type: StaffPageDto })
  list(@Query() query: StaffListQueryDto, @CurrentActor() actor: Actor): Promise<StaffPage> {
    return this.staff.list(query, actor.scope);
  }

  @Get(':id')
  @Allow(Permission.StaffRead)
  @ApiOkResponse({ type: StaffDetailDto, description: 'The person with their branch and role history.' })
  get(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<StaffDetail> {
    return this.staff.get(id, actor.scope);
  }

  @Post()
  @Allow(Permission.StaffWrite)
  @ApiCreatedResponse({ type: StaffDetailDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'The employee number is taken.' })
  create(@Body() body: CreateStaffDto): Promise<StaffDetail> {
    return this.staff.create(body);
  }

  @Patch(':id')
  @Allow(Permission.StaffWrite)
  @ApiOkResponse({ type: StaffDetailDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Changed by someone else since `version`.' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateStaffDto): Promise<StaffDetail> {
    return this.staff.update(id, body);
  }
}
