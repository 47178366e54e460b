import type { Me, MyCredentials, MyProfile, MyRequirements } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser } from 'playwright-core';
import { demoSession } from './support/demo';
import {
  PHONE,
  apiGet,
  launchChromium,
  openApp,
  screenshot,
  shownDay,
  stopBrevet,
  type AppPage,
  type Session,
  startDemoBrevet,
} from './support/e2e';

/**
 * The employee's own page on a phone: what they must get and by when, sharing a certificate (link, QR code,
 * LinkedIn), and their language, which follows them to the next sign-in on another device.
 */
describe('self-service on /me', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  let employee: Session;
  const opened: AppPage[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    brevet = await startDemoBrevet();
    employee = await demoSession(browser, brevet, 'Employee');
  });

  afterAll(async () => {
    for (const app of opened) await app.context.close();
    await browser?.close();
    await stopBrevet(brevet);
    expect(opened.flatMap((app) => app.errors)).toEqual([]);
  });

  async function open(language: 'en' | 'de' | null, locale = 'en-US'): Promise<AppPage> {
    const app = await openApp(browser, brevet, {
      session: employee,
      host: 'localhost',
      path: '/api/health',
      viewport: PHONE,
      locale,
    });
    opened.push(app);
    if (language)
      await app.context.addInitScript((l) => localStorage.setItem('brevet.language', l), language);
    await app.page.goto('/me');
    return app;
  }

  it('lists what the employee must get, most urgent first, with a way to send it in', async () => {
    const mine = await apiGet<MyRequirements>(brevet, '/api/v1/me/requirements', employee);
    const todo = mine.items.filter((i) =>
      ['missing_overdue', 'expired', 'missing_in_grace', 'expiring'].includes(i.status),
    );
    const { page } = await open('en');
    const panel = page.getByRole('region', { name: 'What you must get, and by when' });
    await panel.waitFor();
    await page.locator('bv-my-requirements section[aria-busy="false"]').waitFor();
    await screenshot(page, 'me-todo-phone-en.png');
    // The demo employee (deterministic demo data) has something to get.
    expect(todo.length).toBeGreaterThan(0);
    const titles = await panel.locator('li h3').allTextContents();
    expect(titles.map((t) => t.trim())).toEqual(todo.map((i) => i.credential.title));
    const first = todo[0];
    if (!first.dueOn) throw new Error('a requirement to act on always has a due day');
    await panel.locator('li').first().getByText(shownDay(first.dueOn, 'en')).waitFor();
    const inOrder = mine.items.length - todo.length;
    if (inOrder > 0) await panel.getByText(`${inOrder} more certificate`).waitFor();
    await panel.getByRole('link', { name: `${first.credential.title}: send it in` }).click();
    await page.waitForURL((url) => url.pathname === '/me/evidence');
    expect(new URL(page.url()).searchParams.get('definitionId')).toBe(first.credential.id);
  });

  it('shares a certificate: the link to copy, its QR code and "Add to LinkedIn"', async () => {
    const held = await apiGet<MyCredentials>(brevet, '/api/v1/me/credentials', employee);
    const item = held.items.find((i) => i.status === 'valid' || i.status === 'expiring');
    if (!item) throw new Error('the demo employee holds no valid certificate');
    const app = await open('en');
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: brevet.url.replace('127.0.0.1', 'localhost'),
    });
    const { page } = app;
    const card = page.locator('li.card').filter({ hasText: item.credential.title });
    await card.locator('summary').click();
    const link = card.getByLabel('Link to your certificate');
    expect(await link.inputValue()).toBe(item.share.url);
    await card.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Link copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(item.share.url);
    const qr = card.getByRole('img', { name: `QR code of the link to ${item.credential.title}` });
    expect(await qr.locator('path').getAttribute('d')).toBe(item.share.qr.path);
    const linkedIn = card.getByRole('link', { name: `Add to LinkedIn: ${item.credential.title}` });
    expect(await linkedIn.getAttribute('href')).toBe(item.share.linkedIn);
    // The shared link works for anyone: the public verification page.
    const verify = await fetch(item.share.url.replace('localhost', '127.0.0.1'));
    expect(verify.status).toBe(200);
    await screenshot(page, 'me-share-phone-en.png');
  });

  it('remembers the language for the person: the next sign-in on another device starts in it', async () => {
    const before = await apiGet<MyProfile>(brevet, '/api/v1/me/profile', employee);
    const other = before.language === 'de' ? 'en' : 'de';
    const names = { en: 'English', de: 'Deutsch' } as const;
    const { page } = await open(before.language);
    const mine = page.getByRole('radiogroup', {
      name: before.language === 'de' ? 'Meine Sprache' : 'My language',
    });
    await mine.getByRole('radio', { name: names[other] }).click();
    await page.getByText(other === 'de' ? 'Sprache gespeichert.' : 'Language saved.').waitFor();
    expect((await apiGet<Me>(brevet, '/api/v1/auth/me', employee)).language).toBe(other);

    // Another device: nothing stored in the browser, and a browser language that is not the chosen one.
    const elsewhere = await open(null, other === 'de' ? 'en-US' : 'de-DE');
    await elsewhere.page
      .getByRole('heading', { level: 1, name: other === 'de' ? 'Meine Nachweise' : 'My certificates' })
      .waitFor();
    expect(await elsewhere.page.evaluate(() => document.documentElement.lang)).toBe(other);
    await screenshot(elsewhere.page, `me-language-phone-${other}.png`);

    // Back to how it was, through the same control.
    await elsewhere.page
      .getByRole('radiogroup', { name: other === 'de' ? 'Meine Sprache' : 'My language' })
      .getByRole('radio', { name: names[before.language] })
      .click();
    await elsewhere.page.waitForFunction((l) => document.documentElement.lang === l, before.language);
    for (let i = 0; i < 50; i++) {
      if ((await apiGet<Me>(brevet, '/api/v1/auth/me', employee)).language === before.language) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await apiGet<Me>(brevet, '/api/v1/auth/me', employee)).language).toBe(before.language);
  });
});
