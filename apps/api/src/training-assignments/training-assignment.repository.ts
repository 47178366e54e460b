import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  STAFF_COURSE_STATES,
  TRAINING_ASSIGNMENT_STATUSES,
  type StaffCourseProgress,
  type StaffCourseProgressSortField,
  type StaffCourseState,
  type TrainingAssignmentSortField,
  type TrainingAssignmentStatus,
} from '@brevet/contracts';
import type { AccessScope } from '../auth/actor';
import { branchToday, liveOn, statusOn } from '../compliance/compliance-aggregate.sql';
import { CREDENTIAL_TITLE } from '../compliance/compliance-evaluation.sql';
import { Params } from '../compliance/compliance.repository';
import type { RowStatement } from '../database/row-statement';
import { branchScopeSql } from '../database/scope.util';

export interface AssignmentQuery {
  scope: AccessScope;
  now: Date;
  lang: 'en' | 'de';
  /** Only this person (their own page). */
  staffId?: string;
  /** Only these people (the assignment emails, read again in another language). */
  staffIds?: readonly string[];
  branchId?: string;
  statuses?: readonly TrainingAssignmentStatus[];
  sort: { field: TrainingAssignmentSortField; direction: 'asc' | 'desc' };
  /** Without paging: every row (one person's own list). */
  page?: { page: number; pageSize: number };
}

/** One assignment as read; JSON columns come back parsed by `pg`. */
export interface AssignmentRow {
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
  dueOn: string;
  validUntil: string | null;
  course: {
    courseId: string;
    code: string;
    title: string;
    passed: boolean;
    begun: boolean;
    attemptsLeft: number;
  } | null;
  sessions: Array<{
    sessionId: string;
    branchId: string;
    branchName: string;
    sameBranch: boolean;
    location: string;
    startsAt: string;
    endsAt: string;
    timezone: string;
    capacity: number;
    seatsLeft: number;
  }>;
  enrolment: {
    sessionId: string;
    branchName: string;
    startsAt: string;
    timezone: string;
    status: 'enrolled' | 'waitlisted';
  } | null;
}

export interface MailRecipientRow {
  staffId: string;
  email: string | null;
  givenName: string;
  familyName: string;
  language: string;
  status: 'active' | 'on_leave' | 'left';
}

/**
 * By when to act on requirement row `alias` (as `dueByOf` in the mapper): the last valid day of a certificate that
 * is expiring or has expired (it was held; the rule's first due day is long past), else the due day.
 */
const dueBySql = (alias: string) =>
  `CASE WHEN ${alias}.status IN ('expiring', 'expired') AND ${alias}.valid_until IS NOT NULL
        THEN ${alias}.valid_until ELSE ${alias}.due_on END`;

const SORT_SQL: Record<TrainingAssignmentSortField, string> = {
  dueBy: dueBySql('x'),
  name: `s.family_name`,
  credential: `d.code`,
  status: `array_position(ARRAY['missing_overdue','expired','missing_in_grace','expiring']::text[], x.status)`,
  branch: `b.name`,
};

export interface ProgressQuery {
  scope: AccessScope;
  now: Date;
  lang: 'en' | 'de';
  branchId?: string;
  courseId?: string;
  states?: readonly StaffCourseState[];
  sort: { field: StaffCourseProgressSortField; direction: 'asc' | 'desc' };
  page: { page: number; pageSize: number };
}

/** A row of the course-progress view: the contract's fields, with the time still a Date. */
export type ProgressRow = Omit<StaffCourseProgress, 'lastActivityAt'> & { lastActivityAt: Date | null };

const PROGRESS_SORT_SQL: Record<StaffCourseProgressSortField, string> = {
  name: `p.family_name`,
  course: `p.course_code`,
  branch: `p.branch_name`,
  state: `array_position(ARRAY['failed','in_progress','not_started','passed']::text[], p.state)`,
  lastActivity: `p.last_activity_at`,
};

export interface ReportQuery {
  scope: AccessScope;
  now: Date;
  lang: 'en' | 'de';
  from: string;
  to: string;
  branchId?: string;
}

