import type {
  Award,
  AwardPage,
  CredentialDetail,
  CredentialPage,
  Me,
  MyCredentials,
  StaffDetail,
  StaffPage,
} from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  DESKTOP,
  NO_SIDEWAYS_SCROLL,
  PHONE,
  SESSION_COOKIE,
  apiFetch,
  apiGet,
  launchChromium,
  listLoaded,
  localToday,
  openApp,
  screenshot,
  shownDay,
  sidewaysScroll,
  stopBrevet,
  type AppPage,
  type Session,
  startDemoBrevet,
} from './support/e2e';

/**
 * The catalogue and awards in the admin UI, end to end: the HR admin describes a certificate with every EU
 * element and a badge, publishes it, edits it (which makes version 2), awards it to an employee, who sees it on
 * their own page; the public verification page says "valid", and after the award is withdrawn, "revoked".
 * Then many at once: a roster picked in the UI and a CSV file whose bad row is reported by its number.
 * The tests build on each other, in order, on one server.
 */
describe('catalogue and awards', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  let app: AppPage | undefined;

  const code = 'E2E-LADDER';
  const title = { en: 'Safe use of ladders', de: 'Sicherer Umgang mit Leitern' };
  const completedOn = localToday(-1);
  let badge: Buffer;
  let definitionId: string;
  let employee: { session: Session; person: StaffDetail };
  let awardId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    brevet = await startDemoBrevet();
    // A real PNG for the badge upload: one of the demo catalogue's badges.
    const demo = await apiGet<CredentialPage>(brevet, '/api/v1/credentials?status=published&pageSize=100');
    const withBadge = demo.items.find((c) => c.hasBadge);
    if (!withBadge) throw new Error('the demo catalogue has no badge');
    badge = Buffer.from(
      await (await apiFetch(brevet, `/api/v1/credentials/${withBadge.id}/badge`)).arrayBuffer(),
    );
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

  /** Waits for a snack-bar message and closes it, so that it cannot cover the next click. */
  async function toast(page: Page, text: string | RegExp): Promise<void> {
    const bar = page.locator('mat-snack-bar-container').filter({ hasText: text });
    await bar.waitFor();
    await bar.getByRole('button').click();
    await bar.waitFor({ state: 'detached' });
  }

  /** Picks an option of a select with the keyboard (the editor's sticky footer can cover a field near it). */
  async function choose(page: Page, combobox: string, option: string): Promise<void> {
    const select = page.getByRole('combobox', { name: combobox, exact: true });
    await select.focus();
    await select.press('Enter');
    await page.getByRole('option', { name: option, exact: true }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
  }

  it('creates a certificate with every EU element, both languages and a badge, and publishes it', async () => {
    app = await openApp(browser, brevet, { path: '/catalogue' });
    const { page } = app;
    await listLoaded(page);
    const demo = await apiGet<CredentialPage>(brevet, '/api/v1/credentials');
    await page.getByText(`${demo.total} certificates`).waitFor();
    await page.locator('td.title-cell').first().waitFor();
    // Every badge loads (the list asks for one image per row).
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('img.thumb')).every((img) => (img as HTMLImageElement).complete),
    );
    const broken = await page.$$eval('img.thumb', (images) =>
      images
        .filter((img) => (img as HTMLImageElement).naturalWidth === 0)
        .map((img) => img.getAttribute('src')),
    );
    expect(broken).toEqual([]);
    await screenshot(page, 'catalogue-en.png');

    await page.getByRole('link', { name: 'New certificate' }).first().click();
    await page.getByRole('heading', { name: 'New certificate', level: 1 }).waitFor();
    await page.getByLabel('Code', { exact: true }).fill(code.toLowerCase());
    await choose(page, 'Category', 'Occupational safety');
    await page.getByLabel('Title (English)').fill(title.en);
    await page.getByLabel('Title (German)').fill(title.de);
    await page
      .getByLabel('Description (English)')
      .fill('Choosing, checking and using ladders and steps safely.');
    await page
      .getByLabel('Description (German)')
      .fill('Leitern und Tritte sicher auswählen, prüfen und benutzen.');
    await page.getByLabel('Criteria (English)').fill('Attend the briefing and pass the practical check.');
    await page
      .getByLabel('Criteria (German)')
      .fill('Teilnahme an der Unterweisung und bestandene praktische Prüfung.');
    const outcomes = (language: string) =>
      page.getByRole('group', { name: new RegExp(`^Learning outcomes \\(${language}\\)`) });
    await outcomes('English').getByLabel('Outcome 1', { exact: true }).fill('Checks a ladder before use.');
    await outcomes('English').getByRole('button', { name: 'Add an outcome (English)' }).click();
    await outcomes('English')
      .getByLabel('Outcome 2', { exact: true })
      .fill('Sets up a ladder at the right angle.');
    await outcomes('German')
      .getByLabel('Outcome 1', { exact: true })
      .fill('Prüft eine Leiter vor der Benutzung.');
    await page.getByLabel('Quality assurance (English)').fill('Internal review by occupational safety');
    await page.getByLabel('Quality assurance (German)').fill('Interne Prüfung durch die Arbeitssicherheit');
    await page.getByLabel('Awarding body', { exact: true }).fill('Nordwind Akademie');
    await choose(page, 'Country of the awarding body', 'Germany');
    await page.getByLabel('Workload in hours').fill('2.5');
    await choose(page, 'EQF level', 'EQF level 2');
    await choose(page, 'Type of assessment', 'Practical exam');
    await choose(page, 'Form of participation', 'On site');
    await choose(page, 'Supervision and identity check', 'Supervised on site, identity checked');
    await page.getByLabel('Valid for (months)').fill('24');
    await page.getByLabel('Renewal window (months)').fill('3');

    // The domain's validity rule runs in the browser: a window as long as the validity is refused.
    await page.getByLabel('Renewal window (months)').fill('24');
    await page
      .getByRole('alert')
      .filter({ hasText: 'The renewal window must be shorter than the validity.' })
      .waitFor();
    await page.getByLabel('Renewal window (months)').fill('3');

    await page.locator('bv-badge-picker input[type=file]').setInputFiles({
      name: 'ladder.png',
      mimeType: 'image/png',
      buffer: badge,
    });
    await page.getByRole('img', { name: 'Preview of the badge' }).waitFor();
    expect(await page.getByLabel('Code', { exact: true }).inputValue()).toBe(code);
    // The whole form in one picture: a viewport as tall as the page, for the screenshot only.
    await page.setViewportSize({ width: 1440, height: 3300 });
    await screenshot(page, 'catalogue-editor-en.png');
    await page.setViewportSize(DESKTOP);

    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/catalogue\/[0-9a-f-]{36}$/);
    definitionId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await toast(page, 'Saved as draft version 1. Publish it to award it.');
    await page.getByRole('heading', { name: title.en, level: 1 }).waitFor();

    // Everything entered was stored, in the draft.
    const draft = await apiGet<CredentialDetail>(brevet, `/api/v1/credentials/${definitionId}`);
    expect(draft).toMatchObject({ code, category: 'occupational_safety', status: 'draft', current: null });
    expect(draft.draft).toMatchObject({
      version: 1,
      title,
      learningOutcomes: {
        en: ['Checks a ladder before use.', 'Sets up a ladder at the right angle.'],
        de: ['Prüft eine Leiter vor der Benutzung.'],
      },
      awardingBody: { name: 'Nordwind Akademie', country: 'DE' },
      workloadHours: 2.5,
      ects: null,
      eqfLevel: 2,
      assessmentType: 'practical_exam',
      participationForm: 'on_site',
      supervision: 'supervised_on_site_identity_check',
      prerequisites: null,
      validity: {
        validityMonths: 24,
        recertification: { window: { months: 3 }, expiryBasis: 'completion', fixedExpiry: null },
      },
      badge: { mimeType: 'image/png', size: badge.length },
    });
    // The page shows both languages of every element, and the badge.
    const elements = page.getByRole('table', { name: 'What version 1 says, in English and German' });
    await elements.getByRole('cell', { name: title.de }).waitFor();
    await elements.getByRole('cell', { name: 'Nordwind Akademie (Germany)' }).waitFor();
    await elements.getByRole('cell', { name: 'Supervised on site, identity checked' }).waitFor();
    await page.getByRole('img', { name: `Badge of ${title.en}` }).waitFor();

    await page.getByRole('button', { name: 'Publish version 1' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Publish version 1?' });
    await confirm.getByRole('button', { name: 'Publish' }).click();
    await toast(page, `“${title.en}” is published`);
    await page.locator('.meta .bv-badge', { hasText: 'Published' }).waitFor();
    expect(await apiGet<CredentialDetail>(brevet, `/api/v1/credentials/${definitionId}`)).toMatchObject({
      status: 'published',
      currentVersion: 1,
      draft: null,
    });
  });

  it('editing the published certificate makes draft version 2, and publishing it retires version 1', async () => {
    app = await openApp(browser, brevet, { path: `/catalogue/${definitionId}` });
    const { page } = app;
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit certificate', level: 1 }).waitFor();
    await page
      .getByRole('note')
      .filter({
        hasText:
          'Version 1 is published and cannot change. Saving changes to its content creates draft version 2.',
      })
      .waitFor();
    expect(await page.getByLabel('Code', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByLabel('Title (German)').inputValue()).toBe(title.de);
    title.en = 'Safe use of ladders and steps';
    await page.getByLabel('Title (English)').fill(title.en);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL((url) => url.pathname === `/catalogue/${definitionId}`);
    await toast(page, 'Saved in draft version 2. Publish it to use it for new awards.');
    await page
      .getByRole('note')
      .filter({
        hasText:
          'Draft version 2 is waiting to be published. New awards get version 1 until you publish the draft.',
      })
      .waitFor();
    const versions = page.getByRole('region', { name: 'Versions' });
    await versions.getByRole('button', { name: /^Version 2 Draft/ }).waitFor();
    await versions.getByRole('button', { name: /^Version 1 Current/ }).click();
    await page.getByRole('heading', { name: 'Content of version 1' }).waitFor();

    await page.getByRole('button', { name: 'Publish version 2' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Publish version 2?' });
    await confirm.getByText('Certificates already awarded keep version 1.').waitFor();
    await confirm.getByRole('button', { name: 'Publish' }).click();
    await toast(page, `“${title.en}” is published`);
    await versions.getByRole('button', { name: /^Version 1 Earlier version/ }).waitFor();
    const published = await apiGet<CredentialDetail>(brevet, `/api/v1/credentials/${definitionId}`);
    expect(published.current).toMatchObject({ version: 2, title });
    expect(published.versions.map((v) => [v.version, v.state])).toEqual([
      [2, 'current'],
      [1, 'retired'],
    ]);
    await page.getByRole('heading', { name: 'Content of version 2' }).waitFor();
    await screenshot(page, 'catalogue-definition-en.png');

    // The same page in German: the labels change, the texts of both languages stay side by side.
    await page.getByRole('radio', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { name: 'Inhalt von Version 2' }).waitFor();
    await page.getByRole('rowheader', { name: /^Art der Prüfung/ }).waitFor();
    await screenshot(page, 'catalogue-definition-de.png');
  });

  it('awards it to an employee, who sees it on their own page; the public page says it is valid', async () => {
    // The employee signs in through the demo identity provider (a real SAML round trip).
    app = await openApp(browser, brevet, { session: null, host: 'localhost', path: '/login' });
    await app.page.getByRole('link', { name: 'Try the demo sign-in' }).click();
    await app.page.getByRole('button', { name: /Employee ·/ }).click();
    await app.page.waitForURL((url) => url.pathname === '/me');
    const token = (await app.context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
    if (!token) throw new Error('no session after the demo sign-in');
    const me = await apiGet<Me>(brevet, '/api/v1/auth/me', { token });
    if (!me.staffId) throw new Error('the demo employee has no staff record');
    employee = {
      session: { token },
      person: await apiGet<StaffDetail>(brevet, `/api/v1/staff/${me.staffId}`),
    };
    await app.context.close();

    app = await openApp(browser, brevet, { path: '/awards' });
    let { page } = app;
    await listLoaded(page);
    await page.locator('td.person').first().waitFor();
    await screenshot(page, 'awards-en.png');

    const { person } = employee;
    const name = `${person.givenName} ${person.familyName}`;
    await page.getByRole('button', { name: 'Award certificate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Award a certificate' });
    await dialog.getByRole('combobox', { name: 'Person', exact: true }).fill(person.employeeNumber);
    await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
    await dialog.getByRole('combobox', { name: 'Certificate', exact: true }).fill(code);
    await page.getByRole('option', { name: new RegExp(title.en) }).click();
    await dialog.getByLabel('Completed on').fill(completedOn);
    await dialog.getByLabel('Score').fill('92');
    // The API's preview says what saving will do, before anything is saved.
    // 24 months from the completion day (29 February becomes 28 February), see docs/credentials-rules.md.
    const [year, month, day] = completedOn.split('-').map(Number);
    const lastDay = `${year + 2}-${String(month).padStart(2, '0')}-${String(Math.min(day, new Date(Date.UTC(year + 2, month, 0)).getUTCDate())).padStart(2, '0')}`;
    await dialog
      .getByText(
        `New certificate (version 2). Valid until ${shownDay(lastDay, 'en')}, counted from the completion day.`,
      )
      .waitFor();
    await dialog.getByRole('button', { name: 'Award', exact: true }).click();
    await toast(page, `“${title.en}” awarded to ${name}`);

    const awarded = await apiGet<AwardPage>(brevet, `/api/v1/awards?definitionId=${definitionId}`);
    expect(awarded.total).toBe(1);
    const award: Award = awarded.items[0];
    awardId = award.id;
    expect(award).toMatchObject({
      staff: { id: person.id },
      credential: { version: 2 },
      issuedOn: completedOn,
      validUntil: lastDay,
      status: 'valid',
      assessmentResult: { score: 92, passed: true },
      issuer: (await apiGet<Me>(brevet, '/api/v1/auth/me')).displayName,
    });
    await app.context.close();

    // The employee sees it on their own page.
    app = await openApp(browser, brevet, { session: employee.session, host: 'localhost', path: '/me' });
    page = app.page;
    const mine = await apiGet<MyCredentials>(brevet, '/api/v1/me/credentials', employee.session);
    const item = mine.items.find((i) => i.awardId === awardId);
    if (!item) throw new Error('the award is missing from the employee’s certificates');
    expect(item.status).toBe('valid');
    await page.getByRole('heading', { name: item.credential.title, level: 3 }).waitFor();
    await app.context.close();

    // Anyone with the link sees that it is valid.
    app = await openApp(browser, brevet, { session: null, path: `/verify/${awardId}?lang=en` });
    page = app.page;
    await page.getByRole('status').filter({ hasText: 'Valid' }).waitFor();
    await page.getByRole('heading', { name: title.en, level: 1 }).waitFor();
  });

  it('withdraws the award with a reason; the public page and the person page then say so', async () => {
    app = await openApp(browser, brevet, { path: `/awards?definitionId=${definitionId}` });
    const { page } = app;
    await listLoaded(page);
    // The filter shows the credential's title once its lookup (apart from the list) has answered.
    await page.waitForFunction(
      (text) =>
        Array.from(document.querySelectorAll<HTMLInputElement>('input[role="combobox"]')).some((i) =>
          i.value.includes(text),
        ),
      title.en,
    );
    expect(await page.getByRole('combobox', { name: 'Certificate', exact: true }).inputValue()).toContain(
      title.en,
    );
    await page.getByText('1 award', { exact: true }).waitFor();
    const { person } = employee;
    await page
      .getByRole('button', { name: `Actions for ${person.givenName} ${person.familyName}: ${title.en}` })
      .click();
    await page.getByRole('menuitem', { name: 'Withdraw' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Withdraw certificate?' });
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await dialog.getByText('Please give a reason of at least 3 characters.').waitFor();
    await dialog
      .getByLabel('Reason', { exact: true })
      .fill('Issued in error: the practical check was not taken.');
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await toast(page, `“${title.en}” of ${person.givenName} ${person.familyName} withdrawn`);
    await page.locator('td.status', { hasText: 'Withdrawn' }).waitFor();
    expect(await apiGet<Award>(brevet, `/api/v1/awards/${awardId}`)).toMatchObject({
      recordStatus: 'revoked',
      status: 'revoked',
      revokeReason: 'Issued in error: the practical check was not taken.',
    });

    await page.goto(`/staff/${person.id}`);
    const certificates = page.getByRole('region', { name: 'Certificates' });
    const entry = certificates.getByRole('listitem').filter({ hasText: title.en });
    await entry.getByText('Withdrawn').waitFor();

    const verify = await browser.newPage();
    try {
      await verify.goto(`${brevet.url}/verify/${awardId}?lang=en`);
      await verify.getByRole('status').filter({ hasText: 'Revoked' }).waitFor();
    } finally {
      await verify.close();
    }
  });

  it('awards it to a roster picked by branch, checked first', async () => {
    app = await openApp(browser, brevet, { path: '/awards/bulk' });
    const { page } = app;
    await page.getByRole('heading', { name: 'Award to many', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Certificate', exact: true }).fill(code);
    await page.getByRole('option', { name: new RegExp(title.en) }).click();
    await page.getByLabel('Completed on').fill(completedOn);
    const branch = employee.person.branchName;
    await choose(page, 'Branch', branch);
    // Wait until the list shows only that branch's people (it reloads when the filter changes).
    const people = page.locator('ul.people mat-checkbox');
    const branchPeople = await apiGet<StaffPage>(
      brevet,
      `/api/v1/staff?branchId=${employee.person.branchId}&status=active&sort=familyName&pageSize=25`,
    );
    await page.waitForFunction(
      ({ name, count }) => {
        const items = Array.from(document.querySelectorAll('ul.people mat-checkbox'));
        return items.length === count && items.every((item) => item.textContent?.includes(name));
      },
      { name: branch, count: branchPeople.items.length },
    );
    // The employee's award was withdrawn for that day: a roster must not bring it back.
    const chosen = branchPeople.items
      .filter((p) => p.id !== employee.person.id)
      .slice(0, 2)
      .map((p) => p.employeeNumber);
    for (const number of chosen) await people.filter({ hasText: number }).click();
    await page.getByText('2 people chosen', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByText('Ready: 2 certificates to award.').waitFor();
    await page
      .getByRole('heading', { name: '3. Check and award' })
      .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'awards-bulk-en.png');
    await page.getByRole('button', { name: 'Award to 2 people' }).click();
    await page.getByText('Done: 2 certificates awarded.').waitFor();

    const awarded = await apiGet<AwardPage>(
      brevet,
      `/api/v1/awards?definitionId=${definitionId}&status=valid`,
    );
    expect(awarded.items.map((a) => a.staff.employeeNumber).sort()).toEqual([...chosen].sort());

    // Renewing one of them today: the preview explains it, and the renewal supersedes the award.
    const first = awarded.items[0];
    await page.goto(`/awards/${first.id}`);
    await page.getByRole('button', { name: 'Renew' }).click();
    const dialog = page.getByRole('dialog', { name: 'Renew certificate' });
    await dialog
      .getByText(`Renews the current certificate, which is valid until ${shownDay(first.validUntil!, 'en')}.`)
      .waitFor();
    await dialog.getByRole('button', { name: 'Renew', exact: true }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/awards/') && !url.pathname.endsWith(first.id));
    await page.getByRole('link', { name: 'Open the previous certificate' }).waitFor();
    await screenshot(page, 'award-en.png');
    expect(await apiGet<Award>(brevet, `/api/v1/awards/${first.id}`)).toMatchObject({
      recordStatus: 'superseded',
      status: 'superseded',
    });
  });

  it('reports a CSV file’s bad row by its number and saves nothing, then imports the fixed file', async () => {
    const staff = await apiGet<StaffPage>(brevet, '/api/v1/staff?pageSize=50&sort=-employeeNumber');
    const holders = new Set(
      (await apiGet<AwardPage>(brevet, `/api/v1/awards?definitionId=${definitionId}`)).items.map(
        (a) => a.staff.id,
      ),
    );
    const someone = staff.items.find((p) => !holders.has(p.id));
    if (!someone) throw new Error('no one without the certificate');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-awards-'));
    const bad = path.join(dir, 'awards.csv');
    fs.writeFileSync(
      bad,
      `Personalnummer;Nachweis;Abschlussdatum;Ergebnis\n${someone.employeeNumber};${code};${completedOn};88\nNOBODY-1;${code};${completedOn};\n`,
    );

    app = await openApp(browser, brevet, { path: '/awards/bulk?mode=csv' });
    const { page } = app;
    await page.getByRole('tab', { name: 'Upload a CSV file', selected: true }).waitFor();
    await page.locator('input[type=file][accept*=csv]').setInputFiles(bad);
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('1 problem must be fixed first. Nothing has been saved.').waitFor();
    const problem = page.locator('table.issues tbody tr');
    expect(await problem.count()).toBe(1);
    expect((await problem.first().innerText()).replace(/\s+/g, ' ')).toContain(
      'Row 3 Personalnummer Error: No person has this employee number.',
    );
    expect(await page.getByRole('button', { name: /^Import/ }).isDisabled()).toBe(true);
    expect(
      (await apiGet<AwardPage>(brevet, `/api/v1/awards?staffId=${someone.id}&definitionId=${definitionId}`))
        .total,
    ).toBe(0);

    fs.writeFileSync(
      bad,
      `employee_number,credential_code,completed_on\n${someone.employeeNumber},${code},${completedOn}\n`,
    );
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await page.locator('input[type=file][accept*=csv]').setInputFiles(bad);
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByText('Ready: 1 certificate to award.').waitFor();
    await page.getByRole('button', { name: 'Import 1 award' }).click();
    await page.getByText('Done: 1 certificate awarded.').waitFor();
    const imported = await apiGet<AwardPage>(
      brevet,
      `/api/v1/awards?staffId=${someone.id}&definitionId=${definitionId}`,
    );
    expect(imported.items).toEqual([
      expect.objectContaining({ issuedOn: completedOn, source: 'import', status: 'valid' }),
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fits the catalogue, a definition and the awards on a phone without sideways scrolling', async () => {
    app = await openApp(browser, brevet, { path: '/catalogue', viewport: PHONE });
    const { page } = app;
    await listLoaded(page);
    await page.locator('td.title-cell').first().waitFor();
    expect(await sidewaysScroll(page)).toEqual(NO_SIDEWAYS_SCROLL);
    await page.goto(`/catalogue/${definitionId}`);
    await page.getByRole('heading', { name: 'Content of version 2' }).waitFor();
    expect(await sidewaysScroll(page)).toEqual(NO_SIDEWAYS_SCROLL);
    await page.goto(`/awards?definitionId=${definitionId}`);
    await listLoaded(page);
    await page.locator('td.person').first().waitFor();
    expect(await sidewaysScroll(page)).toEqual(NO_SIDEWAYS_SCROLL);
    await screenshot(page, 'awards-phone.png');
  });
});
