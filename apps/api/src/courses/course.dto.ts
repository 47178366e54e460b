import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTEMPT_BLOCKS,
  COURSE_STATUSES,
  COURSE_VERSION_STATUSES,
  LEARNER_COURSE_STATES,
  QUESTION_KINDS,
  UI_LANGUAGES,
  type AttemptBlock,
  type CourseListQuery,
  type CourseStatus,
  type CourseVersionStatus,
  type CreateCourseRequest,
  type LearnerCourseState,
  type QuestionKind,
  type SubmitAttemptRequest,
  type UiLanguage,
  type UpdateCourseRequest,
  type UpdateProgressRequest,
} from '@brevet/contracts';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../common/paging.dto';
import { TitleDto } from '../credentials/credential.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/**
 * Request and response shapes for OpenAPI. A course's `content` is checked field by field by the service
 * (`readCourseContent` and the domain's `courseContentProblems`), which report every problem by its path.
 */
const CONTENT_SCHEMA = {
  type: 'object',
  description:
    'title, summary {en, de}; durationMinutes; lessons [{id, title, body (Markdown), videoUrl, attachments}]; ' +
    'questions [{id, kind, prompt, options [{id, text, correct}]}]; passMark, questionsPerAttempt, maxAttempts, ' +
    'cooldownMinutes. See libs/contracts/src/lib/courses.ts.',
  additionalProperties: true,
} as const;

export class CourseListQueryDto extends PageQueryDto implements CourseListQuery {
  @ApiPropertyOptional({ enum: COURSE_STATUSES }) @IsOptional() @IsIn(COURSE_STATUSES) status?: CourseStatus;
  @ApiPropertyOptional({ description: 'Code or title.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class LanguageQueryDto {
  @ApiPropertyOptional({ enum: UI_LANGUAGES, description: "Defaults to the person's preferred language." })
  @IsOptional()
  @IsIn(UI_LANGUAGES)
  lang?: UiLanguage;
}

export class CreateCourseDto implements CreateCourseRequest {
  @ApiProperty({ example: 'FIRE-BASICS', description: 'Letters, digits and dashes; never changes.' })
  @Transform(trim)
  @IsString()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'must be 2–40 capital letters, digits or dashes' })
  code!: string;

  @ApiProperty({ format: 'uuid', description: 'The credential definition a pass issues.' })
  @IsUUID('all')
  definitionId!: string;

  @ApiProperty(CONTENT_SCHEMA) @IsObject() content!: CreateCourseRequest['content'];
}

export class UpdateCourseDto implements UpdateCourseRequest {
  @ApiProperty({ description: 'The revision you loaded; a different one answers 409 version_conflict.' })
  @IsInt()
  @Min(1)
  revision!: number;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') definitionId?: string;
  @ApiPropertyOptional(CONTENT_SCHEMA) @IsOptional() @IsObject() content?: UpdateCourseRequest['content'];
}

export class UpdateProgressDto implements UpdateProgressRequest {
  @ApiProperty() @IsString() @Length(1, 40) currentLessonId!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 40) completedLessonId?: string;
}

export class SubmitAttemptDto implements SubmitAttemptRequest {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { q1: ['b'], q4: ['a', 'c'] },
  })
  @IsObject()
  answers!: Record<string, string[]>;
}

// ── Responses ───────────────────────────────────────────────────────────────────────────────────────────

class CourseCredentialRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: TitleDto }) title!: TitleDto;
}

class CourseVersionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: COURSE_VERSION_STATUSES }) status!: CourseVersionStatus;
  @ApiProperty({ type: String, nullable: true }) publishedAt!: string | null;
}

export class CourseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty({ enum: COURSE_STATUSES }) status!: CourseStatus;
  @ApiProperty({ type: TitleDto }) title!: TitleDto;
  @ApiProperty({ type: CourseCredentialRefDto }) credential!: CourseCredentialRefDto;
  @ApiProperty({ type: Number, nullable: true }) currentVersion!: number | null;
  @ApiProperty({ type: Number, nullable: true }) draftVersion!: number | null;
  @ApiProperty() lessonCount!: number;
  @ApiProperty() questionCount!: number;
  @ApiProperty() revision!: number;
  @ApiProperty() updatedAt!: string;
}

