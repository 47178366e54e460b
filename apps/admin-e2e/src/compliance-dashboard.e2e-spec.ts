import type {
  AttemptStart,
  ComplianceAreaRow,
  ComplianceAreas,
  ComplianceImpact,
  ComplianceRequirementPage,
  ComplianceRule,
  ComplianceRulePage,
  ComplianceSummary,
  CourseDetail,
  CoursePage,
  CredentialPage,
  Me,
  TrainingReport,
} from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser, Page } from 'playwright-core';
import {
  NO_SIDEWAYS_SCROLL,
  PHONE,
  SESSION_COOKIE,
  adminSession,
  apiFetch,
  apiGet,
  launchChromium,
  localToday,
  openApp,
  screenshot,
  sidewaysScroll,
  stopBrevet,
  type AppPage,
  type Session,
  startDemoBrevet,
} from './support/e2e';
import { expectNoSeriousViolations } from './support/axe';

/** A rate as the dashboard prints it: rounded down, in the page's language. */
function shownRate(rate: number, digits = 0): string {
  const factor = 10 ** digits;
  const floored = Math.floor(rate * 100 * factor + 1e-9) / factor;
  return new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: digits }).format(
    floored / 100,
  );
}

/** The heat map's default order: lowest rate first, nothing due last, then by name. */
function worstFirst(rows: ComplianceAreaRow[]): string[] {
  return [...rows]
    .sort((a, b) => {
      const ra = a.totals.rate;
      const rb = b.totals.rate;
      if (ra === null || rb === null)
        return ra === rb ? a.name.localeCompare(b.name, 'en') : ra === null ? 1 : -1;
      return ra - rb || a.name.localeCompare(b.name, 'en');
    })
    .map((r) => r.name);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const query = (params: Record<string, string | null | undefined>) =>
  new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string'),
  ).toString();

/**
 * The compliance dashboard and the requirement rules on the demo company: the HR admin reads the figures and the
 * heat map and follows a cell to the people behind it, creates a rule after seeing its impact, and a branch
 * manager sees only their own branch.
 */
