/**
 * Training assignments and training reports (docs/training-assignments.md).
 *
 * An assignment is not stored: it is the compliance engine's open requirement (someone must hold a credential
 * and does not, or it is about to lapse) joined with what trains for that credential — a published course and
 * the next on-site sessions near the person's branch — and where the person stands on it.
 */

import { API_V1 } from './routes';

export const TrainingRoutes = {
  mine: `${API_V1}/me/training`,
  assignments: `${API_V1}/training/assignments`,
  report: `${API_V1}/training/report`,
  progress: `${API_V1}/training/progress`,
} as const;

/** The requirement statuses that make an assignment: every status that is not met-and-quiet or exempt. */
export const TRAINING_ASSIGNMENT_STATUSES = [
  'missing_overdue',
  'expired',
  'missing_in_grace',
  'expiring',
] as const;
export type TrainingAssignmentStatus = (typeof TRAINING_ASSIGNMENT_STATUSES)[number];

/** How far a person is with the offered course, counted since their current award (or ever, without one). */
export const COURSE_PROGRESS_STATES = ['not_started', 'in_progress', 'passed'] as const;
export type CourseProgressState = (typeof COURSE_PROGRESS_STATES)[number];

/** Where the person stands, the best of: enrolled/waitlisted in a session, course passed or begun, nothing. */
export const TRAINING_STANDINGS = [
  'enrolled',
  'waitlisted',
  'course_passed',
  'course_in_progress',
  'nothing_yet',
] as const;
export type TrainingStanding = (typeof TRAINING_STANDINGS)[number];

export interface AssignedCourse {
  courseId: string;
  code: string;
  /** In the language asked for (`?lang=`), else English. */
  title: string;
  state: CourseProgressState;
  /** Attempts left on the current version (failed attempts since the last pass count against it). */
  attemptsLeft: number;
}

export interface OfferedSession {
  sessionId: string;
  branchId: string;
  branchName: string;
  /** True when the session is at the person's own branch; otherwise it is in the same region. */
  sameBranch: boolean;
  location: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  capacity: number;
  seatsLeft: number;
}

export interface SessionEnrolmentState {
  sessionId: string;
  branchName: string;
  startsAt: string;
  timezone: string;
  status: 'enrolled' | 'waitlisted';
}

export interface TrainingAssignment {
  staffId: string;
  employeeNumber: string;
  givenName: string;
  familyName: string;
  branchId: string;
  branchName: string;
  definitionId: string;
  definitionCode: string;
  definitionTitle: string;
  status: TrainingAssignmentStatus;
  /** The last day the credential may still be missing. */
  dueOn: string;
  /** The award's last valid day (expiring, expired), else null. */
  validUntil: string | null;
  /** By when to act: `validUntil` while expiring or once expired (it was held), else `dueOn`. */
  dueBy: string;
  course: AssignedCourse | null;
  /** Up to three upcoming sessions: the person's branch first, then the rest of its region, soonest first. */
  sessions: OfferedSession[];
  /** The person's live enrolment in a scheduled session of this credential, anywhere. */
  enrolment: SessionEnrolmentState | null;
  standing: TrainingStanding;
}

/** `GET /api/v1/me/training`: the signed-in person's own assignments. */
export interface MyTraining {
  asOf: string;
  /** Whose list this is: the signed-in person's staff record (null for an account without one). */
  staffId: string | null;
  items: TrainingAssignment[];
}

export const TRAINING_ASSIGNMENT_SORT_FIELDS = ['dueBy', 'name', 'credential', 'status', 'branch'] as const;
export type TrainingAssignmentSortField = (typeof TRAINING_ASSIGNMENT_SORT_FIELDS)[number];

export interface TrainingAssignmentQuery {
  branchId?: string;
  status?: TrainingAssignmentStatus[] | string;
  page?: number;
  pageSize?: number;
  sort?: string;
}

/** `GET /api/v1/training/assignments`: people × open requirement, within the viewer's branches. */
export interface TrainingAssignmentPage {
  asOf: string;
  items: TrainingAssignment[];
  total: number;
  page: number;
  pageSize: number;
}

