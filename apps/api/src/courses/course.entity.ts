import type { CourseContent, CourseStatus } from '@brevet/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AwardEntity } from '../awards/award.entity';
import { CredentialDefinitionEntity } from '../credentials/credential.entity';
import { StaffEntity } from '../staff/staff.entity';

/**
 * A self-paced micro-course: the stable identity (code) and the credential a pass issues. Its content lives
 * in versions; `current_version_id` is the published one (null before the first publishing).
 */
@Entity({ name: 'course' })
@Check('ck_course_status', `"status" IN ('draft', 'published', 'archived')`)
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_course_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Index('ix_course_definition')
  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @ManyToOne(() => CredentialDefinitionEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_id', foreignKeyConstraintName: 'fk_course_definition' })
  definition?: CredentialDefinitionEntity;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: CourseStatus;

  @Column({ name: 'current_version_id', type: 'uuid', nullable: true })
  currentVersionId!: string | null;

  @ManyToOne(() => CourseVersionEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'current_version_id', foreignKeyConstraintName: 'fk_course_current_version' })
  currentVersion?: CourseVersionEntity | null;

  /** Bumped by every change; sent back by editors to detect concurrent edits. */
  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One version of a course's content. Published versions (`published_at` set) never change. */
@Entity({ name: 'course_version' })
@Index('uq_course_version_number', ['courseId', 'version'], { unique: true })
@Index('uq_course_version_draft', ['courseId'], { unique: true, where: `"published_at" IS NULL` })
@Check('ck_course_version_pass_mark', `"pass_mark" BETWEEN 1 AND 100`)
export class CourseVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => CourseEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_course_version_course' })
  course?: CourseEntity;

  @Column({ type: 'integer' })
  version!: number;

  /** Lessons, question pool (with the answer key) and texts: everything but the four numbers below. */
  @Column({ type: 'jsonb' })
  content!: CourseContent;

  @Column({ name: 'pass_mark', type: 'integer' })
  passMark!: number;

  @Column({ name: 'questions_per_attempt', type: 'integer' })
  questionsPerAttempt!: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts!: number;

  @Column({ name: 'cooldown_minutes', type: 'integer' })
  cooldownMinutes!: number;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** Where one person is in one course: the lessons read and the one being read, on the version last opened. */
@Entity({ name: 'course_progress' })
@Index('uq_course_progress_staff_course', ['staffId', 'courseId'], { unique: true })
export class CourseProgressEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @ManyToOne(() => StaffEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_course_progress_staff' })
  staff?: StaffEntity;

  @Index('ix_course_progress_course')
  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => CourseEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_course_progress_course' })
  course?: CourseEntity;

  @Column({ name: 'course_version_id', type: 'uuid' })
  courseVersionId!: string;

  @ManyToOne(() => CourseVersionEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_version_id', foreignKeyConstraintName: 'fk_course_progress_version' })
  courseVersion?: CourseVersionEntity;

  /** Lesson IDs read; lesson IDs are stable across versions, so reading carries over to a new version. */
  @Column({ name: 'completed_lesson_ids', type: 'jsonb' })
  completedLessonIds!: string[];

  @Column({ name: 'current_lesson_id', type: 'varchar', length: 40, nullable: true })
  currentLessonId!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * One assessment attempt. The drawn question IDs are stored at the start (so the same questions are scored,
 * whatever the client sends); the answers, score and pass are stored at submission. Numbers are unique per
 * person and version, and at most one attempt per person and course is open (`uq_course_attempt_open`).
 */
@Entity({ name: 'course_attempt' })
@Index('uq_course_attempt_number', ['staffId', 'courseVersionId', 'number'], { unique: true })
@Index('uq_course_attempt_open', ['staffId', 'courseId'], { unique: true, where: `"submitted_at" IS NULL` })
@Check(
  'ck_course_attempt_submitted',
  `"submitted_at" IS NULL OR ("score" IS NOT NULL AND "passed" IS NOT NULL)`,
)
export class CourseAttemptEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @ManyToOne(() => StaffEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_course_attempt_staff' })
  staff?: StaffEntity;

  @Index('ix_course_attempt_course')
  @Column({ name: 'course_id', type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => CourseEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id', foreignKeyConstraintName: 'fk_course_attempt_course' })
  course?: CourseEntity;

  @Column({ name: 'course_version_id', type: 'uuid' })
  courseVersionId!: string;

  @ManyToOne(() => CourseVersionEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_version_id', foreignKeyConstraintName: 'fk_course_attempt_version' })
  courseVersion?: CourseVersionEntity;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ name: 'question_ids', type: 'jsonb' })
  questionIds!: string[];

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  answers!: Record<string, string[]> | null;

  @Column({ type: 'numeric', precision: 4, scale: 1, nullable: true })
  score!: string | null;

  @Column({ type: 'boolean', nullable: true })
  passed!: boolean | null;

  @Column({ name: 'award_id', type: 'uuid', nullable: true })
  awardId!: string | null;

  @ManyToOne(() => AwardEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'award_id', foreignKeyConstraintName: 'fk_course_attempt_award' })
  award?: AwardEntity | null;
}