export interface ReportRows {
  courses: Array<{
    courseId: string;
    code: string;
    title: string;
    definitionId: string;
    learnersStarted: number;
    learnersPassed: number;
    attempts: number;
    passedAttempts: number;
  }>;
  sessions: Array<{
    definitionId: string;
    definitionCode: string;
    definitionTitle: string;
    sessionsHeld: number;
    participants: number;
    attended: number;
    passed: number;
  }>;
  months: Array<{
    month: string;
    attempts: number;
    passedAttempts: number;
    learnersPassed: number;
    sessionsHeld: number;
    sessionParticipantsPassed: number;
  }>;
}

/** What the training-report export is limited to; the scope is the requester's when they asked. */
export interface ReportCellQuery {
  scope: AccessScope;
  lang: 'en' | 'de';
  /** First and last day (UTC), inclusive. */
  from: string;
  to: string;
  branchId?: string;
  definitionId?: string;
}

/** One month × branch × course of the training report (the learner's current branch). */
export interface ReportCellRow {
  /** `YYYY-MM` (UTC). */
  month: string;
  branchId: string;
  branchCode: string;
  branchName: string;
  courseId: string;
  courseCode: string;
  courseTitle: string;
  definitionCode: string;
  learnersStarted: number;
  learnersPassed: number;
  attempts: number;
  passedAttempts: number;
  failedAttempts: number;
}

/**
 * Training assignments and reports, read set-based (docs/training-assignments.md). Assignments are the
 * compliance engine's materialised requirement rows (`compliance_requirement`, kept current by the compliance
 * catch-up the service runs first) with their status on the branch's day — the same `statusOn` the compliance
 * drill-down uses — joined with the course and the sessions that train for the credential. Nothing is stored.
 * The viewer's scope is in every statement (`branchScopeSql`).
 */
