import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Branch, BranchPage } from '@brevet/contracts';
import { ProblemDto } from '../common/problem.dto';
import { BranchDto, BranchListQueryDto, BranchPageDto, CreateBranchDto, UpdateBranchDto } from './branch.dto';
import { BranchesService } from './branches.service';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permission } from '@brevet/contracts';

const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('branches')
@ApiNotFoundResponse({ type: ProblemDto, description: 'No branch with that ID.' })
@Controller({ path: 'branches', version: '1' })
export class BranchesController {
  constructor(private readonly branches: BranchesService) {}

  @Get()
  @Allow(Permission.OrgRead)
  @ApiOkResponse({ type: BranchPageDto })
  list(@Query() query: BranchListQueryDto, @CurrentActor() actor: Actor): Promise<BranchPage> {
    return this.branches.list(query, actor.scope);
  }

  @Get(':id')
  @Allow(Permission.OrgRead)
  @ApiOkResponse({ type: BranchDto })
  get(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<Branch> {
    return this.branches.get(id, actor.scope);
  }

  @Post()
  @Allow(Permission.OrgWrite)
  @ApiCreatedResponse({ type: BranchDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'The code is taken.' })
  create(@Body() body: CreateBranchDto): Promise<Branch> {
    return this.branches.create(body);
  }

  @Patch(':id')
  @Allow(Permission.OrgWrite)
  @ApiOkResponse({ type: BranchDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Changed by someone else since `version`.' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateBranchDto): Promise<Branch> {
    return this.branches.update(id, body);
  }

  @Post(':id/archive')
  @Allow(Permission.OrgWrite)
  @HttpCode(200)
  @ApiOkResponse({ type: BranchDto })
  archive(@Param('id', uuid) id: string): Promise<Branch> {
    return this.branches.archive(id);
  }

  @Post(':id/restore')
  @Allow(Permission.OrgWrite)
  @HttpCode(200)
  @ApiOkResponse({ type: BranchDto, description: 'Undoes an archive.' })
  restore(@Param('id', uuid) id: string): Promise<Branch> {
    return this.branches.restore(id);
  }
}
