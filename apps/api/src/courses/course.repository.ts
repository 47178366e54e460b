import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type {
  CourseContent,
  CourseSortField,
  CourseStatus,
  CredentialDefinitionStatus,
  LocalizedText,
  SortDirection,
  StaffStatus,
} from '@brevet/contracts';
import { QueryFailedError } from 'typeorm';
import {
  CourseAttemptEntity,
  CourseEntity,
  CourseProgressEntity,
  CourseVersionEntity,
} from './course.entity';

/** A course with its credential and version numbers: what the HR list and page need. */
export interface CourseRow {
  id: string;
  code: string;
  status: CourseStatus;
  revision: number;
  updatedAt: Date;
  currentVersionId: string | null;
  currentVersion: number | null;
  draftVersion: number | null;
  /** Title, lesson and question counts of the newest version (the draft when there is one). */
  title: LocalizedText;
  lessonCount: number;
  questionCount: number;
  definitionId: string;
  definitionCode: string;
  definitionStatus: CredentialDefinitionStatus;
  definitionTitle: LocalizedText;
}

/** A version's content with its four assessment numbers merged in. */
export interface VersionRow {
  id: string;
  courseId: string;
  version: number;
  publishedAt: Date | null;
  content: CourseContent;
}

export interface DefinitionRow {
  id: string;
  code: string;
  status: CredentialDefinitionStatus;
  published: boolean;
  title: LocalizedText;
}

export interface LearnerSubject {
  id: string;
  employeeNumber: string;
  status: StaffStatus;
  timezone: string;
}

export interface AttemptRow {
  id: string;
  staffId: string;
  courseId: string;
  courseVersionId: string;
  version: number;
  number: number;
  questionIds: string[];
  startedAt: Date;
  submittedAt: Date | null;
  answers: Record<string, string[]> | null;
  score: number | null;
  passed: boolean | null;
  awardId: string | null;
}

export interface CoursePageQuery {
  page: number;
  pageSize: number;
  sort: { field: CourseSortField; direction: SortDirection };
  q?: string;
  status?: CourseStatus;
}

/** A second course with the same code (`uq_course_code`). */
export class DuplicateCourseCodeError extends Error {}

const SORT_SQL: Record<CourseSortField, string> = {
  code: 'c.code',
  title: `lv.content->'title'->>'en'`,
  updatedAt: 'c.updated_at',
};

const SELECT_COURSE = `c.id, c.code, c.status, c.revision, c.updated_at, c.current_version_id,
  cv.version AS current_version, dv.version AS draft_version,
  lv.content->'title' AS title, jsonb_array_length(lv.content->'lessons') AS lesson_count,
  jsonb_array_length(lv.content->'questions') AS question_count,
  d.id AS definition_id, d.code AS definition_code, d.status AS definition_status,
  COALESCE(dcv.title, jsonb_build_object('en', d.code, 'de', d.code)) AS definition_title`;

const FROM_COURSE = `course c
  JOIN credential_definition d ON d.id = c.definition_id
  LEFT JOIN credential_definition_version dcv ON dcv.id = d.current_version_id
  LEFT JOIN course_version cv ON cv.id = c.current_version_id
  LEFT JOIN course_version dv ON dv.course_id = c.id AND dv.published_at IS NULL
  JOIN course_version lv ON lv.id = COALESCE(dv.id, cv.id)`;

const ASSESSMENT_COLUMNS = `v.pass_mark, v.questions_per_attempt, v.max_attempts, v.cooldown_minutes`;

