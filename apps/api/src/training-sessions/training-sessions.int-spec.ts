import type {
  EnrolResult,
  IssueCertificatesResult,
  MyTrainingSessions,
  ProblemDetails,
  StaffDetail,
  TrainingSessionDetail,
  TrainingSessionPage,
} from '@brevet/contracts';
import { agentOf, arrangeAccessWorld, type AccessWorld } from '../../test/access/access-fixtures';
import { agentFor, createTestUser, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { staffBody } from '../../test/support/factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { DemoSeedService } from '../seed/demo-seed.service';
import { SessionMails } from './session-mails.service';

const inDays = (n: number, hour = 8) => {
  const d = new Date(Date.now() + n * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};

/**
 * On-site training sessions on the real PostgreSQL: scheduling within scope, enrolment with a capacity that
 * holds under parallel requests, the waiting list, who may enrol whom, attendance by the instructor, issuing
 * certificates exactly once, the emails and the calendar files. The world (test/access/access-fixtures.ts):
 * branch X (region North) with Xaver and the employee Emma, branch Y (South) with Yvonne; a branch manager of
 * X, a regional manager of North, an auditor and an HR admin.
 */
describe('training sessions (real PostgreSQL)', () => {
  let t: TestApp;
  let world: AccessWorld;
  let admin: SignedInAgent;
  let managerX: SignedInAgent;
  let employee: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
    world = await arrangeAccessWorld(t, admin);
    managerX = await agentOf(t, world, 'branch_manager');
    employee = await agentOf(t, world, 'employee');
  });

  const person = async (branchId: string, overrides: Record<string, unknown> = {}) =>
    (
      (await admin
        .post('/api/v1/staff')
        .send(staffBody(branchId, [world.jobRoleId], overrides))
        .expect(201)) as { body: StaffDetail }
    ).body.id;

  async function schedule(
    agent: SignedInAgent,
    overrides: Partial<{
      branchId: string;
      capacity: number;
      instructorStaffId: string;
      startsAt: Date;
    }> = {},
  ): Promise<TrainingSessionDetail> {
    const startsAt = overrides.startsAt ?? inDays(7);
    const res = await agent.post('/api/v1/training-sessions').send({
      definitionId: world.credentialId,
      branchId: overrides.branchId ?? world.branches.x,
      location: 'Hafenstraße 1, Hamburg; room 2',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 8 * 3_600_000).toISOString(),
      instructorStaffId: overrides.instructorStaffId ?? world.staff.x,
      capacity: overrides.capacity ?? 10,
    });
    expect(res.status).toBe(201);
    return res.body as TrainingSessionDetail;
  }

  /** Moves a session's start into the past (as if the day had come), keeping its length. */
  const start = (id: string) =>
    t.dataSource.query(
      `UPDATE training_session SET starts_at = now() - interval '2 hours', ends_at = now() + interval '1 hour'
        WHERE id = $1`,
      [id],
    );

  describe('scheduling and scope', () => {
    it('lets a branch manager schedule at their branch only, and list only their branches', async () => {
      const x = await schedule(managerX);
      expect(x).toMatchObject({
        branchId: world.branches.x,
        status: 'scheduled',
        capacity: 10,
        enrolledCount: 0,
      });
      expect(x.allowed).toEqual({ manage: true, record: true, enrolSelf: false });

      const atY = await managerX.post('/api/v1/training-sessions').send({
        definitionId: world.credentialId,
        branchId: world.branches.y,
        location: 'Room',
        startsAt: inDays(3).toISOString(),
        endsAt: inDays(3, 12).toISOString(),
        instructorStaffId: world.staff.x,
        capacity: 5,
      });
      expect(atY.status).toBe(400);
      expect((atY.body as ProblemDetails).errors?.[0].field).toBe('branchId');

      const y = await schedule(admin, { branchId: world.branches.y, instructorStaffId: world.staff.y });
      const list = (await managerX.get('/api/v1/training-sessions').expect(200)).body as TrainingSessionPage;
      expect(list.items.map((s) => s.id)).toEqual([x.id]);
      const all = (await admin.get('/api/v1/training-sessions').expect(200)).body as TrainingSessionPage;
      expect(all.items.map((s) => s.id).sort()).toEqual([x.id, y.id].sort());

      // Outside the scope: the same 404 as an unknown session, for reading and every change.
      await managerX.get(`/api/v1/training-sessions/${y.id}`).expect(404);
      await managerX.patch(`/api/v1/training-sessions/${y.id}`).send({ capacity: 20 }).expect(404);
      await managerX.post(`/api/v1/training-sessions/${y.id}/cancel`).expect(404);
      const regional = await agentOf(t, world, 'regional_manager');
      await regional.get(`/api/v1/training-sessions/${x.id}`).expect(200);
      await regional.get(`/api/v1/training-sessions/${y.id}`).expect(404);
    });

    it('refuses an instructor outside the scheduler’s branches and end times before the start', async () => {
      const res = await managerX.post('/api/v1/training-sessions').send({
        definitionId: world.credentialId,
        branchId: world.branches.x,
        location: 'Room',
        startsAt: inDays(3).toISOString(),
        endsAt: inDays(3, 12).toISOString(),
        instructorStaffId: world.staff.y,
        capacity: 5,
      });
      expect(res.status).toBe(400);
      expect((res.body as ProblemDetails).code).toBe('training_session.staff_unknown');
      const backwards = await admin.post('/api/v1/training-sessions').send({
        definitionId: world.credentialId,
        branchId: world.branches.x,
        location: 'Room',
        startsAt: inDays(3, 12).toISOString(),
        endsAt: inDays(3, 8).toISOString(),
        instructorStaffId: world.staff.x,
        capacity: 5,
      });
      expect(backwards.status).toBe(400);
    });

    it('filters by branch, credential and date range, and sorts', async () => {
      const early = await schedule(admin, { startsAt: inDays(2) });
      const late = await schedule(admin, { startsAt: inDays(20) });
      const y = await schedule(admin, {
        branchId: world.branches.y,
        startsAt: inDays(5),
        instructorStaffId: world.staff.y,
      });
      const ids = async (q: string) =>
        (
          (await admin.get(`/api/v1/training-sessions?${q}`).expect(200)).body as TrainingSessionPage
        ).items.map((s) => s.id);
      expect(await ids('')).toEqual([early.id, y.id, late.id]);
      expect(await ids('sort=-startsAt')).toEqual([late.id, y.id, early.id]);
      expect(await ids(`branchId=${world.branches.x}`)).toEqual([early.id, late.id]);
      expect(
        await ids(`definitionId=${world.credentialId}&to=${inDays(10).toISOString().slice(0, 10)}`),
      ).toEqual([early.id, y.id]);
      expect(await ids(`from=${inDays(3).toISOString().slice(0, 10)}&pageSize=1&page=2`)).toEqual([late.id]);
    });
  });

  describe('enrolment', () => {
    it('never exceeds the capacity under parallel enrolments; the rest wait in order', async () => {
      const session = await schedule(admin, { capacity: 3 });
      const people = await Promise.all(Array.from({ length: 12 }, () => person(world.branches.x)));
      const agents = await Promise.all(
        people.map(async (staffId) => agentFor(t, await createTestUser(t, 'employee', { staffId }))),
      );
      const answers = await Promise.all(
        agents.map((a) => a.post(`/api/v1/me/training-sessions/${session.id}/enrol`)),
      );
      expect(answers.map((a) => a.status)).toEqual(people.map(() => 200));

      const [counts] = (await t.dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'enrolled')::int AS enrolled,
                count(*) FILTER (WHERE status = 'waitlisted')::int AS waiting
           FROM training_session_enrolment WHERE session_id = $1`,
        [session.id],
      )) as Array<{ enrolled: number; waiting: number }>;
      expect(counts).toEqual({ enrolled: 3, waiting: 9 });
      const detail = (await admin.get(`/api/v1/training-sessions/${session.id}`).expect(200))
        .body as TrainingSessionDetail;
      expect(detail.participants).toHaveLength(3);
      expect(detail.waitingList.map((w) => w.waitlistPosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it('holds the capacity when managers enrol in parallel too, and enrols one person once', async () => {
      const session = await schedule(managerX, { capacity: 2 });
      const people = await Promise.all(Array.from({ length: 6 }, () => person(world.branches.x)));
      const answers = await Promise.all(
        people.map((staffId) =>
          managerX.post(`/api/v1/training-sessions/${session.id}/enrolments`).send({ staffIds: [staffId] }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(people.map(() => 200));
      const statuses = answers.map((a) => (a.body as EnrolResult[])[0].status).sort();
      expect(statuses).toEqual([
        'enrolled',
        'enrolled',
        'waitlisted',
        'waitlisted',
        'waitlisted',
        'waitlisted',
      ]);

      const again = await Promise.all(
        [1, 2, 3].map(() =>
          managerX.post(`/api/v1/training-sessions/${session.id}/enrolments`).send({ staffIds: [people[0]] }),
        ),
      );
      expect(again.map((a) => a.status)).toEqual([409, 409, 409]);
      expect((again[0].body as ProblemDetails).code).toBe('training_session.already_enrolled');

      const fresh = await person(world.branches.x);
      const twice = await Promise.all(
        [1, 2, 3].map(() =>
          managerX.post(`/api/v1/training-sessions/${session.id}/enrolments`).send({ staffIds: [fresh] }),
        ),
      );
      expect(twice.map((a) => a.status).sort()).toEqual([200, 409, 409]);
      const [{ n }] = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM training_session_enrolment WHERE session_id = $1 AND staff_id = $2`,
        [session.id, fresh],
      )) as Array<{ n: number }>;
      expect(n).toBe(1);
    });

    it('moves the first on the waiting list up when someone cancels, and tells them', async () => {
      const session = await schedule(admin, { capacity: 1 });
      const [a, b, c] = [
        await person(world.branches.x),
        await person(world.branches.x),
        await person(world.branches.x),
      ];
      await admin
        .post(`/api/v1/training-sessions/${session.id}/enrolments`)
        .send({ staffIds: [a, b, c] })
        .expect(200);
      const after = (
        await admin.delete(`/api/v1/training-sessions/${session.id}/enrolments/${a}`).expect(200)
      ).body as TrainingSessionDetail;
      expect(after.participants.map((p) => p.staffId)).toEqual([b]);
      expect(after.waitingList.map((p) => [p.staffId, p.waitlistPosition])).toEqual([[c, 1]]);

      const mails = (await t.dataSource.query(
        `SELECT recipient_key AS "to", reason, language, subject FROM mail_message ORDER BY created_at, reason`,
      )) as Array<{ to: string; reason: string; language: string; subject: string }>;
      expect(
        mails
          .filter((m) => m.reason === 'session.enrolled')
          .map((m) => m.to)
          .sort(),
      ).toEqual([`staff:${a}`, `staff:${b}`, `staff:${c}`].sort());
      const promoted = mails.filter((m) => m.reason === 'session.promoted');
      expect(promoted).toHaveLength(1);
      expect(promoted[0]).toMatchObject({ to: `staff:${b}`, language: 'de' });
      expect(promoted[0].subject).toMatch(/^Platz frei/);
      // The waiting list's confirmation says so.
      const waiting = mails.find((m) => m.to === `staff:${c}` && m.reason === 'session.enrolled');
      expect(waiting?.subject).toMatch(/^Warteliste/);
    });

    it('lets a manager enrol only staff of their branches', async () => {
      const session = await schedule(managerX);
      const res = await managerX
        .post(`/api/v1/training-sessions/${session.id}/enrolments`)
        .send({ staffIds: [world.staff.x, world.staff.y] });
      expect(res.status).toBe(400);
      expect((res.body as ProblemDetails).errors?.[0].field).toBe('staffIds.1');
      const [{ n }] = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM training_session_enrolment`,
      )) as Array<{ n: number }>;
      expect(n).toBe(0);
      // A manager cannot enrol in another branch's session either.
      const atY = await schedule(admin, { branchId: world.branches.y, instructorStaffId: world.staff.y });
      await managerX
        .post(`/api/v1/training-sessions/${atY.id}/enrolments`)
        .send({ staffIds: [world.staff.x] })
        .expect(404);
    });

    it('lets employees join sessions of their region only, see their enrolment and cancel it', async () => {
      const x = await schedule(admin);
      const y = await schedule(admin, { branchId: world.branches.y, instructorStaffId: world.staff.y });
      const before = (await employee.get('/api/v1/me/training-sessions').expect(200))
        .body as MyTrainingSessions;
      expect(before.open.map((s) => s.id)).toEqual([x.id]);
      expect(before.open[0].allowed.enrolSelf).toBe(true);

      await employee.post(`/api/v1/me/training-sessions/${y.id}/enrol`).expect(404);
      await employee.get(`/api/v1/training-sessions/${y.id}`).expect(404);
      const joined = (await employee.post(`/api/v1/me/training-sessions/${x.id}/enrol`).expect(200))
        .body as TrainingSessionDetail;
      expect(joined.myEnrolment).toEqual({ status: 'enrolled', waitlistPosition: null });
      // Employees do not see the participant list.
      expect(joined.participants).toEqual([]);
      await employee.post(`/api/v1/me/training-sessions/${x.id}/enrol`).expect(409);

      const mine = (await employee.get('/api/v1/me/training-sessions').expect(200))
        .body as MyTrainingSessions;
      expect(mine.mine.map((s) => s.id)).toEqual([x.id]);
      expect(mine.open).toEqual([]);
      const cancelled = (await employee.post(`/api/v1/me/training-sessions/${x.id}/cancel`).expect(200))
        .body as TrainingSessionDetail;
      expect(cancelled.myEnrolment).toBeNull();
      await employee.post(`/api/v1/me/training-sessions/${x.id}/cancel`).expect(404);
      // Employees have no access to the managers' list.
      await employee.get('/api/v1/training-sessions').expect(403);
    });

    it('closes enrolment once the session has started or was cancelled', async () => {
      const session = await schedule(admin);
      await start(session.id);
      const late = await employee.post(`/api/v1/me/training-sessions/${session.id}/enrol`);
      expect(late.status).toBe(409);
      expect((late.body as ProblemDetails).code).toBe('training_session.not_open');
      const other = await schedule(admin);
      await admin.post(`/api/v1/training-sessions/${other.id}/cancel`).expect(200);
      const res = await employee.post(`/api/v1/me/training-sessions/${other.id}/enrol`);
      expect((res.body as ProblemDetails).code).toBe('training_session.cancelled');
    });

    it('refuses a capacity below the seats taken, and a larger capacity moves people up', async () => {
      const session = await schedule(admin, { capacity: 2 });
      const people = [
        await person(world.branches.x),
        await person(world.branches.x),
        await person(world.branches.x),
      ];
      await admin
        .post(`/api/v1/training-sessions/${session.id}/enrolments`)
        .send({ staffIds: people })
        .expect(200);
      const lower = await admin.patch(`/api/v1/training-sessions/${session.id}`).send({ capacity: 1 });
      expect((lower.body as ProblemDetails).code).toBe('training_session.capacity_below_enrolled');
      const bigger = (
        await admin.patch(`/api/v1/training-sessions/${session.id}`).send({ capacity: 3 }).expect(200)
      ).body as TrainingSessionDetail;
      expect(bigger.participants.map((p) => p.staffId).sort()).toEqual([...people].sort());
      expect(bigger.waitingList).toEqual([]);
    });
  });

  describe('attendance and certificates', () => {
    async function heldSession(size: number) {
      const instructorStaff = await person(world.branches.x, { givenName: 'Ines' });
      const instructor = await agentFor(t, await createTestUser(t, 'employee', { staffId: instructorStaff }));
      const session = await schedule(managerX, { instructorStaffId: instructorStaff, capacity: size });
      const people = await Promise.all(Array.from({ length: size }, () => person(world.branches.x)));
      await managerX
        .post(`/api/v1/training-sessions/${session.id}/enrolments`)
        .send({ staffIds: people })
        .expect(200);
      return { session, instructor, people };
    }

    it('lets the instructor record attendance only for sessions they teach, once started', async () => {
      const { session, instructor, people } = await heldSession(3);
      const records = people.map((staffId, i) => ({ staffId, attended: i < 2, passed: i === 0 }));
      const early = await instructor
        .put(`/api/v1/training-sessions/${session.id}/attendance`)
        .send({ records });
      expect((early.body as ProblemDetails).code).toBe('training_session.not_started');
      await start(session.id);

      // Another employee (not the instructor) and a manager of another branch: not found.
      await employee.put(`/api/v1/training-sessions/${session.id}/attendance`).send({ records }).expect(404);
      const managerY = await agentFor(
        t,
        await createTestUser(t, 'branch_manager', { branchIds: [world.branches.y] }),
      );
      await managerY.put(`/api/v1/training-sessions/${session.id}/attendance`).send({ records }).expect(404);
      await employee.post(`/api/v1/training-sessions/${session.id}/issue-certificates`).expect(404);

      const recorded = (
        await instructor
          .put(`/api/v1/training-sessions/${session.id}/attendance`)
          .send({ records })
          .expect(200)
      ).body as TrainingSessionDetail;
      expect(recorded.allowed).toMatchObject({ manage: false, record: true });
      expect(recorded.participants.map((p) => [p.staffId, p.attended, p.passed]).sort()).toEqual(
        records.map((r) => [r.staffId, r.attended, r.passed]).sort(),
      );

      const invalid = await instructor.put(`/api/v1/training-sessions/${session.id}/attendance`).send({
        records: [
          { staffId: people[2], attended: false, passed: true },
          { staffId: world.staff.y, attended: true, passed: true },
        ],
      });
      expect(invalid.status).toBe(400);
      expect((invalid.body as ProblemDetails).errors?.map((e) => e.field)).toEqual([
        'records.0.passed',
        'records.1.staffId',
      ]);
    });

    it('issues the credential to everyone who passed, exactly once, even when clicked twice at once', async () => {
      const { session, instructor, people } = await heldSession(4);
      await start(session.id);
      await instructor
        .put(`/api/v1/training-sessions/${session.id}/attendance`)
        .send({ records: people.map((staffId, i) => ({ staffId, attended: true, passed: i !== 3 })) })
        .expect(200);

      const clicks = await Promise.all([
        instructor.post(`/api/v1/training-sessions/${session.id}/issue-certificates`),
        instructor.post(`/api/v1/training-sessions/${session.id}/issue-certificates`),
        managerX.post(`/api/v1/training-sessions/${session.id}/issue-certificates`),
      ]);
      expect(clicks.map((c) => c.status)).toEqual([200, 200, 200]);
      const results = clicks.map((c) => c.body as IssueCertificatesResult);
      expect(results.map((r) => r.issued).sort()).toEqual([0, 0, 3]);
      expect(results.find((r) => r.issued === 0)?.alreadyIssued).toBe(3);

      const awards = (await t.dataSource.query(
        `SELECT staff_id AS "staffId", definition_id AS "definitionId", status FROM award WHERE staff_id = ANY($1::uuid[])`,
        [people],
      )) as Array<{ staffId: string; definitionId: string; status: string }>;
      expect(awards.map((a) => a.staffId).sort()).toEqual(people.slice(0, 3).sort());
      expect(awards.every((a) => a.definitionId === world.credentialId && a.status === 'active')).toBe(true);

      const detail = (await managerX.get(`/api/v1/training-sessions/${session.id}`).expect(200))
        .body as TrainingSessionDetail;
      expect(detail.status).toBe('completed');
      expect(detail.participants.filter((p) => p.awardId !== null)).toHaveLength(3);
      // Completed: attendance is closed, so nobody can pass afterwards without a record.
      const after = await instructor
        .put(`/api/v1/training-sessions/${session.id}/attendance`)
        .send({ records: [{ staffId: people[3], attended: true, passed: true }] });
      expect((after.body as ProblemDetails).code).toBe('training_session.completed');
    });
  });

  describe('reminders and calendars', () => {
    it('queues the day-before reminder once per person, in their language', async () => {
      // Tomorrow at noon in Hamburg (the factory's branches are in Europe/Berlin).
      const session = await schedule(admin, { startsAt: inDays(1, 11) });
      const [de, en] = [
        await person(world.branches.x),
        await person(world.branches.x, { preferredLanguage: 'en' }),
      ];
      await admin
        .post(`/api/v1/training-sessions/${session.id}/enrolments`)
        .send({ staffIds: [de, en] })
        .expect(200);
      const mails = t.app.get(SessionMails);
      const first = await mails.queueDayBefore();
      const second = await mails.queueDayBefore();
      expect([first, second]).toEqual([2, 0]);
      const rows = (await t.dataSource.query(
        `SELECT recipient_key AS "to", language, subject FROM mail_message WHERE reason = 'session.reminder'`,
      )) as Array<{ to: string; language: string; subject: string }>;
      expect(rows.map((r) => [r.to, r.language]).sort()).toEqual(
        [
          [`staff:${de}`, 'de'],
          [`staff:${en}`, 'en'],
        ].sort(),
      );
      expect(rows.find((r) => r.language === 'de')?.subject).toMatch(/^Morgen: /);
      expect(rows.find((r) => r.language === 'en')?.subject).toMatch(/^Tomorrow: /);
    });

    it('sends nothing for sessions further away or cancelled', async () => {
      const later = await schedule(admin, { startsAt: inDays(3) });
      const cancelled = await schedule(admin, { startsAt: inDays(1, 11) });
      const p = await person(world.branches.x);
      await admin
        .post(`/api/v1/training-sessions/${later.id}/enrolments`)
        .send({ staffIds: [p] })
        .expect(200);
      await admin
        .post(`/api/v1/training-sessions/${cancelled.id}/enrolments`)
        .send({ staffIds: [p] })
        .expect(200);
      await admin.post(`/api/v1/training-sessions/${cancelled.id}/cancel`).expect(200);
      expect(await t.app.get(SessionMails).queueDayBefore()).toBe(0);
    });

    it('exports a session and feeds as iCalendar, within what the caller may see', async () => {
      const x = await schedule(admin);
      const y = await schedule(admin, { branchId: world.branches.y, instructorStaffId: world.staff.y });
      const one = await managerX.get(`/api/v1/training-sessions/${x.id}/calendar.ics`).expect(200);
      expect(one.headers['content-type']).toMatch(/^text\/calendar/);
      const text = one.text;
      expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(text).toContain(`UID:${x.id}@`);
      expect(text).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
      expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);

      await managerX.get(`/api/v1/training-sessions/${y.id}/calendar.ics`).expect(404);
      const feed = (await managerX.get('/api/v1/training-sessions/calendar.ics').expect(200)).text;
      expect(feed).toContain(`UID:${x.id}@`);
      expect(feed).not.toContain(`UID:${y.id}@`);

      await employee.post(`/api/v1/me/training-sessions/${x.id}/enrol`).expect(200);
      const mine = (await employee.get('/api/v1/me/training-sessions/calendar.ics').expect(200)).text;
      expect(mine).toContain(`UID:${x.id}@`);
      expect(mine).not.toContain(`UID:${y.id}@`);
    });
  });

  describe('demo data', () => {
    it('schedules first-aid sessions: past ones with awards issued, upcoming ones with enrolments and a waiting list', async () => {
      await resetDatabase(t);
      expect(await t.app.get(DemoSeedService).seedIfEmpty()).toBe(true);
      const sessions = (await t.dataSource.query(
        `SELECT ts.status, ts.starts_at < now() AS past, d.code,
                count(e.*) FILTER (WHERE e.status = 'enrolled')::int AS enrolled,
                count(e.*) FILTER (WHERE e.status = 'waitlisted')::int AS waiting,
                count(e.award_id)::int AS awards, ts.capacity
           FROM training_session ts JOIN credential_definition d ON d.id = ts.definition_id
           LEFT JOIN training_session_enrolment e ON e.session_id = ts.id
          GROUP BY ts.id, d.code ORDER BY ts.starts_at`,
      )) as Array<{
        status: string;
        past: boolean;
        code: string;
        enrolled: number;
        waiting: number;
        awards: number;
        capacity: number;
      }>;
      expect(sessions.length).toBeGreaterThanOrEqual(6);
      expect(new Set(sessions.map((s) => s.code))).toEqual(new Set(['FIRST-AID']));
      const past = sessions.filter((s) => s.past);
      expect(past.length).toBeGreaterThanOrEqual(2);
      for (const s of past) {
        expect(s.status).toBe('completed');
        expect(s.awards).toBeGreaterThan(0);
        expect(s.awards).toBeLessThan(s.enrolled); // someone was absent or failed
      }
      const upcoming = sessions.filter((s) => !s.past);
      expect(upcoming.every((s) => s.status === 'scheduled' && s.enrolled <= s.capacity)).toBe(true);
      expect(upcoming.some((s) => s.enrolled === s.capacity && s.waiting > 0)).toBe(true);
      // The awards are real awards of the person, issued through the awards service.
      const [{ n }] = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM training_session_enrolment e JOIN award a ON a.id = e.award_id
          WHERE a.staff_id = e.staff_id AND a.status = 'active'`,
      )) as Array<{ n: number }>;
      expect(n).toBe(past.reduce((sum, s) => sum + s.awards, 0));
    });
  });
});
