import type { TrainingAssignmentPage, TrainingReport } from '@brevet/contracts';
import { startBrevet, type BrevetProcess } from '@brevet/testing';
import type { Browser } from 'playwright-core';
import { apiGet, launchChromium, openApp, stopBrevet, type AppPage } from './support/e2e';

/**
 * The Training page on the demo data: the HR admin sees the people the compliance rules assign training to
 * (the same rows as the API, filtered through the URL) and the training report.
 */
describe('training: assignments and report', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  const opened: AppPage[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    brevet = await startBrevet();
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
});
