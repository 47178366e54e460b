import { ReportSubscriptionRoutes, type Award, type ReadinessResponse } from '@brevet/contracts';
import {
  PIN_HEADER,
  passwordSessionCookie,
  startCluster,
  type Cluster,
  type LoadBalancer,
} from '@brevet/testing';
import { RATE_LIMITS } from '../../src/shared-state/rate-limit';
import { TestSmtpServer } from '../mail/smtp-test-server';
import { withinOneWindow } from '../support/password-accounts';
import {
  TEST_KEY_ENCRYPTION_SECRET,
  TEST_PG_ADMIN_URL,
  TEST_REDIS_URL,
  uniqueRedisPrefix,
} from '../support/test-env';

/**
 * `npm run test:cluster` (issue 10): two API processes behind a load balancer and two workers, on the local
 * PostgreSQL and Redis, started from the built app the way production runs it. What one process starts, the
 * other finishes; limits and guarantees hold across processes; losing a process loses nothing accepted.
 */
jest.setTimeout(300_000);

let cluster: Cluster;
/** Where the workers send email: it takes a moment per message, so a worker can be killed mid-conversation. */
let smtp: TestSmtpServer;
/** The scheduled report subscribed to at the start (see the last test). */
let reportSubscriptionId: string;

beforeAll(async () => {
  smtp = await TestSmtpServer.start({ beforeAccept: () => new Promise((r) => setTimeout(r, 400)) });
  cluster = await startCluster({
    adminDatabaseUrl: TEST_PG_ADMIN_URL,
    redisUrl: TEST_REDIS_URL,
    redisPrefix: uniqueRedisPrefix('cluster'),
    keyEncryptionSecret: TEST_KEY_ENCRYPTION_SECRET,
    apis: 2,
    workers: 2,
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_TLS: 'none',
      SMTP_FROM: 'Brevet <brevet@nordwind.example>',
      // A killed worker's jobs are picked up by the other within seconds (production: 30 s).
      JOB_STALLED_INTERVAL_MS: '3000',
      // Both workers look for due scheduled reports every 2 s (production: every minute).
      REPORT_CHECK_INTERVAL_MS: '2000',
    },
  });
  // A daily report due at the next whole minute (UTC), at least 20 s ahead; the last test checks it went out once.
  const due = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
  const subscribed = await call(ReportSubscriptionRoutes.subscriptions, {
    cookie: await passwordSessionCookie(cluster.url),
    json: {
      kind: 'compliance-matrix',
      format: 'csv',
      every: 'daily',
      time: due.toISOString().slice(11, 16),
      timeZone: 'UTC',
    },
  });
  expect(subscribed.status).toBe(201);
  reportSubscriptionId = (JSON.parse(subscribed.text) as { id: string }).id;
});

afterAll(async () => {
  await cluster?.stop();
  await smtp?.close();
});

