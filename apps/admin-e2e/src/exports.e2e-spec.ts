import type { ExportPage, ExportRun } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import * as ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  apiGet,
  launchChromium,
  openApp,
  PHONE,
  screenshot,
  stopBrevet,
  type AppPage,
  startDemoBrevet,
} from './support/e2e';

declare global {
  interface Window {
    /** Every status and progress value the highlighted export showed, in order (recorded in the page). */
    exportStates?: string[];
  }
}

describe('exports', () => {
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

  afterEach(async () => {
    const errors = app?.errors;
    await app?.context.close();
    app = undefined;
    expect(errors).toEqual([]);
  });

  /** Records what the highlighted export row shows, every time the page changes. */
  async function recordStates(): Promise<void> {
    await page.evaluate(() => {
      window.exportStates = [];
      const note = () => {
        const row = document.querySelector('li.run.highlight');
        if (!row) return;
        const badge = row.querySelector('.bv-badge')?.textContent?.trim() ?? '';
        const bar = row.querySelector('[role="progressbar"]');
        const state = `${badge}|${bar ? (bar.getAttribute('aria-valuenow') ?? 'indeterminate') : 'no bar'}`;
        const states = window.exportStates ?? [];
        if (states[states.length - 1] !== state) states.push(state);
      };
      new MutationObserver(note).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });
  }

  /** The highlighted row once its export is ready, and the run as the API has it. */
  async function readyRow(): Promise<{ row: Locator; run: ExportRun }> {
    const row = page.locator('li.run.highlight');
    await row.getByText('Ready', { exact: true }).waitFor({ timeout: 60_000 });
    const id = (await row.getAttribute('data-export-id')) ?? '';
    const run = await apiGet<ExportRun>(brevet, `/api/v1/exports/${id}`);
    return { row, run };
  }

  async function downloadFrom(row: Locator): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: /^Download / }).click(),
    ]);
    const file = await download.path();
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
  }

  it('starts an export, shows its progress until it is ready, and downloads the file', async () => {
    app = await openApp(browser, brevet, { path: '/exports' });
    page = app.page;
    await page.getByRole('heading', { name: 'Exports', level: 1 }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Exports' })
      .waitFor();
    await page.locator('section[aria-busy="false"]').waitFor();
    await page.getByRole('heading', { name: 'No exports yet' }).waitFor();

    await page.getByRole('combobox', { name: 'What' }).click();
    await page.getByRole('option', { name: 'Compliance per person' }).click();
    await page.getByRole('combobox', { name: 'Format' }).click();
    await page.getByRole('option', { name: 'CSV for German Excel (;)' }).click();
    await recordStates();
    await page.getByRole('button', { name: 'Start export' }).click();

    const { row, run } = await readyRow();
    // The progress bar was shown (waiting or running) before the export was ready, and it ended at 100 %.
    const states = (await page.evaluate(() => window.exportStates)) ?? [];
    expect(states.some((s) => /^(Waiting|Running)\|/.test(s))).toBe(true);
    expect(states[states.length - 1]).toBe('Ready|no bar');
    expect(run).toMatchObject({ status: 'ready', kind: 'compliance-people', delimiter: ';', percent: 100 });
    expect(run.rowsTotal).toBeGreaterThan(100);
    await row.getByText(`${run.rowsTotal?.toLocaleString('en')} rows`).waitFor();
    await screenshot(page, 'exports.png');

    const { name, bytes } = await downloadFrom(row);
    expect(name).toMatch(/^compliance-people-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Employee number;Family name;Given name;Branch code;Branch;Credential code;Credential;Status;Due by;' +
        'Issued on;Valid until;Days left;Exempt until;Exemption reason',
    );
    expect(lines[lines.length - 1]).toBe('');
    expect(lines).toHaveLength((run.rowsTotal ?? 0) + 2);
    expect(lines.some((l) => l.includes(';DE-HAM-01;'))).toBe(true);
    expect(lines.some((l) => /;(Compliant|Expiring|Expired|Missing \(overdue\));/.test(l))).toBe(true);
  });

  it('exports the audit log from its page as XLSX, read back with a spreadsheet reader', async () => {
    app = await openApp(browser, brevet, { path: '/audit' });
    page = app.page;
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Export these records' }).click();
    await page.getByRole('menuitem', { name: 'Excel workbook (XLSX)' }).click();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/\/exports\?highlight=/);
    const { row, run } = await readyRow();
    expect(run).toMatchObject({ kind: 'audit', format: 'xlsx', filters: { sort: '-sequence' } });

    const { name, bytes } = await downloadFrom(row);
    expect(name).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('No.');
    expect(sheet.rowCount).toBe((run.rowsTotal ?? 0) + 1);
    // Newest first: the export's own request is the first entry, with a real number and a real date.
    const first = sheet.getRow(2);
    expect(first.getCell(5).value).toBe('export.created');
    expect(first.getCell(1).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(2).type).toBe(ExcelJS.ValueType.Date);

    const mine = await apiGet<ExportPage>(brevet, '/api/v1/exports');
    expect(mine.items.map((r) => r.kind)).toEqual(['audit', 'compliance-people']);
  });

  it('works on a phone, in German', async () => {
    app = await openApp(browser, brevet, { path: '/exports', viewport: PHONE, locale: 'de-DE' });
    page = app.page;
    await page.getByRole('heading', { name: 'Exporte', level: 1 }).waitFor();
    await page.locator('section[aria-busy="false"]').waitFor();
    await page
      .getByRole('link', { name: /herunterladen$/ })
      .first()
      .waitFor();
    await page.getByText('Fertig', { exact: true }).first().waitFor();
    await screenshot(page, 'exports-phone-de.png');
  });

  it('offers the training report as a kind: per month, branch and course, in Excel', async () => {
    app = await openApp(browser, brevet, { path: '/exports' });
    page = app.page;
    await page.locator('section[aria-busy="false"]').waitFor();
    await page.getByRole('combobox', { name: 'What' }).click();
    await page.getByRole('option', { name: 'Training report (per month, branch and course)' }).click();
    await page.getByRole('combobox', { name: 'Format' }).click();
    // Like every table but the compliance matrix: no PDF.
    expect(await page.getByRole('option', { name: 'PDF summary report' }).count()).toBe(0);
    await page.getByRole('option', { name: 'Excel workbook (XLSX)' }).click();
    await page.getByRole('button', { name: 'Start export' }).click();
    const { row, run } = await readyRow();
    expect(run).toMatchObject({ kind: 'training-report', format: 'xlsx', status: 'ready' });

    const { name, bytes } = await downloadFrom(row);
    expect(name).toMatch(/^training-report-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Training report');
    expect([1, 2, 3, 4, 5, 12, 13].map((c) => sheet.getRow(1).getCell(c).value)).toEqual([
      'Month',
      'Branch code',
      'Branch',
      'Course code',
      'Course',
      'Completion rate (%)',
      'Pass rate (%)',
    ]);
    expect(sheet.rowCount).toBe((run.rowsTotal ?? 0) + 1);
  });
});
