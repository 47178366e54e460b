import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  Permission,
  type EnrolResult,
  type IssueCertificatesResult,
  type MyTrainingSessions,
  type SessionStaffOption,
  type TrainingSessionDetail,
  type TrainingSessionPage,
} from '@brevet/contracts';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Clock } from '../common/clock';
import { ProblemDto } from '../common/problem.dto';
import { AppConfig } from '../config/app-config';
import { sessionsIcs } from './training-session-ics';
import {
  CreateTrainingSessionDto,
  EnrolResultDto,
  EnrolStaffDto,
  IssueCertificatesResultDto,
  MyTrainingSessionsDto,
  RecordAttendanceDto,
  SessionFeedQueryDto,
  SessionPeopleQueryDto,
  SessionStaffOptionDto,
  TrainingSessionDetailDto,
  TrainingSessionListQueryDto,
  TrainingSessionPageDto,
  UpdateTrainingSessionDto,
} from './training-session.dto';
import { TrainingSessionsService } from './training-sessions.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });
const ICS = 'text/calendar; charset=utf-8';

/** Calendar files are personal schedules: never cached on the way. */
function icsHeaders(fileName: string) {
  return [
    Header('Content-Type', ICS),
    Header('Content-Disposition', `attachment; filename="${fileName}"`),
    Header('Cache-Control', 'private, no-store'),
  ];
}
const applyAll =
  (decorators: MethodDecorator[]): MethodDecorator =>
  (target, key, descriptor) => {
    for (const d of decorators) d(target, key, descriptor);
  };

