import type { ProblemDetails } from '@brevet/contracts';
import request from 'supertest';
import {
  createBreakGlassAdmin,
  freshClientAddress,
  sessionCookieOf,
  withinOneWindow,
} from '../../test/support/password-accounts';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { LOCKOUT } from './auth.service';
import { RATE_LIMITS } from '../shared-state/rate-limit';

describe('break-glass password sign-in (real PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(t));

  /** Each test signs in from its own address, so the per-address rate limit stays out of its way. */
  const signIn = (email: string, password: string, from: string) =>
    request(t.app.getHttpServer())
      .post('/api/v1/auth/password')
      .set('X-Forwarded-For', from)
      .send({ email, password });

  it('stores an argon2id hash and signs in with the right password', async () => {
    const account = await createBreakGlassAdmin(t, 'Admin.One@Brevet.test', 'a long enough secret');
    const [row] = (await t.dataSource.query(`SELECT email, password_hash FROM user_account WHERE id = $1`, [
      account.userId,
    ])) as Array<{ email: string; password_hash: string }>;
    expect(row.email).toBe('admin.one@brevet.test');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('a long enough secret');

    const res = await signIn('ADMIN.ONE@brevet.test', 'a long enough secret', freshClientAddress()).expect(
      204,
    );
    const token = sessionCookieOf(res) as string;
    const me = await request(t.app.getHttpServer())
      .get('/api/v1/auth/me')
      .set('Cookie', `brevet_session=${token}`)
      .expect(200);
    expect(me.body).toMatchObject({ userId: account.userId, roles: ['hr_admin'] });
  });

  it('answers a wrong password exactly as an unknown email: 401, same code and message, no cookie', async () => {
    await createBreakGlassAdmin(t, 'known@brevet.test', 'the right password');
    const wrong = await signIn('known@brevet.test', 'not the password', freshClientAddress()).expect(401);
    const unknown = await signIn('nobody@brevet.test', 'not the password', freshClientAddress()).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect((wrong.body as ProblemDetails).code).toBe('auth.invalid_credentials');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a disabled account like an unknown one, right password or not', async () => {
    const account = await createBreakGlassAdmin(t, 'gone@brevet.test', 'the right password');
    await t.dataSource.query(`UPDATE user_account SET status = 'disabled' WHERE id = $1`, [account.userId]);
    const res = await signIn('gone@brevet.test', 'the right password', freshClientAddress()).expect(401);
    expect((res.body as ProblemDetails).code).toBe('auth.invalid_credentials');
  });

  it(`locks the account for ${LOCKOUT.minutes} minutes after ${LOCKOUT.failures} wrong passwords in a row`, async () => {
    const account = await createBreakGlassAdmin(t, 'target@brevet.test', 'the right password');
    const from = freshClientAddress();
    for (let i = 1; i < LOCKOUT.failures; i += 1) {
      const res = await signIn('target@brevet.test', `guess ${i}`, from).expect(401);
      expect((res.body as ProblemDetails).code).toBe('auth.invalid_credentials');
    }
    const locking = await signIn('target@brevet.test', 'guess 5', from).expect(401);
    expect((locking.body as ProblemDetails).code).toBe('auth.locked');

    // Locked: even the right password is refused, from any address.
    const locked = await signIn('target@brevet.test', 'the right password', freshClientAddress()).expect(401);
    expect((locked.body as ProblemDetails).code).toBe('auth.locked');
    expect(locked.headers['set-cookie']).toBeUndefined();
    const [{ locked_until: until }] = (await t.dataSource.query(
      `SELECT locked_until FROM user_account WHERE id = $1`,
      [account.userId],
    )) as Array<{ locked_until: Date }>;
    const minutes = (until.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(LOCKOUT.minutes - 1);
    expect(minutes).toBeLessThanOrEqual(LOCKOUT.minutes);

    // Once the lock has passed, the right password works and the count starts again.
    await t.dataSource.query(
      `UPDATE user_account SET locked_until = now() - interval '1 second' WHERE id = $1`,
      [account.userId],
    );
    await signIn('target@brevet.test', 'the right password', freshClientAddress()).expect(204);
    const [{ failed_logins: failures }] = (await t.dataSource.query(
      `SELECT failed_logins FROM user_account WHERE id = $1`,
      [account.userId],
    )) as Array<{ failed_logins: number }>;
    expect(failures).toBe(0);
  });

  it('a successful sign-in resets the count of wrong passwords', async () => {
    await createBreakGlassAdmin(t, 'typo@brevet.test', 'the right password');
    for (let round = 0; round < 2; round += 1) {
      const from = freshClientAddress();
      for (let i = 1; i < LOCKOUT.failures; i += 1)
        await signIn('typo@brevet.test', 'typo', from).expect(401);
      await signIn('typo@brevet.test', 'the right password', from).expect(204);
    }
  });

  it(`answers 429 with Retry-After past ${RATE_LIMITS.login.limit} attempts a minute from one address`, async () => {
    const from = freshClientAddress();
    await withinOneWindow(RATE_LIMITS.login.windowMs, 15_000);
    for (let i = 0; i < RATE_LIMITS.login.limit; i += 1) {
      await signIn('nobody@brevet.test', 'x', from).expect(401);
    }
    const limited = await signIn('nobody@brevet.test', 'x', from).expect(429);
    expect((limited.body as ProblemDetails).code).toBe('auth.rate_limited');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(RATE_LIMITS.login.windowMs / 1000);
    // Another address (through the trusted proxy) is counted on its own.
    await signIn('nobody@brevet.test', 'x', freshClientAddress()).expect(401);
  });
});

describe('password sign-in switched off (PASSWORD_LOGIN=disabled)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ PASSWORD_LOGIN: 'disabled' });
    await resetDatabase(t);
  });
  afterAll(() => t.close());

  it('answers 403 even with the right password, and says so in the sign-in options', async () => {
    await createBreakGlassAdmin(t, 'off@brevet.test', 'the right password');
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/auth/password')
      .send({ email: 'off@brevet.test', password: 'the right password' })
      .expect(403);
    expect((res.body as ProblemDetails).code).toBe('auth.password_login_disabled');
    expect(res.headers['set-cookie']).toBeUndefined();
    const options = await request(t.app.getHttpServer()).get('/api/v1/auth/options').expect(200);
    expect(options.body).toMatchObject({ passwordLogin: false });
  });
});

describe('the rate limit counts the address Express trusts (TRUST_PROXY)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // The app trusts only a proxy at 10.9.9.9, so X-Forwarded-For from the test's loopback address is ignored.
    t = await createTestApp({ TRUST_PROXY: '10.9.9.9' });
    await resetDatabase(t);
  });
  afterAll(() => t.close());

  it('is not evaded by a forged X-Forwarded-For from an untrusted hop', async () => {
    await withinOneWindow(RATE_LIMITS.login.windowMs, 15_000);
    for (let i = 0; i < RATE_LIMITS.login.limit; i += 1) {
      await request(t.app.getHttpServer())
        .post('/api/v1/auth/password')
        .set('X-Forwarded-For', freshClientAddress())
        .send({ email: 'nobody@brevet.test', password: 'x' })
        .expect(401);
    }
    await request(t.app.getHttpServer())
      .post('/api/v1/auth/password')
      .set('X-Forwarded-For', freshClientAddress())
      .send({ email: 'nobody@brevet.test', password: 'x' })
      .expect(429);
  });
});
