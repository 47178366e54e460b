import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  Permission,
  type AttemptResult,
  type AttemptStart,
  type CourseDetail,
  type CoursePage,
  type LearnerCourse,
  type MyCourses,
} from '@brevet/contracts';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ProblemDto } from '../common/problem.dto';
import {
  AttemptResultDto,
  AttemptStartDto,
  CourseDetailDto,
  CourseListQueryDto,
  CoursePageDto,
  CreateCourseDto,
  LanguageQueryDto,
  LearnerCourseDto,
  MyCoursesDto,
  SubmitAttemptDto,
  UpdateCourseDto,
  UpdateProgressDto,
} from './course.dto';
import { CoursesService } from './courses.service';
import { LearningService } from './learning.service';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** Writing courses: HR admins (`CoursesManage`). These answers carry the answer key. */
@ApiTags('courses')
@Controller({ path: 'courses', version: '1' })
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Get()
  @Allow(Permission.CoursesManage)
  @ApiOkResponse({ type: CoursePageDto })
  list(@Query() query: CourseListQueryDto): Promise<CoursePage> {
    return this.courses.list(query);
  }

  @Post()
  @Allow(Permission.CoursesManage)
  @ApiCreatedResponse({ type: CourseDetailDto, description: 'Created with draft version 1.' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Content problems, each by field.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'The code is taken.' })
  create(@Body() body: CreateCourseDto): Promise<CourseDetail> {
    return this.courses.create(body);
  }

  @Get(':id')
  @Allow(Permission.CoursesManage)
  @ApiQuery({ name: 'version', required: false, type: Number })
  @ApiOkResponse({
    type: CourseDetailDto,
    description: 'The draft if there is one, else the current version.',
  })
  @ApiNotFoundResponse({ type: ProblemDto })
  get(
    @Param('id', uuid) id: string,
    @Query('version', new ParseIntPipe({ optional: true })) version?: number,
  ): Promise<CourseDetail> {
    return this.courses.get(id, version);
  }

  @Patch(':id')
  @Allow(Permission.CoursesManage)
  @ApiOkResponse({ type: CourseDetailDto, description: 'Saved into the draft (a new draft if none).' })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'version_conflict: reload.' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateCourseDto): Promise<CourseDetail> {
    return this.courses.update(id, body);
  }

  @Post(':id/publish')
  @Allow(Permission.CoursesManage)
  @HttpCode(200)
  @ApiOkResponse({ type: CourseDetailDto, description: 'The draft is the current version now.' })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'Nothing to publish, or the credential is not published.',
  })
  publish(@Param('id', uuid) id: string): Promise<CourseDetail> {
    return this.courses.publish(id);
  }

  @Post(':id/archive')
  @Allow(Permission.CoursesManage)
  @HttpCode(200)
  @ApiOkResponse({
    type: CourseDetailDto,
    description: 'No longer offered; progress, attempts and awards stay.',
  })
  archive(@Param('id', uuid) id: string): Promise<CourseDetail> {
    return this.courses.archive(id);
  }
}

/** Learning: the signed-in person's own courses, progress and attempts. Never an answer key. */
@ApiTags('self-service')
@Controller({ path: 'me/courses', version: '1' })
export class MyCoursesController {
  constructor(private readonly learning: LearningService) {}

  @Get()
  @Allow(Permission.Self)
  @ApiOkResponse({ type: MyCoursesDto, description: 'Published courses with your progress.' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'The account is not linked to a staff record.' })
  mine(@Query() query: LanguageQueryDto, @CurrentActor() actor: Actor): Promise<MyCourses> {
    return this.learning.myCourses(actor, query.lang);
  }

  @Get(':id')
  @Allow(Permission.Self)
  @ApiOkResponse({ type: LearnerCourseDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Unknown or not published.' })
  one(
    @Param('id', uuid) id: string,
    @Query() query: LanguageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<LearnerCourse> {
    return this.learning.myCourse(id, actor, query.lang);
  }

  @Put(':id/progress')
  @Allow(Permission.Self)
  @ApiOkResponse({ type: LearnerCourseDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Not a lesson of this course.' })
  progress(
    @Param('id', uuid) id: string,
    @Body() body: UpdateProgressDto,
    @Query() query: LanguageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<LearnerCourse> {
    return this.learning.saveProgress(id, body, actor, query.lang);
  }

  @Post(':id/attempts')
  @Allow(Permission.Self)
  @HttpCode(200)
  @ApiOkResponse({ type: AttemptStartDto, description: 'A new attempt, or the open one resumed.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Lessons unread, cool-down, or no attempts left.' })
  start(
    @Param('id', uuid) id: string,
    @Query() query: LanguageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<AttemptStart> {
    return this.learning.startAttempt(id, actor, query.lang);
  }

  @Post(':id/attempts/:attemptId/submit')
  @Allow(Permission.Self)
  @HttpCode(200)
  @ApiOkResponse({ type: AttemptResultDto, description: 'Scored; a pass has issued the credential.' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'A drawn question is unanswered.' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'Not your attempt in this course.' })
  submit(
    @Param('id', uuid) id: string,
    @Param('attemptId', uuid) attemptId: string,
    @Body() body: SubmitAttemptDto,
    @CurrentActor() actor: Actor,
  ): Promise<AttemptResult> {
    return this.learning.submitAttempt(id, attemptId, body.answers, actor);
  }
}