@Injectable()
export class CourseRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get db() {
    return this.txHost.tx;
  }

  /** One page of courses for HR: search (code, titles), status filter, sorting and paging in PostgreSQL. */
  async findPage(query: CoursePageQuery): Promise<{ rows: CourseRow[]; total: number }> {
    const values: unknown[] = [];
    const param = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    const where: string[] = ['TRUE'];
    if (query.status) where.push(`c.status = ${param(query.status)}`);
    if (query.q) {
      const like = param(`%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
      where.push(
        `(c.code ILIKE ${like} OR lv.content->'title'->>'en' ILIKE ${like} OR lv.content->'title'->>'de' ILIKE ${like})`,
      );
    }
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${SELECT_COURSE}, count(*) OVER () AS total
         FROM ${FROM_COURSE}
        WHERE ${where.join(' AND ')}
        ORDER BY ${SORT_SQL[query.sort.field]} ${direction}, c.id
        LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`,
      values,
    );
    return { rows: rows.map(toCourseRow), total: rows.length > 0 ? Number(rows[0]['total']) : 0 };
  }

  async findRow(id: string): Promise<CourseRow | null> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${SELECT_COURSE} FROM ${FROM_COURSE} WHERE c.id = $1`,
      [id],
    );
    return rows[0] ? toCourseRow(rows[0]) : null;
  }

  /** Locks the course row for a change (edit, publish, archive), so concurrent changes run one after the other. */
  async lockCourse(id: string): Promise<CourseEntity | null> {
    return this.db
      .getRepository(CourseEntity)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.id = :id', { id })
      .getOne();
  }

  async versions(courseId: string): Promise<VersionRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT v.id, v.course_id, v.version, v.published_at, v.content, ${ASSESSMENT_COLUMNS}
         FROM course_version v WHERE v.course_id = $1 ORDER BY v.version DESC`,
      [courseId],
    );
    return rows.map(toVersionRow);
  }

  async findVersionById(id: string): Promise<VersionRow | null> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT v.id, v.course_id, v.version, v.published_at, v.content, ${ASSESSMENT_COLUMNS}
         FROM course_version v WHERE v.id = $1`,
      [id],
    );
    return rows[0] ? toVersionRow(rows[0]) : null;
  }

  async findDefinition(id: string): Promise<DefinitionRow | null> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT d.id, d.code, d.status, d.current_version_id IS NOT NULL AS published,
              COALESCE(v.title, dv.title, jsonb_build_object('en', d.code, 'de', d.code)) AS title
         FROM credential_definition d
         LEFT JOIN credential_definition_version v ON v.id = d.current_version_id
         LEFT JOIN credential_definition_version dv ON dv.definition_id = d.id AND dv.published_at IS NULL
        WHERE d.id = $1`,
      [id],
    );
    const r = rows[0];
    return r
      ? {
          id: r['id'] as string,
          code: r['code'] as string,
          status: r['status'] as CredentialDefinitionStatus,
          published: r['published'] as boolean,
          title: r['title'] as LocalizedText,
        }
      : null;
  }

  async findDefinitionIdByCode(code: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM credential_definition WHERE code = $1`,
      [code],
    );
    return rows[0]?.id ?? null;
  }

  async insertCourse(code: string, definitionId: string): Promise<string> {
    try {
      const saved = await this.db.getRepository(CourseEntity).save({ code, definitionId, status: 'draft' });
      return saved.id;
    } catch (error) {
      if (isUniqueViolation(error, 'uq_course_code')) throw new DuplicateCourseCodeError();
      throw error;
    }
  }

  async insertVersion(courseId: string, version: number, content: CourseContent): Promise<string> {
    const saved = await this.db.getRepository(CourseVersionEntity).save({
      courseId,
      version,
      ...splitContent(content),
      publishedAt: null,
    });
    return saved.id;
  }

  async updateDraft(versionId: string, content: CourseContent): Promise<void> {
    await this.db.getRepository(CourseVersionEntity).update({ id: versionId }, splitContent(content));
  }

  async updateCourse(
    id: string,
    changes: Partial<Pick<CourseEntity, 'definitionId' | 'status' | 'currentVersionId'>>,
  ) {
    await this.db
      .getRepository(CourseEntity)
      .createQueryBuilder()
      .update()
      .set({ ...changes, revision: () => 'revision + 1' })
      .where('id = :id', { id })
      .execute();
  }

  async markPublished(versionId: string, at: Date): Promise<void> {
    await this.db.getRepository(CourseVersionEntity).update({ id: versionId }, { publishedAt: at });
  }

  // ── Learner side ────────────────────────────────────────────────────────────────────────────────────

  async findLearner(staffId: string): Promise<LearnerSubject | null> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT s.id, s.employee_number, s.status, b.timezone
         FROM staff s JOIN branch b ON b.id = s.branch_id WHERE s.id = $1`,
      [staffId],
    );
    const r = rows[0];
    return r
      ? {
          id: r['id'] as string,
          employeeNumber: r['employee_number'] as string,
          status: r['status'] as StaffStatus,
          timezone: r['timezone'] as string,
        }
      : null;
  }

  /** Published courses (their current version), by code; archived and never-published ones are not offered. */
  async publishedCourses(): Promise<Array<{ course: CourseRow; version: VersionRow }>> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT c.id FROM course c WHERE c.status = 'published' AND c.current_version_id IS NOT NULL ORDER BY c.code`,
    );
    const result: Array<{ course: CourseRow; version: VersionRow }> = [];
    for (const r of rows) {
      const found = await this.findPublished(r['id'] as string);
      if (found) result.push(found);
    }
    return result;
  }

  async findPublished(courseId: string): Promise<{ course: CourseRow; version: VersionRow } | null> {
    const course = await this.findRow(courseId);
    if (!course || course.status !== 'published' || !course.currentVersionId) return null;
    const version = await this.findVersionById(course.currentVersionId);
    return version ? { course, version } : null;
  }

  async findProgress(staffId: string, courseId: string): Promise<CourseProgressEntity | null> {
    return this.db.getRepository(CourseProgressEntity).findOne({ where: { staffId, courseId } });
  }

  /** Creates or replaces one person's progress in one course (one row per person and course). */
  async saveProgress(
    staffId: string,
    courseId: string,
    versionId: string,
    completedLessonIds: string[],
    currentLessonId: string | null,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO course_progress (staff_id, course_id, course_version_id, completed_lesson_ids, current_lesson_id)
       VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (staff_id, course_id) DO UPDATE
         SET course_version_id = EXCLUDED.course_version_id,
             completed_lesson_ids = EXCLUDED.completed_lesson_ids,
             current_lesson_id = EXCLUDED.current_lesson_id,
             updated_at = now()`,
      [staffId, courseId, versionId, JSON.stringify(completedLessonIds), currentLessonId],
    );
  }

  /**
   * Serialises everything one person does in one course (starting attempts, saving progress) for the rest
   * of the transaction: a transaction-scoped advisory lock on the pair.
   */
  async lockLearner(staffId: string, courseId: string): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, [
      `course:${staffId}:${courseId}`,
    ]);
  }

  async attemptsOf(staffId: string, courseId: string): Promise<AttemptRow[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${SELECT_ATTEMPT} FROM course_attempt a JOIN course_version v ON v.id = a.course_version_id
        WHERE a.staff_id = $1 AND a.course_id = $2 ORDER BY a.started_at, a.number`,
      [staffId, courseId],
    );
    return rows.map(toAttemptRow);
  }

  /** The attempt, locked until the transaction ends, if it is the person's and belongs to the course. */
  async lockAttempt(id: string, staffId: string, courseId: string): Promise<AttemptRow | null> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${SELECT_ATTEMPT} FROM course_attempt a JOIN course_version v ON v.id = a.course_version_id
        WHERE a.id = $1 AND a.staff_id = $2 AND a.course_id = $3
        FOR UPDATE OF a`,
      [id, staffId, courseId],
    );
    return rows[0] ? toAttemptRow(rows[0]) : null;
  }

  async insertAttempt(attempt: {
    id: string;
    staffId: string;
    courseId: string;
    courseVersionId: string;
    number: number;
    questionIds: string[];
    startedAt: Date;
  }): Promise<void> {
    await this.db.getRepository(CourseAttemptEntity).insert({ ...attempt, submittedAt: null });
  }

  async recordSubmission(
    id: string,
    result: {
      answers: Record<string, string[]>;
      score: number;
      passed: boolean;
      submittedAt: Date;
      awardId: string | null;
    },
  ): Promise<void> {
    await this.db.getRepository(CourseAttemptEntity).update(
      { id },
      {
        answers: result.answers,
        score: result.score.toFixed(1),
        passed: result.passed,
        submittedAt: result.submittedAt,
        awardId: result.awardId,
      },
    );
  }

  /** The award of the person's latest pass in each course (for the learner list). */
  async lastPassAwards(staffId: string): Promise<Map<string, string | null>> {
    const rows: Array<{ course_id: string; award_id: string | null }> = await this.db.query(
      `SELECT DISTINCT ON (course_id) course_id, award_id FROM course_attempt
        WHERE staff_id = $1 AND passed ORDER BY course_id, submitted_at DESC`,
      [staffId],
    );
    return new Map(rows.map((r) => [r.course_id, r.award_id]));
  }
}

