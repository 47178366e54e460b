import type { CredentialDefinitionStatus } from './catalogue';
import type { LocalizedText } from './open-badges';
import type { Page } from './paging';
import { API_V1 } from './routes';

/**
 * Self-paced micro-courses (docs/training-courses.md): a few short lessons and a final assessment whose
 * pass issues the linked credential. Courses are versioned like credential definitions: a published version
 * never changes, editing makes a draft of the next version, attempts and progress point at their version.
 *
 * Two audiences, two shapes: HR admins (`CoursesManage`) see `CourseDetail` with the whole question pool and
 * its correct options; learners (`Self`) see `LearnerCourse` and `AttemptStart`, which carry no answer key at
 * all. Correct answers are only ever compared on the server.
 */

export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export const COURSE_VERSION_STATUSES = ['draft', 'current', 'retired'] as const;
export type CourseVersionStatus = (typeof COURSE_VERSION_STATUSES)[number];

export const QUESTION_KINDS = ['single', 'multiple'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Limits the editor and the API share. */
export const COURSE_LIMITS = {
  lessonsMax: 20,
  lessonBodyMaxChars: 20_000,
  questionsMax: 60,
  optionsMin: 2,
  optionsMax: 8,
  attemptsMax: 10,
  cooldownMinutesMax: 7 * 24 * 60,
  attachmentsMax: 10,
} as const;

/** A link to a file a learner may download (a PDF checklist, a poster). http(s) or a site-relative path. */
export interface CourseAttachment {
  title: LocalizedText;
  url: string;
}

/** A lesson as written: Markdown per language. IDs are stable across versions, so progress carries over. */
export interface CourseLesson {
  id: string;
  title: LocalizedText;
  /** Markdown; raw HTML is not allowed (it is shown as text). */
  body: LocalizedText;
  /** An https link to a video (opened in a new tab, never embedded). */
  videoUrl: string | null;
  attachments: CourseAttachment[];
}

export interface CourseOption {
  id: string;
  text: LocalizedText;
  correct: boolean;
}

/** A question of the pool, with its answer key: only for `CoursesManage`. */
export interface CourseQuestion {
  id: string;
  kind: QuestionKind;
  prompt: LocalizedText;
  options: CourseOption[];
}

/** The assessment rules of a version. */
export interface CourseAssessmentSettings {
  /** Percent needed to pass, 1–100. */
  passMark: number;
  /** How many questions of the pool one attempt draws. */
  questionsPerAttempt: number;
  /** Failed attempts allowed on one version before the course is locked for the person. */
  maxAttempts: number;
  /** Minutes to wait after a failed attempt. */
  cooldownMinutes: number;
}

/** Everything a version says. */
export interface CourseContent extends CourseAssessmentSettings {
  title: LocalizedText;
  summary: LocalizedText;
  /** Estimated minutes, shown to learners. */
  durationMinutes: number;
  lessons: CourseLesson[];
  questions: CourseQuestion[];
}

export interface CourseVersionSummary {
  id: string;
  version: number;
  status: CourseVersionStatus;
  publishedAt: string | null;
}

export interface CourseCredentialRef {
  id: string;
  code: string;
  status: CredentialDefinitionStatus;
  title: LocalizedText;
}

/** A row of the HR list. */
export interface CourseSummary {
  id: string;
  code: string;
  status: CourseStatus;
  title: LocalizedText;
  credential: CourseCredentialRef;
  /** The published version, or null before the first publishing. */
  currentVersion: number | null;
  /** The waiting draft's number, or null. */
  draftVersion: number | null;
  lessonCount: number;
  questionCount: number;
  revision: number;
  updatedAt: string;
}

export type CoursePage = Page<CourseSummary>;

/** The HR view of one course: the shown version's whole content (answer key included) and the history. */
export interface CourseDetail extends CourseSummary {
  version: CourseVersionSummary;
  content: CourseContent;
  versions: CourseVersionSummary[];
}

export const COURSE_SORT_FIELDS = ['code', 'title', 'updatedAt'] as const;
export type CourseSortField = (typeof COURSE_SORT_FIELDS)[number];

export interface CourseListQuery {
  page?: number;
  pageSize?: number;
  sort?: string;
  q?: string;
  status?: CourseStatus;
}

export interface CreateCourseRequest {
  /** Stable key, e.g. `FIRE-BASICS`. */
  code: string;
  definitionId: string;
  content: CourseContent;
}

/** Replaces the draft's content whole (a new draft is copied when there is none); send `revision`. */
export interface UpdateCourseRequest {
  revision: number;
  definitionId?: string;
  content?: CourseContent;
}

// ── Learner side ────────────────────────────────────────────────────────────────────────────────────────

/** A lesson rendered for reading: sanitised HTML in the learner's language. */
export interface LearnerLesson {
  id: string;
  title: string;
  /** Rendered from Markdown with raw HTML off and only http(s), mailto and relative links. */
  html: string;
  videoUrl: string | null;
  attachments: Array<{ title: string; url: string }>;
  completed: boolean;
}

export const LEARNER_COURSE_STATES = ['not_started', 'in_progress', 'passed'] as const;
export type LearnerCourseState = (typeof LEARNER_COURSE_STATES)[number];

/** Why a new attempt cannot start now. */
export const ATTEMPT_BLOCKS = ['lessons_incomplete', 'cooldown', 'no_attempts_left'] as const;
export type AttemptBlock = (typeof ATTEMPT_BLOCKS)[number];

export interface LearnerAttemptSummary {
  id: string;
  number: number;
  version: number;
  startedAt: string;
  submittedAt: string | null;
  score: number | null;
  passed: boolean | null;
}

/** A course in the learner's list. */
export interface LearnerCourseSummary {
  id: string;
  code: string;
  title: string;
  summary: string;
  durationMinutes: number;
  version: number;
  state: LearnerCourseState;
  lessonCount: number;
  completedLessons: number;
  credential: { id: string; title: string };
  /** The award issued by the last pass. */
  awardId: string | null;
}

/** The learner's list (`GET /me/courses`): every published course, with their progress. */
export interface MyCourses {
  /** The caller's staff record: the list is always their own. */
  staffId: string;
  items: LearnerCourseSummary[];
}

/** One course as the learner reads it: lessons, their progress and the assessment's rules. No questions. */
export interface LearnerCourse extends LearnerCourseSummary {
  lessons: LearnerLesson[];
  currentLessonId: string | null;
  passMark: number;
  questionsPerAttempt: number;
  maxAttempts: number;
  cooldownMinutes: number;
  /** Failed attempts left on this version. */
  attemptsLeft: number;
  /** Null when an attempt may start now (or one is open). */
  blockedBy: AttemptBlock | null;
  /** When the cool-down ends. */
  nextAttemptAt: string | null;
  /** An attempt started and not yet submitted: resume it. */
  openAttemptId: string | null;
  attempts: LearnerAttemptSummary[];
}

export interface UpdateProgressRequest {
  /** The lesson being read now. */
  currentLessonId: string;
  /** Marks this lesson as read. */
  completedLessonId?: string;
}

/** A drawn question without its answer key. */
export interface AttemptQuestion {
  id: string;
  kind: QuestionKind;
  prompt: string;
  options: Array<{ id: string; text: string }>;
}

export interface AttemptStart {
  attemptId: string;
  courseId: string;
  number: number;
  version: number;
  passMark: number;
  questions: AttemptQuestion[];
}

export interface SubmitAttemptRequest {
  /** The chosen option IDs per question ID; every drawn question must be answered. */
  answers: Record<string, string[]>;
}

export interface AttemptResult {
  attemptId: string;
  courseId: string;
  number: number;
  version: number;
  score: number;
  passMark: number;
  passed: boolean;
  correctCount: number;
  questionCount: number;
  /** Whether each question was answered right, without saying which option is right. */
  questions: Array<{ id: string; correct: boolean }>;
  awardId: string | null;
  attemptsLeft: number;
  nextAttemptAt: string | null;
  submittedAt: string;
}

export const CourseErrorCode = {
  CourseNotFound: 'course.not_found',
  CourseCodeTaken: 'course.code_taken',
  CourseNothingToPublish: 'course.nothing_to_publish',
  CourseCredentialUnknown: 'course.credential_unknown',
  CourseCredentialNotPublished: 'course.credential_not_published',
  CourseContentInvalid: 'course.content_invalid',
  CourseLessonUnknown: 'course.lesson_unknown',
  CourseAttemptNotFound: 'course.attempt_not_found',
  CourseAttemptBlocked: 'course.attempt_blocked',
  CourseAnswersInvalid: 'course.answers_invalid',
} as const;
export type CourseErrorCode = (typeof CourseErrorCode)[keyof typeof CourseErrorCode];

const enc = encodeURIComponent;

export const CourseRoutes = {
  list: `${API_V1}/courses`,
  one: (id: string) => `${API_V1}/courses/${enc(id)}`,
  publish: (id: string) => `${API_V1}/courses/${enc(id)}/publish`,
  archive: (id: string) => `${API_V1}/courses/${enc(id)}/archive`,
  mine: `${API_V1}/me/courses`,
  myCourse: (id: string) => `${API_V1}/me/courses/${enc(id)}`,
  myProgress: (id: string) => `${API_V1}/me/courses/${enc(id)}/progress`,
  myAttempts: (id: string) => `${API_V1}/me/courses/${enc(id)}/attempts`,
  mySubmit: (id: string, attemptId: string) =>
    `${API_V1}/me/courses/${enc(id)}/attempts/${enc(attemptId)}/submit`,
} as const;
