import type {
  AttemptResult,
  AttemptStart,
  CourseContent,
  CourseDetail,
  IssuedCredential,
  LearnerCourse,
  MyCourses,
  ProblemDetails,
} from '@brevet/contracts';
import { agentOf, arrangeAccessWorld, type AccessWorld } from '../../test/access/access-fixtures';
import { agentFor, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';

const t2 = (en: string, de = `${en} (DE)`) => ({ en, de });

/**
 * A course whose answer key is recognisable: every right option's text says SECRET-RIGHT, so a leak shows
 * up in any response body as text, whatever its shape.
 */
function courseContent(overrides: Partial<CourseContent> = {}): CourseContent {
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
      {
        id: 'exit',
        title: t2('Leave the building'),
        body: t2('Use the [plan](https://example.com/plan.pdf). <script>alert(1)</script>'),
        videoUrl: 'https://video.example/fire',
        attachments: [{ title: t2('Plan'), url: 'https://example.com/plan.pdf' }],
      },
    ],
    questions: Array.from({ length: 8 }, (_, i) => ({
      id: `q${i + 1}`,
      kind: i % 3 === 2 ? ('multiple' as const) : ('single' as const),
      prompt: t2(`Question ${i + 1}?`),
      options: [
        { id: 'o1', text: t2('SECRET-RIGHT A'), correct: true },
        { id: 'o2', text: t2('wrong B'), correct: false },
        { id: 'o3', text: t2(i % 3 === 2 ? 'SECRET-RIGHT C' : 'wrong C'), correct: i % 3 === 2 },
      ],
    })),
    passMark: 80,
    questionsPerAttempt: 5,
    maxAttempts: 3,
    cooldownMinutes: 60,
    ...overrides,
  };
}

/** The right answers for drawn questions, read from the HR view (the test knows the key, the learner does not). */
function rightAnswers(detail: CourseDetail, start: AttemptStart): Record<string, string[]> {
  return Object.fromEntries(
    start.questions.map((q) => {
      const full = detail.content.questions.find((c) => c.id === q.id)!;
      return [q.id, full.options.filter((o) => o.correct).map((o) => o.id)];
    }),
  );
}

function wrongAnswers(start: AttemptStart): Record<string, string[]> {
  return Object.fromEntries(start.questions.map((q) => [q.id, ['o2']]));
}

/**
 * Self-paced courses on the real PostgreSQL: versioning, the answer key staying on the server, attempts and
 * cool-downs under concurrent requests, and exactly one award per pass.
 */
