import type { MyCredentials, StaffPage } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser, Page } from 'playwright-core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { seriousViolations } from './support/axe';
import { demoSession } from './support/demo';
import {
  DESKTOP,
  PHONE,
  adminSession,
  apiGet,
  SCREENSHOT_DIR,
  launchChromium,
  openApp,
  stopBrevet,
  type Session,
  startDemoBrevet,
} from './support/e2e';

type Who = 'hr' | 'manager' | 'employee' | 'nobody';

/** `npm run screenshots` sets this: every page checked is also saved, under a stable name. */
const SCREENSHOTS = process.env['BREVET_SCREENSHOTS'] === '1';
const PAGES_DIR = path.join(SCREENSHOT_DIR, 'pages');

/** A stable file name for a page: `/dashboard?view=table` → `dashboard-table`, `/staff/<id>` → `person`. */
function shotName(route: string): string {
  if (route.startsWith('/verify/')) return 'verify';
  if (/^\/staff\/[^/]+$/.test(route)) return 'person';
  return route.replace(/^\//, '').replace('settings/', '').replace('?view=', '-').replace(/\//g, '-');
}
type Language = 'en' | 'de';

/**
 * axe-core (WCAG 2.0 and 2.1, A and AA) on every main page, as the role that uses it, in English and German,
 * on a desktop and (the employee's pages) on a phone. Any serious or critical violation fails the test with
 * the list of rules and elements.
 */
describe('accessibility: axe on every main page', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  const sessions = {} as Record<Exclude<Who, 'nobody'>, Session>;
  const errors: string[] = [];
  let staffId = '';
  let verifyPage = '';

  beforeAll(async () => {
    browser = await launchChromium();
    brevet = await startDemoBrevet();
    sessions.hr = await adminSession(brevet);
    sessions.manager = await demoSession(browser, brevet, 'Branch manager');
    sessions.employee = await demoSession(browser, brevet, 'Employee');
    const staff = await apiGet<StaffPage>(brevet, '/api/v1/staff?pageSize=1');
    staffId = staff.items[0].id;
    const mine = await apiGet<MyCredentials>(brevet, '/api/v1/me/credentials', sessions.employee);
    const held = mine.items[0];
    if (!held) throw new Error('the demo employee holds no certificate');
    verifyPage = held.links.verifyPage;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stopBrevet(brevet);
    expect(errors).toEqual([]);
  });

  /** Waits until the page has loaded what it shows: no request in flight, nothing marked busy. */
  async function settled(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(
      () => document.querySelectorAll('[aria-busy="true"], mat-progress-bar').length === 0,
      null,
      {
        timeout: 20_000,
      },
    );
    await page.locator('h1').first().waitFor();
  }

  async function check(
    who: Who,
    route: string,
    language: Language,
    viewport: { width: number; height: number } = DESKTOP,
  ): Promise<string[]> {
    const app = await openApp(browser, brevet, {
      session: who === 'nobody' ? null : sessions[who],
      host: 'localhost',
      path: '/api/health',
      viewport,
      locale: language === 'de' ? 'de-DE' : 'en-US',
    });
    try {
      const { page } = app;
      await app.context.addInitScript((lang) => localStorage.setItem('brevet.language', lang), language);
      await page.goto(route.startsWith('/verify/') ? `${route}?lang=${language}` : route);
      await settled(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
      const size = viewport === PHONE ? 'phone' : 'desktop';
      const found = await seriousViolations(page, `${route} (${who}, ${language}, ${size})`);
      if (SCREENSHOTS && !(who === 'manager' && route === '/dashboard')) {
        fs.mkdirSync(PAGES_DIR, { recursive: true });
        const phone = size === 'phone' ? 'phone-' : '';
        await page.screenshot({
          path: path.join(PAGES_DIR, `${shotName(route)}-${phone}${language}.png`),
          animations: 'disabled',
          caret: 'hide',
        });
      }
      errors.push(...app.errors.map((e) => `${route}: ${e}`));
      return found;
    } finally {
      await app.context.close();
    }
  }

  const adminPages = [
    '/dashboard',
    '/dashboard?view=table',
    '/rules',
    '/organisation',
    '/branches',
    '/staff',
    '/catalogue',
    '/awards',
    '/import',
    '/audit',
    '/exports',
    '/settings/sso',
    '/settings/scim',
    '/mail',
    // Assignments, course progress and the report, all on one page.
    '/training',
  ];

  for (const language of ['en', 'de'] as const) {
    it(`HR pages have no serious violations (${language})`, async () => {
      const found: string[] = [];
      for (const route of [...adminPages, `/staff/${staffId}`])
        found.push(...(await check('hr', route, language)));
      expect(found).toEqual([]);
    });

    it(`the approvals inbox has no serious violations for a branch manager (${language})`, async () => {
      const found = [
        ...(await check('manager', '/approvals', language)),
        ...(await check('manager', '/dashboard', language)),
      ];
      expect(found).toEqual([]);
    });

    it(`the employee's pages have no serious violations on desktop and phone (${language})`, async () => {
      const found: string[] = [];
      for (const viewport of [DESKTOP, PHONE]) {
        found.push(...(await check('employee', '/me', language, viewport)));
        found.push(...(await check('employee', '/me/evidence', language, viewport)));
      }
      expect(found).toEqual([]);
    });

    it(`the sign-in and verification pages have no serious violations (${language})`, async () => {
      const found: string[] = [];
      for (const viewport of [DESKTOP, PHONE]) {
        found.push(...(await check('nobody', '/login', language, viewport)));
        found.push(...(await check('nobody', verifyPage, language, viewport)));
      }
      expect(found).toEqual([]);
    });
  }

  it('the heat map has a table alternative', async () => {
    const app = await openApp(browser, brevet, { path: '/dashboard?view=table' });
    try {
      const table = app.page.locator('bv-heatmap-table table');
      await table.waitFor();
      expect(await table.locator('th[scope="col"]').count()).toBeGreaterThan(1);
      expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
    } finally {
      await app.context.close();
    }
  });
});
