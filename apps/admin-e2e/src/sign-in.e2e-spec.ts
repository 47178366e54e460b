import type { Me } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser, Page } from 'playwright-core';
import {
  ADMIN,
  NO_SIDEWAYS_SCROLL,
  PHONE,
  SESSION_COOKIE,
  apiFetch,
  apiGet,
  launchChromium,
  listLoaded,
  openApp,
  passwordSession,
  screenshot,
  sidewaysScroll,
  stopBrevet,
  type AppPage,
  startDemoBrevet,
} from './support/e2e';

/** Opens the administrators' form (folded away when the page offers other ways in) and fills it in. */
async function signInWithPassword(page: Page, address: string, password: string): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Administrator sign-in' });
  const email = page.getByLabel('Email address');
  // Once the options have loaded, the form is either shown (the only way in) or folded away.
  await toggle.or(email).first().waitFor();
  if ((await toggle.count()) > 0 && (await toggle.getAttribute('aria-expanded')) !== 'true')
    await toggle.click();
  await email.fill(address);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describe('sign-in and sign-out', () => {
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

  it('sends a signed-out visitor to the sign-in page, refuses a wrong password, and returns them afterwards', async () => {
    app = await openApp(browser, brevet, { session: null, path: '/staff?q=Bauer' });
    const { page } = app;
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/staff?q=Bauer');
    await page.getByRole('heading', { name: 'Sign in to Brevet', level: 1 }).waitFor();
    expect(await page.title()).toBe('Sign in · Brevet');
    // No menu and no data for someone signed out.
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).count()).toBe(0);
    await screenshot(page, 'sign-in-en.png');

    await signInWithPassword(page, ADMIN.email, 'not-the-password');
    await page
      .getByRole('alert')
      .filter({ hasText: 'The email address or password is not correct.' })
      .waitFor();
    expect(await page.getByLabel('Email address').inputValue()).toBe(ADMIN.email);
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('Email address').getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Password', { exact: true }).getAttribute('autocomplete')).toBe(
      'current-password',
    );
    expect(new URL(page.url()).pathname).toBe('/login');

    await signInWithPassword(page, ADMIN.email, ADMIN.password);
    await page.waitForURL((url) => url.pathname === '/staff' && url.searchParams.get('q') === 'Bauer');
    await listLoaded(page);
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('Bauer');
  });

  it('lands an HR admin on their start page, shows who they are, and signs out for good', async () => {
    app = await openApp(browser, brevet, { session: null, path: '/login' });
    const { page, context } = app;
    await signInWithPassword(page, ADMIN.email, ADMIN.password);
    // An HR admin's start page is the compliance dashboard.
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await page.getByRole('heading', { name: 'Compliance', level: 1 }).waitFor();

    const me = await apiGet<Me>(brevet, '/api/v1/auth/me');
    await page.getByRole('banner').getByText(me.displayName, { exact: true }).waitFor();
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    for (const item of ['Organisation', 'Branches', 'Staff', 'Import', 'Audit log', 'Single sign-on']) {
      await navigation.getByRole('link', { name: item, exact: true }).waitFor();
    }
    // The break-glass account has no staff record, so no certificates of its own.
    expect(await navigation.getByRole('link', { name: 'My certificates' }).count()).toBe(0);

    await navigation.getByRole('link', { name: 'Staff', exact: true }).click();
    await listLoaded(page);
    await page.locator('td.name').first().waitFor();
    const token = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value ?? '';

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByRole('heading', { name: 'Sign in to Brevet' }).waitFor();
    // The server ended the session: the old cookie opens nothing any more.
    expect((await apiFetch(brevet, '/api/v1/auth/me', {}, { token })).status).toBe(401);

    // Back shows the sign-in page again, not the pages seen before (the sign-out replaced the staff list).
    await page.goBack();
    await page.waitForURL(
      (url) => url.pathname === '/login' && !!url.searchParams.get('returnTo')?.startsWith('/dashboard'),
    );
    await page.getByRole('heading', { name: 'Sign in to Brevet' }).waitFor();
    expect(await page.getByRole('list', { name: 'Regions and branches' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Main navigation' }).count()).toBe(0);
  });

  it('ignores a returnTo that leads off the site', async () => {
    app = await openApp(browser, brevet, { session: null, path: '/login?returnTo=//evil.example/steal' });
    const { page } = app;
    await signInWithPassword(page, ADMIN.email, ADMIN.password);
    await page.waitForURL((url) => url.pathname === '/dashboard');
    expect(new URL(page.url()).origin).toBe(brevet.url);
  });

  it('goes to the sign-in page when the session ends while the app is open, and comes back', async () => {
    const session = await passwordSession(brevet);
    app = await openApp(browser, brevet, { session, path: '/branches' });
    const { page } = app;
    await listLoaded(page);
    // Signed out elsewhere (another tab, a timeout): the next request answers 401.
    expect((await apiFetch(brevet, '/api/v1/auth/logout', { method: 'POST' }, session)).status).toBe(204);

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Staff' })
      .click();
    await page.waitForURL(
      (url) => url.pathname === '/login' && url.searchParams.get('returnTo') === '/staff',
    );
    await page.getByText('Your session has ended. Please sign in again.').first().waitFor();
    await signInWithPassword(page, ADMIN.email, ADMIN.password);
    await page.waitForURL((url) => url.pathname === '/staff');
    await listLoaded(page);
  });

  it('shows the sign-in page in German on a phone', async () => {
    app = await openApp(browser, brevet, { session: null, path: '/login', viewport: PHONE, locale: 'de-DE' });
    const { page } = app;
    await page.getByRole('heading', { name: 'Bei Brevet anmelden', level: 1 }).waitFor();
    const toggle = page.getByRole('button', { name: 'Anmeldung für Administratoren' });
    const email = page.getByLabel('E-Mail-Adresse');
    await toggle.or(email).first().waitFor();
    if ((await toggle.count()) > 0) await toggle.click();
    await email.waitFor();
    expect(await sidewaysScroll(page)).toEqual(NO_SIDEWAYS_SCROLL);
    await screenshot(page, 'sign-in-de-phone.png');
  });
});
