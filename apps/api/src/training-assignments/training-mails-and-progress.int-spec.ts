import type {
  AttemptStart,
  CourseContent,
  CourseDetail,
  CredentialDetail,
  ReminderSettingsView,
  StaffCourseProgressPage,
  StaffDetail,
  TrainingSessionDetail,
} from '@brevet/contracts';
import { ClsService } from 'nestjs-cls';
import { agentOf, arrangeAccessWorld, type AccessWorld } from '../../test/access/access-fixtures';
import { agentFor, createTestUser, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { staffBody } from '../../test/support/factories';
import { TestSmtpServer } from '../../test/mail/smtp-test-server';
import { createTestApp, resetDatabase, settleJobs, type TestApp } from '../../test/support/test-app';
import { MailMessageEntity } from '../mail/mail.entity';
import { SendTrainingAssignmentMailsJob } from './send-assignment-mails.job';

const t2 = (en: string, de: string) => ({ en, de });
const DAY = 86_400_000;

function courseContent(): CourseContent {
  return {
    title: t2('Fire safety basics', 'Brandschutz Grundlagen'),
    summary: t2('What to do when it burns.', 'Was tun, wenn es brennt.'),
    durationMinutes: 15,
    lessons: ['alarm', 'exit'].map((id) => ({
      id,
      title: t2(`Lesson ${id}`, `Lektion ${id}`),
      body: t2('Read this.', 'Lesen Sie das.'),
      videoUrl: null,
      attachments: [],
    })),
    questions: Array.from({ length: 4 }, (_, i) => ({
      id: `q${i + 1}`,
      kind: 'single' as const,
      prompt: t2(`Question ${i + 1}?`, `Frage ${i + 1}?`),
      options: [
        { id: 'o1', text: t2('right', 'richtig'), correct: true },
        { id: 'o2', text: t2('wrong', 'falsch'), correct: false },
      ],
    })),
    passMark: 75,
    questionsPerAttempt: 4,
    maxAttempts: 3,
    cooldownMinutes: 0,
  };
}

/**
 * "Training for you" emails (job `training.assignment-mails`) through a real SMTP server on loopback, and the
 * managers' view of their staff's course progress (`GET /training/progress`), on the real PostgreSQL.
 * World (test/access/access-fixtures.ts): branch X (North) with Xaver and the employee Emma (German), branch Y
 * (South) with Yvonne; a branch manager of X.
 */
describe('training: assignment emails and staff course progress (real SMTP, real PostgreSQL)', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: AccessWorld;
  let admin: SignedInAgent;
  let fire: CredentialDetail;
  let course: CourseDetail;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createTestApp(smtp.env({ PUBLIC_URL: 'https://brevet.example' }));
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const hire = async (branchId: string, overrides: Record<string, unknown>) =>
    (
      (
        await admin
          .post('/api/v1/staff')
          .send(staffBody(branchId, [], overrides))
          .expect(201)
      ).body as StaffDetail
    ).id;

  /** The job's handler, as a worker runs it (inside a CLS context), then every delivery job. */
  const runJob = () => t.app.get(ClsService).run(() => t.app.get(SendTrainingAssignmentMailsJob).handle());

  beforeEach(async () => {
    await resetDatabase(t);
    smtp.arrived.length = 0;
    admin = await signInAsAdmin(t);
    world = await arrangeAccessWorld(t, admin);
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
    await admin
      .post('/api/v1/compliance/rules')
      .send({
        definitionId: fire.id,
        jobRoleId: null,
        area: 'company',
        dueDays: 30,
        warningDays: 30,
        effectiveFrom: '2020-01-01',
      })
      .expect(201);
  });

  it('emails each newly assigned person once, in their language, even when the job runs twice at once and again', async () => {
    const ella = await hire(world.branches.x, {
      givenName: 'Ella',
      email: 'ella@example.com',
      preferredLanguage: 'en',
    });
    const otto = await hire(world.branches.x, {
      givenName: 'Otto',
      email: 'otto@example.com',
      preferredLanguage: 'en',
    });
    const startsAt = new Date(Date.now() + 7 * DAY);
    const session = (
      await admin
        .post('/api/v1/training-sessions')
        .send({
          definitionId: fire.id,
          branchId: world.branches.x,
          location: 'Hafenstraße 1, room 2',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
          instructorStaffId: world.staff.x,
          capacity: 5,
        })
        .expect(201)
    ).body as TrainingSessionDetail;
    // Otto is booked already: nothing to ask of him.
    await admin
      .post(`/api/v1/training-sessions/${session.id}/enrolments`)
      .send({ staffIds: [otto] })
      .expect(200);
    await settleJobs(t);
    smtp.arrived.length = 0;

    // Two workers at the same time, then a retry: each key is claimed once.
    await Promise.all([runJob(), runJob()]);
    await runJob();
    await settleJobs(t);

    const assigned = smtp.arrived.filter((m) =>
      /^(Training for you|Schulung für Sie)/.test(m.parsed.subject ?? ''),
    );
    const emma = (await admin.get(`/api/v1/staff/${world.staff.own}`).expect(200)).body as StaffDetail;
    const [toElla, ...moreElla] = smtp.to('ella@example.com');
    expect(moreElla).toEqual([]);
    expect(toElla.parsed.subject).toBe('Training for you: Fire safety');
    expect(toElla.parsed.text).toContain('Hello Ella,');
    expect(toElla.parsed.text).toContain('You can take the online course “Fire safety basics”.');
    expect(toElla.parsed.text).toContain(`https://brevet.example/learn/${course.id}`);
    expect(toElla.parsed.text).toContain('Hafenstraße 1, room 2');
    expect(toElla.parsed.text).toContain(`https://brevet.example/sessions/${session.id}`);
    const [toEmma, ...moreEmma] = smtp.to(emma.email as string);
    expect(moreEmma).toEqual([]);
    expect(toEmma.parsed.subject).toBe('Schulung für Sie: Brandschutz');
    expect(toEmma.parsed.text).toContain('Sie können den Online-Kurs „Brandschutz Grundlagen“ machen.');
    expect(smtp.to('otto@example.com')).toEqual([]);
    // Xaver, Emma and Yvonne (the world) and Ella: one each; Otto none.
    expect(assigned).toHaveLength(4);
    const recorded = await t.dataSource
      .getRepository(MailMessageEntity)
      .find({ where: { reason: 'training.assigned' } });
    expect(recorded.map((m) => m.recipientKey).sort()).toEqual(
      [world.staff.x, world.staff.own, world.staff.y, ella].map((id) => `staff:${id}`).sort(),
    );
    expect(recorded.every((m) => m.subjectKey === `${fire.id}.missing` && m.status === 'sent')).toBe(true);
  });

  it('sends no assignment email while HR has switched them off, and catches up once switched on', async () => {
    const settings = (await admin.get('/api/v1/reminders/settings').expect(200)).body as ReminderSettingsView;
    expect(settings.trainingAssignments).toBe(true);
    const editable = { ...settings, lastRun: undefined };
    const off = (
      await admin
        .put('/api/v1/reminders/settings')
        .send({ ...editable, trainingAssignments: false })
        .expect(200)
    ).body as ReminderSettingsView;
    expect(off.trainingAssignments).toBe(false);
    // Saving the other settings without the field leaves it as it is.
    await admin
      .put('/api/v1/reminders/settings')
      .send({ ...editable, trainingAssignments: undefined, overdue: false })
      .expect(200);
    await admin
      .put('/api/v1/reminders/settings')
      .send({ ...editable, trainingAssignments: 'no' })
      .expect(400);
    await settleJobs(t);
    smtp.arrived.length = 0;

    await runJob();
    await settleJobs(t);
    const assignmentMails = () =>
      t.dataSource.getRepository(MailMessageEntity).find({ where: { reason: 'training.assigned' } });
    expect(await assignmentMails()).toEqual([]);
    expect(smtp.arrived).toEqual([]);

    await admin
      .put('/api/v1/reminders/settings')
      .send({ ...editable, trainingAssignments: true })
      .expect(200);
    await runJob();
    await settleJobs(t);
    // The world's three people are assigned fire safety: each is emailed now.
    expect((await assignmentMails()).map((m) => m.recipientKey).sort()).toEqual(
      [world.staff.x, world.staff.own, world.staff.y].map((id) => `staff:${id}`).sort(),
    );
  });

  describe('staff course progress', () => {
    const readAndTry = async (agent: SignedInAgent, lessons: string[], pass: boolean | null) => {
      for (const id of lessons)
        await agent
          .put(`/api/v1/me/courses/${course.id}/progress`)
          .send({ currentLessonId: id, completedLessonId: id })
          .expect(200);
      if (pass === null) return;
      const attempt = (await agent.post(`/api/v1/me/courses/${course.id}/attempts`).expect(200))
        .body as AttemptStart;
      const answers = Object.fromEntries(attempt.questions.map((q) => [q.id, [pass ? 'o1' : 'o2']]));
      await agent
        .post(`/api/v1/me/courses/${course.id}/attempts/${attempt.attemptId}/submit`)
        .send({ answers })
        .expect(200);
    };
    const progress = async (agent: SignedInAgent, query = '') =>
      (await agent.get(`/api/v1/training/progress?pageSize=100${query}`).expect(200))
        .body as StaffCourseProgressPage;

    it('shows a manager the progress of their own staff only; an employee is refused', async () => {
      const employee = await agentOf(t, world, 'employee');
      await readAndTry(employee, ['alarm', 'exit'], false);
      // Yvonne (branch Y) begins the course too: HR sees her, the manager of X must not.
      const yvonne = await agentFor(t, await createTestUser(t, 'employee', { staffId: world.staff.y }));
      await readAndTry(yvonne, ['alarm'], null);

      const managerX = await agentOf(t, world, 'branch_manager');
      const mine = await progress(managerX);
      expect(mine.items.map((i) => i.staffId).sort()).toEqual([world.staff.x, world.staff.own].sort());
      expect(mine.items.every((i) => i.branchId === world.branches.x)).toBe(true);
      expect(mine.items.find((i) => i.staffId === world.staff.own)).toMatchObject({
        courseId: course.id,
        courseCode: 'FIRE-BASICS',
        courseTitle: 'Fire safety basics',
        assigned: true,
        dueBy: '2024-03-31',
        lessonsDone: 2,
        lessonsTotal: 2,
        attempts: 1,
        lastScore: 0,
        state: 'failed',
      });
      expect(mine.items.find((i) => i.staffId === world.staff.x)).toMatchObject({
        lessonsDone: 0,
        attempts: 0,
        state: 'not_started',
        lastActivityAt: null,
      });
      // Another branch through the filter: still nothing of Y.
      expect((await progress(managerX, `&branchId=${world.branches.y}`)).items).toEqual([]);
      // Filters and sorting.
      expect((await progress(managerX, '&state=failed')).items.map((i) => i.staffId)).toEqual([
        world.staff.own,
      ]);
      expect((await progress(managerX, '&sort=-lastActivity')).items[0].staffId).toBe(world.staff.own);

      const hr = await progress(admin, '&lang=de');
      expect(hr.items.map((i) => i.staffId).sort()).toEqual(
        [world.staff.x, world.staff.own, world.staff.y].sort(),
      );
      expect(hr.items.find((i) => i.staffId === world.staff.y)).toMatchObject({
        courseTitle: 'Brandschutz Grundlagen',
        lessonsDone: 1,
        state: 'in_progress',
      });

      await employee.get('/api/v1/training/progress').expect(403);
    });

    it('passing ends the assignment but keeps the progress row', async () => {
      const employee = await agentOf(t, world, 'employee');
      await readAndTry(employee, ['alarm', 'exit'], true);
      const managerX = await agentOf(t, world, 'branch_manager');
      expect((await progress(managerX, '&state=passed')).items).toEqual([
        expect.objectContaining({ staffId: world.staff.own, assigned: false, dueBy: null, attempts: 1 }),
      ]);
    });
  });
});
