import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type {
  EnrolmentStatus,
  LocalizedText,
  SortDirection,
  TrainingSessionSortField,
  TrainingSessionStatus,
  UiLanguage,
} from '@brevet/contracts';
import { QueryFailedError } from 'typeorm';
import type { AccessScope } from '../auth/actor';
import type { RowStatement } from '../database/row-statement';
import type { ReportCellQuery } from '../training-assignments/training-assignment.repository';
import { branchScopeSql } from '../database/scope.util';

/** A session with everything its response needs, in one row. */
export interface SessionRow {
  id: string;
  definitionId: string;
  definitionCode: string;
  definitionStatus: string;
  title: LocalizedText;
  branchId: string;
  branchName: string;
  timeZone: string;
  regionId: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  instructorStaffId: string;
  instructorName: string;
  capacity: number;
  status: TrainingSessionStatus;
  certificatesIssuedAt: Date | null;
  revision: number;
  updatedAt: Date;
  enrolledCount: number;
  waitlistCount: number;
  myStatus: EnrolmentStatus | null;
  myWaitlistPosition: number | null;
}

export interface ParticipantRow {
  enrolmentId: string;
  staffId: string;
  givenName: string;
  familyName: string;
  employeeNumber: string;
  branchName: string;
  status: EnrolmentStatus;
  position: number;
  waitlistPosition: number | null;
  attended: boolean | null;
  passed: boolean | null;
  awardId: string | null;
  createdAt: Date;
  enrolledByName: string | null;
}

/** A person as a possible participant or instructor, with what a mail to them needs. */
export interface SessionPersonRow {
  id: string;
  givenName: string;
  familyName: string;
  employeeNumber: string;
  status: string;
  branchId: string;
  branchName: string;
  regionId: string;
  email: string | null;
  language: UiLanguage;
}

/**
 * Which sessions a caller may see, applied in SQL:
 * - `scope`: sessions at branches in the scope (HR, managers);
 * - `joinable`: scheduled, not started, at a branch of the person's own region (what an employee may join);
 * - `viewer`: one session for whoever may look at it: the scope (managers), its instructor, people enrolled
 *   in it, and people of the region;
 * - `recorder`: a session whose attendance the caller may record: the scope, or its instructor.
 */
export type SessionVisibility =
  | { kind: 'scope'; scope: AccessScope }
  | { kind: 'joinable'; regionId: string; now: Date }
  | { kind: 'viewer'; scope: AccessScope | null; staffId: string | null; regionId: string | null }
  | { kind: 'recorder'; scope: AccessScope | null; staffId: string | null };

export interface SessionPageQuery {
  page: number;
  pageSize: number;
  sort: { field: TrainingSessionSortField; direction: SortDirection };
  branchId?: string;
  definitionId?: string;
  from?: string;
  to?: string;
  status?: TrainingSessionStatus;
}

export interface NewSession {
  definitionId: string;
  branchId: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
  instructorStaffId: string;
  capacity: number;
  createdByUserId: string;
  now: Date;
}

export interface DueReminderRow {
  sessionId: string;
  staffId: string;
  sessionDay: string;
}

/** Thrown when a person already holds a live enrolment in the session (the unique index). */
export class DuplicateEnrolmentError extends Error {}

class Params {
  readonly values: unknown[] = [];
  add = (value: unknown): string => {
    this.values.push(value);
    return `$${this.values.length}`;
  };
}

/**
 * What the `training-attendance` export is limited to (as the training report's): the requester's scope when they
 * asked, the first and last day (UTC) the sessions start on, a branch and a credential.
 */
export type AttendanceQuery = ReportCellQuery;

/** One person at one on-site session (enrolled or waiting), with the day and times in the branch's zone. */
export interface AttendanceRow {
  day: string;
  startTime: string;
  endTime: string;
  branchCode: string;
  branchName: string;
  location: string;
  definitionCode: string;
  definitionTitle: string;
  instructor: string;
  sessionStatus: TrainingSessionStatus;
  employeeNumber: string;
  familyName: string;
  givenName: string;
  enrolmentStatus: 'enrolled' | 'waitlisted';
  /** Null until the instructor recorded it. */
  attended: boolean | null;
  passed: boolean | null;
  certified: boolean;
}