async function until(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Reply {
  status: number;
  headers: Headers;
  text: string;
}

/** A request through the balancer, optionally pinned to one API process, without following redirects. */
async function call(
  pathOrUrl: string,
  init: { method?: string; pin?: number; cookie?: string; form?: Record<string, string>; json?: unknown } & {
    from?: string;
  } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (init.pin !== undefined) headers[PIN_HEADER] = String(init.pin);
  if (init.cookie) headers['cookie'] = init.cookie;
  if (init.from) headers['x-forwarded-for'] = init.from;
  let body: string | undefined;
  if (init.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  } else if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const url = new URL(pathOrUrl, cluster.url);
  const res = await fetch(url, {
    method: init.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    redirect: 'manual',
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  if (!match) throw new Error(`no hidden ${name} in:\n${html.slice(0, 2_000)}`);
  return match[1]
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

function sessionCookieOf(reply: Reply): string | null {
  const cookie = reply.headers.getSetCookie().find((c) => c.startsWith('brevet_session='));
  return cookie ? cookie.split(';')[0] : null;
}

describe('losing a worker mid-job', () => {
  it('SIGKILL while reminder emails go out: the other worker finishes them, and no email goes out twice', async () => {
    // The workers' start ran the day's reminders (the latest slot runs once, whichever worker claims it).
    await until(() => smtp.arrived.length >= 10, 120_000, 'the first reminder emails');
    expect(await cluster.workers[0].stop('SIGKILL')).toBeNull();
    const arrivedAtKill = smtp.arrived.length;
    const open = async () =>
      Number(
        (
          await cluster.query<{ n: string }>(
            `SELECT count(*) AS n FROM mail_message WHERE status IN ('pending', 'sending')`,
          )
        )[0].n,
      );
    await until(async () => (await open()) === 0, 180_000, 'every claimed email to be handed over');

    const rows = await cluster.query<{ status: string; provider_message_id: string | null }>(
      `SELECT status, provider_message_id FROM mail_message`,
    );
    const arrivedIds = smtp.arrived.map((m) => m.messageId);
    expect(new Set(arrivedIds).size).toBe(arrivedIds.length);
    const sent = rows.filter((r) => r.status === 'sent');
    expect(sent.length).toBeGreaterThan(10);
    for (const row of sent) expect(arrivedIds).toContain(row.provider_message_id);
    // Only a message in the SMTP conversation at the kill may be uncertain (at most once, docs/reminders.md).
    const uncertain = rows.filter((r) => r.status === 'uncertain');
    expect(uncertain.length).toBeLessThanOrEqual(10);
    expect(sent.length + uncertain.length).toBe(rows.length);
    // The kill came mid-way: most emails went out after it.
    expect(rows.length).toBeGreaterThan(arrivedAtKill + 10);
    // One reminder run for the day's slot, though two workers started.
    const runs = await cluster.query<{ n: string }>(
      `SELECT count(*) AS n FROM recurring_job_run WHERE job_name = 'reminders.run'`,
    );
    expect(Number(runs[0].n)).toBe(1);
  });
});

describe('SAML sign-in across processes', () => {
  it('a sign-in started on one API process completes on the other, and the session works on both', async () => {
    const start = await call('/auth/saml/demo/login', { pin: 0 });
    expect([302, 303]).toContain(start.status);
    const idpUrl = new URL(start.headers.get('location') as string);
    expect(idpUrl.pathname).toBe('/auth/demo-idp/sso');

    // The identity provider's page and answer come from the other process (the demo IdP is part of Brevet).
    const page = await call(idpUrl.pathname + idpUrl.search, { pin: 1 });
    expect(page.status).toBe(200);
    const people = [...page.text.matchAll(/name="person" value="([^"]+)"/g)].map((m) => m[1]);
    expect(people).toContain('employee');
    const answer = await call('/auth/demo-idp/sso', {
      pin: 1,
      form: {
        SAMLRequest: hidden(page.text, 'SAMLRequest'),
        RelayState: hidden(page.text, 'RelayState'),
        person: 'employee',
      },
    });
    expect(answer.status).toBe(200);
    const acs = /<form[^>]+action="([^"]+)"/.exec(answer.text)?.[1] as string;
    expect(new URL(acs).origin).toBe(cluster.url);
    const samlResponse = hidden(answer.text, 'SAMLResponse');

    // The assertion comes back to the process that did NOT start the sign-in: the request ID it answers was
    // issued by process 0 and must be known to process 1 (shared InResponseTo cache).
    const signedIn = await call(new URL(acs).pathname, {
      pin: 1,
      form: { SAMLResponse: samlResponse, RelayState: hidden(answer.text, 'RelayState') },
    });
    expect(signedIn.status).toBe(303);
    const cookie = sessionCookieOf(signedIn);
    expect(cookie).not.toBeNull();
    for (const pin of [0, 1]) {
      const me = await call('/api/v1/auth/me', { pin, cookie: cookie as string });
      expect(me.status).toBe(200);
      expect(JSON.parse(me.text)).toMatchObject({ roles: expect.arrayContaining(['employee']) });
    }

    // The same response replayed to the first process is refused: the replay guard is shared too.
    const replay = await call(new URL(acs).pathname, { pin: 0, form: { SAMLResponse: samlResponse } });
    expect(replay.status).not.toBe(303);
    expect(sessionCookieOf(replay)).toBeNull();
  });
});

describe('rate limits across processes', () => {
  it('password attempts from one address count on both processes together', async () => {
    const from = '203.0.113.77';
    const { limit, windowMs } = RATE_LIMITS.login;
    await withinOneWindow(windowMs, 20_000); // the limit counts per fixed window
    for (let i = 0; i < limit; i += 1) {
      const attempt = await call('/api/v1/auth/password', {
        pin: i % 2,
        from,
        json: { email: 'nobody@nordwind.example', password: 'wrong-password' },
      });
      expect(attempt.status).toBe(401);
    }
    for (const pin of [0, 1]) {
      const limited = await call('/api/v1/auth/password', {
        pin,
        from,
        json: { email: 'nobody@nordwind.example', password: 'wrong-password' },
      });
      expect(limited.status).toBe(429);
    }
    // Another address is not affected.
    const other = await call('/api/v1/auth/password', {
      pin: 0,
      from: '203.0.113.78',
      json: { email: 'nobody@nordwind.example', password: 'wrong-password' },
    });
    expect(other.status).toBe(401);
  });
});

/**
 * Issues awards through the balancer, `concurrency` at a time, until `stopAfter` have been sent; calls
 * `midway` once half are sent. Returns what each request got.
 */
async function issueAwards(
  cookie: string,
  pairs: Array<{ staffId: string; definitionId: string }>,
  concurrency: number,
  midway: () => Promise<void>,
): Promise<Array<{ pair: { staffId: string; definitionId: string }; status: number; award?: Award }>> {
  const results: Array<{ pair: { staffId: string; definitionId: string }; status: number; award?: Award }> =
    [];
  let nextIndex = 0;
  let midwayDone: Promise<void> | undefined;
  // Yesterday (UTC) has begun in every branch's time zone; today may not have yet (award.completed_in_future).
  const today = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const lane = async () => {
    while (nextIndex < pairs.length) {
      const pair = pairs[nextIndex++];
      if (nextIndex === Math.floor(pairs.length / 2)) midwayDone = midway();
      const reply = await call('/api/v1/awards', {
        cookie,
        json: { ...pair, completedOn: today, issuer: 'Cluster test' },
      }).catch(() => ({ status: 0, text: '', headers: new Headers() }));
      results.push({
        pair,
        status: reply.status,
        award: reply.status === 201 ? (JSON.parse(reply.text) as Award) : undefined,
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  await midwayDone;
  return results;
}

/** Person × credential pairs without any award yet, from the demo company. */
async function freshPairs(
  count: number,
  offset: number,
): Promise<Array<{ staffId: string; definitionId: string }>> {
  return cluster.query<{ staffId: string; definitionId: string }>(
    `SELECT s.id AS "staffId", d.id AS "definitionId"
       FROM staff s CROSS JOIN credential_definition d
      WHERE s.status = 'active' AND d.status = 'published'
        AND NOT EXISTS (SELECT 1 FROM award a WHERE a.staff_id = s.id AND a.definition_id = d.id)
      ORDER BY s.employee_number, d.code
      OFFSET $1 LIMIT $2`,
    [offset, count],
  );
}

/** Every accepted (201) award is stored, active, and has its audit entry. */
async function expectAllAcceptedStored(accepted: Award[]): Promise<void> {
  const ids = accepted.map((a) => a.id);
  const stored = await cluster.query<{ id: string }>(`SELECT id FROM award WHERE id = ANY($1::uuid[])`, [
    ids,
  ]);
  expect(stored).toHaveLength(ids.length);
  const audited = await cluster.query<{ id: string }>(
    `SELECT DISTINCT target_id AS id FROM audit_entry WHERE action = 'award.issued' AND target_id = ANY($1::text[])`,
    [ids],
  );
  expect(audited).toHaveLength(ids.length);
}

describe('losing an API process under load', () => {
  let cookie: string;

  beforeAll(async () => {
    cookie = await passwordSessionCookie(cluster.url);
  });

  it('SIGTERM mid-load: the process leaves the rotation, drains, and every request is answered', async () => {
    const balancer = cluster.balancer as LoadBalancer;
    const refusedBefore = balancer.stats.retriedAfterRefusal;
    const pairs = await freshPairs(120, 0);
    expect(pairs).toHaveLength(120);
    const stopping = cluster.apis[0];
    try {
      const results = await issueAwards(cookie, pairs, 8, async () => {
        const exited = stopping.stop('SIGTERM');
        // It says "stopping" to the balancer's readiness checks while it still serves (SHUTDOWN_DELAY_SECONDS)…
        const ready = await fetch(`${stopping.url}/api/ready`);
        expect(ready.status).toBe(503);
        expect(((await ready.json()) as ReadinessResponse).status).toBe('stopping');
        // …then drains and exits cleanly.
        expect(await exited).toBe(0);
      });
      expect(results.filter((r) => r.status !== 201)).toEqual([]);
      await expectAllAcceptedStored(results.map((r) => r.award as Award));
      expect(balancer.backends[0].down).toBe(true);
      // The balancer had taken it out before it closed its port: no request met a refused connection.
      expect(balancer.stats.retriedAfterRefusal).toBe(refusedBefore);
    } finally {
      await cluster.restartApi(0);
    }
  });

  it('SIGKILL mid-load: whatever was accepted is stored with its audit entry; nothing is half-written', async () => {
    const pairs = await freshPairs(120, 200);
    try {
      await killMidLoad(cookie, pairs);
    } finally {
      await cluster.restartApi(1);
    }
  });
});

/** Issues awards and SIGKILLs the second API midway; checks what was accepted and what failed in flight. */
async function killMidLoad(
  cookie: string,
  pairs: Array<{ staffId: string; definitionId: string }>,
): Promise<void> {
  const results = await issueAwards(cookie, pairs, 8, async () => {
    await cluster.apis[1].stop('SIGKILL');
  });
  const accepted = results.filter((r) => r.status === 201).map((r) => r.award as Award);
  // Only requests in flight at the kill may fail (502 from the balancer); the rest went to the survivor.
  expect(results.filter((r) => r.status !== 201).length).toBeLessThanOrEqual(8);
  expect(accepted.length).toBeGreaterThanOrEqual(pairs.length - 8);
  await expectAllAcceptedStored(accepted);
  // A request that failed in flight either committed completely (award and audit entry) or not at all.
  for (const failed of results.filter((r) => r.status !== 201)) {
    const [row] = await cluster.query<{ awards: string; audited: string }>(
      `SELECT count(*) AS awards,
                (SELECT count(*) FROM audit_entry e WHERE e.action = 'award.issued'
                    AND e.target_id IN (SELECT id::text FROM award WHERE staff_id = $1 AND definition_id = $2)) AS audited
           FROM award WHERE staff_id = $1 AND definition_id = $2`,
      [failed.pair.staffId, failed.pair.definitionId],
    );
    expect(row.audited).toBe(row.awards);
  }
}

describe('scheduled reports across workers', () => {
  it('a report due while two workers look for it every 2 s is built and emailed once', async () => {
    const runs = () =>
      cluster.query<{ status: string; export_id: string | null }>(
        `SELECT status, export_id FROM report_subscription_run WHERE subscription_id = $1`,
        [reportSubscriptionId],
      );
    await until(async () => (await runs()).some((r) => r.status === 'sent'), 150_000, 'the scheduled report');
    const reportMails = () =>
      smtp.arrived.filter(
        (m) =>
          m.parsed.subject?.startsWith('Your scheduled report') && m.to.includes('admin@nordwind.example'),
      );
    await until(() => reportMails().length > 0, 30_000, 'the report email');
    // Several more checks by both workers after the slot: still one run, one export, one email.
    await new Promise((r) => setTimeout(r, 6_000));
    const [run, ...more] = await runs();
    expect(more).toEqual([]);
    const exports = await cluster.query<{ n: string }>(`SELECT count(*) AS n FROM export_run WHERE id = $1`, [
      run.export_id,
    ]);
    expect(Number(exports[0].n)).toBe(1);
    expect(reportMails()).toHaveLength(1);
    expect(reportMails()[0].parsed.attachments).toHaveLength(1);
  });
});
