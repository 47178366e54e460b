import type {
  Branch,
  ExportRun,
  MailMessagePage,
  Page,
  StaffCourseProgressPage,
  TrainingAssignmentPage,
  TrainingReport,
  TrainingSessionDetail,
  TrainingSessionPage,
} from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser } from 'playwright-core';
import {
  apiGet,
  launchChromium,
  localToday,
  openApp,
  stopBrevet,
  type AppPage,
  startDemoBrevet,
} from './support/e2e';

/**
 * The Training page on the demo data: the HR admin sees the people the compliance rules assign training to
 * (the same rows as the API, filtered through the URL), the staff's course progress and the training report.
 * Then a scheduled session is cancelled through its page, and everyone on it is emailed.
 */
describe('training: assignments and report', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  const opened: AppPage[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    brevet = await startDemoBrevet();
  });

  afterAll(async () => {
    for (const app of opened) await app.context.close();
    await browser?.close();
    await stopBrevet(brevet);
    expect(opened.flatMap((app) => app.errors)).toEqual([]);
  });

  it('lists the overdue assignments the API derives, and the per-course report', async () => {
    const expected = await apiGet<TrainingAssignmentPage>(
      brevet,
      '/api/v1/training/assignments?status=missing_overdue&lang=en',
    );
    expect(expected.total).toBeGreaterThan(0);
    const report = await apiGet<TrainingReport>(brevet, '/api/v1/training/report?lang=en');

    const app = await openApp(browser, brevet, { path: '/training?status=missing_overdue' });
    opened.push(app);
    const { page } = app;
    await page.getByRole('heading', { name: 'Training', level: 1 }).waitFor();
    const first = expected.items[0];
    const row = page
      .getByRole('row')
      .filter({ hasText: `${first.familyName}, ${first.givenName}` })
      .first();
    await row.waitFor();
    expect(await row.textContent()).toContain(first.definitionTitle);
    await page.getByText(`${expected.total} assignment`).first().waitFor();
    await page.getByRole('heading', { name: 'Courses', level: 3 }).waitFor();
    for (const course of report.courses)
      await page.getByRole('cell', { name: course.title, exact: true }).waitFor();
  });
  it('exports the report as the page shows it: its branch and its range', async () => {
    const branches = await apiGet<Page<Branch>>(
      brevet,
      '/api/v1/branches?status=active&pageSize=100&sort=name',
    );
    const branch = branches.items[0];
    const from = localToday(-90);
    const to = localToday(-1);
    const app = await openApp(browser, brevet, {
      path: `/training?branchId=${branch.id}&from=${from}&to=${to}`,
    });
    opened.push(app);
    const { page } = app;
    const report = page.getByRole('region', { name: 'Report' });
    await report.getByRole('heading', { name: 'By month', level: 3 }).waitFor();
    await report.getByRole('button', { name: 'Export these records' }).click();
    await page.getByRole('menuitem', { name: 'Excel workbook (XLSX)' }).click();
    await page.getByText('Your export is being prepared.').waitFor();
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForURL(/\/exports\?highlight=/);
    const id = new URL(page.url()).searchParams.get('highlight');
    await page.locator('li.run.highlight').getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    const run = await apiGet<ExportRun>(brevet, `/api/v1/exports/${id}`);
    expect(run).toMatchObject({ kind: 'training-report', format: 'xlsx', status: 'ready' });
    expect(run.filters).toEqual({ branchId: branch.id, from, to });
  });

  it('shows the staff course progress the API reports, sorted and filtered through the URL', async () => {
    const expected = await apiGet<StaffCourseProgressPage>(
      brevet,
      '/api/v1/training/progress?lang=en&sort=-lastActivity',
    );
    expect(expected.total).toBeGreaterThan(0);
    const app = await openApp(browser, brevet, { path: '/training?progressSort=-lastActivity' });
    opened.push(app);
    const { page } = app;
    const table = page.getByTestId('progress-table');
    const first = expected.items[0];
    const row = table
      .getByRole('row')
      .filter({ hasText: `${first.familyName}, ${first.givenName}` })
      .first();
    await row.waitFor();
    expect(await row.textContent()).toContain(first.courseTitle);

    const passed = await apiGet<StaffCourseProgressPage>(
      brevet,
      '/api/v1/training/progress?lang=en&state=passed&sort=-lastActivity',
    );
    await page.getByTestId('progress-state').click();
    await page.getByRole('option', { name: 'Passed', exact: true }).click();
    await page.waitForURL(/progressState=passed/);
    if (passed.total === 0) {
      await page.getByRole('heading', { name: 'No course progress yet' }).waitFor();
    } else {
      await page
        .getByText(new RegExp(`^\\s*${passed.total} (person and course|people and courses)`))
        .waitFor();
      const top = passed.items[0];
      await table
        .getByRole('row')
        .filter({ hasText: `${top.familyName}, ${top.givenName}` })
        .first()
        .waitFor();
    }
    expect(new URL(page.url()).searchParams.get('progressSort')).toBe('-lastActivity');
  });

  it('cancels a session after confirmation, and everyone on it is emailed', async () => {
    const scheduled = await apiGet<TrainingSessionPage>(
      brevet,
      '/api/v1/training-sessions?status=scheduled&pageSize=100',
    );
    const target = scheduled.items.find(
      (s) => s.enrolledCount > 0 && new Date(s.startsAt).getTime() > Date.now(),
    );
    expect(target).toBeDefined();
    const session = target as (typeof scheduled.items)[number];
    const app = await openApp(browser, brevet, { path: `/sessions/${session.id}` });
    opened.push(app);
    const { page } = app;
    await page.getByRole('button', { name: 'Cancel session' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`(${session.enrolledCount + session.waitlistCount} people)`).waitFor();
    await dialog.getByRole('button', { name: 'Cancel session' }).click();
    await page.getByText('Cancelled', { exact: true }).first().waitFor();

    const after = await apiGet<TrainingSessionDetail>(brevet, `/api/v1/training-sessions/${session.id}`);
    expect(after.status).toBe('cancelled');
    const mails = await apiGet<MailMessagePage>(
      brevet,
      '/api/v1/mail/messages?reason=session.cancelled&pageSize=100',
    );
    // One each, recorded in the cancel's transaction (people without an email address get none).
    expect(mails.total).toBeGreaterThan(0);
    expect(mails.total).toBeLessThanOrEqual(session.enrolledCount + session.waitlistCount);
  });
});