const SELECT_SESSION = `
  ts.id, ts.definition_id AS "definitionId", d.code AS "definitionCode", d.status AS "definitionStatus",
  COALESCE(v.title, '{}'::jsonb) AS title, ts.branch_id AS "branchId", b.name AS "branchName",
  b.timezone AS "timeZone", b.region_id AS "regionId", ts.location, ts.starts_at AS "startsAt",
  ts.ends_at AS "endsAt", ts.instructor_staff_id AS "instructorStaffId",
  i.given_name || ' ' || i.family_name AS "instructorName", ts.capacity, ts.status,
  ts.certificates_issued_at AS "certificatesIssuedAt", ts.revision, ts.updated_at AS "updatedAt",
  (SELECT count(*) FROM training_session_enrolment c WHERE c.session_id = ts.id AND c.status = 'enrolled')::int
    AS "enrolledCount",
  (SELECT count(*) FROM training_session_enrolment c WHERE c.session_id = ts.id AND c.status = 'waitlisted')::int
    AS "waitlistCount"`;

const FROM_SESSION = `
  training_session ts
  JOIN branch b ON b.id = ts.branch_id
  JOIN credential_definition d ON d.id = ts.definition_id
  LEFT JOIN credential_definition_version v ON v.id = d.current_version_id
  JOIN staff i ON i.id = ts.instructor_staff_id`;

/** The caller's own live enrolment (`me`) and their place on the waiting list. */
function mine(staffId: string | null, p: Params): { select: string; join: string } {
  const staff = p.add(staffId);
  return {
    select: `, me.status AS "myStatus",
      CASE WHEN me.status = 'waitlisted' THEN (SELECT count(*) FROM training_session_enrolment w
        WHERE w.session_id = ts.id AND w.status = 'waitlisted' AND w.position <= me.position)::int END
        AS "myWaitlistPosition"`,
    join: `LEFT JOIN training_session_enrolment me
      ON me.session_id = ts.id AND me.staff_id = ${staff}::uuid AND me.status <> 'cancelled'`,
  };
}

function visibilitySql(visibility: SessionVisibility, p: Params): string {
  switch (visibility.kind) {
    case 'scope':
      return branchScopeSql(visibility.scope, 'ts.branch_id', p.add) ?? 'TRUE';
    case 'joinable':
      return `ts.status = 'scheduled' AND ts.starts_at > ${p.add(visibility.now)}
        AND b.region_id = ${p.add(visibility.regionId)}::uuid AND b.status = 'active'`;
    case 'viewer': {
      const ors: string[] = [];
      if (visibility.scope) ors.push(branchScopeSql(visibility.scope, 'ts.branch_id', p.add) ?? 'TRUE');
      if (visibility.staffId) {
        const staff = p.add(visibility.staffId);
        ors.push(`ts.instructor_staff_id = ${staff}::uuid`);
        ors.push(`EXISTS (SELECT 1 FROM training_session_enrolment o
          WHERE o.session_id = ts.id AND o.staff_id = ${staff}::uuid AND o.status <> 'cancelled')`);
      }
      if (visibility.regionId) ors.push(`b.region_id = ${p.add(visibility.regionId)}::uuid`);
      return ors.length > 0 ? `(${ors.join(' OR ')})` : 'FALSE';
    }
    case 'recorder': {
      const ors: string[] = [];
      if (visibility.scope) ors.push(branchScopeSql(visibility.scope, 'ts.branch_id', p.add) ?? 'TRUE');
      if (visibility.staffId) ors.push(`ts.instructor_staff_id = ${p.add(visibility.staffId)}::uuid`);
      return ors.length > 0 ? `(${ors.join(' OR ')})` : 'FALSE';
    }
  }
}

const ORDER: Record<TrainingSessionSortField, string> = {
  startsAt: 'ts.starts_at',
  branch: 'b.name',
  credential: 'd.code',
};

