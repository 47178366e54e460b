import type { Branch, Me, MyCredentials, StaffPage } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser, Page } from 'playwright-core';
import {
  NO_SIDEWAYS_SCROLL,
  PHONE,
  SESSION_COOKIE,
  apiFetch,
  apiGet,
  launchChromium,
  listLoaded,
  openApp,
  screenshot,
  sidewaysScroll,
  stopBrevet,
  type AppPage,
  type Session,
  startDemoBrevet,
} from './support/e2e';

/**
 * The demo identity provider (embedded mode): a real SAML round trip through `/auth/demo-idp`, signing in as
 * one of its demo people. The browser uses `localhost`, the host of the server's default PUBLIC_URL, which the
 * SAML addresses are built from.
 */
describe('demo sign-in through SAML', () => {
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

  /** Signs in as the demo person whose role line starts with `role`, and returns their session. */
  async function signInAs(page: Page, role: RegExp): Promise<Session> {
    await page.getByRole('link', { name: 'Try the demo sign-in' }).click();
    await page.getByRole('button', { name: role }).click();
    await page
      .waitForURL((url) => url.pathname !== '/login' && !url.pathname.startsWith('/auth/'))
      .catch(async (error: unknown) => {
        // Say where the round trip got stuck (an error page of the identity provider or the ACS, say).
        const text = (await page.locator('body').innerText()).slice(0, 500);
        throw new Error(`demo sign-in stopped at ${page.url()}: ${text}`, { cause: error });
      });
    const token = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
    if (!token) throw new Error('no session after the demo sign-in');
    return { token };
  }

  it('offers the demo sign-in on the sign-in page', async () => {
    app = await openApp(browser, brevet, { session: null, host: 'localhost', path: '/login' });
    const { page } = app;
    await page.getByRole('link', { name: 'Try the demo sign-in' }).waitFor();
    await page.getByText('Pick a demo person — no real account needed.').waitFor();
    // Password sign-in is still there, folded away.
    expect(
      await page.getByRole('button', { name: 'Administrator sign-in' }).getAttribute('aria-expanded'),
    ).toBe('false');
    expect(await page.getByLabel('Email address').count()).toBe(0);
    await screenshot(page, 'sign-in-demo-en.png');
  });

  it('an employee sees only their own certificates, on a phone', async () => {
    app = await openApp(browser, brevet, {
      session: null,
      host: 'localhost',
      path: '/login',
      viewport: PHONE,
    });
    const { page } = app;
    const session = await signInAs(page, /Employee ·/);
    await page.waitForURL((url) => url.pathname === '/me');
    // The page speaks the person's language (from their staff record) until they pick one themselves.
    const me = await apiGet<Me>(brevet, '/api/v1/auth/me', session);
    expect(me.roles).toEqual(['employee']);
    const heading = me.language === 'de' ? 'Meine Nachweise' : 'My certificates';
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(me.language ?? 'en');
    // The switch in the top bar (My certificates has a "My language" choice too).
    await page
      .getByRole('radiogroup', { name: /^(Language|Sprache)$/ })
      .getByRole('radio', { name: 'English' })
      .click();
    await page.getByRole('heading', { name: 'My certificates', level: 1 }).waitFor();

    // The menu holds the employee's own pages only: no admin page, and no way into one.
    await page.getByRole('button', { name: 'Open navigation' }).click();
    const menu = page.getByRole('navigation', { name: 'Main navigation' });
    await menu.getByRole('link', { name: 'My courses' }).waitFor();
    const entries = (await menu.getByRole('link').allTextContents()).map((text) => text.trim());
    expect(entries).toEqual(expect.arrayContaining(['My certificates', 'My courses', 'My sessions']));
    for (const name of ['Branches', 'Staff', 'Import', 'Audit log', 'Single sign-on']) {
      expect(entries).not.toContain(name);
      expect(await page.getByRole('link', { name, exact: true }).count()).toBe(0);
    }
    await menu.getByRole('link', { name: 'My certificates' }).click();
    await menu.waitFor({ state: 'hidden' });
    const mine = await apiGet<MyCredentials>(brevet, '/api/v1/me/credentials', session);
    if (mine.items.length > 0) {
      await page.getByRole('heading', { name: mine.items[0].credential.title, level: 3 }).waitFor();
      await page
        .getByRole('link', { name: `Certificate (PDF): ${mine.items[0].credential.title}` })
        .first()
        .waitFor();
    } else {
      await page.getByRole('heading', { name: 'No certificates yet' }).waitFor();
    }
    expect(await sidewaysScroll(page)).toEqual(NO_SIDEWAYS_SCROLL);
    await screenshot(page, 'my-certificates-phone.png');

    await page.goto('/staff');
    await page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/staff');
    // The API says the same.
    const staff = await apiFetch(brevet, '/api/v1/staff', {}, session);
    expect(staff.status).toBe(403);

    // Signing out after a company sign-in goes through Brevet's single logout and ends the session.
    await page.getByRole('button', { name: /^Sign out/ }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect((await apiFetch(brevet, '/api/v1/auth/me', {}, session)).status).toBe(401);
  });

  it('a branch manager sees the pages of a manager, and only the staff of their branch', async () => {
    app = await openApp(browser, brevet, { session: null, host: 'localhost', path: '/login' });
    const { page } = app;
    // English, whatever the manager's own language: as if they had picked it on this device.
    await app.context.addInitScript(() => localStorage.setItem('brevet.language', 'en'));
    const session = await signInAs(page, /Branch manager ·/);
    const me = await apiGet<Me>(brevet, '/api/v1/auth/me', session);
    expect(me.roles).toContain('branch_manager');
    if (me.scope.all) throw new Error('a branch manager must not see every branch');
    expect(me.scope.branchIds).toHaveLength(1);
    const branch = await apiGet<Branch>(brevet, `/api/v1/branches/${me.scope.branchIds[0]}`);

    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    await navigation.getByRole('link', { name: 'Staff', exact: true }).waitFor();
    for (const name of ['Import', 'Audit log', 'Single sign-on']) {
      expect(await navigation.getByRole('link', { name, exact: true }).count()).toBe(0);
    }

    await navigation.getByRole('link', { name: 'Staff', exact: true }).click();
    await listLoaded(page);
    await page.locator('td.branch').first().waitFor();
    const visible = await apiGet<StaffPage>(brevet, '/api/v1/staff?pageSize=100', session);
    expect(visible.total).toBeGreaterThan(0);
    expect(new Set(visible.items.map((p) => p.branchId))).toEqual(new Set([branch.id]));
    const branches = (await page.locator('td.branch').allTextContents()).map((t) =>
      t.replace(/\s+/g, ' ').trim(),
    );
    expect(new Set(branches)).toEqual(new Set([`${branch.name} ${branch.code}`]));
    await page.getByText(`${visible.total} ${visible.total === 1 ? 'person' : 'people'}`).waitFor();
    await screenshot(page, 'staff-branch-manager.png');

    await page.goto('/audit');
    await page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
  });
});
