import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type {
  AssessmentResult,
  AttemptBlock,
  AttemptResult,
  AttemptStart,
  LearnerCourse,
  LearnerCourseSummary,
  MyCourses,
  UiLanguage,
} from '@brevet/contracts';
import { answerSheetProblems, attemptAllowance, dayIn, drawQuestions, scoreAttempt } from '@brevet/domain';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor';
import { AwardsService } from '../awards/awards.service';
import { Clock } from '../common/clock';
import { SelfNotLinkedException } from '../self-service/self-service.exceptions';
import { isSafeUrl, renderLessonMarkdown } from './course-markdown.util';
import {
  CourseAnswersInvalidException,
  CourseAttemptBlockedException,
  CourseAttemptNotFoundException,
  CourseLessonUnknownException,
  CourseNotFoundException,
} from './course.exceptions';
import { mapAttemptQuestion, pick } from './course.mapper';
import { CourseRepository, type AttemptRow, type CourseRow, type VersionRow } from './course.repository';

/**
 * The learner's side of courses (`Self`): published courses, reading with progress saved on the server, and
 * the assessment. The answer key never leaves this service: questions go out through `mapAttemptQuestion`,
 * answers are scored here, and a result says only which questions were right.
 *
 * Concurrency: starting an attempt takes an advisory lock per person and course, so two starts at once make
 * one attempt (and the cool-down and attempt count are read under the lock); a submission locks its attempt
 * row, so a second submission of the same attempt waits and then gets the stored result. A pass issues the
 * award through `AwardsService.issue` in the same transaction as the submission.
 */
@Injectable()
export class LearningService {
  constructor(
    private readonly courses: CourseRepository,
    private readonly awards: AwardsService,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
  ) {}

  async myCourses(actor: Actor, lang?: UiLanguage): Promise<MyCourses> {
    const staffId = ownStaffId(actor);
    const language = lang ?? actor.language ?? 'en';
    const published = await this.courses.publishedCourses();
    const awards = await this.courses.lastPassAwards(staffId);
    const result: LearnerCourseSummary[] = [];
    for (const { course, version } of published) {
      const progress = await this.courses.findProgress(staffId, course.id);
      const done = completedIn(version, progress?.completedLessonIds ?? []);
      result.push(
        summary(course, version, language, done.length, awards.get(course.id) ?? null, progress !== null),
      );
    }
    return { staffId, items: result };
  }

  async myCourse(courseId: string, actor: Actor, lang?: UiLanguage): Promise<LearnerCourse> {
    const staffId = ownStaffId(actor);
    const language = lang ?? actor.language ?? 'en';
    const found = await this.courses.findPublished(courseId);
    if (!found) throw new CourseNotFoundException(courseId);
    const { course, version } = found;
    const progress = await this.courses.findProgress(staffId, courseId);
    const done = completedIn(version, progress?.completedLessonIds ?? []);
    const attempts = await this.courses.attemptsOf(staffId, courseId);
    const awards = await this.courses.lastPassAwards(staffId);
    const allowance = this.allowance(version, attempts, done.length);
    const open = attempts.find((a) => a.submittedAt === null && a.courseVersionId === version.id);
    const c = version.content;
    return {
      ...summary(course, version, language, done.length, awards.get(courseId) ?? null, progress !== null),
      lessons: c.lessons.map((l) => ({
        id: l.id,
        title: pick(l.title, language),
        html: renderLessonMarkdown(pick(l.body, language)),
        videoUrl: l.videoUrl && isSafeUrl(l.videoUrl) ? l.videoUrl : null,
        attachments: l.attachments
          .filter((a) => isSafeUrl(a.url))
          .map((a) => ({ title: pick(a.title, language), url: a.url })),
        completed: done.includes(l.id),
      })),
      currentLessonId:
        progress?.currentLessonId && c.lessons.some((l) => l.id === progress.currentLessonId)
          ? progress.currentLessonId
          : null,
      passMark: c.passMark,
      questionsPerAttempt: c.questionsPerAttempt,
      maxAttempts: c.maxAttempts,
      cooldownMinutes: c.cooldownMinutes,
      attemptsLeft: allowance.attemptsLeft,
      blockedBy: allowance.blockedBy,
      nextAttemptAt: allowance.nextAttemptAt?.toISOString() ?? null,
      openAttemptId: open?.id ?? null,
      attempts: attempts.map((a) => ({
        id: a.id,
        number: a.number,
        version: a.version,
        startedAt: a.startedAt.toISOString(),
        submittedAt: a.submittedAt?.toISOString() ?? null,
        score: a.score,
        passed: a.passed,
      })),
    };
  }

