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

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('staff')
@ApiNotFoundResponse({ type: ProblemDto, description: 'No person with that ID.' })
@Controller({ path: 'staff', version: '1' })
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @ApiOkResponse({ type: StaffPageDto })
  list(@Query() query: StaffListQueryDto): Promise<StaffPage> {
    return this.staff.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: StaffDetailDto, description: 'The person with their branch and role history.' })
  get(@Param('id', uuid) id: string): Promise<StaffDetail> {
    return this.staff.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: StaffDetailDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'The employee number is taken.' })
  create(@Body() body: CreateStaffDto): Promise<StaffDetail> {
    return this.staff.create(body);
  }

  @Patch(':id')
  @ApiOkResponse({ type: StaffDetailDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'Changed by someone else since `version`.' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateStaffDto): Promise<StaffDetail> {
    return this.staff.update(id, body);
  }
}
