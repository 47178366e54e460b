import type { CourseDetail, CoursePage, MyCredentials, MyProfile } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser, Page } from 'playwright-core';
import {
  NO_SIDEWAYS_SCROLL,
  PHONE,
  SESSION_COOKIE,
  adminSession,
  apiGet,
  launchChromium,
  openApp,
  screenshot,
  sidewaysScroll,
  stopBrevet,
  type AppPage,
  type Session,
  startDemoBrevet,
} from './support/e2e';

/**
 * A self-paced course, end to end in Chromium on a phone-sized screen: the demo employee opens "Fire safety
 * basics" from My certificates, reads the four lessons, takes the test, passes, and finds the certificate on
 * My certificates. The right answers come from the HR admin's view of the course (the learner's pages never
 * have them).
 */
describe('courses: learn, pass, hold the certificate', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  const opened: AppPage[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    brevet = await startDemoBrevet();
  });

  afterAll(async () => {
    for (const app of opened) await app.context.close();
    await browser?.close();
    await stopBrevet(brevet);
    expect(opened.flatMap((app) => app.errors)).toEqual([]);
  });

  async function signInAsEmployee(): Promise<{ page: Page; session: Session }> {
    const app = await openApp(browser, brevet, {
      session: null,
      host: 'localhost',
      path: '/login',
      viewport: PHONE,
    });
    opened.push(app);
    const { page } = app;
    await app.context.addInitScript(() => localStorage.setItem('brevet.language', 'en'));
    await page.reload();
    await page.getByRole('link', { name: 'Try the demo sign-in' }).click();
    await page.getByRole('button', { name: /Employee ·/ }).click();
    await page.waitForURL((url) => url.pathname !== '/login' && !url.pathname.startsWith('/auth/'));
    const token = (await app.context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
    if (!token) throw new Error('no session after the demo sign-in');
    return { page, session: { token } };
  }

  it('an employee on a phone reads the fire safety course, passes the test and sees the certificate', async () => {
    const admin = await adminSession(brevet);
    const list = await apiGet<CoursePage>(brevet, '/api/v1/courses?q=FIRE-BASICS', admin);
    const course = await apiGet<CourseDetail>(brevet, `/api/v1/courses/${list.items[0].id}`, admin);
    const rightTexts = new Map(
      course.content.questions.map((q) => [
        q.prompt.en,
        q.options.filter((o) => o.correct).map((o) => o.text.en),
      ]),
    );

    const { page, session } = await signInAsEmployee();
    const profile = await apiGet<MyProfile>(brevet, '/api/v1/me/profile', session);
    const before = await apiGet<MyCredentials>(brevet, '/api/v1/me/credentials', session);
    expect(before.items.some((i) => i.credential.id === course.credential.id)).toBe(false);

    // From My certificates to My courses.
    await page.goto('/me');
    await page.getByRole('heading', { name: 'My certificates', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'My courses' }).click();
    await page.getByRole('heading', { name: 'My courses', level: 1 }).waitFor();
    const card = page
      .locator('li.card')
      .filter({ has: page.getByRole('heading', { name: 'Fire safety basics' }) });
    await card.getByText('Not started').waitFor();
    expect(await sidewaysScroll(page)).toEqual(NO_SIDEWAYS_SCROLL);
    await screenshot(page, 'courses-my-courses-phone.png');
    await card.getByRole('link', { name: 'Start' }).click();

    // Four lessons, one after the other; each step is saved on the server.
    const lessons = course.content.lessons.map((l) => l.title.en);
    for (const [i, title] of lessons.entries()) {
      await page.getByRole('heading', { name: title, level: 2 }).waitFor();
      await page.getByText(`Lesson ${i + 1} of ${lessons.length}`).waitFor();
      if (i === 1) {
        expect(await sidewaysScroll(page)).toEqual(NO_SIDEWAYS_SCROLL);
        await screenshot(page, 'courses-lesson-phone.png');
      }
      const last = i === lessons.length - 1;
      await page.getByRole('button', { name: last ? 'Done, go to the test' : 'Done, next lesson' }).click();
    }

    // The test: five questions drawn from the pool, answered right.
    await page.getByRole('heading', { name: 'Test', level: 1 }).waitFor();
    await page.getByText('You pass with 80 % or more.').waitFor();
    await page.getByRole('button', { name: 'Start the test' }).click();
    const questions = page.locator('fieldset.question');
    await questions.first().waitFor();
    expect(await questions.count()).toBe(5);
    for (let i = 0; i < 5; i++) {
      const fieldset = questions.nth(i);
      const legend = (await fieldset.locator('legend').innerText()).replace(/^\d+\.\s*/, '').trim();
      const right = rightTexts.get(legend);
      if (!right) throw new Error(`unknown question: ${legend}`);
      for (const text of right) await fieldset.getByText(text, { exact: true }).click();
    }
    await page.getByText('5 of 5 answered').waitFor();
    await screenshot(page, 'courses-test-phone.png');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Passed. Well done!' }).waitFor();
    await page.getByText('5 of 5 answers right. You need 80 %.').waitFor();
    expect(await sidewaysScroll(page)).toEqual(NO_SIDEWAYS_SCROLL);
    await screenshot(page, 'courses-result-phone.png');

    // The certificate is on My certificates, with the test result recorded on the award.
    await page.getByRole('link', { name: 'See my certificate' }).click();
    await page.getByRole('heading', { name: 'My certificates', level: 1 }).waitFor();
    // My certificates names them in the person's own language (from their staff record).
    const credentialTitle = course.credential.title[profile.language];
    await page.getByRole('heading', { name: credentialTitle, level: 3 }).waitFor();
    const after = await apiGet<MyCredentials>(brevet, '/api/v1/me/credentials', session);
    const held = after.items.find((i) => i.credential.id === course.credential.id);
    expect(held).toBeDefined();
    await page.goto('/learn');
    await card.getByText('Passed').waitFor();
  });

  it('an HR admin edits a published course into draft version 2 and publishes it', async () => {
    const app = await openApp(browser, brevet, { path: '/courses' });
    opened.push(app);
    const { page } = app;
    await page.getByRole('heading', { name: 'Courses', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Manual handling: lifting and carrying safely' }).click();
    await page.getByRole('heading', { name: 'Question pool', level: 2 }).waitFor();
    // HR sees the answer key; screen readers hear it too.
    expect(await page.getByText('(right answer)').count()).toBeGreaterThanOrEqual(9);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByText('Saving creates draft version 2').waitFor();
    const title = page.getByLabel('Title', { exact: true }).first();
    await title.fill('Lifting and carrying safely');
    await screenshot(page, 'courses-editor.png');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Saved as draft version 2.').waitFor();
    await page.getByRole('heading', { name: 'Lifting and carrying safely', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'v2 · Draft' }).waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published.').waitFor();
    await page.getByRole('button', { name: /v2 · Current/ }).waitFor();
    await page.getByRole('button', { name: /v1 · Retired/ }).waitFor();
  });
});
