import type { JobRole, OrgTreeNode, StaffPage } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser, Page } from 'playwright-core';
import {
  NO_SIDEWAYS_SCROLL,
  PHONE,
  apiGet,
  launchChromium,
  listLoaded,
  openApp,
  screenshot,
  sidewaysScroll,
  stopBrevet,
  type AppPage,
  startDemoBrevet,
} from './support/e2e';

describe('organisation', () => {
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
    expect(errors ?? []).toEqual([]); // the phone test checks and closes its pages itself
  });

  async function open(path: string, options: { viewport?: typeof PHONE } = {}): Promise<Page> {
    app = await openApp(browser, brevet, { path, ...options });
    page = app.page;
    await listLoaded(page);
    return page;
  }

  async function findNode(name: string): Promise<OrgTreeNode> {
    const find = (nodes: OrgTreeNode[]): OrgTreeNode | undefined =>
      nodes.find((n) => n.name === name) ?? find(nodes.flatMap((n) => n.children));
    const node = find(await apiGet<OrgTreeNode[]>(brevet, '/api/v1/organisation/tree'));
    if (!node) throw new Error(`no region ${name}`);
    return node;
  }

  it('shows the demo regions with rolled-up counts, and a branch link opens its staff', async () => {
    await open('/organisation');
    await page.getByRole('heading', { name: 'Organisation', level: 1 }).waitFor();
    const tree = page.getByRole('list', { name: 'Regions and branches' });
    for (const region of ['Europe', 'Germany North', 'Germany South', 'Austria & Switzerland', 'Poland']) {
      await tree.getByRole('link', { name: new RegExp(`^${region} `) }).waitFor();
    }
    const europe = await findNode('Europe');
    await tree.getByRole('link', { name: `Europe EU 12 branches · ${europe.staffCount} people` }).waitFor();
    await tree.getByRole('link', { name: /^Germany North DE-NORTH 3 branches/ }).waitFor();
    expect(await page.getByRole('list', { name: 'Summary' }).innerText()).toMatch(
      new RegExp(`5\\s+regions\\s+12\\s+active branches\\s+${europe.staffCount}\\s+people employed`),
    );
    await screenshot(page, 'organisation-en.png');

    // Regions fold away with their disclosure button.
    const toggle = tree.getByRole('button', { name: 'Show or hide what is in Germany North' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.click();
    await tree.getByRole('link', { name: /^Bremen GVZ/ }).waitFor({ state: 'detached' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();

    const hamburg = (await findNode('Germany North')).branches.find((b) => b.code === 'DE-HAM-01')!;
    await tree.getByRole('link', { name: /^Hamburg Hafen DE-HAM-01/ }).click();
    await page.waitForURL(`**/staff?branchId=${hamburg.id}`);
    await listLoaded(page);
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Branch' }).textContent()).toContain('Hamburg Hafen');
    const expected = await apiGet<StaffPage>(brevet, `/api/v1/staff?branchId=${hamburg.id}`);
    await page.getByText(`${expected.total} people`).waitFor();
    const branchCells = await page.locator('td.branch').allTextContents();
    expect(branchCells).toHaveLength(expected.total);
    expect(new Set(branchCells.map((cell) => cell.trim()))).toEqual(new Set(['Hamburg Hafen DE-HAM-01']));
  });

  it('opens the staff list filtered by region from a region link', async () => {
    await open('/organisation');
    const poland = await findNode('Poland');
    await page.getByRole('link', { name: /^Poland PL/ }).click();
    await page.waitForURL(`**/staff?regionId=${poland.id}`);
    await listLoaded(page);
    expect(await page.getByRole('combobox', { name: 'Region' }).textContent()).toContain('Poland');
    const branches = new Set((await page.locator('td.branch').allTextContents()).map((c) => c.trim()));
    expect(branches).toEqual(new Set(['Poznań Franowo PL-POZ-01', 'Warszawa Okęcie PL-WAW-01']));
  });

  it('creates a region under another, refuses a duplicate code, renames and moves it', async () => {
    await open('/organisation');
    await page.getByRole('button', { name: 'New region' }).click();
    let dialog = page.getByRole('dialog', { name: 'New region' });
    await dialog.getByLabel('Code').fill('de-west');
    await dialog.getByLabel('Name').fill('Germany West');
    await dialog.getByRole('combobox', { name: 'Belongs to' }).click();
    await page.getByRole('option', { name: 'Europe', exact: true }).click();
    await dialog.getByRole('button', { name: 'Create region' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Region “Germany West” created').waitFor();
    await page.getByRole('link', { name: /^Germany West DE-WEST 0 branches · 0 people/ }).waitFor();
    expect((await findNode('Europe')).children.map((c) => c.name)).toContain('Germany West');

    await page.getByRole('button', { name: 'New region' }).click();
    dialog = page.getByRole('dialog', { name: 'New region' });
    await dialog.getByLabel('Code').fill('DE-WEST');
    await dialog.getByLabel('Name').fill('Germany West again');
    await dialog.getByRole('button', { name: 'Create region' }).click();
    await dialog.getByText('This code is already used by another region.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Actions for Germany West' }).click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    dialog = page.getByRole('dialog', { name: 'Rename region' });
    await dialog.getByLabel('Name').fill('Germany West & Rhine');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: /^Germany West & Rhine DE-WEST/ }).waitFor();

    // Moving: the region itself cannot be chosen as its own parent.
    await page.getByRole('button', { name: 'Actions for Germany West & Rhine' }).click();
    await page.getByRole('menuitem', { name: 'Move' }).click();
    dialog = page.getByRole('dialog', { name: 'Move region' });
    await dialog.getByRole('combobox', { name: 'Belongs to' }).click();
    expect(
      await page.getByRole('option', { name: 'Germany West & Rhine' }).getAttribute('aria-disabled'),
    ).toBe('true');
    await page.getByRole('option', { name: 'Germany North' }).click();
    await dialog.getByRole('button', { name: 'Move' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Region “Germany West & Rhine” moved').waitFor();
    expect((await findNode('Germany North')).children.map((c) => c.name)).toEqual(['Germany West & Rhine']);
  });

  it('creates, renames and archives a job role with names in both languages', async () => {
    await open('/organisation/job-roles');
    await page.getByRole('cell', { name: 'Forklift driver', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Staplerfahrer/in', exact: true }).waitFor();

    await page.getByRole('button', { name: 'New job role' }).click();
    let dialog = page.getByRole('dialog', { name: 'New job role' });
    await dialog.getByLabel('Code').fill('crane');
    await dialog.getByLabel('Name in English').fill('Crane operator');
    await dialog.getByLabel('Name in German').fill('Kranführer/in');
    await dialog.getByRole('button', { name: 'Create job role' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Kranführer/in', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Rename Crane operator' }).click();
    dialog = page.getByRole('dialog', { name: 'Rename job role' });
    await dialog.getByLabel('Name in English').fill('Crane driver');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'Crane driver', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Archive Crane driver' }).click();
    await page
      .getByRole('alertdialog', { name: 'Archive job role?' })
      .getByRole('button', { name: 'Archive' })
      .click();
    await page.getByText('Job role “Crane driver” archived').waitFor();
    await page.getByRole('cell', { name: 'Crane driver', exact: true }).waitFor({ state: 'detached' });
    const roles = await apiGet<JobRole[]>(brevet, '/api/v1/job-roles');
    expect(roles.find((r) => r.code === 'CRANE')).toMatchObject({
      names: { en: 'Crane driver', de: 'Kranführer/in' },
      status: 'archived',
    });
  });

  it('fits a phone screen on the new pages without horizontal scrolling', async () => {
    for (const path of ['/organisation', '/organisation/job-roles', '/staff', '/import']) {
      await open(path, { viewport: PHONE });
      const overflow = await sidewaysScroll(page);
      expect({ path, overflow }).toEqual({ path, overflow: NO_SIDEWAYS_SCROLL });
      const errors = app?.errors;
      await app?.context.close();
      app = undefined;
      expect(errors).toEqual([]);
    }
  });
});
