import { type BrevetProcess } from '@brevet/testing';
import type { Browser } from 'playwright-core';
import {
  NO_SIDEWAYS_SCROLL,
  PHONE,
  launchChromium,
  listLoaded,
  openApp,
  screenshot,
  sidewaysScroll,
  stopBrevet,
  type AppPage,
  startDemoBrevet,
} from './support/e2e';

describe('language and layout', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  let app: AppPage | undefined;

  beforeAll(async () => {
    // One after the other: if the server fails to start, the browser is already assigned and gets closed.
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

  it('switches to German, remembers the choice, and saves screenshots', async () => {
    app = await openApp(browser, brevet);
    const { page } = app;
    await listLoaded(page);
    await page.getByRole('cell', { name: 'Hamburg Hafen', exact: true }).waitFor();
    await screenshot(page, 'branches-en.png');

    await page.getByRole('radio', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { name: 'Standorte', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Neuer Standort' }).waitFor();
    await page.getByRole('columnheader', { name: 'Kürzel' }).waitFor();
    await page.getByText('12 Standorte').waitFor();
    // The signed-in person's name and the sign-out button are in the top bar, in German too.
    await page.getByRole('banner').getByRole('button', { name: 'Abmelden' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    // Every German navigation label fits its line (a cut-off "Schulungsterm…" was found by looking).
    const cutLabels = await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .locator('[matListItemTitle]')
      .evaluateAll((labels) =>
        labels
          .filter((label) => {
            const text = document.createRange();
            text.selectNodeContents(label);
            const line = label.closest('.mdc-list-item__content') as HTMLElement;
            return text.getBoundingClientRect().width > line.clientWidth;
          })
          .map((label) => label.textContent?.trim()),
      );
    expect(cutLabels).toEqual([]);
    expect(await page.title()).toBe('Standorte · Brevet');

    await page.reload();
    await listLoaded(page);
    await page.getByRole('heading', { name: 'Standorte', level: 1 }).waitFor();
    expect(await page.getByRole('radio', { name: 'Deutsch' }).isChecked()).toBe(true);
    await page.getByRole('cell', { name: 'Deutschland', exact: true }).first().waitFor(); // country names via Intl
    await screenshot(page, 'branches-de.png');
  });

  it('fits a phone screen without horizontal scrolling', async () => {
    app = await openApp(browser, brevet, { viewport: PHONE });
    const { page } = app;
    await listLoaded(page);
    await page.getByRole('cell', { name: /^Hamburg Hafen/ }).waitFor();

    const overflow = await sidewaysScroll(page);
    expect(overflow).toEqual(NO_SIDEWAYS_SCROLL);

    // The side nav is a menu on phones.
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    expect(await navigation.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await navigation.getByRole('link', { name: 'Branches' }).waitFor();
  });

  it('keeps the top bar and the pages within the window from the phone layout to a laptop, in German', async () => {
    app = await openApp(browser, brevet, { viewport: { width: 1024, height: 900 } });
    const { page } = app;
    await listLoaded(page);
    await page.getByRole('radio', { name: 'Deutsch' }).click();
    const signOut = page.getByRole('banner').getByRole('button', { name: 'Abmelden' });
    await signOut.waitFor();
    for (const width of [600, 640, 700, 760, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      const box = await signOut.boundingBox();
      expect({ width, right: Math.ceil((box?.x ?? 0) + (box?.width ?? 0)) <= width }).toEqual({
        width,
        right: true,
      });
      expect(await sidewaysScroll(page)).toEqual(NO_SIDEWAYS_SCROLL);
    }
    // The requirement rules, with the longest German headings and names, fit a 1280 px laptop whole.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/rules');
    await page.getByRole('columnheader', { name: 'Vorwarnung vor Ablauf' }).waitFor();
    const table = page.locator('.bv-table-scroll');
    expect(await table.evaluate((box) => box.scrollWidth - box.clientWidth)).toBe(0);
  });
});