  /** Saves where the learner is; lesson IDs must belong to the current version. */
  async saveProgress(
    courseId: string,
    request: { currentLessonId: string; completedLessonId?: string },
    actor: Actor,
    lang?: UiLanguage,
  ): Promise<LearnerCourse> {
    const staffId = ownStaffId(actor);
    await this.txHost.withTransaction(async () => {
      const found = await this.courses.findPublished(courseId);
      if (!found) throw new CourseNotFoundException(courseId);
      const lessonIds = found.version.content.lessons.map((l) => l.id);
      for (const id of [request.currentLessonId, request.completedLessonId]) {
        if (id !== undefined && !lessonIds.includes(id)) throw new CourseLessonUnknownException(id);
      }
      await this.courses.lockLearner(staffId, courseId);
      const progress = await this.courses.findProgress(staffId, courseId);
      const completed = new Set(progress?.completedLessonIds ?? []);
      if (request.completedLessonId) completed.add(request.completedLessonId);
      await this.courses.saveProgress(
        staffId,
        courseId,
        found.version.id,
        [...completed],
        request.currentLessonId,
      );
    });
    return this.myCourse(courseId, actor, lang);
  }

  /** Starts an attempt on the current version, or resumes the open one. Draws the questions with a seed. */
  async startAttempt(courseId: string, actor: Actor, lang?: UiLanguage): Promise<AttemptStart> {
    const staffId = ownStaffId(actor);
    const language = lang ?? actor.language ?? 'en';
    const { attempt, version } = await this.txHost.withTransaction(async () => {
      const found = await this.courses.findPublished(courseId);
      if (!found) throw new CourseNotFoundException(courseId);
      const learner = await this.courses.findLearner(staffId);
      if (!learner || learner.status === 'left') throw new SelfNotLinkedException();
      await this.courses.lockLearner(staffId, courseId);
      const attempts = await this.courses.attemptsOf(staffId, courseId);
      const open = attempts.find((a) => a.submittedAt === null);
      if (open) {
        const openVersion =
          open.courseVersionId === found.version.id
            ? found.version
            : await this.courses.findVersionById(open.courseVersionId);
        if (openVersion) return { attempt: open, version: openVersion };
      }
      const progress = await this.courses.findProgress(staffId, courseId);
      const done = completedIn(found.version, progress?.completedLessonIds ?? []);
      const allowance = this.allowance(found.version, attempts, done.length);
      if (allowance.blockedBy)
        throw new CourseAttemptBlockedException(allowance.blockedBy, allowance.nextAttemptAt);
      const id = randomUUID();
      const content = found.version.content;
      const questionIds = drawQuestions(
        content.questions.map((q) => q.id),
        content.questionsPerAttempt,
        id,
      );
      const number = attempts.filter((a) => a.courseVersionId === found.version.id).length + 1;
      const startedAt = this.clock.now();
      await this.courses.insertAttempt({
        id,
        staffId,
        courseId,
        courseVersionId: found.version.id,
        number,
        questionIds,
        startedAt,
      });
      const created: AttemptRow = {
        id,
        staffId,
        courseId,
        courseVersionId: found.version.id,
        version: found.version.version,
        number,
        questionIds,
        startedAt,
        submittedAt: null,
        answers: null,
        score: null,
        passed: null,
        awardId: null,
      };
      return { attempt: created, version: found.version };
    });
    const byId = new Map(version.content.questions.map((q) => [q.id, q]));
    return {
      attemptId: attempt.id,
      courseId,
      number: attempt.number,
      version: version.version,
      passMark: version.content.passMark,
      questions: attempt.questionIds.flatMap((id) => {
        const q = byId.get(id);
        return q ? [mapAttemptQuestion(q, language)] : [];
      }),
    };
  }

