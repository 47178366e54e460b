import type {
  CreatedScimToken,
  HrImportDetail,
  Me,
  ScimMappingSettings,
  StaffDetail,
} from '@brevet/contracts';
import { csv, ENGLISH_HEADER, person, seedOrg } from '../../test/fixtures/hr-import/hr-import.fixtures';
import { agentFor, createTestUser, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { branchBody, makeJobRole, makeRegion, staffBody } from '../../test/support/factories';
import {
  createBreakGlassAdmin,
  freshClientAddress,
  sessionCookieOf,
  sessionIdOf,
} from '../../test/support/password-accounts';
import { createTestApp, eventually, resetDatabase, type TestApp } from '../../test/support/test-app';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../../test/support/test-env';
import request from 'supertest';
import { RedisSessionStore } from './redis-session-store';
import { PostgresSessionStore } from './postgres-session-store';
import { SessionStore } from './session-store.port';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const stores: Array<[string, () => Record<string, string>, Function]> = [
  ['PostgreSQL (no Redis)', () => ({}), PostgresSessionStore],
  [
    'Redis',
    () => ({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix('sess') }),
    RedisSessionStore,
  ],
];
let roleSequence = 0;

describe.each(stores)('A3 session lifecycle, sessions in %s', (_label, envOf, storeClass) => {
  let t: TestApp;
  /** With Redis, jobs (the HR import) run in a worker process of their own, as in production. */
  let worker: TestApp | undefined;
  let admin: SignedInAgent;
  const env = envOf();

  beforeAll(async () => {
    t = await createTestApp(env);
    if (env['REDIS_URL']) worker = await createTestApp(env, 'worker');
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });
  beforeEach(async () => {
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
  });

  const store = () => t.app.get(SessionStore);
  const http = () => request(t.app.getHttpServer());
  const me = (token: string) => http().get('/api/v1/auth/me').set('Cookie', `brevet_session=${token}`);
  const login = (body: { email: string; password: string }, cookie?: string) => {
    const req = http()
      .post('/api/v1/auth/password')
      .set('X-Forwarded-For', freshClientAddress())
      .send({ email: body.email, password: body.password });
    return cookie ? req.set('Cookie', `brevet_session=${cookie}`) : req;
  };

  it('uses the store this configuration calls for', () => {
    expect(store()).toBeInstanceOf(storeClass);
  });

  it('issues a new session ID at every password sign-in and ends the one the browser brought', async () => {
    const account = await createBreakGlassAdmin(t, 'rotate@brevet.test');
    const first = sessionCookieOf(await login(account).expect(204));
    expect(first).toBeDefined();
    await me(first as string).expect(200);

    // Signing in again with the old cookie: a different ID, and the old one is over.
    const second = sessionCookieOf(await login(account, first).expect(204));
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    await me(first as string).expect(401);
    expect(await store().get(sessionIdOf(first as string))).toBeNull();
    const mine = (await me(second as string).expect(200)).body as Me;
    expect(mine).toMatchObject({ userId: account.userId, signedInWith: { kind: 'password' } });

    // A cookie planted before sign-in (session fixation) is never adopted.
    const planted = 'planted-by-an-attacker-0123456789';
    const third = sessionCookieOf(await login(account, planted).expect(204));
    expect(third).not.toBe(planted);
    await me(planted).expect(401);
  });

  it('ends the session at logout: the old cookie gets 401 afterwards', async () => {
    const account = await createBreakGlassAdmin(t, 'logout@brevet.test');
    const token = sessionCookieOf(await login(account).expect(204)) as string;
    await me(token).expect(200);
    const out = await http().post('/api/v1/auth/logout').set('Cookie', `brevet_session=${token}`).expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/brevet_session=;/);
    await me(token).expect(401);
    expect(await store().get(sessionIdOf(token))).toBeNull();
  });

  it('ends a session idle for longer than SESSION_IDLE_MINUTES, and keeps one that was just used', async () => {
    const idleMs = t.config.sessions.idleMs;
    const stale = await agentFor(t, admin.userId);
    const fresh = await agentFor(t, admin.userId);
    const backdate = async (token: string, lastSeenAt: number) => {
      const id = sessionIdOf(token);
      const record = await store().get(id);
      expect(record).not.toBeNull();
      // A long store TTL: the session service's own idle rule has to end it.
      await store().save(id, { ...record!, lastSeenAt }, 3_600_000);
    };
    await backdate(stale.token, Date.now() - idleMs - 1_000);
    await backdate(fresh.token, Date.now() - idleMs + 120_000);

    await me(stale.token).expect(401);
    expect(await store().get(sessionIdOf(stale.token))).toBeNull();

    await me(fresh.token).expect(200);
    // Used just now: its activity was written back, so it lives another full idle period.
    const touched = await store().get(sessionIdOf(fresh.token));
    expect(touched?.lastSeenAt).toBeGreaterThan(Date.now() - 10_000);
  });

  it('ends a session past its absolute lifetime even while it is in use', async () => {
    const session = await agentFor(t, admin.userId);
    const id = sessionIdOf(session.token);
    const record = await store().get(id);
    await store().save(
      id,
      { ...record!, lastSeenAt: Date.now(), absoluteExpiresAt: Date.now() - 1_000 },
      3_600_000,
    );
    await me(session.token).expect(401);
    expect(await store().get(id)).toBeNull();
  });

  it('never brings back an ended session when a request in flight records its activity', async () => {
    const session = await agentFor(t, admin.userId);
    const id = sessionIdOf(session.token);
    const record = await store().get(id);
    await store().destroy(id);
    await store().touch(id, { ...record!, lastSeenAt: Date.now() }, 3_600_000);
    expect(await store().get(id)).toBeNull();
    await me(session.token).expect(401);
  });

  describe('deactivation ends every session of the person', () => {
    /** A person with a staff record, a linked account and two live sessions (two browsers). */
    async function employeeWithSessions(staffId: string) {
      const userId = await createTestUser(t, 'employee', { staffId });
      const browsers = [await agentFor(t, userId), await agentFor(t, userId)];
      for (const b of browsers) await b.get('/api/v1/auth/me').expect(200);
      expect(await store().listForUser(userId)).toHaveLength(2);
      return { userId, browsers };
    }
    /** Ended by the deactivation itself, not only refused at the next request. */
    async function expectAllEnded(person: { userId: string; browsers: SignedInAgent[] }) {
      expect(await store().listForUser(person.userId)).toEqual([]);
      for (const b of person.browsers) await b.get('/api/v1/auth/me').expect(401);
    }
    async function makeStaff(): Promise<StaffDetail> {
      const region = await makeRegion(t.dataSource);
      const branch = (await admin.post('/api/v1/branches').send(branchBody(region.id)).expect(201)).body as {
        id: string;
      };
      roleSequence += 1;
      const role = await makeJobRole(t.dataSource, `SESSION-ROLE-${roleSequence}`);
      return (
        await admin
          .post('/api/v1/staff')
          .send(staffBody(branch.id, [role.id]))
          .expect(201)
      ).body as StaffDetail;
    }

    it('when SCIM sets active:false', async () => {
      const region = await makeRegion(t.dataSource);
      await admin
        .post('/api/v1/branches')
        .send(branchBody(region.id, { code: 'DE-BER-01' }))
        .expect(201);
      await admin
        .post('/api/v1/job-roles')
        .send({ code: 'WAREHOUSE', names: { en: 'Warehouse', de: 'Lager' } })
        .expect(201);
      const mapping: ScimMappingSettings = {
        branchAttribute: `${ENTERPRISE}:department`,
        branchValues: [],
        jobRoleAttribute: 'title',
        jobRoleValues: [{ value: 'Lagerist', code: 'WAREHOUSE' }],
        unmappedJobRole: 'reject',
        hireDateAttribute: null,
      };
      await admin.put('/api/v1/scim/settings').send(mapping).expect(200);
      const { token } = (await admin.post('/api/v1/scim/tokens').send({ name: 'Entra ID' }).expect(201))
        .body as CreatedScimToken;
      const scim = (method: 'post' | 'patch', url: string, body: object) =>
        (method === 'post' ? http().post(url) : http().patch(url))
          .set('Authorization', `Bearer ${token}`)
          .set('Content-Type', 'application/scim+json')
          .send(JSON.stringify(body));

      const created = await scim('post', '/scim/v2/Users', {
        schemas: [USER, ENTERPRISE],
        userName: 'leaver@example.com',
        active: true,
        name: { givenName: 'Lea', familyName: 'Ver' },
        title: 'Lagerist',
        emails: [{ value: 'leaver@example.com', type: 'work', primary: true }],
        [ENTERPRISE]: { employeeNumber: 'E-SCIM-1', department: 'DE-BER-01' },
      }).expect(201);
      const [{ staff_id: staffId }] = (await t.dataSource.query(
        `SELECT staff_id FROM scim_user WHERE id = $1`,
        [created.body.id],
      )) as Array<{ staff_id: string }>;
      const person = await employeeWithSessions(staffId);

      await scim('patch', `/scim/v2/Users/${created.body.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      }).expect(200);
      await expectAllEnded(person);
    });

    it('when an admin sets the status to left (PATCH /api/v1/staff/:id)', async () => {
      const staff = await makeStaff();
      const person = await employeeWithSessions(staff.id);
      const other = await employeeWithSessions((await makeStaff()).id);
      await admin.patch(`/api/v1/staff/${staff.id}`).send({ status: 'left' }).expect(200);
      await expectAllEnded(person);
      // Nobody else's sessions end.
      expect(await store().listForUser(other.userId)).toHaveLength(2);
    });

    it('when the HR import marks the person as left, in a status column or missing from a full export', async () => {
      await seedOrg(t.dataSource);
      const runImport = async (content: string, fullExport = false) => {
        const req = admin.post('/api/v1/hr-imports').attach('file', Buffer.from(content), 'staff.csv');
        if (fullExport) req.field('fullExport', 'true');
        const { id } = (await req.expect(201)).body as HrImportDetail;
        const status = () =>
          admin.get(`/api/v1/hr-imports/${id}`).then((r) => (r.body as HrImportDetail).status);
        const validated = await eventually(async () => {
          const now = await status();
          return now === 'uploaded' || now === 'validating' ? false : now;
        }, 30_000);
        expect(validated).toBe('validated');
        await admin.post(`/api/v1/hr-imports/${id}/apply`).expect(202);
        expect(await eventually(async () => (await status()) === 'applied', 30_000)).toBe(true);
      };
      await runImport(csv([ENGLISH_HEADER, person('7001'), person('7002'), person('7003')]));
      const staffIdOf = async (number: string) =>
        (
          (await t.dataSource.query(`SELECT id FROM staff WHERE employee_number = $1`, [number])) as Array<{
            id: string;
          }>
        )[0].id;
      const leaver = await employeeWithSessions(await staffIdOf('7001'));
      const missing = await employeeWithSessions(await staffIdOf('7002'));
      const stays = await employeeWithSessions(await staffIdOf('7003'));

      await runImport(
        csv([ENGLISH_HEADER, person('7001', { status: 'left' }), person('7002'), person('7003')]),
      );
      await expectAllEnded(leaver);
      expect(await store().listForUser(missing.userId)).toHaveLength(2);

      await runImport(csv([ENGLISH_HEADER, person('7003')]), true);
      await expectAllEnded(missing);
      expect(await store().listForUser(stays.userId)).toHaveLength(2);
    });

    it('refuses a session of someone who has left even when ending their sessions did not happen', async () => {
      const staff = await makeStaff();
      const person = await employeeWithSessions(staff.id);
      // Written straight to the database: nothing published, the sessions are still in the store.
      await t.dataSource.query(`UPDATE staff SET status = 'left' WHERE id = $1`, [staff.id]);
      expect(await store().listForUser(person.userId)).toHaveLength(2);
      await person.browsers[0].get('/api/v1/auth/me').expect(401);
      // The refused session is ended on the spot.
      expect(await store().get(sessionIdOf(person.browsers[0].token))).toBeNull();
    });

    it('refuses the sessions of a disabled account', async () => {
      const person = await employeeWithSessions((await makeStaff()).id);
      await t.dataSource.query(`UPDATE user_account SET status = 'disabled' WHERE id = $1`, [person.userId]);
      await person.browsers[0].get('/api/v1/auth/me').expect(401);
    });
  });
});
