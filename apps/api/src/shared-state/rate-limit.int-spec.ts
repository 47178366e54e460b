import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { freshClientAddress, withinOneWindow } from '../../test/support/password-accounts';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../../test/support/test-env';
import { RATE_LIMITS, type RateLimitName } from './rate-limit';

const setups: Array<[string, () => Record<string, string>]> = [
  [
    'Redis (one REDIS_URL and REDIS_PREFIX)',
    () => ({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix('rl') }),
  ],
  ['PostgreSQL without Redis', () => ({})],
];

/**
 * A5: bursts spread over two API processes that share one store are counted together, so both answer 429
 * once the shared count passes the limit (per-process counting would let twice as many through).
 */
describe.each(setups)('A5 rate limits across two API instances, %s', (_label, envOf) => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const env = envOf();
    a = await createTestApp(env);
    b = await createTestApp(env);
    await resetDatabase(a);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  /**
   * Sends `limit + extra` requests from one address, alternating between the instances; returns the statuses
   * per instance in order.
   */
  async function burst(
    name: RateLimitName,
    extra: number,
    send: (app: TestApp, from: string) => request.Test,
  ) {
    const { limit, windowMs } = RATE_LIMITS[name];
    const from = freshClientAddress();
    await withinOneWindow(windowMs, 30_000);
    const statuses: Array<{ instance: 'a' | 'b'; status: number; retryAfter?: string }> = [];
    for (let i = 0; i < limit + extra; i += 1) {
      const instance = i % 2 === 0 ? 'a' : 'b';
      const res = await send(instance === 'a' ? a : b, from);
      statuses.push({ instance, status: res.status, retryAfter: res.headers['retry-after'] });
    }
    return { statuses, limit };
  }

  function expectCountedTogether(
    { statuses, limit }: Awaited<ReturnType<typeof burst>>,
    allowedStatus: number,
  ): void {
    expect(statuses.slice(0, limit).map((s) => s.status)).toEqual(Array(limit).fill(allowedStatus));
    const over = statuses.slice(limit);
    expect(over.map((s) => s.status)).toEqual(Array(over.length).fill(429));
    expect(new Set(over.map((s) => s.instance))).toEqual(new Set(['a', 'b']));
    for (const s of over) expect(Number(s.retryAfter)).toBeGreaterThanOrEqual(1);
  }

  it(`login: ${RATE_LIMITS.login.limit} a minute per address, whichever instance answers`, async () => {
    const result = await burst('login', 4, (app, from) =>
      request(app.app.getHttpServer())
        .post('/api/v1/auth/password')
        .set('X-Forwarded-For', from)
        .send({ email: 'nobody@brevet.test', password: 'wrong' }),
    );
    expectCountedTogether(result, 401);
  });

  it(`verify: ${RATE_LIMITS.verify.limit} a minute per address on the public verification page`, async () => {
    const result = await burst('verify', 4, (app, from) =>
      request(app.app.getHttpServer()).get(`/verify/${randomUUID()}`).set('X-Forwarded-For', from),
    );
    expectCountedTogether(result, 404);
  });

  it(`saml: ${RATE_LIMITS.saml.limit} a minute per address on the SAML endpoints`, async () => {
    const result = await burst('saml', 4, (app, from) =>
      request(app.app.getHttpServer())
        .get('/auth/saml/no-such-provider/login')
        .set('Accept', 'application/json')
        .set('X-Forwarded-For', from),
    );
    const first = result.statuses[0].status;
    expect(first).not.toBe(429);
    expectCountedTogether(result, first);
  });
});
