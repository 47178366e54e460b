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

const uuid = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('branches')
@ApiNotFoundResponse({ type: ProblemDto, description: 'No branch with that ID.' })
@Controller({ path: 'branches', version: '1' })
export class BranchesController {
  constructor(private readonly branches: BranchesService) {}

  @Get()
  @ApiOkResponse({ type: BranchPageDto })
  list(@Query() query: BranchListQueryDto): Promise<BranchPage> {
    return this.branches.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: BranchDto })
  get(@Param('id', uuid) id: string): Promise<Branch> {
    return this.branches.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: BranchDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'The code is taken.' })
  create(@Body() body: CreateBranchDto): Promise<Branch> {
    return this.branches.create(body);
  }

  @Patch(':id')
  @ApiOkResponse({ type: BranchDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Changed by someone else since `version`.' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateBranchDto): Promise<Branch> {
    return this.branches.update(id, body);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: BranchDto })
  archive(@Param('id', uuid) id: string): Promise<Branch> {
    return this.branches.archive(id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: BranchDto, description: 'Undoes an archive.' })
  restore(@Param('id', uuid) id: string): Promise<Branch> {
    return this.branches.restore(id);
  }
}
