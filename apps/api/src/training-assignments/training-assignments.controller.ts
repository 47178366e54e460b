import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type MyTraining,
  type StaffCourseProgressPage,
  type TrainingAssignmentPage,
  type TrainingReport,
} from '@brevet/contracts';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ProblemDto } from '../common/problem.dto';
import {
  MyTrainingDto,
  MyTrainingQueryDto,
  StaffCourseProgressPageDto,
  StaffCourseProgressQueryDto,
  TrainingAssignmentPageDto,
  TrainingAssignmentQueryDto,
  TrainingReportDto,
  TrainingReportQueryDto,
} from './training-assignment.dto';
import { TrainingAssignmentsService } from './training-assignments.service';

/** Who should train for what in one's branches (from the compliance rules), and the training report. */
@ApiTags('training')
@Controller({ path: 'training', version: '1' })
export class TrainingAssignmentsController {
  constructor(private readonly training: TrainingAssignmentsService) {}

  @Get('assignments')
  @Allow(Permission.ComplianceRead)
  @ApiOkResponse({
    type: TrainingAssignmentPageDto,
    description: 'Open requirements with the training offered.',
  })
  assignments(
    @Query() query: TrainingAssignmentQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<TrainingAssignmentPage> {
    return this.training.assignments(query, actor);
  }

  @Get('progress')
  @Allow(Permission.ComplianceRead)
  @ApiOkResponse({
    type: StaffCourseProgressPageDto,
    description: 'Course progress of the people in your branches: assigned or begun courses.',
  })
  progress(
    @Query() query: StaffCourseProgressQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<StaffCourseProgressPage> {
    return this.training.progress(query, actor);
  }

  @Get('report')
  @Allow(Permission.ComplianceRead)
  @ApiOkResponse({
    type: TrainingReportDto,
    description: 'Completion and pass rates per course, sessions, months.',
  })
  @ApiBadRequestResponse({ type: ProblemDto })
  report(@Query() query: TrainingReportQueryDto, @CurrentActor() actor: Actor): Promise<TrainingReport> {
    return this.training.report(query, actor);
  }
}

/** The signed-in person's own training: what the compliance rules ask of them and what is offered. */
@ApiTags('self-service')
@Controller({ path: 'me/training', version: '1' })
export class MyTrainingController {
  constructor(private readonly training: TrainingAssignmentsService) {}

  @Get()
  @Allow(Permission.Self)
  @ApiOkResponse({ type: MyTrainingDto })
  mine(@Query() query: MyTrainingQueryDto, @CurrentActor() actor: Actor): Promise<MyTraining> {
    return this.training.mine(query, actor);
  }
}
