import type { JobRole, StaffDetail, StaffPage } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser, Page } from 'playwright-core';
import {
  apiGet,
  apiSend,
  launchChromium,
  listLoaded,
  localToday,
  openApp,
  screenshot,
  shownDay,
  stopBrevet,
  type AppPage,
  startDemoBrevet,
} from './support/e2e';

describe('staff directory and person page', () => {
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
    app = await openApp(browser, brevet, { path: '/staff' });
    page = app.page;
    await listLoaded(page);
  });

  afterEach(async () => {
    const errors = app?.errors;
    await app?.context.close();
    app = undefined;
    expect(errors).toEqual([]);
  });

  async function role(code: string): Promise<JobRole> {
    const found = (await apiGet<JobRole[]>(brevet, '/api/v1/job-roles')).find((r) => r.code === code);
    if (!found) throw new Error(`no job role ${code}`);
    return found;
  }

  const personId = () => new URL(page.url()).pathname.split('/').at(-1) ?? '';

  it('searches and filters by job role, with the view in the URL', async () => {
    const active = await apiGet<StaffPage>(brevet, '/api/v1/staff');
    await page.getByText(`${active.total} people`).waitFor();
    await page.locator('td.name').first().waitFor();
    await screenshot(page, 'staff-en.png');

    await page.getByRole('searchbox', { name: 'Search' }).fill('Bauer');
    await page.waitForURL(/[?&]q=Bauer/);
    await listLoaded(page);
    await page.getByRole('combobox', { name: 'Job role' }).click();
    await page.getByRole('option', { name: 'Forklift driver', exact: true }).click();
    const forklift = await role('FORKLIFT');
    await page.waitForURL(new RegExp(`jobRoleId=${forklift.id}`));
    await listLoaded(page);

    const expected = await apiGet<StaffPage>(brevet, `/api/v1/staff?q=Bauer&jobRoleId=${forklift.id}`);
    expect(expected.total).toBeGreaterThan(0);
    await page.getByText(`${expected.total} ${expected.total === 1 ? 'person' : 'people'}`).waitFor();
    const names = (await page.locator('td.name a').allTextContents()).map((n) => n.trim());
    expect(names).toEqual(expected.items.map((p) => `${p.familyName}, ${p.givenName}`));
    for (const row of await page.locator('tr.bv-clickable').all()) {
      expect(await row.locator('mat-chip').allTextContents()).toContainEqual(
        expect.stringContaining('Forklift driver'),
      );
    }

    // A reload restores the view from the URL.
    await page.reload();
    await listLoaded(page);
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('Bauer');
    expect(await page.getByRole('combobox', { name: 'Job role' }).textContent()).toContain('Forklift driver');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText(`${active.total} people`).waitFor();
  });

  it('opens a person, moves them to another branch from a date, and shows it in the history', async () => {
    await page.getByRole('searchbox', { name: 'Search' }).fill('Bauer');
    await page.waitForURL(/[?&]q=Bauer/);
    await listLoaded(page);
    await page.locator('td.name a').first().click();
    await page.waitForURL(/\/staff\/[0-9a-f-]{36}$/);
    const before = await apiGet<StaffDetail>(brevet, `/api/v1/staff/${personId()}`);
    const name = `${before.givenName} ${before.familyName}`;
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByRole('link', { name: before.branchName }).waitFor();
    if (before.manager) {
      await details
        .getByRole('link', { name: `${before.manager.givenName} ${before.manager.familyName}` })
        .waitFor();
    }

    const target = before.branchCode === 'DE-HAM-01' ? 'Graz Puntigam' : 'Hamburg Hafen';
    const today = localToday();
    await page.getByRole('button', { name: 'Change' }).click();
    await page.getByRole('menuitem', { name: 'Move to another branch' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move to another branch' });
    await dialog.getByRole('combobox', { name: 'New branch' }).click();
    await page.getByRole('option', { name: target, exact: true }).click();
    await dialog.getByLabel('Takes effect on').fill(today);
    await dialog.getByRole('button', { name: 'Save change' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`${name} now works at ${target}`).waitFor();

    const history = page.getByRole('region', { name: 'History' });
    const entries = history.getByRole('region', { name: 'Branches' }).getByRole('listitem');
    await entries
      .first()
      .getByText(`since ${shownDay(today, 'en')}`)
      .waitFor();
    expect(await entries.first().textContent()).toContain(target);
    const previous = entries.filter({ hasText: before.branchName }).first();
    expect(await previous.textContent()).toContain(
      `${shownDay(before.branchHistory.find((p) => p.validTo === null)!.validFrom, 'en')} – ${shownDay(localToday(-1), 'en')}`,
    );

    const after = await apiGet<StaffDetail>(brevet, `/api/v1/staff/${before.id}`);
    expect(after.branchName).toBe(target);
    expect(after.branchHistory.find((p) => p.validTo === null)).toMatchObject({
      branchName: target,
      validFrom: today,
    });
    expect(
      after.branchHistory.find((p) => p.branchName === before.branchName && p.validTo === today),
    ).toBeDefined();

    // The same page in German, for the screenshot: dates in the German format.
    await page.getByRole('button', { name: 'OK' }).click(); // the snack bar
    await page.getByText(`${name} now works at ${target}`).waitFor({ state: 'detached' });
    await page.getByRole('radio', { name: 'Deutsch' }).click();
    const verlauf = page.getByRole('region', { name: 'Verlauf' });
    await verlauf
      .getByRole('region', { name: 'Standorte' })
      .getByRole('listitem')
      .first()
      .getByText(`seit ${shownDay(today, 'de')}`)
      .waitFor();
    await page.getByRole('button', { name: 'Ändern' }).waitFor();
    await screenshot(page, 'person-de.png');
  });

  it('adds a person with roles and a manager; a taken employee number is shown at its field', async () => {
    const people = await apiGet<StaffPage>(brevet, '/api/v1/staff?pageSize=100&sort=employeeNumber');
    const manager = people.items.find((p) => p.jobRoles.some((r) => r.code === 'BRANCH-MGR'))!;
    const taken = people.items[0].employeeNumber;

    await page.getByRole('button', { name: 'New person' }).click();
    const dialog = page.getByRole('dialog', { name: 'New person' });
    await dialog.getByLabel('Employee number').fill(taken);
    await dialog.getByLabel('First name').fill('Zoë');
    await dialog.getByLabel('Last name').fill('Öztürk');
    await dialog.getByLabel('Email (optional)').fill('zoe.oeztuerk@example.com');
    await dialog.getByRole('combobox', { name: 'Branch' }).click();
    await page.getByRole('option', { name: manager.branchName, exact: true }).click();
    await dialog.getByRole('combobox', { name: 'Job roles' }).click();
    await page.getByRole('option', { name: 'Forklift driver' }).click();
    await page.getByRole('option', { name: 'First aider' }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('combobox', { name: 'Manager (optional)' }).fill(manager.employeeNumber);
    await page
      .getByRole('option', { name: new RegExp(`^${manager.givenName} ${manager.familyName}`) })
      .click();
    expect(await dialog.getByRole('combobox', { name: 'Manager (optional)' }).inputValue()).toBe(
      `${manager.givenName} ${manager.familyName} (${manager.employeeNumber})`,
    );
    await dialog.getByLabel('Hire date').fill('2024-03-01');
    await dialog.getByRole('button', { name: 'Add person' }).click();

    const message = dialog.getByText('Another person already has this employee number.');
    await message.waitFor();
    const describedBy = (await dialog.getByLabel('Employee number').getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain(await message.getAttribute('id'));

    await dialog.getByLabel('Employee number').fill('777001');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Zoë Öztürk', level: 1 }).waitFor();
    await page.getByText('Zoë Öztürk added').waitFor();
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByRole('link', { name: `${manager.givenName} ${manager.familyName}` }).waitFor();

    const created = await apiGet<StaffDetail>(brevet, `/api/v1/staff/${personId()}`);
    expect(created).toMatchObject({
      employeeNumber: '777001',
      givenName: 'Zoë',
      familyName: 'Öztürk',
      email: 'zoe.oeztuerk@example.com',
      branchName: manager.branchName,
      hireDate: '2024-03-01',
      manager: { id: manager.id },
    });
    expect(created.jobRoles.map((r) => r.code).sort()).toEqual(['FIRST-AIDER', 'FORKLIFT']);
  });

  it('tells the user to reload when someone else changed the person meanwhile', async () => {
    await page.locator('td.name a').nth(3).click();
    await page.waitForURL(/\/staff\/[0-9a-f-]{36}$/);
    const person = await apiGet<StaffDetail>(brevet, `/api/v1/staff/${personId()}`);
    await page.getByRole('heading', { name: `${person.givenName} ${person.familyName}`, level: 1 }).waitFor();

    // Someone else saves a change after the page was loaded.
    await apiSend(brevet, 'PATCH', `/api/v1/staff/${person.id}`, { email: 'changed.elsewhere@example.com' });

    await page.getByRole('button', { name: 'Edit details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit details' });
    await dialog.getByLabel('First name').fill(`${person.givenName}-Marie`);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog
      .getByText('Someone else changed this person while you were editing.', { exact: false })
      .waitFor();
    await dialog.getByRole('button', { name: 'Reload' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'changed.elsewhere@example.com' }).waitFor();

    // With the fresh version the same edit goes through.
    await page.getByRole('button', { name: 'Edit details' }).click();
    const again = page.getByRole('dialog', { name: 'Edit details' });
    await again.getByLabel('First name').fill(`${person.givenName}-Marie`);
    await again.getByRole('button', { name: 'Save changes' }).click();
    await again.waitFor({ state: 'detached' });
    await page
      .getByRole('heading', { name: `${person.givenName}-Marie ${person.familyName}`, level: 1 })
      .waitFor();
    const saved = await apiGet<StaffDetail>(brevet, `/api/v1/staff/${person.id}`);
    expect(saved).toMatchObject({ givenName: `${person.givenName}-Marie`, version: person.version + 2 });
  });
});