function toSessionRow(r: Record<string, unknown>): SessionRow {
  return {
    ...(r as unknown as SessionRow),
    startsAt: new Date(r['startsAt'] as string),
    endsAt: new Date(r['endsAt'] as string),
    updatedAt: new Date(r['updatedAt'] as string),
    certificatesIssuedAt: r['certificatesIssuedAt'] ? new Date(r['certificatesIssuedAt'] as string) : null,
    myStatus: (r['myStatus'] as EnrolmentStatus | null) ?? null,
    myWaitlistPosition: (r['myWaitlistPosition'] as number | null) ?? null,
  };
}

/** Training sessions and their enrolments. Every list and load applies a `SessionVisibility` in SQL. */
@Injectable()
export class TrainingSessionRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T = Record<string, unknown>>(sql: string, values: unknown[]): Promise<T[]> {
    return this.txHost.tx.query(sql, values) as Promise<T[]>;
  }

  async findPage(
    q: SessionPageQuery,
    visibility: SessionVisibility,
    me: string | null,
  ): Promise<{ rows: SessionRow[]; total: number }> {
    const p = new Params();
    const my = mine(me, p);
    const where = [visibilitySql(visibility, p)];
    if (q.branchId) where.push(`ts.branch_id = ${p.add(q.branchId)}::uuid`);
    if (q.definitionId) where.push(`ts.definition_id = ${p.add(q.definitionId)}::uuid`);
    if (q.from) where.push(`ts.starts_at >= ${p.add(q.from)}::date`);
    if (q.to) where.push(`ts.starts_at < (${p.add(q.to)}::date + 1)`);
    if (q.status) where.push(`ts.status = ${p.add(q.status)}`);
    const dir = q.sort.direction === 'desc' ? 'DESC' : 'ASC';
    const limit = p.add(q.pageSize);
    const offset = p.add((q.page - 1) * q.pageSize);
    const rows = await this.query(
      `SELECT ${SELECT_SESSION} ${my.select}, count(*) OVER ()::int AS "total"
         FROM ${FROM_SESSION} ${my.join}
        WHERE ${where.join(' AND ')}
        ORDER BY ${ORDER[q.sort.field]} ${dir}, ts.starts_at ${dir}, ts.id
        LIMIT ${limit} OFFSET ${offset}`,
      p.values,
    );
    const total = rows.length > 0 ? (rows[0]['total'] as number) : 0;
    if (rows.length === 0 && q.page > 1) {
      const [{ n }] = await this.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${FROM_SESSION} ${my.join} WHERE ${where.join(' AND ')}`,
        p.values.slice(0, p.values.length - 2),
      );
      return { rows: [], total: n };
    }
    return { rows: rows.map(toSessionRow), total };
  }

  /** Sessions for a calendar feed or the employee's lists, ordered by start. */
  async findList(
    visibility: SessionVisibility,
    me: string | null,
    filter: { since?: Date; branchId?: string; mineOnly?: boolean; teachingOnly?: boolean; limit: number },
  ): Promise<SessionRow[]> {
    const p = new Params();
    const my = mine(me, p);
    const where = [visibilitySql(visibility, p)];
    if (filter.since) where.push(`ts.ends_at >= ${p.add(filter.since)}`);
    if (filter.branchId) where.push(`ts.branch_id = ${p.add(filter.branchId)}::uuid`);
    if (filter.mineOnly) where.push(`me.id IS NOT NULL`);
    if (filter.teachingOnly) where.push(`ts.instructor_staff_id = ${p.add(me)}::uuid`);
    const rows = await this.query(
      `SELECT ${SELECT_SESSION} ${my.select} FROM ${FROM_SESSION} ${my.join}
        WHERE ${where.join(' AND ')} ORDER BY ts.starts_at, ts.id LIMIT ${p.add(filter.limit)}`,
      p.values,
    );
    return rows.map(toSessionRow);
  }

  /** One session the caller may see; `lock` takes the row lock (enrolment, attendance and issuing queue on it). */
  async findOne(
    id: string,
    visibility: SessionVisibility,
    me: string | null,
    lock = false,
  ): Promise<SessionRow | null> {
    const p = new Params();
    const my = mine(me, p);
    const rows = await this.query(
      `SELECT ${SELECT_SESSION} ${my.select} FROM ${FROM_SESSION} ${my.join}
        WHERE ts.id = ${p.add(id)}::uuid AND ${visibilitySql(visibility, p)}
        ${lock ? 'FOR UPDATE OF ts' : ''}`,
      p.values,
    );
    return rows.length > 0 ? toSessionRow(rows[0]) : null;
  }

  async insert(session: NewSession): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `INSERT INTO training_session (definition_id, branch_id, location, starts_at, ends_at, instructor_staff_id,
         capacity, created_by_user_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
      [
        session.definitionId,
        session.branchId,
        session.location,
        session.startsAt,
        session.endsAt,
        session.instructorStaffId,
        session.capacity,
        session.createdByUserId,
        session.now,
      ],
    );
    return row.id;
  }

  async update(
    id: string,
    changes: Partial<{
      definitionId: string;
      location: string;
      startsAt: Date;
      endsAt: Date;
      instructorStaffId: string;
      capacity: number;
      status: TrainingSessionStatus;
      certificatesIssuedAt: Date;
    }>,
    now: Date,
  ): Promise<void> {
    const columns: Record<string, string> = {
      definitionId: 'definition_id',
      location: 'location',
      startsAt: 'starts_at',
      endsAt: 'ends_at',
      instructorStaffId: 'instructor_staff_id',
      capacity: 'capacity',
      status: 'status',
      certificatesIssuedAt: 'certificates_issued_at',
    };
    const p = new Params();
    const sets = Object.entries(changes)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${columns[k]} = ${p.add(v)}`);
    await this.query(
      `UPDATE training_session SET ${[...sets, `revision = revision + 1`, `updated_at = ${p.add(now)}`].join(', ')}
        WHERE id = ${p.add(id)}::uuid`,
      p.values,
    );
  }

  /** Enrolled participants and the waiting list, in order. */
  async participants(sessionId: string): Promise<ParticipantRow[]> {
    const rows = await this.query(
      `SELECT e.id AS "enrolmentId", e.staff_id AS "staffId", s.given_name AS "givenName",
              s.family_name AS "familyName", s.employee_number AS "employeeNumber", b.name AS "branchName",
              e.status, e.position, e.attended, e.passed, e.award_id AS "awardId", e.created_at AS "createdAt",
              e.enrolled_by_name AS "enrolledByName",
              CASE WHEN e.status = 'waitlisted'
                THEN (row_number() OVER (PARTITION BY e.status ORDER BY e.position))::int END AS "waitlistPosition"
         FROM training_session_enrolment e
         JOIN staff s ON s.id = e.staff_id
         JOIN branch b ON b.id = s.branch_id
        WHERE e.session_id = $1 AND e.status <> 'cancelled'
        ORDER BY e.status, CASE WHEN e.status = 'enrolled' THEN s.family_name END, s.given_name, e.position`,
      [sessionId],
    );
    return rows.map((r) => ({
      ...(r as unknown as ParticipantRow),
      createdAt: new Date(r['createdAt'] as string),
    }));
  }

  /** People by ID within `scope` (their current branch), or anyone with a company-wide scope. */
  async findPeople(staffIds: readonly string[], scope: AccessScope): Promise<SessionPersonRow[]> {
    const p = new Params();
    const ids = p.add([...staffIds]);
    const scoped = branchScopeSql(scope, 's.branch_id', p.add);
    return this.query<SessionPersonRow>(
      `SELECT ${PERSON} FROM staff s JOIN branch b ON b.id = s.branch_id
        WHERE s.id = ANY(${ids}::uuid[]) ${scoped ? `AND ${scoped}` : ''}`,
      p.values,
    );
  }

  /** Active people in scope matching `q` (name or employee number), for the instructor and enrol pickers. */
  async searchPeople(scope: AccessScope, q: string | undefined, limit: number): Promise<SessionPersonRow[]> {
    const p = new Params();
    const where = [`s.status <> 'left'`];
    const scoped = branchScopeSql(scope, 's.branch_id', p.add);
    if (scoped) where.push(scoped);
    if (q) {
      const like = p.add(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(s.given_name || ' ' || s.family_name ILIKE ${like} OR s.employee_number ILIKE ${like})`);
    }
    return this.query<SessionPersonRow>(
      `SELECT ${PERSON} FROM staff s JOIN branch b ON b.id = s.branch_id
        WHERE ${where.join(' AND ')} ORDER BY s.family_name, s.given_name, s.id LIMIT ${p.add(limit)}`,
      p.values,
    );
  }

  async findDefinition(id: string): Promise<{ id: string; status: string; published: boolean } | null> {
    const rows = await this.query<{ id: string; status: string; published: boolean }>(
      `SELECT id, status, current_version_id IS NOT NULL AS published FROM credential_definition WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findBranch(id: string, scope: AccessScope): Promise<{ id: string; status: string } | null> {
    const p = new Params();
    const scoped = branchScopeSql(scope, 'b.id', p.add);
    const rows = await this.query<{ id: string; status: string }>(
      `SELECT b.id, b.status FROM branch b WHERE b.id = ${p.add(id)}::uuid ${scoped ? `AND ${scoped}` : ''}`,
      p.values,
    );
    return rows[0] ?? null;
  }

  /** Takes the session's next queue position (call with the session row locked). */
  async takePosition(sessionId: string): Promise<number> {
    const [row] = await this.query<{ position: number }>(
      `WITH taken AS (UPDATE training_session SET next_position = next_position + 1 WHERE id = $1
         RETURNING next_position - 1 AS position)
       SELECT position FROM taken`,
      [sessionId],
    );
    return row.position;
  }

  async countEnrolled(sessionId: string): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM training_session_enrolment WHERE session_id = $1 AND status = 'enrolled'`,
      [sessionId],
    );
    return row.n;
  }

  async insertEnrolment(e: {
    sessionId: string;
    staffId: string;
    status: EnrolmentStatus;
    position: number;
    byUserId: string;
    byName: string;
    now: Date;
  }): Promise<string> {
    try {
      const [row] = await this.query<{ id: string }>(
        `INSERT INTO training_session_enrolment
           (session_id, staff_id, status, position, enrolled_by_user_id, enrolled_by_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [e.sessionId, e.staffId, e.status, e.position, e.byUserId, e.byName, e.now],
      );
      return row.id;
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint === 'uq_training_enrolment_live'
      )
        throw new DuplicateEnrolmentError();
      throw error;
    }
  }

  async liveEnrolment(
    sessionId: string,
    staffId: string,
  ): Promise<{ id: string; status: EnrolmentStatus; awardId: string | null } | null> {
    const rows = await this.query<{ id: string; status: EnrolmentStatus; awardId: string | null }>(
      `SELECT id, status, award_id AS "awardId" FROM training_session_enrolment
        WHERE session_id = $1 AND staff_id = $2 AND status <> 'cancelled'`,
      [sessionId, staffId],
    );
    return rows[0] ?? null;
  }

  async cancelEnrolment(id: string, now: Date): Promise<void> {
    await this.query(
      `UPDATE training_session_enrolment SET status = 'cancelled', cancelled_at = $2 WHERE id = $1`,
      [id, now],
    );
  }

  async waitingList(sessionId: string): Promise<Array<{ id: string; position: number; staffId: string }>> {
    return this.query(
      `SELECT id, position, staff_id AS "staffId" FROM training_session_enrolment
        WHERE session_id = $1 AND status = 'waitlisted' ORDER BY position`,
      [sessionId],
    );
  }

  async promote(ids: readonly string[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.query(
      `UPDATE training_session_enrolment SET status = 'enrolled', promoted_at = $2
        WHERE id = ANY($1::uuid[]) AND status = 'waitlisted'`,
      [[...ids], now],
    );
  }

  /** Records attendance and result of enrolled participants without an award yet, in one statement. */
  async recordAttendance(
    sessionId: string,
    records: ReadonlyArray<{ staffId: string; attended: boolean; passed: boolean }>,
  ): Promise<void> {
    await this.query(
      `UPDATE training_session_enrolment e SET attended = r.attended, passed = r.passed
         FROM unnest($2::uuid[], $3::boolean[], $4::boolean[]) AS r(staff_id, attended, passed)
        WHERE e.session_id = $1 AND e.staff_id = r.staff_id AND e.status = 'enrolled' AND e.award_id IS NULL`,
      [
        sessionId,
        records.map((r) => r.staffId),
        records.map((r) => r.attended),
        records.map((r) => r.passed),
      ],
    );
  }

  /** Enrolled participants who passed, with their award (null until issued). */
  async passed(sessionId: string): Promise<Array<{ id: string; staffId: string; awardId: string | null }>> {
    return this.query(
      `SELECT id, staff_id AS "staffId", award_id AS "awardId" FROM training_session_enrolment
        WHERE session_id = $1 AND status = 'enrolled' AND passed IS TRUE ORDER BY position`,
      [sessionId],
    );
  }

  async setAward(enrolmentId: string, awardId: string): Promise<void> {
    await this.query(
      `UPDATE training_session_enrolment SET award_id = $2 WHERE id = $1 AND award_id IS NULL`,
      [enrolmentId, awardId],
    );
  }

  /**
   * Enrolled participants of scheduled sessions that start tomorrow in their branch's zone (the day before is
   * today there): the day-before reminders due at `now`.
   */
  async dueDayBeforeReminders(now: Date): Promise<DueReminderRow[]> {
    return this.query<DueReminderRow>(
      `SELECT ts.id AS "sessionId", e.staff_id AS "staffId",
              (ts.starts_at AT TIME ZONE b.timezone)::date::text AS "sessionDay"
         FROM training_session ts
         JOIN branch b ON b.id = ts.branch_id
         JOIN training_session_enrolment e ON e.session_id = ts.id AND e.status = 'enrolled'
        WHERE ts.status = 'scheduled' AND ts.starts_at > $1
          AND (ts.starts_at AT TIME ZONE b.timezone)::date = ($1::timestamptz AT TIME ZONE b.timezone)::date + 1
        ORDER BY ts.starts_at, ts.id, e.position`,
      [now],
    );
  }

  // --- demo data -------------------------------------------------------------------------------------

  async definitionIdByCode(code: string): Promise<string | null> {
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM credential_definition WHERE code = $1 AND current_version_id IS NOT NULL`,
      [code],
    );
    return rows[0]?.id ?? null;
  }

  async activeBranches(): Promise<
    Array<{ id: string; code: string; timeZone: string; address: string | null }>
  > {
    return this.query(
      `SELECT id, code, timezone AS "timeZone", address FROM branch WHERE status = 'active' ORDER BY code`,
      [],
    );
  }

  /**
   * Active people of a branch for the demo sessions, first aiders first (they teach), then by employee number;
   * `awardSince` marks who already holds an award of the definition completed on or after that day.
   */
  async demoPeople(
    branchId: string,
    definitionId: string,
    awardSince: string,
  ): Promise<Array<{ id: string; firstAider: boolean; hasLaterAward: boolean }>> {
    return this.query(
      `SELECT s.id,
              EXISTS (SELECT 1 FROM staff_role_period rp JOIN job_role r ON r.id = rp.job_role_id
                       WHERE rp.staff_id = s.id AND rp.valid_to IS NULL AND r.code = 'FIRST-AIDER') AS "firstAider",
              EXISTS (SELECT 1 FROM award a WHERE a.staff_id = s.id AND a.definition_id = $2
                       AND a.status <> 'revoked' AND a.issued_on >= $3::date) AS "hasLaterAward"
         FROM staff s
        WHERE s.branch_id = $1 AND s.status = 'active'
        ORDER BY 2 DESC, s.employee_number`,
      [branchId, definitionId, awardSince],
    );
  }

  /**
   * The attendance list of on-site sessions for the `training-attendance` export: one row per session and person
   * enrolled or waiting (sessions not cancelled, starting in [from, to] as UTC days), with attendance, result and
   * the certificate issued. The session's branch must be in the scope (in the SQL).
   */
  attendanceStatement(query: AttendanceQuery): RowStatement<AttendanceRow> {
    const p = new Params();
    const lang = p.add(query.lang);
    const where = [
      `ts.status <> 'cancelled'`,
      `e.status <> 'cancelled'`,
      `ts.starts_at >= (${p.add(query.from)}::date)::timestamp AT TIME ZONE 'UTC'`,
      `ts.starts_at < ((${p.add(query.to)}::date + 1)::timestamp AT TIME ZONE 'UTC')`,
    ];
    const scoped = branchScopeSql(query.scope, 'ts.branch_id', p.add);
    if (scoped) where.push(scoped);
    if (query.branchId) where.push(`ts.branch_id = ${p.add(query.branchId)}::uuid`);
    if (query.definitionId) where.push(`ts.definition_id = ${p.add(query.definitionId)}::uuid`);
    return {
      text: `SELECT (ts.starts_at AT TIME ZONE b.timezone)::date::text AS day,
              to_char(ts.starts_at AT TIME ZONE b.timezone, 'HH24:MI') AS starts,
              to_char(ts.ends_at AT TIME ZONE b.timezone, 'HH24:MI') AS ends,
              b.code AS branch_code, b.name AS branch_name, ts.location, d.code AS definition_code,
              COALESCE(v.title->>${lang}::text, v.title->>'en', d.code) AS definition_title,
              i.given_name || ' ' || i.family_name AS instructor, ts.status AS session_status,
              s.employee_number, s.family_name, s.given_name, e.status AS enrolment_status,
              e.attended, e.passed, e.award_id IS NOT NULL AS certified
         FROM training_session ts
         JOIN branch b ON b.id = ts.branch_id
         JOIN credential_definition d ON d.id = ts.definition_id
         LEFT JOIN credential_definition_version v ON v.id = d.current_version_id
         LEFT JOIN staff i ON i.id = ts.instructor_staff_id
         JOIN training_session_enrolment e ON e.session_id = ts.id
         JOIN staff s ON s.id = e.staff_id
        WHERE ${where.join(' AND ')}
        ORDER BY ts.starts_at, b.code, ts.id, e.status, s.family_name, s.given_name, s.employee_number`,
      values: p.values,
      map: (r) => ({
        day: r['day'] as string,
        startTime: r['starts'] as string,
        endTime: r['ends'] as string,
        branchCode: r['branch_code'] as string,
        branchName: r['branch_name'] as string,
        location: r['location'] as string,
        definitionCode: r['definition_code'] as string,
        definitionTitle: r['definition_title'] as string,
        instructor: (r['instructor'] as string | null) ?? '',
        sessionStatus: r['session_status'] as TrainingSessionStatus,
        employeeNumber: r['employee_number'] as string,
        familyName: r['family_name'] as string,
        givenName: r['given_name'] as string,
        enrolmentStatus: r['enrolment_status'] as 'enrolled' | 'waitlisted',
        attended: r['attended'] as boolean | null,
        passed: r['passed'] as boolean | null,
        certified: r['certified'] as boolean,
      }),
    };
  }

  /** The region of the person's current branch (what "nearby" means for enrolling oneself). */
  async regionOf(staffId: string): Promise<string | null> {
    const rows = await this.query<{ regionId: string }>(
      `SELECT b.region_id AS "regionId" FROM staff s JOIN branch b ON b.id = s.branch_id WHERE s.id = $1`,
      [staffId],
    );
    return rows[0]?.regionId ?? null;
  }
}

const PERSON = `s.id, s.given_name AS "givenName", s.family_name AS "familyName",
  s.employee_number AS "employeeNumber", s.status, s.branch_id AS "branchId", b.name AS "branchName",
  b.region_id AS "regionId", s.email, s.preferred_language AS language`;
