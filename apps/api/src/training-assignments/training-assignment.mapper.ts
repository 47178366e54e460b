import type {
  CourseReportRow,
  StaffCourseProgress,
  TrainingAssignment,
  TrainingReport,
  TrainingStanding,
} from '@brevet/contracts';
import type { AssignmentRow, ProgressRow, ReportRows } from './training-assignment.repository';

/** part / whole with four decimals (a fraction: 0.6667 is 66.67 %); null when `whole` is 0. */
export const reportRate = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

const iso = (value: string | Date): string => new Date(value).toISOString();

/** Where the person stands: a session booking beats course progress; nothing yet when neither. */
function standingOf(row: AssignmentRow): TrainingStanding {
  if (row.enrolment?.status === 'enrolled') return 'enrolled';
  if (row.enrolment?.status === 'waitlisted') return 'waitlisted';
  if (row.course?.passed) return 'course_passed';
  if (row.course?.begun) return 'course_in_progress';
  return 'nothing_yet';
}

/** By when to act: the last valid day of a certificate expiring or expired, else the due day (as `dueBySql`). */
function dueByOf(row: Pick<AssignmentRow, 'status' | 'validUntil' | 'dueOn'>): string {
  return (row.status === 'expiring' || row.status === 'expired') && row.validUntil !== null
    ? row.validUntil
    : row.dueOn;
}

export function mapAssignment(row: AssignmentRow): TrainingAssignment {
  return {
    staffId: row.staffId,
    employeeNumber: row.employeeNumber,
    givenName: row.givenName,
    familyName: row.familyName,
    branchId: row.branchId,
    branchName: row.branchName,
    definitionId: row.definitionId,
    definitionCode: row.definitionCode,
    definitionTitle: row.definitionTitle,
    status: row.status,
    dueOn: row.dueOn,
    validUntil: row.validUntil,
    dueBy: dueByOf(row),
    course: row.course && {
      courseId: row.course.courseId,
      code: row.course.code,
      title: row.course.title,
      state: row.course.passed ? 'passed' : row.course.begun ? 'in_progress' : 'not_started',
      attemptsLeft: row.course.attemptsLeft,
    },
    sessions: row.sessions.map((s) => ({
      sessionId: s.sessionId,
      branchId: s.branchId,
      branchName: s.branchName,
      sameBranch: s.sameBranch,
      location: s.location,
      startsAt: iso(s.startsAt),
      endsAt: iso(s.endsAt),
      timezone: s.timezone,
      capacity: s.capacity,
      seatsLeft: s.seatsLeft,
    })),
    enrolment: row.enrolment && {
      sessionId: row.enrolment.sessionId,
      branchName: row.enrolment.branchName,
      startsAt: iso(row.enrolment.startsAt),
      timezone: row.enrolment.timezone,
      status: row.enrolment.status,
    },
    standing: standingOf(row),
  };
}

export function mapReport(rows: ReportRows, from: string, to: string): TrainingReport {
  return {
    from,
    to,
    courses: rows.courses.map((c): CourseReportRow => ({
      ...c,
      passRate: reportRate(c.passedAttempts, c.attempts),
      completionRate: reportRate(c.learnersPassed, c.learnersStarted),
    })),
    sessions: rows.sessions.map((s) => ({ ...s })),
    months: rows.months.map((m) => ({ ...m })),
  };
}

export function mapStaffCourseProgress(row: ProgressRow): StaffCourseProgress {
  return { ...row, lastActivityAt: row.lastActivityAt ? new Date(row.lastActivityAt).toISOString() : null };
}
