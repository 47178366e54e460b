import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  TRAINING_ASSIGNMENT_STATUSES,
  type TrainingAssignmentSortField,
  type TrainingAssignmentStatus,
} from '@brevet/contracts';
import type { AccessScope } from '../auth/actor';
import { branchToday, liveOn, statusOn } from '../compliance/compliance-aggregate.sql';
import { CREDENTIAL_TITLE } from '../compliance/compliance-evaluation.sql';
import { Params } from '../compliance/compliance.repository';
import { branchScopeSql } from '../database/scope.util';

export interface AssignmentQuery {
  scope: AccessScope;
  now: Date;
  lang: 'en' | 'de';
  /** Only this person (their own page). */
  staffId?: string;
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

const SORT_SQL: Record<TrainingAssignmentSortField, string> = {
  dueBy: `CASE WHEN x.status = 'expiring' THEN x.valid_until ELSE x.due_on END`,
  name: `s.family_name`,
  credential: `d.code`,
  status: `array_position(ARRAY['missing_overdue','expired','missing_in_grace','expiring']::text[], x.status)`,
  branch: `b.name`,
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
    const staffWhere = query.staffId ? `AND r.staff_id = ${params.add(query.staffId)}::uuid` : '';
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
}
