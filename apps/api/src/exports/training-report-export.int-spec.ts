import type {
  AttemptStart,
  CourseContent,
  CourseDetail,
  CreateExportRequest,
  CredentialDetail,
  ExportRun,
  ProblemDetails,
  TrainingReport,
} from '@brevet/contracts';
import * as ExcelJS from 'exceljs';
import { agentOf, arrangeAccessWorld, type AccessWorld } from '../../test/access/access-fixtures';
import { agentFor, createTestUser, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { csvLines, downloadExport, exportFile } from '../../test/support/export-files';

const EXPORTS = '/api/v1/exports';
const t2 = (en: string, de: string) => ({ en, de });

function courseContent(): CourseContent {
  return {
    title: t2('Fire safety basics', 'Brandschutz Grundlagen'),
    summary: t2('What to do when it burns.', 'Was tun, wenn es brennt.'),
    durationMinutes: 15,
    lessons: [
      {
        id: 'alarm',
        title: t2('Raise the alarm', 'Alarm auslösen'),
        body: t2('Call **112**.', 'Wähle **112**.'),
        videoUrl: null,
        attachments: [],
      },
    ],
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
 * The `training-report` export on the real PostgreSQL, files read back: one row per month × branch × course,
 * the requester's scope inside the SQL. The world (test/access/access-fixtures.ts): branch X (Hamburg) with
 * Xaver and Emma, branch Y (München) with Yvonne; a branch manager of X and an HR admin.
 */
describe('training-report export (real PostgreSQL; CSV and XLSX read back)', () => {
  let t: TestApp;
  let world: AccessWorld;
  let hr: SignedInAgent;
  let managerX: SignedInAgent;
  let course: CourseDetail;
  let fire: CredentialDetail;
  let codes: { x: string; y: string };
  let months: { previous: string; current: string };
  let range: { from: string; to: string };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

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

  const exportAs = (agent: SignedInAgent, body: CreateExportRequest) => exportFile(t, agent, body);
  const download = async (agent: SignedInAgent, run: ExportRun) => (await downloadExport(agent, run)).file;

  beforeEach(async () => {
    await resetDatabase(t);
    const admin = await signInAsAdmin(t);
    world = await arrangeAccessWorld(t, admin);
    hr = await agentOf(t, world, 'hr_admin');
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

    // Emma (X): fail, then pass, this month. Xaver (X): fail, last month. Yvonne (Y): pass, this month.
    const emma = await agentOf(t, world, 'employee');
    const xaver = await agentFor(t, await createTestUser(t, 'employee', { staffId: world.staff.x }));
    const yvonne = await agentFor(t, await createTestUser(t, 'employee', { staffId: world.staff.y }));
    await takeTest(emma, false);
    await takeTest(emma, true);
    await takeTest(xaver, false);
    await takeTest(yvonne, true);
    const now = new Date();
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15, 10));
    await t.dataSource.query(
      `UPDATE course_attempt SET started_at = $2, submitted_at = $2::timestamptz + interval '10 minutes'
        WHERE staff_id = $1`,
      [world.staff.x, lastMonth.toISOString()],
    );
    months = { previous: lastMonth.toISOString().slice(0, 7), current: now.toISOString().slice(0, 7) };
    range = { from: `${months.previous}-01`, to: now.toISOString().slice(0, 10) };
    const rows: Array<{ id: string; code: string }> = await t.dataSource.query(
      `SELECT id, code FROM branch WHERE id = ANY($1::uuid[])`,
      [[world.branches.x, world.branches.y]],
    );
    const code = (id: string) => rows.find((r) => r.id === id)?.code ?? '?';
    codes = { x: code(world.branches.x), y: code(world.branches.y) };
  });

  it('an HR admin gets every branch: one row per month, branch and course, with counts and rates', async () => {
    const run = await exportAs(hr, {
      kind: 'training-report',
      format: 'csv',
      language: 'en',
      filters: range,
    });
    expect(run).toMatchObject({
      status: 'ready',
      rowsTotal: 3,
      percent: 100,
      filters: range,
      file: { name: `training-report-${range.to}.csv`, contentType: 'text/csv; charset=utf-8' },
    });
    const lines = csvLines(await download(hr, run));
    expect(lines[0]).toBe(
      'Month,Branch code,Branch,Course code,Course,Credential code,Learners started,Learners passed,Attempts,' +
        'Passed attempts,Failed attempts,Completion rate (%),Pass rate (%)',
    );
    const credential = fire.code;
    expect(lines.slice(1)).toEqual([
      // Xaver: one learner started, one failed attempt, nobody passed.
      `${months.previous},${codes.x},Hamburg,FIRE-BASICS,Fire safety basics,${credential},1,0,1,0,1,0,0`,
      // Emma: one learner, two attempts (one failed, one passed) → completion 100 %, pass rate 50 %.
      `${months.current},${codes.x},Hamburg,FIRE-BASICS,Fire safety basics,${credential},1,1,2,1,1,100,50`,
      `${months.current},${codes.y},München,FIRE-BASICS,Fire safety basics,${credential},1,1,1,1,0,100,100`,
    ]);

    // The same attempts as the report on screen, split by month and branch.
    const report = (await hr.get(`/api/v1/training/report?from=${range.from}&to=${range.to}`).expect(200))
      .body as TrainingReport;
    const cells = lines.slice(1).map((l) => l.split(','));
    const sum = (col: number) => cells.reduce((n, c) => n + Number(c[col]), 0);
    expect({ attempts: sum(8), passedAttempts: sum(9) }).toEqual({
      attempts: report.courses[0].attempts,
      passedAttempts: report.courses[0].passedAttempts,
    });
  });

  it("a branch manager's file holds their branches only, in CSV and in XLSX", async () => {
    const csv = await exportAs(managerX, {
      kind: 'training-report',
      format: 'csv',
      delimiter: ';',
      language: 'de',
      filters: range,
    });
    expect(csv).toMatchObject({ status: 'ready', rowsTotal: 2 });
    const lines = csvLines(await download(managerX, csv));
    expect(lines[0].split(';').slice(0, 3)).toEqual(['Monat', 'Standortcode', 'Standort']);
    expect(lines.slice(1).map((l) => l.split(';').slice(0, 3))).toEqual([
      [months.previous, codes.x, 'Hamburg'],
      [months.current, codes.x, 'Hamburg'],
    ]);
    expect(lines.join('\n')).not.toContain('München');
    // German course title, decimal comma for rates.
    expect(lines[2]).toContain(';Brandschutz Grundlagen;');
    expect(lines[2].endsWith(';1;1;2;1;1;100;50')).toBe(true);

    // Asking for the other branch does not widen the scope: nothing.
    const other = await exportAs(managerX, {
      kind: 'training-report',
      format: 'csv',
      filters: { ...range, branchId: world.branches.y },
    });
    expect(other).toMatchObject({ status: 'ready', rowsTotal: 0 });
    expect(csvLines(await download(managerX, other))).toHaveLength(1);

    const xlsx = await exportAs(managerX, {
      kind: 'training-report',
      format: 'xlsx',
      language: 'en',
      filters: range,
    });
    expect(xlsx).toMatchObject({
      status: 'ready',
      rowsTotal: 2,
      file: { name: `training-report-${range.to}.xlsx` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(managerX, xlsx)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Training report');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(12).value).toBe('Completion rate (%)');
    const emma = sheet.getRow(3);
    expect(emma.getCell(1).value).toBe(months.current);
    expect(emma.getCell(3).value).toBe('Hamburg');
    expect(emma.getCell(9).value).toBe(2);
    expect(emma.getCell(9).type).toBe(ExcelJS.ValueType.Number);
    expect(emma.getCell(12).value).toBe(1);
    expect(emma.getCell(13).value).toBe(0.5);
    expect(emma.getCell(13).numFmt).toContain('%');
    const branches = [2, 3].map((r) => sheet.getRow(r).getCell(3).value);
    expect(branches).toEqual(['Hamburg', 'Hamburg']);
  });

  it('covers the last year by default, and refuses ranges and filters that do not fit', async () => {
    const run = await exportAs(hr, { kind: 'training-report', format: 'xlsx' });
    expect(run).toMatchObject({ status: 'ready', rowsTotal: 3, filters: {} });

    const bad = async (filters: Record<string, unknown>, field: string) => {
      const res = await hr
        .post(EXPORTS)
        .send({ kind: 'training-report', format: 'csv', filters })
        .expect(400);
      expect((res.body as ProblemDetails).errors?.map((e) => e.field)).toContain(field);
    };
    await bad({ from: range.to, to: range.from }, 'filters.from');
    await bad({ from: '2026-02-30' }, 'filters.from');
    await bad({ from: '2020-01-01', to: '2026-01-01' }, 'filters.to');
    await bad({ status: ['expired'] }, 'filters.status');
    await hr.post(EXPORTS).send({ kind: 'training-report', format: 'pdf' }).expect(400);
    // Employees may not export at all.
    const employee = await agentOf(t, world, 'employee');
    await employee.post(EXPORTS).send({ kind: 'training-report', format: 'csv' }).expect(403);
  });
});
