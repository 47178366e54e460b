import { createHash } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import type { Response } from 'supertest';
import { BreakGlassAccountsService } from '../../src/auth/break-glass-accounts.service';
import { SESSION_COOKIE } from '../../src/auth/session-cookie';
import type { TestApp } from './test-app';

/** A break-glass HR admin, created the way the admin CLI creates one. */
export async function createBreakGlassAdmin(
  t: TestApp,
  email: string,
  password = 'correct horse battery staple',
): Promise<{ userId: string; email: string; password: string }> {
  const { userId } = await t.app
    .get(ClsService)
    .run(() =>
      t.app.get(BreakGlassAccountsService).createAdmin({ email, displayName: `Admin ${email}`, password }),
    );
  return { userId, email, password };
}

/** The session token a response set, or undefined. */
export function sessionCookieOf(res: Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  for (const cookie of cookies) {
    const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(cookie);
    if (match && match[1] !== '') return match[1];
  }
  return undefined;
}

/** The raw `Set-Cookie` line of the session cookie. */
export function sessionSetCookieLine(res: Response): string | undefined {
  return ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
}

/** The session store's ID for a cookie token (SHA-256, as the session service keys it). */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A client address (sent as X-Forwarded-For from the trusted loopback proxy) used by no other test, so each
 * test has its own rate-limit counters.
 */
let address = Math.floor(Math.random() * 2 ** 22);
export function freshClientAddress(): string {
  address = (address + 1) % 2 ** 24;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
}

/**
 * Rate limits count in fixed windows. A test that must see one window's count waits for the next window when
 * the current one has less than `neededMs` left, so its burst never straddles two windows.
 */
export async function withinOneWindow(windowMs: number, neededMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < neededMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