export class CoursePageDto {
  @ApiProperty({ type: [CourseSummaryDto] }) items!: CourseSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CourseDetailDto extends CourseSummaryDto {
  @ApiProperty({ type: CourseVersionSummaryDto }) version!: CourseVersionSummaryDto;
  @ApiProperty(CONTENT_SCHEMA) content!: unknown;
  @ApiProperty({ type: [CourseVersionSummaryDto] }) versions!: CourseVersionSummaryDto[];
}

class LearnerLessonDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Sanitised HTML rendered from Markdown.' }) html!: string;
  @ApiProperty({ type: String, nullable: true }) videoUrl!: string | null;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: { title: { type: 'string' }, url: { type: 'string' } } },
  })
  attachments!: Array<{ title: string; url: string }>;
  @ApiProperty() completed!: boolean;
}

class LearnerCredentialDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
}

export class LearnerCourseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: LEARNER_COURSE_STATES }) state!: LearnerCourseState;
  @ApiProperty() lessonCount!: number;
  @ApiProperty() completedLessons!: number;
  @ApiProperty({ type: LearnerCredentialDto }) credential!: LearnerCredentialDto;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) awardId!: string | null;
}

export class MyCoursesDto {
  @ApiProperty({ format: 'uuid', description: 'Your staff record.' }) staffId!: string;
  @ApiProperty({ type: [LearnerCourseSummaryDto] }) items!: LearnerCourseSummaryDto[];
}

class LearnerAttemptSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: number;
  @ApiProperty() version!: number;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ type: String, nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiProperty({ type: Boolean, nullable: true }) passed!: boolean | null;
}

export class LearnerCourseDto extends LearnerCourseSummaryDto {
  @ApiProperty({ type: [LearnerLessonDto] }) lessons!: LearnerLessonDto[];
  @ApiProperty({ type: String, nullable: true }) currentLessonId!: string | null;
  @ApiProperty() passMark!: number;
  @ApiProperty() questionsPerAttempt!: number;
  @ApiProperty() maxAttempts!: number;
  @ApiProperty() cooldownMinutes!: number;
  @ApiProperty() attemptsLeft!: number;
  @ApiProperty({ enum: ATTEMPT_BLOCKS, nullable: true }) blockedBy!: AttemptBlock | null;
  @ApiProperty({ type: String, nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) openAttemptId!: string | null;
  @ApiProperty({ type: [LearnerAttemptSummaryDto] }) attempts!: LearnerAttemptSummaryDto[];
}

class AttemptOptionDto {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
}

class AttemptQuestionDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: QUESTION_KINDS }) kind!: QuestionKind;
  @ApiProperty() prompt!: string;
  @ApiProperty({ type: [AttemptOptionDto] }) options!: AttemptOptionDto[];
}

export class AttemptStartDto {
  @ApiProperty({ format: 'uuid' }) attemptId!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() number!: number;
  @ApiProperty() version!: number;
  @ApiProperty() passMark!: number;
  @ApiProperty({ type: [AttemptQuestionDto], description: 'No answer key.' })
  questions!: AttemptQuestionDto[];
}

class AttemptQuestionResultDto {
  @ApiProperty() id!: string;
  @ApiProperty() correct!: boolean;
}

export class AttemptResultDto {
  @ApiProperty({ format: 'uuid' }) attemptId!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() number!: number;
  @ApiProperty() version!: number;
  @ApiProperty() score!: number;
  @ApiProperty() passMark!: number;
  @ApiProperty() passed!: boolean;
  @ApiProperty() correctCount!: number;
  @ApiProperty() questionCount!: number;
  @ApiProperty({ type: [AttemptQuestionResultDto] }) questions!: AttemptQuestionResultDto[];
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) awardId!: string | null;
  @ApiProperty() attemptsLeft!: number;
  @ApiProperty({ type: String, nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty() submittedAt!: string;
}