  /**
   * Scores a submission against the attempt's stored questions and version; a pass issues the course's
   * credential in the same transaction. Submitting an attempt again returns its stored result unchanged.
   */
  async submitAttempt(
    courseId: string,
    attemptId: string,
    answers: Record<string, string[]>,
    actor: Actor,
  ): Promise<AttemptResult> {
    const staffId = ownStaffId(actor);
    return this.txHost.withTransaction(async () => {
      const attempt = await this.courses.lockAttempt(attemptId, staffId, courseId);
      if (!attempt) throw new CourseAttemptNotFoundException(attemptId);
      const version = await this.courses.findVersionById(attempt.courseVersionId);
      const course = await this.courses.findRow(courseId);
      if (!version || !course) throw new CourseNotFoundException(courseId);
      const byId = new Map(version.content.questions.map((q) => [q.id, q]));
      const drawn = attempt.questionIds.flatMap((id) => {
        const question = byId.get(id);
        return question ? [question] : [];
      });

      if (attempt.submittedAt === null) {
        const sheet = normaliseAnswers(answers);
        const problems = answerSheetProblems(drawn, sheet);
        if (problems.length > 0) throw new CourseAnswersInvalidException(problems);
        const scored = scoreAttempt(drawn, sheet, version.content.passMark);
        const now = this.clock.now();
        let awardId: string | null = null;
        if (scored.passed) {
          const learner = await this.courses.findLearner(staffId);
          if (!learner) throw new SelfNotLinkedException();
          // Recorded on the award and, from there, in its Open Badges `result`.
          const assessmentResult: AssessmentResult = {
            score: scored.score,
            passed: true,
            passMark: version.content.passMark,
            course: { id: course.id, code: course.code, version: version.version },
          };
          const issued = await this.awards.issue({
            staffId,
            definitionId: course.definitionId,
            completedOn: dayIn(now, learner.timezone),
            assessmentResult,
            evidenceId: null,
            issuer: `Brevet course ${course.code} v${version.version}`,
          });
          awardId = issued.award.id;
        }
        await this.courses.recordSubmission(attempt.id, {
          answers: sheet,
          score: scored.score,
          passed: scored.passed,
          submittedAt: now,
          awardId,
        });
        Object.assign(attempt, {
          answers: sheet,
          score: scored.score,
          passed: scored.passed,
          submittedAt: now,
          awardId,
        });
      }

      const scored = scoreAttempt(drawn, attempt.answers ?? {}, version.content.passMark);
      const attempts = await this.courses.attemptsOf(staffId, courseId);
      const allowance = attemptAllowance(
        version.content,
        attempts.filter((a) => a.courseVersionId === version.id),
        this.clock.now(),
      );
      return {
        attemptId: attempt.id,
        courseId,
        number: attempt.number,
        version: version.version,
        score: attempt.score ?? scored.score,
        passMark: version.content.passMark,
        passed: attempt.passed ?? scored.passed,
        correctCount: scored.correctCount,
        questionCount: scored.questionCount,
        questions: scored.questions,
        awardId: attempt.awardId,
        attemptsLeft: allowance.attemptsLeft,
        nextAttemptAt:
          !allowance.allowed && allowance.reason === 'cooldown'
            ? allowance.nextAttemptAt.toISOString()
            : null,
        submittedAt: (attempt.submittedAt ?? this.clock.now()).toISOString(),
      };
    });
  }

  private allowance(
    version: VersionRow,
    attempts: AttemptRow[],
    completedLessons: number,
  ): { blockedBy: AttemptBlock | null; attemptsLeft: number; nextAttemptAt: Date | null } {
    const onVersion = attempts.filter((a) => a.courseVersionId === version.id);
    const rule = attemptAllowance(version.content, onVersion, this.clock.now());
    if (!rule.allowed)
      return {
        blockedBy: rule.reason,
        attemptsLeft: rule.attemptsLeft,
        nextAttemptAt: rule.reason === 'cooldown' ? rule.nextAttemptAt : null,
      };
    if (!rule.openAttempt && completedLessons < version.content.lessons.length)
      return { blockedBy: 'lessons_incomplete', attemptsLeft: rule.attemptsLeft, nextAttemptAt: null };
    return { blockedBy: null, attemptsLeft: rule.attemptsLeft, nextAttemptAt: null };
  }
}

function ownStaffId(actor: Actor): string {
  if (!actor.staffId) throw new SelfNotLinkedException();
  return actor.staffId;
}

/** The read lessons that still exist in `version` (lesson IDs carry over between versions). */
function completedIn(version: VersionRow, completed: readonly string[]): string[] {
  return version.content.lessons.map((l) => l.id).filter((id) => completed.includes(id));
}

function normaliseAnswers(answers: Record<string, unknown>): Record<string, string[]> {
  const sheet: Record<string, string[]> = {};
  for (const [id, value] of Object.entries(answers)) {
    sheet[id] = Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string').slice(0, 20)
      : [];
  }
  return sheet;
}

function summary(
  course: CourseRow,
  version: VersionRow,
  language: UiLanguage,
  completedLessons: number,
  awardId: string | null,
  started: boolean,
): LearnerCourseSummary {
  const c = version.content;
  return {
    id: course.id,
    code: course.code,
    title: pick(c.title, language),
    summary: pick(c.summary, language),
    durationMinutes: c.durationMinutes,
    version: version.version,
    state: awardId ? 'passed' : started ? 'in_progress' : 'not_started',
    lessonCount: c.lessons.length,
    completedLessons,
    credential: { id: course.definitionId, title: pick(course.definitionTitle, language) },
    awardId,
  };
}
