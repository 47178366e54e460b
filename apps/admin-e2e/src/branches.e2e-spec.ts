import type { Branch, BranchPage } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  apiGet,
  launchChromium,
  listLoaded,
  openApp,
  stopBrevet,
  type AppPage,
  startDemoBrevet,
} from './support/e2e';

describe('branches page', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  let app: AppPage | undefined;
  let page: Page;

  beforeAll(async () => {
    // One after the other: if the server fails to start, the browser is already assigned and gets closed.
    browser = await launchChromium();
    brevet = await startDemoBrevet();
  });

  afterAll(async () => {
    await browser?.close();
    await stopBrevet(brevet);
  });

  beforeEach(async () => {
    app = await openApp(browser, brevet);
    page = app.page;
    await listLoaded(page);
  });

  afterEach(async () => {
    const errors = app?.errors;
    await app?.context.close();
    app = undefined;
    expect(errors).toEqual([]);
  });

  async function findBranch(code: string): Promise<Branch> {
    const result = await apiGet<BranchPage>(brevet, `/api/v1/branches?status=all&q=${code}`);
    const branch = result.items.find((b) => b.code === code);
    if (!branch) throw new Error(`no branch ${code}`);
    return branch;
  }

  async function choose(dialog: Locator, field: string, option: string): Promise<void> {
    await dialog.getByRole('combobox', { name: field }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  it('lists the demo branches', async () => {
    await page.getByRole('heading', { name: 'Branches', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'Hamburg Hafen', exact: true }).waitFor();
    await page.getByText('12 branches').waitFor();
    expect(await page.getByRole('row').count()).toBe(13); // header + 12
    // Region summary shows the background job's counts.
    await page.getByRole('option', { name: 'Germany North, 3 active branches' }).waitFor();
  });

  it('creates a branch through the dialog and then renames it', async () => {
    await page.getByRole('button', { name: 'New branch' }).click();
    const create = page.getByRole('dialog', { name: 'New branch' });
    await create.getByLabel('Code').fill('de-kie-01');
    await create.getByLabel('Name').fill('Kiel Ostufer');
    await choose(create, 'Country', 'Germany');
    expect(await create.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    // The locale follows the country; the address is free text over several lines.
    expect(await create.getByLabel('Locale').inputValue()).toBe('de-DE');
    await create.getByLabel('Address (optional)').fill('Kai-Straße 1\n24103 Kiel');
    await choose(create, 'Region', 'Germany North');
    await create.getByRole('button', { name: 'Create branch' }).click();
    await create.waitFor({ state: 'detached' });

    await page.getByRole('cell', { name: 'Kiel Ostufer', exact: true }).waitFor();
    await page.getByText('Branch “Kiel Ostufer” created').waitFor();
    const created = await findBranch('DE-KIE-01');
    expect(created).toMatchObject({
      name: 'Kiel Ostufer',
      country: 'DE',
      timezone: 'Europe/Berlin',
      locale: 'de-DE',
      address: 'Kai-Straße 1\n24103 Kiel',
    });
    expect(created.regionName).toBe('Germany North');
    // The region count is recomputed by a background job; the summary catches up without a reload.
    await page.getByRole('option', { name: 'Germany North, 4 active branches' }).waitFor();

    await page.getByRole('button', { name: 'Edit Kiel Ostufer' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit branch' });
    const code = edit.getByLabel('Code');
    expect(await code.inputValue()).toBe('DE-KIE-01');
    expect(await code.isEditable()).toBe(false);
    await edit.getByLabel('Name').fill('Kiel Hafen Ost');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'detached' });

    await page.getByRole('cell', { name: 'Kiel Hafen Ost', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Kiel Ostufer', exact: true }).waitFor({ state: 'detached' });
    const renamed = await findBranch('DE-KIE-01');
    expect(renamed.name).toBe('Kiel Hafen Ost');
    expect(renamed.version).toBe(created.version + 1);
  });

  it('shows "already in use" at the code field for a duplicate code', async () => {
    await page.getByRole('button', { name: 'New branch' }).click();
    const dialog = page.getByRole('dialog', { name: 'New branch' });
    await dialog.getByLabel('Code').fill('DE-HAM-01');
    await dialog.getByLabel('Name').fill('Hamburg Zwei');
    await choose(dialog, 'Country', 'Germany');
    await choose(dialog, 'Region', 'Germany North');
    await dialog.getByRole('button', { name: 'Create branch' }).click();

    const message = dialog.getByText('This code is already in use by another branch.');
    await message.waitFor();
    // The message belongs to the code field: screen readers announce it with the input.
    const describedBy = (await dialog.getByLabel('Code').getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain(await message.getAttribute('id'));
    expect(await dialog.isVisible()).toBe(true);

    const hamburg = await apiGet<BranchPage>(brevet, '/api/v1/branches?status=all&q=DE-HAM');
    expect(hamburg.items.map((b) => b.name)).toEqual(['Hamburg Hafen']);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('archives a branch and undoes it from the snack bar', async () => {
    await page.getByRole('button', { name: 'Archive Bremen GVZ' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Archive branch?' });
    await confirm.getByRole('button', { name: 'Archive' }).click();

    await page.getByText('Branch archived').waitFor();
    await page.getByRole('cell', { name: 'Bremen GVZ', exact: true }).waitFor({ state: 'detached' });
    expect((await findBranch('DE-BRE-01')).status).toBe('archived');

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Branch restored').waitFor();
    await page.getByRole('cell', { name: 'Bremen GVZ', exact: true }).waitFor();
    expect((await findBranch('DE-BRE-01')).status).toBe('active');
  });
});
