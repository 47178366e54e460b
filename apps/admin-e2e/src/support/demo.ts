import type { BrevetProcess } from '@brevet/testing';
import type { Browser } from 'playwright-core';
import { SESSION_COOKIE, openApp, type Session } from './e2e';

/** The people the demo identity provider offers (the button's description starts with the role). */
export type DemoRole = 'Employee' | 'Branch manager' | 'Regional manager' | 'HR administrator';

/**
 * Signs in through the demo identity provider (SAML) as the demo person with `role`, in a throwaway browser
 * context, and answers the session, to be put into other contexts with `openApp({ session, host: 'localhost' })`.
 */
export async function demoSession(browser: Browser, brevet: BrevetProcess, role: DemoRole): Promise<Session> {
  const app = await openApp(browser, brevet, { session: null, host: 'localhost', path: '/login' });
  try {
    const { page } = app;
    await app.context.addInitScript(() => localStorage.setItem('brevet.language', 'en'));
    await page.reload();
    await page.getByRole('link', { name: 'Try the demo sign-in' }).click();
    await page.getByRole('button', { name: new RegExp(`${role} ·`) }).click();
    await page.waitForURL((url) => url.pathname !== '/login' && !url.pathname.startsWith('/auth/'));
    const token = (await app.context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
    if (!token) throw new Error(`no session after the demo sign-in as ${role}`);
    return { token };
  } finally {
    await app.context.close();
  }
}