const SELECT_ATTEMPT = `a.id, a.staff_id, a.course_id, a.course_version_id, v.version, a.number, a.question_ids,
  a.started_at, a.submitted_at, a.answers, a.score, a.passed, a.award_id`;

function splitContent(content: CourseContent) {
  const { passMark, questionsPerAttempt, maxAttempts, cooldownMinutes, ...rest } = content;
  return { content: rest as CourseContent, passMark, questionsPerAttempt, maxAttempts, cooldownMinutes };
}

function toCourseRow(r: Record<string, unknown>): CourseRow {
  return {
    id: r['id'] as string,
    code: r['code'] as string,
    status: r['status'] as CourseStatus,
    revision: Number(r['revision']),
    updatedAt: r['updated_at'] as Date,
    currentVersionId: (r['current_version_id'] as string | null) ?? null,
    currentVersion: r['current_version'] === null ? null : Number(r['current_version']),
    draftVersion: r['draft_version'] === null ? null : Number(r['draft_version']),
    title: r['title'] as LocalizedText,
    lessonCount: Number(r['lesson_count']),
    questionCount: Number(r['question_count']),
    definitionId: r['definition_id'] as string,
    definitionCode: r['definition_code'] as string,
    definitionStatus: r['definition_status'] as CredentialDefinitionStatus,
    definitionTitle: r['definition_title'] as LocalizedText,
  };
}

