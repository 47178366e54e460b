import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COURSE_PROGRESS_STATES,
  STAFF_COURSE_STATES,
  TRAINING_ASSIGNMENT_STATUSES,
  TRAINING_STANDINGS,
  UI_LANGUAGES,
  type AssignedCourse,
  type CourseProgressState,
  type CourseReportRow,
  type MyTraining,
  type OfferedSession,
  type SessionEnrolmentState,
  type SessionReportRow,
  type StaffCourseProgress,
  type StaffCourseProgressPage,
  type StaffCourseState,
  type TrainingAssignment,
  type TrainingAssignmentPage,
  type TrainingAssignmentStatus,
  type TrainingReport,
  type TrainingReportMonth,
  type TrainingStanding,
  type UiLanguage,
} from '@brevet/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../common/paging.dto';
import { IsIsoDay } from '../common/validators';

/** `a,b` or repeated `?status=a&status=b` → `['a', 'b']`. */
const list = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
    .map((v) => (typeof v === 'string' ? v.trim() : v))
    .filter((v) => v !== '');

// ---- Requests -------------------------------------------------------------------------------------------

export class MyTrainingQueryDto {
  @ApiPropertyOptional({
    enum: UI_LANGUAGES,
    description: "Course titles; defaults to the person's language.",
  })
  @IsOptional()
  @IsIn(UI_LANGUAGES)
  lang?: UiLanguage;
}

export class TrainingAssignmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') branchId?: string;

  @ApiPropertyOptional({
    type: String,
    description: `One status or several, comma-separated: ${TRAINING_ASSIGNMENT_STATUSES.join(', ')}.`,
    example: 'missing_overdue,expired',
  })
  @IsOptional()
  @Transform(list)
  @IsIn(TRAINING_ASSIGNMENT_STATUSES, {
    each: true,
    message: `must be one or more of ${TRAINING_ASSIGNMENT_STATUSES.join(', ')}`,
  })
  status?: TrainingAssignmentStatus[];

  @ApiPropertyOptional({
    enum: UI_LANGUAGES,
    description: "Course titles; defaults to the viewer's language.",
  })
  @IsOptional()
  @IsIn(UI_LANGUAGES)
  lang?: UiLanguage;
}

export class TrainingReportQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'First day (UTC). Default: a year before `to`.',
  })
  @IsOptional()
  @IsIsoDay()
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day (UTC). Default: today.' })
  @IsOptional()
  @IsIsoDay()
  to?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') branchId?: string;
  @ApiPropertyOptional({ enum: UI_LANGUAGES }) @IsOptional() @IsIn(UI_LANGUAGES) lang?: UiLanguage;
}

export class StaffCourseProgressQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') branchId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') courseId?: string;

  @ApiPropertyOptional({
    type: String,
    description: `One state or several, comma-separated: ${STAFF_COURSE_STATES.join(', ')}.`,
    example: 'in_progress,failed',
  })
  @IsOptional()
  @Transform(list)
  @IsIn(STAFF_COURSE_STATES, {
    each: true,
    message: `must be one or more of ${STAFF_COURSE_STATES.join(', ')}`,
  })
  state?: StaffCourseState[];

  @ApiPropertyOptional({
    enum: UI_LANGUAGES,
    description: "Course titles; defaults to the viewer's language.",
  })
  @IsOptional()
  @IsIn(UI_LANGUAGES)
  lang?: UiLanguage;
}

// ---- Responses ------------------------------------------------------------------------------------------

export class AssignedCourseDto implements AssignedCourse {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: COURSE_PROGRESS_STATES }) state!: CourseProgressState;
  @ApiProperty() attemptsLeft!: number;
}

export class OfferedSessionDto implements OfferedSession {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty() branchName!: string;
  @ApiProperty() sameBranch!: boolean;
  @ApiProperty() location!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty({ description: 'Free seats; 0 means new enrolments join the waiting list.' })
  seatsLeft!: number;
}