describe('courses (real PostgreSQL)', () => {
  let t: TestApp;
  let world: AccessWorld;
  let admin: SignedInAgent;
  let employee: SignedInAgent;
  let course: CourseDetail;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const createCourse = async (content = courseContent(), code = 'FIRE-BASICS') => {
    const credential = await makePublishedCredential(admin, { participationForm: 'online' });
    const created = (
      await admin.post('/api/v1/courses').send({ code, definitionId: credential.id, content }).expect(201)
    ).body as CourseDetail;
    return (await admin.post(`/api/v1/courses/${created.id}/publish`).expect(200)).body as CourseDetail;
  };

  const readAll = async (agent: SignedInAgent, id: string) => {
    for (const lesson of ['alarm', 'exit'])
      await agent
        .put(`/api/v1/me/courses/${id}/progress`)
        .send({ currentLessonId: lesson, completedLessonId: lesson })
        .expect(200);
  };

  const start = async (agent: SignedInAgent, id: string) =>
    (await agent.post(`/api/v1/me/courses/${id}/attempts`).expect(200)).body as AttemptStart;

  const countRows = async (sql: string, params: unknown[]) =>
    ((await t.dataSource.query(sql, params)) as Array<{ n: number }>)[0].n;

  beforeEach(async () => {
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
    world = await arrangeAccessWorld(t, admin);
    employee = await agentOf(t, world, 'employee');
    course = await createCourse();
  });

  it('versions a course like a definition: editing a published course makes a draft, v1 stays as it was', async () => {
    expect(course.status).toBe('published');
    expect(course.currentVersion).toBe(1);
    const edited = courseContent({ title: t2('Fire safety, revised', 'Brandschutz, überarbeitet') });
    const draft = (
      await admin
        .patch(`/api/v1/courses/${course.id}`)
        .send({ revision: course.revision, content: edited })
        .expect(200)
    ).body as CourseDetail;
    expect(draft.draftVersion).toBe(2);
    expect(draft.currentVersion).toBe(1);
    const v1 = (await admin.get(`/api/v1/courses/${course.id}?version=1`).expect(200)).body as CourseDetail;
    expect(v1.content.title.en).toBe('Fire safety basics');
    expect(v1.version.status).toBe('current');
    // Learners still get version 1 until the draft is published.
    const learner = (await employee.get(`/api/v1/me/courses/${course.id}?lang=en`).expect(200))
      .body as LearnerCourse;
    expect(learner).toMatchObject({ version: 1, title: 'Fire safety basics' });
    // A stale revision is refused instead of overwriting.
    const stale = await admin
      .patch(`/api/v1/courses/${course.id}`)
      .send({ revision: course.revision, content: edited })
      .expect(409);
    expect((stale.body as ProblemDetails).code).toBe('version_conflict');
    const published = (await admin.post(`/api/v1/courses/${course.id}/publish`).expect(200))
      .body as CourseDetail;
    expect(published.currentVersion).toBe(2);
    expect(published.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'current'],
      [1, 'retired'],
    ]);
  });

  it('reports every content problem by field and refuses to publish a course whose credential is not published', async () => {
    const credential = await makePublishedCredential(admin);
    const res = await admin
      .post('/api/v1/courses')
      .send({
        code: 'BROKEN',
        definitionId: credential.id,
        content: {
          ...courseContent(),
          passMark: 0,
          lessons: [{ id: 'x', title: t2('x'), body: { en: 'x' } }],
        },
      })
      .expect(400);
    const fields = (res.body as ProblemDetails).errors?.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['content.lessons.0.body.de']));
    await admin.post(`/api/v1/credentials/${course.credential.id}/archive`).expect(200);
    await admin
      .patch(`/api/v1/courses/${course.id}`)
      .send({ revision: course.revision, content: courseContent() })
      .expect(200);
    const refused = await admin.post(`/api/v1/courses/${course.id}/publish`).expect(409);
    expect((refused.body as ProblemDetails).code).toBe('course.credential_not_published');
  });

  it('never sends the answer key to a learner before (or after) submission, in any learner route', async () => {
    const bodies: string[] = [];
    const keep = <T extends { text: string }>(res: T): T => {
      bodies.push(res.text);
      return res;
    };
    keep(await employee.get('/api/v1/me/courses').expect(200));
    keep(await employee.get(`/api/v1/me/courses/${course.id}`).expect(200));
    for (const lesson of ['alarm', 'exit'])
      keep(
        await employee
          .put(`/api/v1/me/courses/${course.id}/progress`)
          .send({ currentLessonId: lesson, completedLessonId: lesson })
          .expect(200),
      );
    const started = keep(await employee.post(`/api/v1/me/courses/${course.id}/attempts`).expect(200));
    keep(await employee.post(`/api/v1/me/courses/${course.id}/attempts`).expect(200)); // resumed
    keep(await employee.get(`/api/v1/me/courses/${course.id}`).expect(200));
    for (const body of bodies) {
      expect(body).not.toMatch(/"correct"/);
      // The right options' texts are sent as options (they must be), never marked; check the structure too.
    }
    const attempt = started.body as AttemptStart;
    expect(attempt.questions).toHaveLength(5);
    for (const q of attempt.questions)
      for (const o of q.options) expect(Object.keys(o).sort()).toEqual(['id', 'text']);
    // The result tells which questions were right, never which option is.
    const result = await employee
      .post(`/api/v1/me/courses/${course.id}/attempts/${attempt.attemptId}/submit`)
      .send({ answers: wrongAnswers(attempt) })
      .expect(200);
    expect(result.text).not.toMatch(/"o1"|"o3"|SECRET-RIGHT/);
    expect(Object.keys((result.body as AttemptResult).questions[0]).sort()).toEqual(['correct', 'id']);
    // The HR view with the key is not an employee's to read.
    await employee.get(`/api/v1/courses/${course.id}`).expect(403);
    await employee.get('/api/v1/courses').expect(403);
  });

  it('renders lesson Markdown sanitised and keeps only safe links', async () => {
    const learner = (await employee.get(`/api/v1/me/courses/${course.id}?lang=de`).expect(200))
      .body as LearnerCourse;
    const exit = learner.lessons.find((l) => l.id === 'exit')!;
    expect(exit.html).toContain('&lt;script&gt;');
    expect(exit.html).not.toContain('<script');
    expect(exit.title).toBe('Leave the building (DE)');
    expect(exit.videoUrl).toBe('https://video.example/fire');
  });

  it('saves progress on the server, so another session (another device) resumes where the learner stopped', async () => {
    await employee
      .put(`/api/v1/me/courses/${course.id}/progress`)
      .send({ currentLessonId: 'exit', completedLessonId: 'alarm' })
      .expect(200);
    const phone = await agentFor(t, world.users.employee);
    const resumed = (await phone.get(`/api/v1/me/courses/${course.id}`).expect(200)).body as LearnerCourse;
    expect(resumed.currentLessonId).toBe('exit');
    expect(resumed.lessons.map((l) => l.completed)).toEqual([true, false]);
    expect(resumed.blockedBy).toBe('lessons_incomplete');
    await phone.post(`/api/v1/me/courses/${course.id}/attempts`).expect(409);
    const list = (await phone.get('/api/v1/me/courses').expect(200)).body as MyCourses;
    expect(list.items[0]).toMatchObject({ state: 'in_progress', completedLessons: 1, lessonCount: 2 });
    const unknown = await phone
      .put(`/api/v1/me/courses/${course.id}/progress`)
      .send({ currentLessonId: 'nope' })
      .expect(400);
    expect((unknown.body as ProblemDetails).code).toBe('course.lesson_unknown');
  });

  it('keeps attempts and the cool-down under concurrent starts and submissions', async () => {
    await readAll(employee, course.id);
    // Five starts at once make one attempt.
    const starts = await Promise.all(
      Array.from({ length: 5 }, () => employee.post(`/api/v1/me/courses/${course.id}/attempts`)),
    );
    expect(starts.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(starts.map((r) => (r.body as AttemptStart).attemptId)).size).toBe(1);
    const attempt = starts[0].body as AttemptStart;
    // Five wrong submissions of it at once count as one failed attempt.
    const submits = await Promise.all(
      Array.from({ length: 5 }, () =>
        employee
          .post(`/api/v1/me/courses/${course.id}/attempts/${attempt.attemptId}/submit`)
          .send({ answers: wrongAnswers(attempt) }),
      ),
    );
    expect(submits.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const failed = submits[0].body as AttemptResult;
    expect(failed).toMatchObject({ passed: false, score: 0, attemptsLeft: 2 });
    expect(Date.parse(failed.nextAttemptAt!) - Date.parse(failed.submittedAt)).toBe(60 * 60_000);
    expect(await countRows(`SELECT count(*)::int AS n FROM course_attempt`, [])).toBe(1);

    // During the cool-down, parallel starts are all refused.
    const blocked = await Promise.all(
      Array.from({ length: 4 }, () => employee.post(`/api/v1/me/courses/${course.id}/attempts`)),
    );
    expect(blocked.map((r) => r.status)).toEqual([409, 409, 409, 409]);
    expect((blocked[0].body as ProblemDetails).code).toBe('course.attempt_blocked');

    // Fail twice more (moving the cool-down into the past on the real table), then the course is locked.
    for (let i = 0; i < 2; i++) {
      await t.dataSource.query(
        `UPDATE course_attempt SET submitted_at = submitted_at - interval '61 minutes'`,
      );
      const next = await start(employee, course.id);
      await employee
        .post(`/api/v1/me/courses/${course.id}/attempts/${next.attemptId}/submit`)
        .send({ answers: wrongAnswers(next) })
        .expect(200);
    }
    await t.dataSource.query(`UPDATE course_attempt SET submitted_at = submitted_at - interval '61 minutes'`);
    const locked = await Promise.all(
      Array.from({ length: 3 }, () => employee.post(`/api/v1/me/courses/${course.id}/attempts`)),
    );
    expect(locked.map((r) => r.status)).toEqual([409, 409, 409]);
    const view = (await employee.get(`/api/v1/me/courses/${course.id}`).expect(200)).body as LearnerCourse;
    expect(view).toMatchObject({ blockedBy: 'no_attempts_left', attemptsLeft: 0 });
    expect(view.attempts.map((a) => a.number)).toEqual([1, 2, 3]);
    expect(await countRows(`SELECT count(*)::int AS n FROM course_attempt`, [])).toBe(3);
  });

  it('issues exactly one award when the passing submission is sent four times at once, with the result in the award and its OB 3.0 credential', async () => {
    await readAll(employee, course.id);
    const attempt = await start(employee, course.id);
    const answers = rightAnswers(course, attempt);
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        employee
          .post(`/api/v1/me/courses/${course.id}/attempts/${attempt.attemptId}/submit`)
          .send({ answers }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const awardIds = new Set(results.map((r) => (r.body as AttemptResult).awardId));
    expect(awardIds.size).toBe(1);
    const [awardId] = [...awardIds];
    expect(awardId).toEqual(expect.any(String));
    expect(results[0].body as AttemptResult).toMatchObject({ passed: true, score: 100, passMark: 80 });
    const awards = (await t.dataSource.query(
      `SELECT id, assessment_result FROM award WHERE staff_id = $1 AND definition_id = $2`,
      [world.staff.own, course.credential.id],
    )) as Array<{ id: string; assessment_result: Record<string, unknown> }>;
    expect(awards).toHaveLength(1);
    expect(awards[0].assessment_result).toEqual({
      score: 100,
      passed: true,
      passMark: 80,
      course: { id: course.id, code: 'FIRE-BASICS', version: 1 },
    });
    const vc = (
      (await employee.get(`/api/v1/open-badges/credentials/${awardId}`).expect(200)).body as IssuedCredential
    ).credential as {
      credentialSubject: { achievement: { resultDescription: unknown[] }; result: unknown[] };
    };
    expect(vc.credentialSubject.achievement.resultDescription).toEqual([
      expect.objectContaining({ type: ['ResultDescription'], resultType: 'Percent', requiredValue: '80' }),
    ]);
    expect(vc.credentialSubject.result).toEqual([
      expect.objectContaining({ type: ['Result'], value: '100', status: 'Completed' }),
    ]);
    const list = (await employee.get('/api/v1/me/courses').expect(200)).body as MyCourses;
    expect(list.items[0]).toMatchObject({ state: 'passed', awardId });
  });

  it("scores an attempt once: different answers sent at the same time all get the first submission's result", async () => {
    await readAll(employee, course.id);
    const attempt = await start(employee, course.id);
    const right = rightAnswers(course, attempt);
    const wrong = wrongAnswers(attempt);
    const results = await Promise.all(
      [wrong, right, wrong, right, wrong, right].map((answers) =>
        employee
          .post(`/api/v1/me/courses/${course.id}/attempts/${attempt.attemptId}/submit`)
          .send({ answers }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const outcomes = new Set(
      results.map((r) => JSON.stringify([(r.body as AttemptResult).passed, (r.body as AttemptResult).score])),
    );
    expect(outcomes.size).toBe(1);
    const stored = (await t.dataSource.query(`SELECT passed, award_id FROM course_attempt`)) as Array<{
      passed: boolean;
      award_id: string | null;
    }>;
    expect(stored).toHaveLength(1);
    expect(
      await countRows(`SELECT count(*)::int AS n FROM award WHERE definition_id = $1`, [
        course.credential.id,
      ]),
    ).toBe(stored[0].passed ? 1 : 0);
  });

  it("keeps each person to their own attempts: someone else's attempt is not found", async () => {
    await readAll(employee, course.id);
    const attempt = await start(employee, course.id);
    const other = await agentOf(t, world, 'hr_admin');
    // The HR admin has no staff record here; a linked colleague would get the same 404 (the query filters by person).
    const res = await other
      .post(`/api/v1/me/courses/${course.id}/attempts/${attempt.attemptId}/submit`)
      .send({ answers: rightAnswers(course, attempt) });
    expect(res.status).toBe(404);
    await t.dataSource.query(`UPDATE user_account SET staff_id = $1 WHERE id = $2`, [
      world.staff.x,
      world.users.hr_admin,
    ]);
    const colleague = await agentOf(t, world, 'hr_admin');
    const refused = await colleague
      .post(`/api/v1/me/courses/${course.id}/attempts/${attempt.attemptId}/submit`)
      .send({ answers: rightAnswers(course, attempt) })
      .expect(404);
    expect((refused.body as ProblemDetails).code).toBe('course.attempt_not_found');
  });

  it('hides archived and unpublished courses from learners', async () => {
    await admin.post(`/api/v1/courses/${course.id}/archive`).expect(200);
    expect((await employee.get('/api/v1/me/courses').expect(200)).body).toEqual({
      staffId: world.staff.own,
      items: [],
    });
    await employee.get(`/api/v1/me/courses/${course.id}`).expect(404);
  });
});
