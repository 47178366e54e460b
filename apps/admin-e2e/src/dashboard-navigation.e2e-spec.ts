import { type BrevetProcess } from '@brevet/testing';
import type { Browser, Route } from 'playwright-core';
import { launchChromium, openApp, stopBrevet, type AppPage, startDemoBrevet } from './support/e2e';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Regression: the dashboard keeps its view in the URL and, on arrival, opens a level that holds a single region
 * by itself (a navigation relative to the dashboard). When that answer came while the person was already on
 * the way to another page (its lazy code still loading), the dashboard's navigation cancelled theirs and
 * pulled them back to /dashboard.
 */
describe('dashboard: its URL updates never undo a navigation away from it', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  let app: AppPage | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    brevet = await startDemoBrevet();
  });

  afterAll(async () => {
    await app?.context.close();
    await browser?.close();
    await stopBrevet(brevet);
  });

  it('stays on the page the person opened while the heat map was still loading', async () => {
    app = await openApp(browser, brevet, { path: '/api/health' });
    const { page } = app;
    // The heat map's level answers after 2 s (a slow network or a big company).
    await page.route('**/api/v1/compliance/areas**', async (route: Route) => {
      await delay(2_000);
      await route.continue();
    });
    await page.goto('/dashboard');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(new URL(page.url()).searchParams.get('regionId')).toBeNull();

    // From now on every script (the next page's lazy code) takes 4 s: the navigation is still under way
    // when the level answers and the dashboard wants to open the single top region.
    let delayedScripts = 0;
    await page.route('**/*.js', async (route: Route) => {
      delayedScripts++;
      await delay(4_000);
      await route.continue();
    });
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Staff', exact: true })
      .click();
    await page.waitForURL((url) => url.pathname === '/staff', { timeout: 15_000 });
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    // Well past the level's answer: still on the staff page.
    await delay(1_000);
    expect(new URL(page.url()).pathname).toBe('/staff');
    expect(delayedScripts).toBeGreaterThan(0);
    expect(app.errors).toEqual([]);
  });
});