describe('compliance dashboard and requirement rules', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  let app: AppPage | undefined;

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

  /** Waits until the heat map has drawn its rows. */
  async function heatmapReady(page: Page): Promise<void> {
    await page.locator('bv-heatmap .body a.name').first().waitFor();
  }

  async function shownRows(page: Page): Promise<string[]> {
    return (await page.locator('bv-heatmap .body a.name .label').allTextContents()).map((t) => t.trim());
  }

  it('lands the HR admin on the dashboard with the demo figures, and a cell leads to the people behind it', async () => {
    app = await openApp(browser, brevet, { path: '/' });
    const { page } = app;
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await page.getByRole('heading', { name: 'Compliance', level: 1 }).waitFor();

    // The company's only top region opens by itself: the heat map shows its regions.
    const top = await apiGet<ComplianceAreas>(brevet, '/api/v1/compliance/areas');
    expect(top.rows).toHaveLength(1);
    const europe = top.rows[0];
    await page.waitForURL((url) => url.searchParams.get('regionId') === europe.id);
    const summary = await apiGet<ComplianceSummary>(
      brevet,
      `/api/v1/compliance/summary?regionId=${europe.id}`,
    );
    expect(summary.totals.rate).not.toBeNull();
    const figures = page.getByRole('region', { name: 'Key figures' });
    await figures
      .getByRole('link', { name: new RegExp(`^Compliance rate ${shownRate(summary.totals.rate ?? 0, 1)}`) })
      .waitFor();
    const overdue = summary.totals.expired + summary.totals.missingOverdue;
    expect(overdue).toBeGreaterThan(0);
    await figures
      .getByRole('link', { name: new RegExp(`^Overdue ${overdue.toLocaleString('en')} `) })
      .waitFor();
    const expiring = await apiGet<ComplianceRequirementPage>(
      brevet,
      `/api/v1/compliance/expiring?withinDays=30&regionId=${europe.id}&pageSize=1`,
    );
    await figures
      .getByRole('link', {
        name: new RegExp(`^Expiring within 30 days ${expiring.total.toLocaleString('en')} `),
      })
      .waitFor();

    const pending = await apiGet<{ total: number }>(brevet, '/api/v1/evidence?status=pending&pageSize=1');
    await figures
      .getByRole('link', { name: new RegExp(`^Pending approvals ${pending.total.toLocaleString('en')} `) })
      .waitFor();

    const level = await apiGet<ComplianceAreas>(brevet, `/api/v1/compliance/areas?regionId=${europe.id}`);
    expect(level.rows.length).toBeGreaterThan(1);
    await heatmapReady(page);
    expect(await shownRows(page)).toEqual(worstFirst(level.rows));
    const columnTitles = await page.locator('bv-heatmap .head .col-title').allTextContents();
    expect(columnTitles.slice(1)).toEqual(level.columns.map((c) => c.title.en));
    // Each cell prints its number as well as its colour.
    const first = level.rows.find((r) => r.name === worstFirst(level.rows)[0]);
    await page
      .locator('bv-heatmap .body .row')
      .first()
      .locator('a.overall')
      .filter({ hasText: shownRate(first?.totals.rate ?? 0) })
      .waitFor();
    await page.getByRole('heading', { name: 'Compliance over time', level: 2 }).waitFor();
    await screenshot(page, 'dashboard-en.png');

    // Sorting by name puts the rows in alphabetical order, and the URL keeps it.
    await page.getByRole('button', { name: 'Sort by Region or branch' }).click();
    await page.waitForURL(/[?&]sort=name/);
    expect(await shownRows(page)).toEqual(
      level.rows.map((r) => r.name).sort((a, b) => a.localeCompare(b, 'en')),
    );

    // A cell: the rate of one region and one certificate, and the people behind it.
    const row = page.locator('bv-heatmap .body .row').first();
    const cell = row.locator('a.cell:not(.overall)').first();
    const href = (await cell.getAttribute('href')) ?? '';
    await cell.click();
    await page.waitForURL((url) => url.pathname === '/dashboard/people');
    const params = new URL(page.url()).searchParams;
    expect(href).toContain(`definitionId=${params.get('definitionId') ?? 'missing'}`);
    const people = await apiGet<ComplianceRequirementPage>(
      brevet,
      `/api/v1/compliance/requirements?${query({
        regionId: params.get('regionId'),
        branchId: params.get('branchId'),
        definitionId: params.get('definitionId'),
      })}`,
    );
    expect(people.total).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'People behind the figures', level: 1 }).waitFor();
    await page.getByText(`${people.total} ${people.total === 1 ? 'requirement' : 'requirements'}`).waitFor();
    await page.locator('td.name').first().waitFor();
    const names = (await page.locator('td.name .person').allTextContents()).map((n) => n.trim());
    expect(names).toEqual(people.items.map((r) => `${r.staff.familyName}, ${r.staff.givenName}`));
    // Status chips show each person's status in words, and narrow the list.
    const statuses = (await page.locator('td.status').allTextContents()).map((s) => s.trim());
    expect(statuses[0]).toMatch(/^(Overdue|Expired|In grace period|Expiring|Compliant|Exempt)$/);
    await page.getByRole('option', { name: 'Overdue' }).click();
    await page.waitForURL(/[?&]status=missing_overdue/);
    const overdueHere = await apiGet<ComplianceRequirementPage>(
      brevet,
      `/api/v1/compliance/requirements?${query({
        regionId: params.get('regionId'),
        branchId: params.get('branchId'),
        definitionId: params.get('definitionId'),
        status: 'missing_overdue',
      })}`,
    );
    await page
      .getByText(`${overdueHere.total} ${overdueHere.total === 1 ? 'requirement' : 'requirements'}`)
      .waitFor();
    await screenshot(page, 'dashboard-people-en.png');
  });

  it('drills into a region, shows the table alternative, and works on a phone', async () => {
    const top = await apiGet<ComplianceAreas>(brevet, '/api/v1/compliance/areas');
    const level = await apiGet<ComplianceAreas>(
      brevet,
      `/api/v1/compliance/areas?regionId=${top.rows[0].id}`,
    );
    const region = level.rows.find((r) => r.kind === 'region' && r.branches > 1);
    if (!region) throw new Error('the demo has no region with several branches');
    app = await openApp(browser, brevet, { path: `/dashboard?regionId=${top.rows[0].id}`, viewport: PHONE });
    const { page } = app;
    await heatmapReady(page);
    await page
      .getByRole('link', { name: `Open ${region.name}` })
      .first()
      .click();
    await page.waitForURL((url) => url.searchParams.get('regionId') === region.id);
    const branches = await apiGet<ComplianceAreas>(brevet, `/api/v1/compliance/areas?regionId=${region.id}`);
    await page
      .locator('bv-heatmap .body a.name')
      .nth(branches.rows.length - 1)
      .waitFor();
    expect(await shownRows(page)).toEqual(worstFirst(branches.rows));
    await page
      .getByRole('navigation', { name: 'Organisation level' })
      .getByText(region.name, { exact: true })
      .waitFor();
    expect(await sidewaysScroll(page)).toEqual(NO_SIDEWAYS_SCROLL);
    await screenshot(page, 'dashboard-phone.png');

    await page.getByRole('radio', { name: 'Table' }).click();
    await page.waitForURL(/[?&]view=table/);
    const table = page.getByRole('table', { name: new RegExp(`^Compliance rate in ${region.name}`) });
    await table.waitFor();
    const headers = await table.getByRole('rowheader').allTextContents();
    expect(headers).toEqual(worstFirst(branches.rows).map((name) => expect.stringContaining(name)));
  });

  it('speaks German', async () => {
    app = await openApp(browser, brevet, { path: '/dashboard', locale: 'de-DE' });
    const { page } = app;
    await page.getByRole('heading', { name: 'Erfüllung nach Standort und Nachweis' }).waitFor();
    await page
      .getByRole('region', { name: 'Kennzahlen' })
      .getByRole('link', { name: /^Erfüllungsquote/ })
      .waitFor();
    await heatmapReady(page);
    await page
      .getByRole('region', { name: 'Standorte' })
      .getByRole('button', { name: /ein- oder ausblenden$/ })
      .first()
      .waitFor();
    await screenshot(page, 'dashboard-de.png');
  });

  it('creates a rule after showing what it would do, and deletes it after saying what that does', async () => {
    const credentials = await apiGet<CredentialPage>(brevet, '/api/v1/credentials?q=FIRST-AID');
    const firstAid = credentials.items.find((c) => c.code === 'FIRST-AID');
    if (!firstAid) throw new Error('no FIRST-AID credential in the demo');
    const today = localToday();
    const body = {
      definitionId: firstAid.id,
      jobRoleId: null,
      area: 'company',
      regionId: null,
      branchId: null,
      dueDays: 45,
      warningDays: 60,
      effectiveFrom: today,
      note: null,
    };
    const expected = (await (
      await apiFetch(brevet, '/api/v1/compliance/rules/impact', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rule: body }),
      })
    ).json()) as ComplianceImpact;
    // Everyone must now have first aid: people without it get a grace period, first aiders already have it.
    expect(expected.becomeNonCompliant.people).toBeGreaterThan(0);
    expect(expected.alreadyCovered).toBeGreaterThan(0);

    app = await openApp(browser, brevet, { path: '/rules' });
    const { page } = app;
    await page.getByRole('heading', { name: 'Requirement rules', level: 1 }).waitFor();
    const before = await apiGet<ComplianceRulePage>(brevet, '/api/v1/compliance/rules');
    await page.getByText(`${before.total} rules`).waitFor();
    await page.getByRole('link', { name: 'New rule' }).click();
    await page.waitForURL((url) => url.pathname === '/rules/new');
    await page.getByRole('heading', { name: 'New requirement rule', level: 1 }).waitFor();
    const save = page.getByRole('button', { name: 'Create rule' });
    await page.getByText('Fill in the certificate, who and where to see the effect.').waitFor();
    expect(await save.isDisabled()).toBe(true);

    await page.getByRole('combobox', { name: 'Certificate' }).fill('First aid');
    await page
      .getByRole('option', { name: new RegExp(`${escapeRegExp(firstAid.title.en)}.*FIRST-AID`) })
      .click();
    await page.getByRole('spinbutton', { name: 'Time for new joiners' }).fill('45');
    await page.getByLabel('Applies from').fill(today);

    // The preview, in the engine's own numbers, before anything is saved.
    const preview = page.getByRole('complementary', { name: 'What saving would do' });
    const people = expected.becomeNonCompliant.people;
    const branches = expected.becomeNonCompliant.branches;
    await preview
      .getByText(
        `${people.toLocaleString('en')} ${people === 1 ? 'person' : 'people'} in ${branches} ${
          branches === 1 ? 'branch' : 'branches'
        } will become non-compliant.`,
      )
      .waitFor();
    await preview
      .getByText(
        `${expected.alreadyCovered.toLocaleString('en')} ${expected.alreadyCovered === 1 ? 'person is' : 'people are'} already covered.`,
      )
      .waitFor();
    expect((await apiGet<ComplianceRulePage>(brevet, '/api/v1/compliance/rules')).total).toBe(before.total);
    await page.getByLabel('Applies from').blur();
    await screenshot(page, 'rule-editor-en.png');

    await save.click();
    await page.waitForURL((url) => url.pathname === '/rules');
    await page.getByText(`Rule for ${firstAid.title.en} created`).waitFor();
    const after = await apiGet<ComplianceRulePage>(
      brevet,
      `/api/v1/compliance/rules?definitionId=${firstAid.id}`,
    );
    const created = after.items.find((r) => r.area === 'company' && r.jobRole === null) as ComplianceRule;
    expect(created).toMatchObject({ dueDays: 45, warningDays: 60, effectiveFrom: today });
    await page.getByText(`${before.total + 1} rules`).waitFor();
    await screenshot(page, 'rules-en.png');

    // Deleting asks first, with what the removal does.
    const removal = (await (
      await apiFetch(brevet, '/api/v1/compliance/rules/impact', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ruleId: created.id, remove: true }),
      })
    ).json()) as ComplianceImpact;
    expect(removal.noLongerRequired).toBeGreaterThan(0);
    await page.goto(`/rules/${created.id}`);
    await page.getByRole('heading', { name: 'Edit requirement rule', level: 1 }).waitFor();
    await page.getByText('Nothing changed yet.').waitFor();
    await page.getByRole('button', { name: 'Delete rule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this rule?' });
    await dialog
      .getByText(`${removal.noLongerRequired.toLocaleString('en')} people will no longer need it.`)
      .waitFor();
    await dialog.getByRole('button', { name: 'Delete rule' }).click();
    await page.waitForURL((url) => url.pathname === '/rules');
    await page.getByText('Rule deleted').waitFor();
    expect((await apiFetch(brevet, `/api/v1/compliance/rules/${created.id}`)).status).toBe(404);
  });

  it('grants an exemption to someone overdue, and withdraws it', async () => {
    const overdue = await apiGet<ComplianceRequirementPage>(
      brevet,
      '/api/v1/compliance/requirements?status=missing_overdue&pageSize=1',
    );
    const requirement = overdue.items[0];
    const name = `${requirement.staff.givenName} ${requirement.staff.familyName}`;
    const until = localToday(30);
    app = await openApp(browser, brevet, { path: '/rules/exemptions' });
    const { page } = app;
    await page.getByRole('heading', { name: 'Exemptions', level: 1 }).waitFor();
    await page.locator('section[aria-busy="false"]').waitFor();
    await page.getByRole('button', { name: 'New exemption' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New exemption' });
    await dialog.getByRole('combobox', { name: 'Person' }).fill(requirement.staff.employeeNumber);
    await page
      .getByRole('option', { name: new RegExp(escapeRegExp(requirement.staff.employeeNumber)) })
      .click();
    await dialog.getByRole('combobox', { name: 'Certificate' }).fill(requirement.credential.code);
    await page.getByRole('option', { name: new RegExp(escapeRegExp(requirement.credential.code)) }).click();
    await dialog.getByLabel('Reason').fill('On long-term sick leave; course booked after the return.');
    await dialog.getByLabel('Exempt until').fill(until);
    await dialog.getByRole('button', { name: 'Grant exemption' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`${name} is exempt`).waitFor();
    const row = page.getByRole('row').filter({ hasText: requirement.staff.employeeNumber });
    await row.getByText('On long-term sick leave; course booked after the return.').waitFor();
    const now = await apiGet<ComplianceRequirementPage>(
      brevet,
      `/api/v1/compliance/requirements?staffId=${requirement.staff.id}&definitionId=${requirement.credential.id}`,
    );
    expect(now.items[0]).toMatchObject({ status: 'exempt', exemption: { until } });

    await row.getByRole('button', { name: `Actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Withdraw' }).click();
    const confirm = page.getByRole('dialog', { name: 'Withdraw this exemption?' });
    await confirm.getByText(`${name} must hold`).waitFor();
    await confirm.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByText(`Exemption for ${name} withdrawn`).waitFor();
    const after = await apiGet<ComplianceRequirementPage>(
      brevet,
      `/api/v1/compliance/requirements?staffId=${requirement.staff.id}&definitionId=${requirement.credential.id}`,
    );
    expect(after.items[0].status).toBe('missing_overdue');
  });

  it('shows completion and pass rates per course in the training panel, and links to the training report', async () => {
    // The demo employee passes the fire safety course through the API (signed in with the demo sign-in).
    const admin = await adminSession(brevet);
    const list = await apiGet<CoursePage>(brevet, '/api/v1/courses?q=FIRE-BASICS', admin);
    const course = await apiGet<CourseDetail>(brevet, `/api/v1/courses/${list.items[0].id}`, admin);
    const employeeApp = await openApp(browser, brevet, { session: null, host: 'localhost', path: '/login' });
    await employeeApp.context.addInitScript(() => localStorage.setItem('brevet.language', 'en'));
    await employeeApp.page.reload();
    await employeeApp.page.getByRole('link', { name: 'Try the demo sign-in' }).click();
    await employeeApp.page.getByRole('button', { name: /Employee ·/ }).click();
    await employeeApp.page.waitForURL(
      (url) => url.pathname !== '/login' && !url.pathname.startsWith('/auth/'),
    );
    const token = (await employeeApp.context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
    await employeeApp.context.close();
    if (!token) throw new Error('no session after the demo sign-in');
    const employee: Session = { token };
    const send = async <T>(method: 'PUT' | 'POST', route: string, body?: unknown): Promise<T> => {
      const response = await apiFetch(
        brevet,
        route,
        { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) },
        employee,
      );
      if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}`);
      return (await response.json()) as T;
    };
    const base = `/api/v1/me/courses/${course.id}`;
    for (const lesson of course.content.lessons)
      await send('PUT', `${base}/progress`, { currentLessonId: lesson.id, completedLessonId: lesson.id });
    const attempt = await send<AttemptStart>('POST', `${base}/attempts`);
    const right = new Map(
      course.content.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]),
    );
    await send('POST', `${base}/attempts/${attempt.attemptId}/submit`, {
      answers: Object.fromEntries(attempt.questions.map((q) => [q.id, right.get(q.id) ?? []])),
    });

    app = await openApp(browser, brevet, { path: '/dashboard' });
    const { page } = app;
    const panel = page.getByRole('region', { name: 'Training' });
    const courses = panel.getByRole('table', { name: 'Completion and pass rate per course' });
    const row = courses.getByRole('row', { name: /Fire safety basics/ });
    await row.waitFor();

    // The link carries the panel's range; the figures are the report's for that range.
    const link = panel.getByRole('link', { name: 'Open the training report' });
    const href = new URL((await link.getAttribute('href')) ?? '', brevet.url);
    const from = href.searchParams.get('from') ?? '';
    const to = href.searchParams.get('to') ?? '';
    expect(from).toMatch(/^\d{4}-\d{2}-01$/);
    const report = await apiGet<TrainingReport>(
      brevet,
      `/api/v1/training/report?from=${from}&to=${to}&lang=en`,
    );
    const fire = report.courses.find((c) => c.courseId === course.id);
    if (!fire) throw new Error('the fire safety course is not in the report');
    expect(fire.attempts).toBeGreaterThan(0);
    const percent = (rate: number | null) =>
      rate === null
        ? '–'
        : new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
    const cells = (await row.getByRole('cell').allTextContents()).map((c) => c.trim());
    expect(cells[0]).toContain(percent(fire.completionRate));
    expect(cells[0]).toContain(`${fire.learnersPassed} of ${fire.learnersStarted}`);
    expect(cells[1]).toContain(percent(fire.passRate));
    expect(cells[1]).toContain(`${fire.passedAttempts} of ${fire.attempts}`);

    // The trend: one row per month of the range, each with its pass rate in words as well as a bar.
    const trend = panel.getByRole('table', { name: 'Pass rate by month' });
    expect(await trend.locator('tbody tr').count()).toBe(report.months.length);
    expect(report.months).toHaveLength(6);
    const last = report.months[report.months.length - 1];
    await trend
      .locator('tbody tr')
      .last()
      .getByText(percent(last.attempts === 0 ? null : last.passedAttempts / last.attempts))
      .waitFor();
    await expectNoSeriousViolations(page, '/dashboard (training panel)');
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-training-panel.png');

    await link.click();
    await page.waitForURL((url) => url.pathname === '/training' && url.searchParams.get('from') === from);
    expect(new URL(page.url()).searchParams.get('to')).toBe(to);
    await page.getByRole('heading', { name: 'Training', level: 1 }).waitFor();
    await page
      .getByRole('cell', { name: /Fire safety basics/ })
      .first()
      .waitFor();
  });

  it('shows a branch manager only their own branch', async () => {
    app = await openApp(browser, brevet, { session: null, host: 'localhost', path: '/login' });
    const { page } = app;
    await app.context.addInitScript(() => localStorage.setItem('brevet.language', 'en'));
    await page.getByRole('link', { name: 'Try the demo sign-in' }).click();
    await page.getByRole('button', { name: /Branch manager ·/ }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
    const token = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
    if (!token) throw new Error('no session after the demo sign-in');
    const session: Session = { token };
    const me = await apiGet<Me>(brevet, '/api/v1/auth/me', session);
    if (me.scope.all) throw new Error('a branch manager must not see every branch');
    expect(me.scope.branchIds).toHaveLength(1);
    const branchId = me.scope.branchIds[0];

    // The regions above the branch open by themselves, down to the branch.
    await page.locator('bv-heatmap .body .row:not(.region) a.name').waitFor();
    const regionId = new URL(page.url()).searchParams.get('regionId') ?? '';
    const level = await apiGet<ComplianceAreas>(
      brevet,
      `/api/v1/compliance/areas?regionId=${regionId}`,
      session,
    );
    expect(level.rows.map((r) => [r.kind, r.id])).toEqual([['branch', branchId]]);
    expect(await shownRows(page)).toEqual([level.rows[0].name]);
    // The sites tree holds the same single branch.
    const tree = page.getByRole('region', { name: 'Sites' });
    await tree.getByRole('link', { name: new RegExp(level.rows[0].name) }).waitFor();
    expect(await tree.locator('mat-icon.kind').count()).toBe(1);
    await screenshot(page, 'dashboard-branch-manager.png');

    // The people behind the overdue figure are all from their branch.
    await page
      .getByRole('region', { name: 'Key figures' })
      .getByRole('link', { name: /^Overdue/ })
      .click();
    await page.waitForURL((url) => url.pathname === '/dashboard/people');
    await page.locator('td.name').first().waitFor();
    const shown = await apiGet<ComplianceRequirementPage>(
      brevet,
      `/api/v1/compliance/requirements?status=missing_overdue,expired&pageSize=100`,
      session,
    );
    expect(shown.total).toBeGreaterThan(0);
    expect(new Set(shown.items.map((r) => r.branch.id))).toEqual(new Set([branchId]));
    const branchCells = (await page.locator('td.mat-column-branch').allTextContents()).map((t) => t.trim());
    expect(new Set(branchCells.map((t) => t.split(/\s+/).slice(0, -1).join(' ')))).toEqual(
      new Set([level.rows[0].name]),
    );
    // Another branch's people are simply not there.
    const everyone = await apiGet<ComplianceAreas>(brevet, '/api/v1/compliance/areas');
    const foreign = (
      await apiGet<ComplianceAreas>(brevet, `/api/v1/compliance/areas?regionId=${everyone.rows[0].id}`)
    ).rows.find((r) => r.kind === 'region' && r.id !== regionId);
    if (!foreign) throw new Error('the demo has only one region');
    const elsewhere = await apiGet<ComplianceAreas>(
      brevet,
      `/api/v1/compliance/areas?regionId=${foreign.id}`,
      session,
    );
    expect(elsewhere.rows).toEqual([]);
  });
});