@Injectable()
export class TrainingAssignmentRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** The open requirements in view with what is offered for each and where the person stands, one page. */
  async openRequirementsWithOffers(
    query: AssignmentQuery,
  ): Promise<{ rows: AssignmentRow[]; total: number }> {
    const params = new Params();
    const now = params.add(query.now.toISOString());
    const lang = params.add(query.lang);
    const branchWhere: string[] = [];
    const inScope = branchScopeSql(query.scope, 'b.id', params.add);
    if (inScope) branchWhere.push(inScope);
    if (query.branchId) branchWhere.push(`b.id = ${params.add(query.branchId)}::uuid`);
    const statuses =
      query.statuses && query.statuses.length > 0 ? query.statuses : TRAINING_ASSIGNMENT_STATUSES;
    const statusParam = params.add([...statuses]);
    const staffWhere = [
      query.staffId ? `AND r.staff_id = ${params.add(query.staffId)}::uuid` : '',
      query.staffIds ? `AND r.staff_id = ANY(${params.add([...query.staffIds])}::uuid[])` : '',
    ].join(' ');
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const paging = query.page
      ? `LIMIT ${params.add(query.page.pageSize)} OFFSET ${params.add((query.page.page - 1) * query.page.pageSize)}`
      : '';
    const title = (content: string) => `COALESCE(${content}->'title'->>${lang}, ${content}->'title'->>'en')`;

    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH view_branches AS MATERIALIZED (
         SELECT b.id AS branch_id, b.region_id, ${branchToday(now)} AS today
           FROM branch b WHERE ${branchWhere.length > 0 ? branchWhere.join(' AND ') : 'true'}
       ),
       open_requirements AS (
         SELECT * FROM (
           SELECT r.staff_id, r.definition_id, r.branch_id, v.region_id, r.due_on, r.issued_on, r.valid_until,
                  ${statusOn('r', 'v.today')} AS status
             FROM view_branches v JOIN compliance_requirement r ON r.branch_id = v.branch_id
            WHERE ${liveOn('r', 'v.today')} ${staffWhere}
         ) q
         WHERE q.status = ANY(${statusParam}::text[])
       ),
       x AS (
         SELECT q.*,
                CASE WHEN q.status IN ('expiring', 'expired') THEN q.valid_until END AS shown_valid_until,
                CASE WHEN c.id IS NULL THEN NULL ELSE jsonb_build_object(
                  'courseId', c.id, 'code', c.code, 'title', c.title,
                  'passed', COALESCE(a.passed, false),
                  'begun', COALESCE(a.any_attempt, false) OR COALESCE(cp.updated_at >= a.since, false),
                  'attemptsLeft', GREATEST(0, c.max_attempts - COALESCE(a.failed_since_pass, 0))) END AS course,
                COALESCE(o.sessions, '[]'::jsonb) AS sessions,
                e.enrolment
           FROM open_requirements q
           -- The course offered: a published course whose credential is the required one (the first by code).
           LEFT JOIN LATERAL (
             SELECT c.id, c.code, ${title('cv.content')} AS title, cv.max_attempts, cv.id AS version_id
               FROM course c JOIN course_version cv ON cv.id = c.current_version_id
              WHERE c.definition_id = q.definition_id AND c.status = 'published'
              ORDER BY c.code LIMIT 1
           ) c ON true
           -- The person's attempts: since their current award (or ever), and failed ones since their last pass
           -- on the current version (what attemptAllowance counts).
           LEFT JOIN LATERAL (
             SELECT s.since,
                    bool_or(ca.passed IS TRUE AND ca.submitted_at >= s.since) AS passed,
                    bool_or(ca.started_at >= s.since) AS any_attempt,
                    count(*) FILTER (
                      WHERE ca.course_version_id = c.version_id AND ca.passed IS FALSE AND ca.started_at > COALESCE((
                        SELECT max(lp.started_at) FROM course_attempt lp
                         WHERE lp.staff_id = q.staff_id AND lp.course_version_id = c.version_id AND lp.passed IS TRUE
                      ), '-infinity'::timestamptz)
                    )::int AS failed_since_pass
               FROM (SELECT COALESCE(q.issued_on::timestamp AT TIME ZONE 'UTC', '-infinity'::timestamptz) AS since) s
               LEFT JOIN course_attempt ca ON ca.staff_id = q.staff_id AND ca.course_id = c.id
              GROUP BY s.since
           ) a ON c.id IS NOT NULL
           LEFT JOIN course_progress cp ON cp.staff_id = q.staff_id AND cp.course_id = c.id
           -- The next sessions: scheduled, not begun, at the person's branch first, then in its region.
           LEFT JOIN LATERAL (
             SELECT jsonb_agg(jsonb_build_object(
                      'sessionId', n.id, 'branchId', n.branch_id, 'branchName', n.branch_name,
                      'sameBranch', n.same_branch, 'location', n.location, 'startsAt', n.starts_at,
                      'endsAt', n.ends_at, 'timezone', n.timezone, 'capacity', n.capacity,
                      'seatsLeft', GREATEST(0, n.capacity - n.taken)) ORDER BY n.same_branch DESC, n.starts_at) AS sessions
               FROM (
                 SELECT ts.id, ts.branch_id, sb.name AS branch_name, ts.branch_id = q.branch_id AS same_branch,
                        ts.location, ts.starts_at, ts.ends_at, sb.timezone, ts.capacity,
                        (SELECT count(*) FROM training_session_enrolment te
                          WHERE te.session_id = ts.id AND te.status = 'enrolled')::int AS taken
                   FROM training_session ts JOIN branch sb ON sb.id = ts.branch_id
                  WHERE ts.definition_id = q.definition_id AND ts.status = 'scheduled' AND ts.starts_at > ${now}::timestamptz
                    AND (ts.branch_id = q.branch_id OR sb.region_id = q.region_id)
                  ORDER BY ts.branch_id = q.branch_id DESC, ts.starts_at
                  LIMIT 3
               ) n
           ) o ON true
           -- Where the person is booked: a live enrolment in a scheduled session of the credential, anywhere.
           LEFT JOIN LATERAL (
             SELECT jsonb_build_object('sessionId', ts.id, 'branchName', eb.name, 'startsAt', ts.starts_at,
                                       'timezone', eb.timezone, 'status', te.status) AS enrolment
               FROM training_session_enrolment te
               JOIN training_session ts ON ts.id = te.session_id
               JOIN branch eb ON eb.id = ts.branch_id
              WHERE te.staff_id = q.staff_id AND te.status IN ('enrolled', 'waitlisted')
                AND ts.definition_id = q.definition_id AND ts.status = 'scheduled'
              ORDER BY te.status = 'enrolled' DESC, ts.starts_at
              LIMIT 1
           ) e ON true
          WHERE c.id IS NOT NULL OR o.sessions IS NOT NULL OR e.enrolment IS NOT NULL
       )
       SELECT x.staff_id, s.employee_number, s.given_name, s.family_name, x.branch_id, b.name AS branch_name,
              x.definition_id, d.code AS definition_code,
              COALESCE((${CREDENTIAL_TITLE})->>${lang}, (${CREDENTIAL_TITLE})->>'en') AS definition_title, x.status,
              x.due_on::text AS due_on, x.shown_valid_until::text AS valid_until, x.course, x.sessions, x.enrolment,
              count(*) OVER () AS total
         FROM x
         JOIN staff s ON s.id = x.staff_id
         JOIN branch b ON b.id = x.branch_id
         JOIN credential_definition d ON d.id = x.definition_id
        ORDER BY ${SORT_SQL[query.sort.field]} ${direction} NULLS LAST, s.family_name, s.given_name, s.id, d.code
        ${paging}`,
      params.values,
    );
    return {
      rows: rows.map((r) => ({
        staffId: r['staff_id'] as string,
        employeeNumber: r['employee_number'] as string,
        givenName: r['given_name'] as string,
        familyName: r['family_name'] as string,
        branchId: r['branch_id'] as string,
        branchName: r['branch_name'] as string,
        definitionId: r['definition_id'] as string,
        definitionCode: r['definition_code'] as string,
        definitionTitle: r['definition_title'] as string,
        status: r['status'] as TrainingAssignmentStatus,
        dueOn: r['due_on'] as string,
        validUntil: (r['valid_until'] as string | null) ?? null,
        course: (r['course'] as AssignmentRow['course']) ?? null,
        sessions: (r['sessions'] as AssignmentRow['sessions']) ?? [],
        enrolment: (r['enrolment'] as AssignmentRow['enrolment']) ?? null,
      })),
      total: rows.length > 0 ? Number(rows[0]['total']) : 0,
    };
  }

  /**
   * Course progress of the people in view: every (person, published course) pair where the compliance rules ask
   * for the course's credential now (an open requirement, as in the assignments) or the person has begun the
   * course. Only people whose current branch is in the viewer's scope (`branchScopeSql`), and not gone.
   */
  async staffCourseProgress(query: ProgressQuery): Promise<{ rows: ProgressRow[]; total: number }> {
    const params = new Params();
    const now = params.add(query.now.toISOString());
    const lang = params.add(query.lang);
    const branchWhere: string[] = [];
    const inScope = branchScopeSql(query.scope, 'b.id', params.add);
    if (inScope) branchWhere.push(inScope);
    if (query.branchId) branchWhere.push(`b.id = ${params.add(query.branchId)}::uuid`);
    const courseWhere = query.courseId ? `AND c.id = ${params.add(query.courseId)}::uuid` : '';
    const states = query.states && query.states.length > 0 ? query.states : STAFF_COURSE_STATES;
    const stateParam = params.add([...states]);
    const openStatuses = params.add([...TRAINING_ASSIGNMENT_STATUSES]);
    const direction = query.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const rows: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH view_branches AS MATERIALIZED (
         SELECT b.id AS branch_id, b.name AS branch_name, ${branchToday(now)} AS today
           FROM branch b WHERE ${branchWhere.length > 0 ? branchWhere.join(' AND ') : 'true'}
       ),
       people AS MATERIALIZED (
         SELECT s.id, s.employee_number, s.given_name, s.family_name, v.branch_id, v.branch_name
           FROM staff s JOIN view_branches v ON v.branch_id = s.branch_id
          WHERE s.status <> 'left'
       ),
       courses AS (
         SELECT c.id, c.code, c.definition_id, cv.content,
                COALESCE(cv.content->'title'->>${lang}, cv.content->'title'->>'en', c.code) AS title
           FROM course c JOIN course_version cv ON cv.id = c.current_version_id
          WHERE c.status = 'published' ${courseWhere}
       ),
       assigned AS (
         SELECT q.staff_id, c.id AS course_id,
                min(${dueBySql('q')}) AS due_by
           FROM (
             SELECT r.staff_id, r.definition_id, r.due_on, r.valid_until, ${statusOn('r', 'v.today')} AS status
               FROM view_branches v JOIN compliance_requirement r ON r.branch_id = v.branch_id
              WHERE ${liveOn('r', 'v.today')}
           ) q
           JOIN courses c ON c.definition_id = q.definition_id
          WHERE q.status = ANY(${openStatuses}::text[])
          GROUP BY q.staff_id, c.id
       ),
       pairs AS (
         SELECT staff_id, course_id FROM assigned
         UNION
         SELECT cp.staff_id, cp.course_id FROM course_progress cp
           JOIN people pe ON pe.id = cp.staff_id JOIN courses c ON c.id = cp.course_id
         UNION
         SELECT ca.staff_id, ca.course_id FROM course_attempt ca
           JOIN people pe ON pe.id = ca.staff_id JOIN courses c ON c.id = ca.course_id
       ),
       p AS (
         SELECT pe.id AS staff_id, pe.employee_number, pe.given_name, pe.family_name, pe.branch_id, pe.branch_name,
                c.id AS course_id, c.code AS course_code, c.title AS course_title,
                a.staff_id IS NOT NULL AS assigned, a.due_by,
                COALESCE((SELECT count(*) FROM jsonb_array_elements(c.content->'lessons') l
                           WHERE cp.completed_lesson_ids ? (l->>'id')), 0)::int AS lessons_done,
                COALESCE(jsonb_array_length(c.content->'lessons'), 0)::int AS lessons_total,
                COALESCE(t.attempts, 0)::int AS attempts, t.last_score,
                CASE WHEN t.last_passed IS TRUE THEN 'passed'
                     WHEN t.last_passed IS FALSE THEN 'failed'
                     WHEN t.open_attempt OR jsonb_array_length(COALESCE(cp.completed_lesson_ids, '[]'::jsonb)) > 0
                       THEN 'in_progress'
                     ELSE 'not_started' END AS state,
                NULLIF(GREATEST(COALESCE(cp.updated_at, '-infinity'), COALESCE(t.last_at, '-infinity')),
                       '-infinity'::timestamptz) AS last_activity_at
           FROM pairs x
           JOIN people pe ON pe.id = x.staff_id
           JOIN courses c ON c.id = x.course_id
           LEFT JOIN assigned a ON a.staff_id = x.staff_id AND a.course_id = x.course_id
           LEFT JOIN course_progress cp ON cp.staff_id = x.staff_id AND cp.course_id = x.course_id
           LEFT JOIN LATERAL (
             SELECT count(*) FILTER (WHERE ca.submitted_at IS NOT NULL) AS attempts,
                    (array_agg(ca.passed ORDER BY ca.submitted_at DESC) FILTER (WHERE ca.submitted_at IS NOT NULL))[1]
                      AS last_passed,
                    (array_agg(ca.score ORDER BY ca.submitted_at DESC) FILTER (WHERE ca.submitted_at IS NOT NULL))[1]
                      AS last_score,
                    bool_or(ca.submitted_at IS NULL) AS open_attempt,
                    max(COALESCE(ca.submitted_at, ca.started_at)) AS last_at
               FROM course_attempt ca WHERE ca.staff_id = x.staff_id AND ca.course_id = x.course_id
           ) t ON true
       )
       SELECT p.*, p.due_by::text AS due_by_day, count(*) OVER () AS total
         FROM p
        WHERE p.state = ANY(${stateParam}::text[])
        ORDER BY ${PROGRESS_SORT_SQL[query.sort.field]} ${direction} NULLS LAST, p.family_name, p.given_name,
                 p.staff_id, p.course_code
        LIMIT ${params.add(query.page.pageSize)} OFFSET ${params.add((query.page.page - 1) * query.page.pageSize)}`,
      params.values,
    );
    return {
      rows: rows.map((r) => ({
        staffId: r['staff_id'] as string,
        employeeNumber: r['employee_number'] as string,
        givenName: r['given_name'] as string,
        familyName: r['family_name'] as string,
        branchId: r['branch_id'] as string,
        branchName: r['branch_name'] as string,
        courseId: r['course_id'] as string,
        courseCode: r['course_code'] as string,
        courseTitle: r['course_title'] as string,
        assigned: r['assigned'] as boolean,
        dueBy: (r['due_by_day'] as string | null) ?? null,
        lessonsDone: r['lessons_done'] as number,
        lessonsTotal: r['lessons_total'] as number,
        attempts: r['attempts'] as number,
        lastScore: r['last_score'] === null || r['last_score'] === undefined ? null : Number(r['last_score']),
        state: r['state'] as StaffCourseState,
        lastActivityAt: (r['last_activity_at'] as Date | null) ?? null,
      })),
      total: rows.length > 0 ? Number(rows[0]['total']) : 0,
    };
  }

  /** What an email to these people needs: address, language, name and whether they are at work. */
  async mailRecipients(staffIds: readonly string[]): Promise<Map<string, MailRecipientRow>> {
    if (staffIds.length === 0) return new Map();
    const rows: MailRecipientRow[] = await this.txHost.tx.query(
      `SELECT s.id AS "staffId", s.email, s.given_name AS "givenName", s.family_name AS "familyName",
              s.preferred_language AS language, s.status
         FROM staff s WHERE s.id = ANY($1::uuid[])`,
      [[...new Set(staffIds)]],
    );
    return new Map(rows.map((r) => [r.staffId, r]));
  }

  /**
   * Courses and sessions of the branches in view over [from, to] (UTC days): attempts by the learner's current
   * branch, sessions by their branch. Per course, per session credential, and per month.
   */
  async trainingReport(query: ReportQuery): Promise<ReportRows> {
    const params = new Params();
    const lang = params.add(query.lang);
    const from = params.add(query.from);
    const to = params.add(query.to);
    const now = params.add(query.now.toISOString());
    const where: string[] = [];
    const inScope = branchScopeSql(query.scope, 'b.id', params.add);
    if (inScope) where.push(inScope);
    if (query.branchId) where.push(`b.id = ${params.add(query.branchId)}::uuid`);
    const branches = `SELECT b.id FROM branch b WHERE ${where.length > 0 ? where.join(' AND ') : 'true'}`;
    const inRange = (column: string) =>
      `${column} >= (${from}::date)::timestamp AT TIME ZONE 'UTC' AND ${column} < ((${to}::date + 1)::timestamp AT TIME ZONE 'UTC')`;
    // `args` declares every parameter's type, so each of the three statements may leave some unused.
    const ctes = `
      args AS (SELECT ${lang}::text AS lang, ${from}::date AS from_day, ${to}::date AS to_day, ${now}::timestamptz AS now),
      view_branches AS MATERIALIZED (${branches}),
      attempts AS (
        SELECT ca.course_id, ca.staff_id, ca.started_at, ca.submitted_at, ca.passed
          FROM course_attempt ca JOIN staff s ON s.id = ca.staff_id
         WHERE s.branch_id IN (SELECT id FROM view_branches)
      ),
      held AS (
        SELECT ts.id, ts.definition_id, ts.starts_at
          FROM training_session ts
         WHERE ts.branch_id IN (SELECT id FROM view_branches) AND ts.status <> 'cancelled'
           AND ts.starts_at <= ${now}::timestamptz AND ${inRange('ts.starts_at')}
      ),
      participants AS (
        SELECT h.id AS session_id, h.definition_id, h.starts_at, te.attended, te.passed
          FROM held h JOIN training_session_enrolment te ON te.session_id = h.id AND te.status = 'enrolled'
      )`;
    // One after the other: inside a transaction (and on PGlite) there is one connection.
    const courses: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH ${ctes}
         SELECT c.id AS course_id, c.code, c.definition_id,
                COALESCE(cv.content->'title'->>${lang}, cv.content->'title'->>'en') AS title,
                (SELECT count(DISTINCT a.staff_id) FROM attempts a
                  WHERE a.course_id = c.id AND ${inRange('a.started_at')})::int AS learners_started,
                (SELECT count(DISTINCT a.staff_id) FROM attempts a
                  WHERE a.course_id = c.id AND a.passed IS TRUE AND ${inRange('a.submitted_at')}
                    AND EXISTS (SELECT 1 FROM attempts b WHERE b.course_id = c.id AND b.staff_id = a.staff_id
                                   AND ${inRange('b.started_at')}))::int AS learners_passed,
                (SELECT count(*) FROM attempts a
                  WHERE a.course_id = c.id AND a.submitted_at IS NOT NULL AND ${inRange('a.submitted_at')})::int AS attempts,
                (SELECT count(*) FROM attempts a
                  WHERE a.course_id = c.id AND a.passed IS TRUE AND ${inRange('a.submitted_at')})::int AS passed_attempts
           FROM course c LEFT JOIN course_version cv ON cv.id = c.current_version_id
          WHERE c.status <> 'draft' OR EXISTS (SELECT 1 FROM course_attempt x WHERE x.course_id = c.id)
          ORDER BY c.code`,
      params.values,
    );
    const sessions: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH ${ctes}
         SELECT d.id AS definition_id, d.code AS definition_code,
                COALESCE((${CREDENTIAL_TITLE})->>${lang}, (${CREDENTIAL_TITLE})->>'en') AS definition_title,
                (SELECT count(*) FROM held h WHERE h.definition_id = d.id)::int AS sessions_held,
                count(p.session_id)::int AS participants,
                count(*) FILTER (WHERE p.attended IS TRUE)::int AS attended,
                count(*) FILTER (WHERE p.passed IS TRUE)::int AS passed
           FROM credential_definition d
           LEFT JOIN participants p ON p.definition_id = d.id
          WHERE d.id IN (SELECT definition_id FROM held)
          GROUP BY d.id
          ORDER BY d.code`,
      params.values,
    );
    const months: Array<Record<string, unknown>> = await this.txHost.tx.query(
      `WITH ${ctes},
         months AS (
           SELECT to_char(m, 'YYYY-MM') AS month
             FROM generate_series(date_trunc('month', ${from}::date), date_trunc('month', ${to}::date), interval '1 month') m
         ),
         submitted AS (
           SELECT to_char(a.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, a.staff_id, a.passed
             FROM attempts a WHERE a.submitted_at IS NOT NULL AND ${inRange('a.submitted_at')}
         )
         SELECT m.month,
                (SELECT count(*) FROM submitted x WHERE x.month = m.month)::int AS attempts,
                (SELECT count(*) FROM submitted x WHERE x.month = m.month AND x.passed IS TRUE)::int AS passed_attempts,
                (SELECT count(DISTINCT x.staff_id) FROM submitted x
                  WHERE x.month = m.month AND x.passed IS TRUE)::int AS learners_passed,
                (SELECT count(*) FROM held h
                  WHERE to_char(h.starts_at AT TIME ZONE 'UTC', 'YYYY-MM') = m.month)::int AS sessions_held,
                (SELECT count(*) FROM participants p
                  WHERE p.passed IS TRUE AND to_char(p.starts_at AT TIME ZONE 'UTC', 'YYYY-MM') = m.month)::int
                  AS session_participants_passed
           FROM months m ORDER BY m.month`,
      params.values,
    );
    return {
      courses: courses.map((r) => ({
        courseId: r['course_id'] as string,
        code: r['code'] as string,
        title: (r['title'] as string | null) ?? (r['code'] as string),
        definitionId: r['definition_id'] as string,
        learnersStarted: r['learners_started'] as number,
        learnersPassed: r['learners_passed'] as number,
        attempts: r['attempts'] as number,
        passedAttempts: r['passed_attempts'] as number,
      })),
      sessions: sessions.map((r) => ({
        definitionId: r['definition_id'] as string,
        definitionCode: r['definition_code'] as string,
        definitionTitle: r['definition_title'] as string,
        sessionsHeld: r['sessions_held'] as number,
        participants: r['participants'] as number,
        attended: r['attended'] as number,
        passed: r['passed'] as number,
      })),
      months: months.map((r) => ({
        month: r['month'] as string,
        attempts: r['attempts'] as number,
        passedAttempts: r['passed_attempts'] as number,
        learnersPassed: r['learners_passed'] as number,
        sessionsHeld: r['sessions_held'] as number,
        sessionParticipantsPassed: r['session_participants_passed'] as number,
      })),
    };
  }

  /**
   * The training report split by month and branch, for the export's cursor: one row per month × branch ×
   * course with any activity in [from, to] (UTC days). The counts follow {@link trainingReport} within each
   * month: learners with an attempt started in the month, of them those with a passed attempt submitted in the
   * month, and the attempts submitted in the month. Attempts count at the learner's current branch; the scope
   * is in the SQL.
   */
  reportCellsStatement(query: ReportCellQuery): RowStatement<ReportCellRow> {
    const params = new Params();
    const lang = params.add(query.lang);
    const from = params.add(query.from);
    const to = params.add(query.to);
    const where: string[] = [];
    const inScope = branchScopeSql(query.scope, 'b.id', params.add);
    if (inScope) where.push(inScope);
    if (query.branchId) where.push(`b.id = ${params.add(query.branchId)}::uuid`);
    if (query.definitionId) where.push(`c.definition_id = ${params.add(query.definitionId)}::uuid`);
    const inRange = (column: string) =>
      `${column} >= (${from}::date)::timestamp AT TIME ZONE 'UTC' AND ${column} < ((${to}::date + 1)::timestamp AT TIME ZONE 'UTC')`;
    const month = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM')`;
    return {
      text: `WITH attempts AS (
         SELECT ca.course_id, ca.staff_id, b.id AS branch_id, ca.started_at, ca.submitted_at, ca.passed
           FROM course_attempt ca
           JOIN staff s ON s.id = ca.staff_id
           JOIN branch b ON b.id = s.branch_id
           JOIN course c ON c.id = ca.course_id
          WHERE ${where.length > 0 ? where.join(' AND ') : 'true'}
       ),
       events AS (
         SELECT course_id, branch_id, staff_id, ${month('started_at')} AS month, true AS started,
                false AS submitted, NULL::boolean AS passed
           FROM attempts WHERE ${inRange('started_at')}
         UNION ALL
         SELECT course_id, branch_id, staff_id, ${month('submitted_at')}, false, true, passed
           FROM attempts WHERE submitted_at IS NOT NULL AND ${inRange('submitted_at')}
       ),
       learners AS (
         SELECT course_id, branch_id, month, staff_id,
                bool_or(started) AS started,
                bool_or(submitted AND passed IS TRUE) AS passed,
                count(*) FILTER (WHERE submitted) AS attempts,
                count(*) FILTER (WHERE submitted AND passed IS TRUE) AS passed_attempts,
                count(*) FILTER (WHERE submitted AND passed IS FALSE) AS failed_attempts
           FROM events GROUP BY course_id, branch_id, month, staff_id
       ),
       cells AS (
         SELECT course_id, branch_id, month,
                count(*) FILTER (WHERE started)::int AS learners_started,
                count(*) FILTER (WHERE started AND passed)::int AS learners_passed,
                sum(attempts)::int AS attempts,
                sum(passed_attempts)::int AS passed_attempts,
                sum(failed_attempts)::int AS failed_attempts
           FROM learners GROUP BY course_id, branch_id, month
       )
       SELECT x.month, b.id AS branch_id, b.code AS branch_code, b.name AS branch_name,
              c.id AS course_id, c.code AS course_code,
              COALESCE(cv.content->'title'->>${lang}::text, cv.content->'title'->>'en', c.code) AS course_title,
              d.code AS definition_code,
              x.learners_started, x.learners_passed, x.attempts, x.passed_attempts, x.failed_attempts
         FROM cells x
         JOIN branch b ON b.id = x.branch_id
         JOIN course c ON c.id = x.course_id
         LEFT JOIN course_version cv ON cv.id = c.current_version_id
         JOIN credential_definition d ON d.id = c.definition_id
        ORDER BY x.month, b.code, c.code`,
      values: params.values,
      map: (r) => ({
        month: r['month'] as string,
        branchId: r['branch_id'] as string,
        branchCode: r['branch_code'] as string,
        branchName: r['branch_name'] as string,
        courseId: r['course_id'] as string,
        courseCode: r['course_code'] as string,
        courseTitle: r['course_title'] as string,
        definitionCode: r['definition_code'] as string,
        learnersStarted: Number(r['learners_started']),
        learnersPassed: Number(r['learners_passed']),
        attempts: Number(r['attempts']),
        passedAttempts: Number(r['passed_attempts']),
        failedAttempts: Number(r['failed_attempts']),
      }),
    };
  }
}