// ---- Reports --------------------------------------------------------------------------------------------

export interface TrainingReportQuery {
  /** First day (UTC), inclusive. Default: a year before `to`. */
  from?: string;
  /** Last day (UTC), inclusive. Default: today. */
  to?: string;
  branchId?: string;
}

export interface CourseReportRow {
  courseId: string;
  code: string;
  title: string;
  definitionId: string;
  /** People with at least one attempt started in the range. */
  learnersStarted: number;
  /** Of those, the people with a passed attempt submitted in the range. */
  learnersPassed: number;
  /** Attempts submitted in the range. */
  attempts: number;
  passedAttempts: number;
  /** passedAttempts / attempts, four decimals; null without attempts. */
  passRate: number | null;
  /** learnersPassed / learnersStarted, four decimals; null when nobody started. */
  completionRate: number | null;
}

export interface SessionReportRow {
  definitionId: string;
  definitionCode: string;
  definitionTitle: string;
  /** Sessions not cancelled that started in the range and have begun. */
  sessionsHeld: number;
  /** Live (not cancelled) enrolled participants of those sessions. */
  participants: number;
  attended: number;
  passed: number;
}

export interface TrainingReportMonth {
  /** `YYYY-MM` (UTC). */
  month: string;
  attempts: number;
  passedAttempts: number;
  learnersPassed: number;
  sessionsHeld: number;
  sessionParticipantsPassed: number;
}

/** `GET /api/v1/training/report`: courses and sessions of the viewer's branches (the learner's current branch). */
export interface TrainingReport {
  from: string;
  to: string;
  courses: CourseReportRow[];
  sessions: SessionReportRow[];
  months: TrainingReportMonth[];
}

// ---- Staff course progress ------------------------------------------------------------------------------

/**
 * Where a person is with one course: `passed` / `failed` by their latest submitted attempt; `in_progress` with
 * lessons read or an attempt open; else `not_started`.
 */
export const STAFF_COURSE_STATES = ['not_started', 'in_progress', 'passed', 'failed'] as const;
export type StaffCourseState = (typeof STAFF_COURSE_STATES)[number];

export const STAFF_COURSE_PROGRESS_SORT_FIELDS = [
  'name',
  'course',
  'branch',
  'state',
  'lastActivity',
] as const;
export type StaffCourseProgressSortField = (typeof STAFF_COURSE_PROGRESS_SORT_FIELDS)[number];

export interface StaffCourseProgressQuery {
  branchId?: string;
  courseId?: string;
  /** One state or several, comma-separated. */
  state?: StaffCourseState[] | string;
  page?: number;
  pageSize?: number;
  /** `name` (default), `course`, `branch`, `state`, `lastActivity`; `-` for descending. */
  sort?: string;
  lang?: 'en' | 'de';
}

/** One person and one course: assigned by the compliance rules, or begun by the person. */
export interface StaffCourseProgress {
  staffId: string;
  employeeNumber: string;
  givenName: string;
  familyName: string;
  branchId: string;
  branchName: string;
  courseId: string;
  courseCode: string;
  courseTitle: string;
  /** The compliance rules ask for the course's credential now (an open requirement). */
  assigned: boolean;
  /** By when, while assigned (as in the assignments list), else null. */
  dueBy: string | null;
  /** Lessons of the current version the person has read, and how many it has. */
  lessonsDone: number;
  lessonsTotal: number;
  /** Submitted attempts, every version. */
  attempts: number;
  /** Score of the latest submitted attempt (percent), null without one. */
  lastScore: number | null;
  state: StaffCourseState;
  /** The latest lesson read, attempt started or submitted. */
  lastActivityAt: string | null;
}

/** `GET /api/v1/training/progress`: the course progress of the people in the viewer's branches. */
export interface StaffCourseProgressPage {
  items: StaffCourseProgress[];
  total: number;
  page: number;
  pageSize: number;
}
