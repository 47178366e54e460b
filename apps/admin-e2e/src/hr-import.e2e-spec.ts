import type { BranchPage, HrImportPage, StaffDetail, StaffPage, StaffSummary } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser, Page } from 'playwright-core';
import {
  apiFetch,
  apiGet,
  launchChromium,
  openApp,
  screenshot,
  stopBrevet,
  type AppPage,
  startDemoBrevet,
} from './support/e2e';

const HEADER = 'Personalnummer;Vorname;Nachname;E-Mail;Sprache;Standort;Rollen;Eintrittsdatum';

describe('HR import', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  let app: AppPage | undefined;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    brevet = await startDemoBrevet();
  });

  afterAll(async () => {
    await browser?.close();
    await stopBrevet(brevet);
  });

  beforeEach(async () => {
    app = await openApp(browser, brevet, { path: '/import' });
    page = app.page;
    await page.getByRole('heading', { name: 'Import from HR', level: 1 }).waitFor();
  });

  afterEach(async () => {
    const errors = app?.errors;
    await app?.context.close();
    app = undefined;
    expect(errors).toEqual([]);
  });

  /** A demo person at a branch other than Hamburg, to move there by import. */
  async function someoneOutsideHamburg(): Promise<StaffSummary> {
    const branches = await apiGet<BranchPage>(brevet, '/api/v1/branches?q=DE-BRE-01');
    const bremen = await apiGet<StaffPage>(
      brevet,
      `/api/v1/staff?branchId=${branches.items[0].id}&pageSize=100`,
    );
    const person = bremen.items.find((p) => p.email && p.jobRoles.length === 1);
    if (!person) throw new Error('no demo person in Bremen');
    return person;
  }

  it('uploads a CSV, shows the progress and the preview, applies it and shows the result', async () => {
    const mover = await someoneOutsideHamburg();
    const csv = [
      HEADER,
      // A new person with umlauts in both names.
      '990001;Jürgen;Größe-Übel;juergen.groesse@example.com;de;DE-HAM-01;WAREHOUSE|FIRST-AIDER;01.03.2025',
      // A demo person, unchanged except for the branch: Bremen → Hamburg.
      [
        mover.employeeNumber,
        mover.givenName,
        mover.familyName,
        mover.email,
        mover.preferredLanguage,
        'DE-HAM-01',
        mover.jobRoles.map((r) => r.code).join('|'),
        mover.hireDate,
      ].join(';'),
    ].join('\r\n');

    await page.locator('input[type="file"]').setInputFiles({
      name: 'personal-2026-11.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${csv}\r\n`, 'utf8'),
    });
    await page.getByText('personal-2026-11.csv').waitFor();
    await page.getByRole('button', { name: 'Upload and check' }).click();

    // The progress view shows while the file is checked, then the preview.
    await page.getByRole('progressbar', { name: 'Checking the file…' }).waitFor();
    await page.waitForURL(/\/import\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Ready to apply', level: 2 }).waitFor();
    const preview = page.getByRole('list', { name: 'Ready to apply' });
    expect(await preview.innerText()).toMatch(
      /1\s+to add\s+1\s+to change\s+0\s+to mark as left\s+0\s+unchanged/,
    );
    await page.getByText('This is what applying its 2 rows will do:', { exact: false }).waitFor();
    await screenshot(page, 'import-en.png');

    // Nothing changed yet.
    expect((await apiGet<StaffPage>(brevet, '/api/v1/staff?q=990001')).total).toBe(0);

    await page.getByRole('button', { name: 'Apply import' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Apply this import?' });
    await confirm.getByText('This adds 1, changes 1 and marks 0 people as left.', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('heading', { name: 'Import applied', level: 2 }).waitFor();
    const result = page.getByRole('list', { name: 'Import applied' });
    expect(await result.innerText()).toMatch(/1\s+added\s+1\s+changed\s+0\s+marked as left\s+0\s+unchanged/);
    expect(await page.getByRole('link', { name: 'Open the staff list' }).getAttribute('href')).toBe('/staff');

    const created = await apiGet<StaffPage>(brevet, '/api/v1/staff?q=990001');
    expect(created.items).toHaveLength(1);
    expect(created.items[0]).toMatchObject({
      givenName: 'Jürgen',
      familyName: 'Größe-Übel',
      branchCode: 'DE-HAM-01',
      hireDate: '2025-03-01',
    });
    expect(created.items[0].jobRoles.map((r) => r.code).sort()).toEqual(['FIRST-AIDER', 'WAREHOUSE']);
    const moved = await apiGet<StaffDetail>(brevet, `/api/v1/staff/${mover.id}`);
    expect(moved.branchCode).toBe('DE-HAM-01');

    // The list of recent imports shows it as applied.
    await page.getByRole('link', { name: 'All imports' }).click();
    const row = page.getByRole('row', { name: /personal-2026-11\.csv/ });
    await row.getByText('Applied', { exact: true }).waitFor();
    await row.getByText('1 added · 1 changed · 0 marked as left').waitFor();
  });

  it('shows the row-numbered problem of an unknown branch code and offers no Apply', async () => {
    const csv = [
      HEADER,
      '990101;Anna;Schröder;;de;DE-HAM-01;WAREHOUSE;2024-05-02',
      '990102;Lukas;Weiß;;de;DE-XYZ-99;WAREHOUSE;2024-05-02',
    ].join('\n');
    // Dropped onto the drop zone, the way a file comes from the desktop.
    const dataTransfer = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'unknown-branch.csv', { type: 'text/csv' }));
      return transfer;
    }, csv);
    await page.locator('.drop').dispatchEvent('drop', { dataTransfer });
    await page.getByText('unknown-branch.csv').waitFor();
    await page.getByRole('button', { name: 'Upload and check' }).click();

    await page.getByRole('heading', { name: 'The file has errors', level: 2 }).waitFor();
    const issues = page.getByRole('region', { name: 'Problems in the file' });
    const row = issues.getByRole('row').filter({ hasText: 'DE-XYZ-99' });
    await row.waitFor();
    expect((await row.getByRole('cell').allTextContents()).map((c) => c.trim().replace(/\s+/g, ' '))).toEqual(
      [
        '3',
        'Standort',
        'Error: There is no branch with this code. Check the code in the list of branches. Value in the file: “DE-XYZ-99”',
      ],
    );
    expect(await page.getByRole('button', { name: 'Apply import' }).count()).toBe(0);

    const download = page.getByRole('link', { name: 'Download result (CSV)' });
    const href = (await download.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/api\/v1\/hr-imports\/[0-9a-f-]{36}\/result\.csv$/);
    const resultCsv = await (await apiFetch(brevet, href)).text();
    expect(resultCsv).toContain('DE-XYZ-99');

    const imports = await apiGet<HrImportPage>(brevet, '/api/v1/hr-imports');
    expect(imports.items[0]).toMatchObject({
      fileName: 'unknown-branch.csv',
      status: 'invalid',
      errorCount: 1,
    });
    expect((await apiGet<StaffPage>(brevet, '/api/v1/staff?q=990101')).total).toBe(0);
  });
});
