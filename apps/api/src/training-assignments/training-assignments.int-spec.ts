import type {
  AttemptStart,
  CourseContent,
  CourseDetail,
  CredentialDetail,
  MyTraining,
  ProblemDetails,
  StaffDetail,
  TrainingAssignmentPage,
  TrainingReport,
  TrainingSessionDetail,
} from '@brevet/contracts';
import { agentOf, arrangeAccessWorld, type AccessWorld } from '../../test/access/access-fixtures';
import { agentFor, createTestUser, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { makeBranch, staffBody } from '../../test/support/factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';

const t2 = (en: string, de = `${en} (DE)`) => ({ en, de });
const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function courseContent(): CourseContent {
  return {
    title: t2('Fire safety basics', 'Brandschutz Grundlagen'),
    summary: t2('What to do when it burns.'),
    durationMinutes: 15,
    lessons: [
      {
        id: 'alarm',
        title: t2('Raise the alarm'),
        body: t2('Call **112**.'),
        videoUrl: null,
        attachments: [],
      },
    ],
    questions: Array.from({ length: 4 }, (_, i) => ({
      id: `q${i + 1}`,
      kind: 'single' as const,
      prompt: t2(`Question ${i + 1}?`),
      options: [
        { id: 'o1', text: t2('right'), correct: true },
        { id: 'o2', text: t2('wrong'), correct: false },
      ],
    })),
    passMark: 75,
    questionsPerAttempt: 4,
    maxAttempts: 3,
    cooldownMinutes: 0,
  };
}

/**
 * Training assignments and the training report on the real PostgreSQL. Assignments come from the compliance
 * rules (a company rule requiring the fire-safety credential nobody holds), so nothing is assigned by hand. The
 * world (test/access/access-fixtures.ts): branch X (region North) with Xaver and the employee Emma, branch Y
 * (South) with Yvonne; a branch manager of X, a regional manager of North, an auditor and an HR admin.
 */
describe('training assignments and report (real PostgreSQL)', () => {
  let t: TestApp;
  let world: AccessWorld;
  let admin: SignedInAgent;
  let employee: SignedInAgent;
  let managerX: SignedInAgent;
  let fire: CredentialDetail;
  let course: CourseDetail;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const rule = (definitionId: string, warningDays = 30) =>
    admin
      .post('/api/v1/compliance/rules')
      .send({
        definitionId,
        jobRoleId: null,
        area: 'company',
        dueDays: 30,
        warningDays,
        effectiveFrom: '2020-01-01',
      })
      .expect(201);

  const schedule = async (
    definitionId: string,
    branchId: string,
    startsAt = new Date(Date.now() + 7 * DAY),
  ) =>
    (
      await admin
        .post('/api/v1/training-sessions')
        .send({
          definitionId,
          branchId,
          location: 'Hafenstraße 1; room 2',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
          instructorStaffId: world.staff.x,
          capacity: 5,
        })
        .expect(201)
    ).body as TrainingSessionDetail;

  /** Reads the lesson, starts an attempt and submits it, right or wrong. */
  const takeTest = async (agent: SignedInAgent, pass: boolean) => {
    await agent
      .put(`/api/v1/me/courses/${course.id}/progress`)
      .send({ currentLessonId: 'alarm', completedLessonId: 'alarm' })
      .expect(200);
    const attempt = (await agent.post(`/api/v1/me/courses/${course.id}/attempts`).expect(200))
      .body as AttemptStart;
    const answers = Object.fromEntries(attempt.questions.map((q) => [q.id, [pass ? 'o1' : 'o2']]));
    await agent
      .post(`/api/v1/me/courses/${course.id}/attempts/${attempt.attemptId}/submit`)
      .send({ answers })
      .expect(200);
  };

  const mine = async (agent: SignedInAgent) =>
    ((await agent.get('/api/v1/me/training?lang=en').expect(200)).body as MyTraining).items;

  beforeEach(async () => {
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
    world = await arrangeAccessWorld(t, admin);
    employee = await agentOf(t, world, 'employee');
    managerX = await agentOf(t, world, 'branch_manager');
    fire = await makePublishedCredential(admin, {
      title: t2('Fire safety', 'Brandschutz'),
      participationForm: 'online',
    });
    const created = (
      await admin
        .post('/api/v1/courses')
        .send({ code: 'FIRE-BASICS', definitionId: fire.id, content: courseContent() })
        .expect(201)
    ).body as CourseDetail;
    course = (await admin.post(`/api/v1/courses/${created.id}/publish`).expect(200)).body as CourseDetail;
    // Everyone must hold fire safety; nobody does, and the hire day (2024) is long past the 30 days.
    await rule(fire.id);
  });

  it('assigns the linked course to someone missing the credential, and drops it once they pass', async () => {
    const [item, ...rest] = await mine(employee);
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      staffId: world.staff.own,
      definitionId: fire.id,
      definitionTitle: 'Fire safety',
      status: 'missing_overdue',
      dueOn: '2024-03-31',
      dueBy: '2024-03-31',
      validUntil: null,
      course: {
        courseId: course.id,
        code: 'FIRE-BASICS',
        title: 'Fire safety basics',
        state: 'not_started',
        attemptsLeft: 3,
      },
      sessions: [],
      enrolment: null,
      standing: 'nothing_yet',
    });

    // A failed attempt: in progress, one attempt used.
    await takeTest(employee, false);
    expect((await mine(employee))[0]).toMatchObject({
      course: { state: 'in_progress', attemptsLeft: 2 },
      standing: 'course_in_progress',
    });

    // The pass issues the award; the requirement is met, so the assignment is gone (nothing stored to clean up).
    await takeTest(employee, true);
    expect(await mine(employee)).toEqual([]);
    const hr = (await admin.get('/api/v1/training/assignments?pageSize=100').expect(200))
      .body as TrainingAssignmentPage;
    expect(hr.items.map((i) => i.staffId).sort()).toEqual([world.staff.x, world.staff.y].sort());
  });

  it('assigns someone whose award is in its warning window, with the next sessions near their branch', async () => {
    const firstAid = await makePublishedCredential(admin, { title: t2('First aid', 'Erste Hilfe') });
    await rule(firstAid.id, 60);
    // Completed 335 days ago with 12 months' validity: about a month left, inside the 60-day warning window.
    /** Awards first aid to `staffId`, completed `days` ago. */
    const awardFirstAid = (staffId: string, days: number) =>
      admin
        .post('/api/v1/awards')
        .send({
          staffId,
          definitionId: firstAid.id,
          completedOn: isoDay(Date.now() - days * DAY),
          issuer: 'Test',
        })
        .expect(201);
    await awardFirstAid(world.staff.own, 335);
    // Sessions: at the own branch (later), elsewhere in the region (sooner), and in another region (never offered).
    const regionBranch = (await makeBranch(t.dataSource, world.regions.x, { name: 'Lübeck' })).id;
    const atX = await schedule(firstAid.id, world.branches.x, new Date(Date.now() + 20 * DAY));
    const nearby = await schedule(firstAid.id, regionBranch, new Date(Date.now() + 10 * DAY));
    await schedule(firstAid.id, world.branches.y, new Date(Date.now() + 5 * DAY));

    const items = await mine(employee);
    const aid = items.find((i) => i.definitionId === firstAid.id)!;
    expect(aid.status).toBe('expiring');
    expect(aid.validUntil).not.toBeNull();
    expect(aid.dueBy).toBe(aid.validUntil);
    // Xaver's lapsed a month ago: "by when" is its last valid day too, not the rule's first due day (2024).
    await awardFirstAid(world.staff.x, 400);
    const lapsed = (
      (await admin.get(`/api/v1/training/assignments?pageSize=100&sort=dueBy`).expect(200))
        .body as TrainingAssignmentPage
    ).items.filter((i) => i.definitionId === firstAid.id);
    const xaver = lapsed.find((i) => i.staffId === world.staff.x)!;
    expect(xaver).toMatchObject({ status: 'expired', dueBy: xaver.validUntil });
    expect(xaver.dueOn < (xaver.validUntil as string)).toBe(true);
    // The list is sorted by the same day it shows.
    expect(lapsed.map((i) => i.dueBy)).toEqual([...lapsed.map((i) => i.dueBy)].sort());
    expect(aid.validUntil! >= isoDay(Date.now()) && aid.validUntil! <= isoDay(Date.now() + 60 * DAY)).toBe(
      true,
    );
    expect(aid.course).toBeNull();
    expect(aid.sessions.map((s) => [s.sessionId, s.sameBranch, s.seatsLeft])).toEqual([
      [atX.id, true, 5],
      [nearby.id, false, 5],
    ]);
    expect(aid.standing).toBe('nothing_yet');
    // Xaver and Yvonne hold the world's credential only; first aid is required of them too but they have none:
    // the employee's own list never shows them.
    expect(items.every((i) => i.staffId === world.staff.own)).toBe(true);

    // The manager enrols her: she stays assigned (not yet certified), now as enrolled.
    await managerX
      .post(`/api/v1/training-sessions/${atX.id}/enrolments`)
      .send({ staffIds: [world.staff.own] })
      .expect(200);
    const after = (await mine(employee)).find((i) => i.definitionId === firstAid.id)!;
    expect(after.enrolment).toMatchObject({ sessionId: atX.id, status: 'enrolled' });
    expect(after.standing).toBe('enrolled');
    expect(after.sessions.find((s) => s.sessionId === atX.id)!.seatsLeft).toBe(4);
    const page = (await managerX.get(`/api/v1/training/assignments?status=expiring`).expect(200))
      .body as TrainingAssignmentPage;
    expect(page.items.map((i) => [i.staffId, i.definitionId, i.standing])).toEqual([
      [world.staff.own, firstAid.id, 'enrolled'],
    ]);
  });

  it('never shows a branch manager people of another branch, and employees only their own', async () => {
    const hr = (await admin.get('/api/v1/training/assignments?pageSize=100').expect(200))
      .body as TrainingAssignmentPage;
    expect(hr.total).toBe(3);
    expect(hr.items.map((i) => i.branchId)).toContain(world.branches.y);

    const scoped = (await managerX.get('/api/v1/training/assignments?pageSize=100&sort=name').expect(200))
      .body as TrainingAssignmentPage;
    expect(scoped.total).toBe(2);
    expect(scoped.items.map((i) => i.staffId).sort()).toEqual([world.staff.x, world.staff.own].sort());
    expect(scoped.items.every((i) => i.branchId === world.branches.x)).toBe(true);
    // Asking for Y explicitly gives nothing, like a branch without assignments.
    const asked = (
      await managerX.get(`/api/v1/training/assignments?branchId=${world.branches.y}`).expect(200)
    ).body as TrainingAssignmentPage;
    expect(asked).toMatchObject({ total: 0, items: [] });
    // Paging and the status filter.
    const first = (await admin.get('/api/v1/training/assignments?pageSize=2&page=2&sort=name').expect(200))
      .body as TrainingAssignmentPage;
    expect(first).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(first.items).toHaveLength(1);
    const none = (await admin.get('/api/v1/training/assignments?status=expiring').expect(200))
      .body as TrainingAssignmentPage;
    expect(none.total).toBe(0);
    const bad = await admin.get('/api/v1/training/assignments?status=compliant').expect(400);
    expect((bad.body as ProblemDetails).code).toBe('validation_failed');

    // Employees: their own only, and not the list of others.
    const own = await mine(employee);
    expect(own.map((i) => i.staffId)).toEqual([world.staff.own]);
    await employee.get('/api/v1/training/assignments').expect(403);
    await employee.get('/api/v1/training/report').expect(403);
  });

  it('reports attempts, pass and completion rates per course, sessions per credential, and months', async () => {
    const newcomer = (
      (await admin
        .post('/api/v1/staff')
        .send(staffBody(world.branches.y, [world.jobRoleId], { givenName: 'Yara' }))
        .expect(201)) as { body: StaffDetail }
    ).body.id;
    const xaver = await agentFor(t, await createTestUser(t, 'employee', { staffId: world.staff.x }));
    const yvonne = await agentFor(t, await createTestUser(t, 'employee', { staffId: world.staff.y }));

    // Emma (X): fail, then pass. Xaver (X): fail. Yvonne (Y): pass.
    await takeTest(employee, false);
    await takeTest(employee, true);
    await takeTest(xaver, false);
    await takeTest(yvonne, true);
    // Xaver's attempt happened last month.
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15, 10));
    await t.dataSource.query(
      `UPDATE course_attempt SET started_at = $2, submitted_at = $2::timestamptz + interval '10 minutes' WHERE staff_id = $1`,
      [world.staff.x, lastMonth.toISOString()],
    );

    // Sessions of the world's credential: one held at X (3 enrolled: 2 attended, 1 passed), one held at Y
    // (1 enrolled, passed), one upcoming at X and one cancelled at X (neither held).
    const extra = await Promise.all(
      [1, 2, 3].map(
        async () =>
          (
            (await admin
              .post('/api/v1/staff')
              .send(staffBody(world.branches.x, [world.jobRoleId]))
              .expect(201)) as { body: StaffDetail }
          ).body.id,
      ),
    );
    const heldX = await schedule(world.credentialId, world.branches.x);
    const heldY = await schedule(world.credentialId, world.branches.y);
    await schedule(world.credentialId, world.branches.x);
    const cancelled = await schedule(world.credentialId, world.branches.x);
    await admin
      .post(`/api/v1/training-sessions/${heldX.id}/enrolments`)
      .send({ staffIds: extra })
      .expect(200);
    await admin
      .post(`/api/v1/training-sessions/${heldY.id}/enrolments`)
      .send({ staffIds: [newcomer] })
      .expect(200);
    await admin
      .post(`/api/v1/training-sessions/${cancelled.id}/enrolments`)
      .send({ staffIds: [extra[0]] })
      .expect(200);
    await admin.post(`/api/v1/training-sessions/${cancelled.id}/cancel`).expect(200);
    await t.dataSource.query(
      `UPDATE training_session SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour'
        WHERE id = ANY($1::uuid[])`,
      [[heldX.id, heldY.id, cancelled.id]],
    );
    await admin
      .put(`/api/v1/training-sessions/${heldX.id}/attendance`)
      .send({
        records: [
          { staffId: extra[0], attended: true, passed: true },
          { staffId: extra[1], attended: true, passed: false },
          { staffId: extra[2], attended: false, passed: false },
        ],
      })
      .expect(200);
    await admin
      .put(`/api/v1/training-sessions/${heldY.id}/attendance`)
      .send({ records: [{ staffId: newcomer, attended: true, passed: true }] })
      .expect(200);

    const thisMonth = now.toISOString().slice(0, 7);
    const previousMonth = lastMonth.toISOString().slice(0, 7);
    const from = `${previousMonth}-01`;
    const to = isoDay(now.getTime());

    // HR, company-wide. Attempts submitted: Emma 2, Xaver 1, Yvonne 1 = 4, passed 2 → pass rate 0.5.
    // Learners started: 3; of them passed: Emma, Yvonne → completion 2/3.
    const all = (await admin.get(`/api/v1/training/report?from=${from}&to=${to}`).expect(200))
      .body as TrainingReport;
    expect(all.courses).toEqual([
      expect.objectContaining({
        courseId: course.id,
        learnersStarted: 3,
        learnersPassed: 2,
        attempts: 4,
        passedAttempts: 2,
        passRate: 0.5,
        completionRate: 0.6667,
      }),
    ]);
    expect(all.sessions).toEqual([
      expect.objectContaining({
        definitionId: world.credentialId,
        sessionsHeld: 2,
        participants: 4,
        attended: 3,
        passed: 2,
      }),
    ]);
    expect(all.months).toEqual([
      {
        month: previousMonth,
        attempts: 1,
        passedAttempts: 0,
        learnersPassed: 0,
        sessionsHeld: 0,
        sessionParticipantsPassed: 0,
      },
      {
        month: thisMonth,
        attempts: 3,
        passedAttempts: 2,
        learnersPassed: 2,
        sessionsHeld: 2,
        sessionParticipantsPassed: 2,
      },
    ]);

    // The manager of X: Emma and Xaver only (3 attempts, 1 passed; 2 started, 1 passed), the session at X only.
    const x = (await managerX.get(`/api/v1/training/report?from=${from}&to=${to}`).expect(200))
      .body as TrainingReport;
    expect(x.courses[0]).toMatchObject({
      learnersStarted: 2,
      learnersPassed: 1,
      attempts: 3,
      passedAttempts: 1,
      passRate: 0.3333,
      completionRate: 0.5,
    });
    expect(x.sessions).toEqual([
      expect.objectContaining({ sessionsHeld: 1, participants: 3, attended: 2, passed: 1 }),
    ]);
    // This month only: Xaver's attempt falls out of the range.
    const recent = (await managerX.get(`/api/v1/training/report?from=${thisMonth}-01&to=${to}`).expect(200))
      .body as TrainingReport;
    expect(recent.courses[0]).toMatchObject({
      learnersStarted: 1,
      learnersPassed: 1,
      attempts: 2,
      passRate: 0.5,
    });
    const inverted = await admin.get(`/api/v1/training/report?from=${to}&to=${from}`).expect(400);
    expect((inverted.body as ProblemDetails).code).toBe('validation_failed');
  });
});