function toVersionRow(r: Record<string, unknown>): VersionRow {
  const content = r['content'] as Omit<CourseContent, 'passMark'>;
  return {
    id: r['id'] as string,
    courseId: r['course_id'] as string,
    version: Number(r['version']),
    publishedAt: (r['published_at'] as Date | null) ?? null,
    content: {
      ...content,
      passMark: Number(r['pass_mark']),
      questionsPerAttempt: Number(r['questions_per_attempt']),
      maxAttempts: Number(r['max_attempts']),
      cooldownMinutes: Number(r['cooldown_minutes']),
    },
  };
}

function toAttemptRow(r: Record<string, unknown>): AttemptRow {
  return {
    id: r['id'] as string,
    staffId: r['staff_id'] as string,
    courseId: r['course_id'] as string,
    courseVersionId: r['course_version_id'] as string,
    version: Number(r['version']),
    number: Number(r['number']),
    questionIds: r['question_ids'] as string[],
    startedAt: r['started_at'] as Date,
    submittedAt: (r['submitted_at'] as Date | null) ?? null,
    answers: (r['answers'] as Record<string, string[]> | null) ?? null,
    score: r['score'] === null ? null : Number(r['score']),
    passed: (r['passed'] as boolean | null) ?? null,
    awardId: (r['award_id'] as string | null) ?? null,
  };
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' && driver.constraint === constraint;
}