/** Sessions of one's branches (HR, managers), one session (also its instructor and participants). */
@ApiTags('training-sessions')
@Controller({ path: 'training-sessions', version: '1' })
export class TrainingSessionsController {
  constructor(
    private readonly sessions: TrainingSessionsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Allow(Permission.TrainingSessionsManage)
  @ApiOkResponse({ type: TrainingSessionPageDto, description: 'Sessions of your branches.' })
  list(
    @Query() query: TrainingSessionListQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<TrainingSessionPage> {
    return this.sessions.list(query, actor);
  }

  @Get('calendar.ics')
  @Allow(Permission.TrainingSessionsManage)
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar feed of the sessions of your branches (or of `branchId`).' })
  @applyAll(icsHeaders('training-sessions.ics'))
  async feed(@Query() query: SessionFeedQueryDto, @CurrentActor() actor: Actor): Promise<string> {
    const rows = await this.sessions.feed('scope', actor, query.branchId);
    return sessionsIcs(rows, 'Brevet training sessions', this.config.publicUrl, this.clock.now());
  }

  @Get('people')
  @Allow(Permission.TrainingSessionsManage)
  @ApiOkResponse({
    type: [SessionStaffOptionDto],
    description: 'Active people of your branches (50 at most).',
  })
  people(@Query() query: SessionPeopleQueryDto, @CurrentActor() actor: Actor): Promise<SessionStaffOption[]> {
    return this.sessions.people(query.q, actor);
  }

  @Post()
  @Allow(Permission.TrainingSessionsManage)
  @ApiCreatedResponse({ type: TrainingSessionDetailDto })
  create(
    @Body() body: CreateTrainingSessionDto,
    @CurrentActor() actor: Actor,
  ): Promise<TrainingSessionDetail> {
    return this.sessions.create(body, actor);
  }

  @Get(':id')
  @Allow(Permission.Self, Permission.TrainingSessionsManage)
  @ApiOkResponse({ type: TrainingSessionDetailDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Unknown, or not yours to see.' })
  get(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<TrainingSessionDetail> {
    return this.sessions.get(id, actor);
  }

  @Patch(':id')
  @Allow(Permission.TrainingSessionsManage)
  @ApiOkResponse({ type: TrainingSessionDetailDto })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'Cancelled, completed, or capacity below enrolments.',
  })
  update(
    @Param('id', uuid) id: string,
    @Body() body: UpdateTrainingSessionDto,
    @CurrentActor() actor: Actor,
  ): Promise<TrainingSessionDetail> {
    return this.sessions.update(id, body, actor);
  }

  @Post(':id/cancel')
  @Allow(Permission.TrainingSessionsManage)
  @HttpCode(200)
  @ApiOkResponse({ type: TrainingSessionDetailDto })
  cancel(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<TrainingSessionDetail> {
    return this.sessions.cancel(id, actor);
  }

  @Get(':id/calendar.ics')
  @Allow(Permission.Self, Permission.TrainingSessionsManage)
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar file of the session.' })
  @applyAll(icsHeaders('training-session.ics'))
  async ics(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<string> {
    const row = await this.sessions.forCalendar(id, actor);
    return sessionsIcs([row], 'Brevet training session', this.config.publicUrl, this.clock.now());
  }

  @Post(':id/enrolments')
  @Allow(Permission.TrainingSessionsManage)
  @HttpCode(200)
  @ApiOkResponse({
    type: [EnrolResultDto],
    description: 'A seat each while there are some, then the waiting list.',
  })
  @ApiConflictResponse({ type: ProblemDto, description: 'Already enrolled, or the session is not open.' })
  enrol(
    @Param('id', uuid) id: string,
    @Body() body: EnrolStaffDto,
    @CurrentActor() actor: Actor,
  ): Promise<EnrolResult[]> {
    return this.sessions.enrolStaff(id, body.staffIds, actor);
  }

  @Delete(':id/enrolments/:staffId')
  @Allow(Permission.TrainingSessionsManage)
  @ApiOkResponse({ type: TrainingSessionDetailDto, description: 'Cancelled; the first waiting moves up.' })
  cancelEnrolment(
    @Param('id', uuid) id: string,
    @Param('staffId', uuid) staffId: string,
    @CurrentActor() actor: Actor,
  ): Promise<TrainingSessionDetail> {
    return this.sessions.cancelEnrolment(id, staffId, actor);
  }

  @Put(':id/attendance')
  @Allow(Permission.Self, Permission.TrainingSessionsManage)
  @ApiOkResponse({ type: TrainingSessionDetailDto })
  @ApiNotFoundResponse({
    type: ProblemDto,
    description: 'Unknown, or not yours to record (not the instructor).',
  })
  attendance(
    @Param('id', uuid) id: string,
    @Body() body: RecordAttendanceDto,
    @CurrentActor() actor: Actor,
  ): Promise<TrainingSessionDetail> {
    return this.sessions.recordAttendance(id, body, actor);
  }

  @Post(':id/issue-certificates')
  @Allow(Permission.Self, Permission.TrainingSessionsManage)
  @HttpCode(200)
  @ApiOkResponse({
    type: IssueCertificatesResultDto,
    description: 'Awards issued to everyone who passed, once.',
  })
  issue(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<IssueCertificatesResult> {
    return this.sessions.issueCertificates(id, actor);
  }
}

/** The employee's sessions: those they may join, their enrolments, those they teach. */
@ApiTags('self-service')
@Controller({ path: 'me/training-sessions', version: '1' })
export class MyTrainingSessionsController {
  constructor(
    private readonly sessions: TrainingSessionsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Allow(Permission.Self)
  @ApiOkResponse({ type: MyTrainingSessionsDto })
  mine(@CurrentActor() actor: Actor): Promise<MyTrainingSessions> {
    return this.sessions.mine(actor);
  }

  @Get('calendar.ics')
  @Allow(Permission.Self)
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar feed of your enrolments and the sessions you teach.' })
  @applyAll(icsHeaders('my-training-sessions.ics'))
  async feed(@CurrentActor() actor: Actor): Promise<string> {
    const rows = await this.sessions.feed('mine', actor);
    return sessionsIcs(rows, 'My training sessions', this.config.publicUrl, this.clock.now());
  }

  @Post(':id/enrol')
  @Allow(Permission.Self)
  @HttpCode(200)
  @ApiOkResponse({ type: TrainingSessionDetailDto, description: 'Enrolled, or on the waiting list.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Already enrolled, or the session is not open.' })
  enrol(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<TrainingSessionDetail> {
    return this.sessions.enrolSelf(id, actor);
  }

  @Post(':id/cancel')
  @Allow(Permission.Self)
  @HttpCode(200)
  @ApiOkResponse({ type: TrainingSessionDetailDto, description: 'Cancelled; the first waiting moves up.' })
  cancel(@Param('id', uuid) id: string, @CurrentActor() actor: Actor): Promise<TrainingSessionDetail> {
    return this.sessions.cancelSelf(id, actor);
  }
}