export class SessionEnrolmentStateDto implements SessionEnrolmentState {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty() branchName!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty({ enum: ['enrolled', 'waitlisted'] }) status!: 'enrolled' | 'waitlisted';
}

export class TrainingAssignmentDto implements TrainingAssignment {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty() branchName!: string;
  @ApiProperty({ format: 'uuid' }) definitionId!: string;
  @ApiProperty() definitionCode!: string;
  @ApiProperty() definitionTitle!: string;
  @ApiProperty({ enum: TRAINING_ASSIGNMENT_STATUSES }) status!: TrainingAssignmentStatus;
  @ApiProperty({ format: 'date' }) dueOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) validUntil!: string | null;
  @ApiProperty({ format: 'date' }) dueBy!: string;
  @ApiProperty({ type: AssignedCourseDto, nullable: true }) course!: AssignedCourseDto | null;
  @ApiProperty({ type: [OfferedSessionDto] }) sessions!: OfferedSessionDto[];
  @ApiProperty({ type: SessionEnrolmentStateDto, nullable: true })
  enrolment!: SessionEnrolmentStateDto | null;
  @ApiProperty({ enum: TRAINING_STANDINGS }) standing!: TrainingStanding;
}

export class MyTrainingDto implements MyTraining {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) staffId!: string | null;
  @ApiProperty({ type: [TrainingAssignmentDto] }) items!: TrainingAssignmentDto[];
}

export class TrainingAssignmentPageDto implements TrainingAssignmentPage {
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [TrainingAssignmentDto] }) items!: TrainingAssignmentDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CourseReportRowDto implements CourseReportRow {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ format: 'uuid' }) definitionId!: string;
  @ApiProperty() learnersStarted!: number;
  @ApiProperty() learnersPassed!: number;
  @ApiProperty() attempts!: number;
  @ApiProperty() passedAttempts!: number;
  @ApiProperty({ type: Number, nullable: true }) passRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) completionRate!: number | null;
}

export class SessionReportRowDto implements SessionReportRow {
  @ApiProperty({ format: 'uuid' }) definitionId!: string;
  @ApiProperty() definitionCode!: string;
  @ApiProperty() definitionTitle!: string;
  @ApiProperty() sessionsHeld!: number;
  @ApiProperty() participants!: number;
  @ApiProperty() attended!: number;
  @ApiProperty() passed!: number;
}

export class TrainingReportMonthDto implements TrainingReportMonth {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty() passedAttempts!: number;
  @ApiProperty() learnersPassed!: number;
  @ApiProperty() sessionsHeld!: number;
  @ApiProperty() sessionParticipantsPassed!: number;
}

export class TrainingReportDto implements TrainingReport {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: [CourseReportRowDto] }) courses!: CourseReportRowDto[];
  @ApiProperty({ type: [SessionReportRowDto] }) sessions!: SessionReportRowDto[];
  @ApiProperty({ type: [TrainingReportMonthDto] }) months!: TrainingReportMonthDto[];
}

export class StaffCourseProgressDto implements StaffCourseProgress {
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty() employeeNumber!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ format: 'uuid' }) branchId!: string;
  @ApiProperty() branchName!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() courseCode!: string;
  @ApiProperty() courseTitle!: string;
  @ApiProperty({ description: "The compliance rules ask for the course's credential now." })
  assigned!: boolean;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueBy!: string | null;
  @ApiProperty() lessonsDone!: number;
  @ApiProperty() lessonsTotal!: number;
  @ApiProperty({ description: 'Submitted attempts.' }) attempts!: number;
  @ApiProperty({ type: Number, nullable: true }) lastScore!: number | null;
  @ApiProperty({ enum: STAFF_COURSE_STATES }) state!: StaffCourseState;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastActivityAt!: string | null;
}

export class StaffCourseProgressPageDto implements StaffCourseProgressPage {
  @ApiProperty({ type: [StaffCourseProgressDto] }) items!: StaffCourseProgressDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
