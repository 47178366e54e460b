import type {
  CreatedScimToken,
  JobRole,
  ProblemDetails,
  ScimMappingSettings,
  StaffDetail,
} from '@brevet/contracts';
import { branchBody, makeRegion } from '../../test/support/factories';
import { createTestApp, resetDatabase, settleJobs, type TestApp } from '../../test/support/test-app';
import { ScimUserEntity } from './scim.entity';
import { StaffDeactivation, type StaffDeactivatedEvent } from '../staff/staff-deactivation';
import { StaffEntity } from '../staff/staff.entity';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

interface ScimUser {
  id: string;
  userName: string;
  active: boolean;
  meta: { resourceType: string; location: string; version: string; created: string; lastModified: string };
  [key: string]: unknown;
}
interface ListResponse {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: ScimUser[];
}

let sequence = 0;

/** A user as Entra ID provisions one, with the enterprise extension. */
function entraUser(overrides: Record<string, unknown> = {}, enterprise: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    schemas: [USER, ENTERPRISE],
    userName: `Person.${sequence}@example.com`,
    externalId: `entra-${sequence}`,
    active: true,
    displayName: `Person ${sequence}`,
    name: { givenName: 'Person', familyName: `Number ${sequence}` },
    title: 'Lagerist',
    preferredLanguage: 'de-AT',
    emails: [{ value: `Person.${sequence}@example.com`, type: 'work', primary: true }],
    [ENTERPRISE]: { employeeNumber: `E${1000 + sequence}`, department: 'DE-BER-01', ...enterprise },
    ...overrides,
  };
}

describe('SCIM Users over HTTP (real PostgreSQL)', () => {
  let t: TestApp;
  let http: SignedInAgent;
  let token: string;
  let events: StaffDeactivatedEvent[];
  let unsubscribe: () => void;

  beforeAll(async () => {
    t = await createTestApp();
    http = await signInAsAdmin(t);
  });
  afterAll(async () => {
    await settleJobs(t);
    await t.close();
  });
  beforeEach(async () => {
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    const region = await makeRegion(t.dataSource);
    for (const code of ['DE-BER-01', 'DE-HAM-01', 'DE-OLD-01']) {
      await http.post('/api/v1/branches').send(branchBody(region.id, { code })).expect(201);
    }
    const old = (await http.get('/api/v1/branches?q=DE-OLD-01').expect(200)).body.items[0] as { id: string };
    await http.post(`/api/v1/branches/${old.id}/archive`).expect(200);
    for (const code of ['WAREHOUSE', 'FORKLIFT']) {
      await http
        .post('/api/v1/job-roles')
        .send({ code, names: { en: code, de: code } })
        .expect(201);
    }
    const mapping: ScimMappingSettings = {
      branchAttribute: `${ENTERPRISE}:department`,
      branchValues: [{ value: 'Lager Hamburg', code: 'DE-HAM-01' }],
      jobRoleAttribute: 'title',
      jobRoleValues: [
        { value: 'Lagerist', code: 'WAREHOUSE' },
        { value: 'Staplerfahrer', code: 'FORKLIFT' },
        { value: 'Staplerfahrer', code: 'WAREHOUSE' },
      ],
      unmappedJobRole: 'reject',
      hireDateAttribute: null,
    };
    await http.put('/api/v1/scim/settings').send(mapping).expect(200);
    token = ((await http.post('/api/v1/scim/tokens').send({ name: 'Entra ID' })).body as CreatedScimToken)
      .token;
    events = [];
    unsubscribe = t.app.get(StaffDeactivation).subscribe((e) => {
      events.push(e);
    });
  });
  afterEach(() => unsubscribe());

  const auth = { Authorization: '' };
  const scim = () => {
    auth.Authorization = `Bearer ${token}`;
    return {
      get: (url: string) => http.get(url).set(auth),
      post: (url: string, body: object) =>
        http.post(url).set(auth).set('Content-Type', 'application/scim+json').send(JSON.stringify(body)),
      put: (url: string, body: object) =>
        http.put(url).set(auth).set('Content-Type', 'application/scim+json').send(JSON.stringify(body)),
      patch: (url: string, ...operations: object[]) =>
        http
          .patch(url)
          .set(auth)
          .set('Content-Type', 'application/scim+json')
          .send(JSON.stringify({ schemas: [PATCH_OP], Operations: operations })),
      delete: (url: string) => http.delete(url).set(auth),
    };
  };
  const staffOf = async (scimId: string): Promise<StaffDetail> => {
    const row = await t.dataSource.getRepository(ScimUserEntity).findOneByOrFail({ id: scimId });
    return (await http.get(`/api/v1/staff/${row.staffId}`).expect(200)).body as StaffDetail;
  };
  const filter = async (expression: string) =>
    (
      await scim()
        .get(`/scim/v2/Users?filter=${encodeURIComponent(expression)}`)
        .expect(200)
    ).body as ListResponse;
  const counts = async () => ({
    scimUsers: await t.dataSource.getRepository(ScimUserEntity).count(),
    staff: await t.dataSource.getRepository(StaffEntity).count(),
  });

  it('runs a full provisioning cycle: create, find, patch, deactivate, reactivate, replace, delete', async () => {
    // Create
    const body = entraUser(
      {
        userName: 'Anna.Mueller@example.com',
        name: { givenName: 'Anna', familyName: 'Müller' },
        emails: [{ value: 'Anna.Mueller@Example.com', type: 'work', primary: true }],
      },
      { employeeNumber: '100234' },
    );
    const created = await scim().post('/scim/v2/Users', body).expect(201);
    expect(created.headers['content-type']).toContain('application/scim+json');
    const anna = created.body as ScimUser;
    expect(created.headers['location']).toBe(anna.meta.location);
    expect(anna).toMatchObject({
      schemas: [USER, ENTERPRISE],
      userName: 'Anna.Mueller@example.com',
      externalId: body.externalId,
      active: true,
      [ENTERPRISE]: { employeeNumber: '100234', department: 'DE-BER-01' },
      meta: { resourceType: 'User', version: 'W/"1"' },
    });
    expect(anna.meta.location).toMatch(new RegExp(`/scim/v2/Users/${anna.id}$`));
    expect(await staffOf(anna.id)).toMatchObject({
      employeeNumber: '100234',
      givenName: 'Anna',
      familyName: 'Müller',
      email: 'anna.mueller@example.com',
      preferredLanguage: 'de',
      branchCode: 'DE-BER-01',
      status: 'active',
      jobRoles: [expect.objectContaining({ code: 'WAREHOUSE' })],
    });

    // Read back; find by userName in another case, by externalId, employee number and email
    expect((await scim().get(`/scim/v2/Users/${anna.id}`).expect(200)).body).toEqual(anna);
    for (const expression of [
      'userName eq "anna.mueller@EXAMPLE.com"',
      `externalId eq "${body.externalId}"`,
      `${ENTERPRISE}:employeeNumber eq "100234"`,
      'emails[type eq "work" and value eq "anna.mueller@example.com"]',
      'emails.value co "MUELLER" and active eq true',
    ]) {
      const found = await filter(expression);
      expect({ expression, ids: found.Resources.map((r) => r.id) }).toEqual({ expression, ids: [anna.id] });
      expect(found).toMatchObject({ schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    }
    expect((await filter('userName eq "someone.else@example.com"')).totalResults).toBe(0);

    // PATCH as Entra ID sends it: capitalised ops, paths with value filters, the extension by URN
    const patched = await scim()
      .patch(
        `/scim/v2/Users/${anna.id}`,
        { op: 'Replace', path: 'name.familyName', value: 'Schmidt' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'anna.schmidt@example.com' },
        { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Lager Hamburg' },
        { op: 'Add', path: 'title', value: 'Staplerfahrer' },
      )
      .expect(200);
    expect(patched.body).toMatchObject({
      name: { givenName: 'Anna', familyName: 'Schmidt' },
      meta: { version: 'W/"2"' },
    });
    expect(await staffOf(anna.id)).toMatchObject({
      familyName: 'Schmidt',
      email: 'anna.schmidt@example.com',
      branchCode: 'DE-HAM-01',
      jobRoles: [
        expect.objectContaining({ code: 'FORKLIFT' }),
        expect.objectContaining({ code: 'WAREHOUSE' }),
      ],
    });

    // Deactivate: a value object without a path, with "False" as a string
    const deactivated = await scim()
      .patch(`/scim/v2/Users/${anna.id}`, { op: 'Replace', value: { active: 'False' } })
      .expect(200);
    expect((deactivated.body as ScimUser).active).toBe(false);
    const left = await staffOf(anna.id);
    expect(left).toMatchObject({ status: 'left', leftOn: expect.any(String) });
    expect(events).toEqual([{ staffId: left.id, reason: 'scim.deactivated' }]);
    expect((await filter('active eq false')).Resources.map((r) => r.id)).toEqual([anna.id]);

    // Reactivate: path form, "True", upper-case op; branch and roles come back
    await scim()
      .patch(`/scim/v2/Users/${anna.id}`, { op: 'REPLACE', path: 'active', value: 'True' })
      .expect(200);
    expect(await staffOf(anna.id)).toMatchObject({
      status: 'active',
      leftOn: null,
      branchCode: 'DE-HAM-01',
      jobRoles: [
        expect.objectContaining({ code: 'FORKLIFT' }),
        expect.objectContaining({ code: 'WAREHOUSE' }),
      ],
    });

    // PUT replaces the representation
    const replaced = await scim()
      .put(`/scim/v2/Users/${anna.id}`, {
        ...body,
        userName: 'anna.schmidt@example.com',
        name: { givenName: 'Anna', familyName: 'Schmidt' },
        title: 'Lagerist',
        [ENTERPRISE]: { employeeNumber: '100234', department: 'DE-BER-01' },
      })
      .expect(200);
    expect(replaced.body).toMatchObject({ userName: 'anna.schmidt@example.com', title: 'Lagerist' });
    expect(await staffOf(anna.id)).toMatchObject({
      branchCode: 'DE-BER-01',
      jobRoles: [expect.objectContaining({ code: 'WAREHOUSE' })],
    });

    // DELETE: the SCIM resource is gone, the person stays as left
    events.length = 0;
    const staffId = (await staffOf(anna.id)).id;
    await scim().delete(`/scim/v2/Users/${anna.id}`).expect(204);
    const gone = await scim().get(`/scim/v2/Users/${anna.id}`).expect(404);
    expect(gone.body).toEqual({ schemas: [SCIM_ERROR], status: '404', detail: expect.any(String) });
    await scim().delete(`/scim/v2/Users/${anna.id}`).expect(404);
    expect((await filter('userName eq "anna.schmidt@example.com"')).totalResults).toBe(0);
    expect((await http.get(`/api/v1/staff/${staffId}`).expect(200)).body).toMatchObject({ status: 'left' });
    expect(events).toEqual([{ staffId, reason: 'scim.deleted' }]);

    // The userName is free again; the same employee number links the same person, who returns
    const again = await scim()
      .post('/scim/v2/Users', { ...body, userName: 'ANNA.SCHMIDT@example.com' })
      .expect(201);
    expect((again.body as ScimUser).id).not.toBe(anna.id);
    expect(await staffOf((again.body as ScimUser).id)).toMatchObject({ id: staffId, status: 'active' });
  });

  it('answers 409 uniqueness for a duplicate userName, ignoring case, and writes nothing', async () => {
    await scim()
      .post('/scim/v2/Users', entraUser({ userName: 'dup@example.com' }))
      .expect(201);
    const before = await counts();
    for (const userName of ['dup@example.com', 'DUP@Example.COM']) {
      const res = await scim().post('/scim/v2/Users', entraUser({ userName })).expect(409);
      expect(res.headers['content-type']).toContain('application/scim+json');
      expect(res.body).toEqual({
        schemas: [SCIM_ERROR],
        status: '409',
        scimType: 'uniqueness',
        detail: expect.stringContaining('userName'),
      });
    }
    expect(await counts()).toEqual(before);
    // Renaming onto a taken userName is refused the same way.
    const other = (await scim().post('/scim/v2/Users', entraUser()).expect(201)).body as ScimUser;
    const rename = await scim()
      .patch(`/scim/v2/Users/${other.id}`, { op: 'replace', path: 'userName', value: 'Dup@example.com' })
      .expect(409);
    expect(rename.body).toMatchObject({ scimType: 'uniqueness' });
  });

  it('lets exactly one of simultaneous creates with the same userName win', async () => {
    const results = await Promise.all(
      ['race@example.com', 'RACE@example.com', 'Race@Example.com'].map((userName) =>
        scim().post('/scim/v2/Users', entraUser({ userName })),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.scimType === 'uniqueness')).toBe(true);
    expect((await counts()).scimUsers).toBe(1);
  });

  it('answers 409 uniqueness for an employee number another SCIM user has', async () => {
    await scim()
      .post('/scim/v2/Users', entraUser({}, { employeeNumber: 'E-77' }))
      .expect(201);
    const res = await scim()
      .post('/scim/v2/Users', entraUser({}, { employeeNumber: 'E-77' }))
      .expect(409);
    expect(res.body).toMatchObject({ scimType: 'uniqueness', detail: expect.stringContaining('E-77') });
  });

  it('pages with a 1-based startIndex, count, totalResults and itemsPerPage', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(((await scim().post('/scim/v2/Users', entraUser()).expect(201)).body as ScimUser).id);

    const page = (await scim().get('/scim/v2/Users?startIndex=2&count=2').expect(200)).body as ListResponse;
    expect(page).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.Resources.map((r) => r.id)).toEqual(ids.slice(1, 3));

    const last = (await scim().get('/scim/v2/Users?startIndex=5&count=2').expect(200)).body as ListResponse;
    expect(last).toMatchObject({ totalResults: 5, startIndex: 5, itemsPerPage: 1 });
    expect(last.Resources.map((r) => r.id)).toEqual([ids[4]]);

    const beyond = (await scim().get('/scim/v2/Users?startIndex=9').expect(200)).body as ListResponse;
    expect(beyond).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
    const countOnly = (await scim().get('/scim/v2/Users?count=0').expect(200)).body as ListResponse;
    expect(countOnly).toMatchObject({ totalResults: 5, itemsPerPage: 0 });
    // startIndex below 1 means 1 (RFC 7644 §3.4.2.4)
    const zero = (await scim().get('/scim/v2/Users?startIndex=0&count=1').expect(200)).body as ListResponse;
    expect(zero).toMatchObject({ startIndex: 1, Resources: [expect.objectContaining({ id: ids[0] })] });
    const filtered = await scim()
      .get(`/scim/v2/Users?filter=${encodeURIComponent('title eq "lagerist"')}&startIndex=4&count=10`)
      .expect(200);
    expect(filtered.body).toMatchObject({ totalResults: 5, itemsPerPage: 2 });
  });

  it('answers 400 invalidFilter for a filter it cannot read or does not support', async () => {
    for (const expression of ['userName eq', 'userName like "x"', '(userName eq "x"', 'active co "t"']) {
      const res = await scim()
        .get(`/scim/v2/Users?filter=${encodeURIComponent(expression)}`)
        .expect(400);
      expect(res.body).toEqual({
        schemas: [SCIM_ERROR],
        status: '400',
        scimType: 'invalidFilter',
        detail: expect.any(String),
      });
    }
  });

  it('answers 400 invalidValue naming the attribute and value when the branch cannot be resolved', async () => {
    const before = await counts();
    const unknown = await scim()
      .post('/scim/v2/Users', entraUser({}, { department: 'Atlantis' }))
      .expect(400);
    expect(unknown.body).toMatchObject({ schemas: [SCIM_ERROR], status: '400', scimType: 'invalidValue' });
    expect(unknown.body.detail).toContain(`${ENTERPRISE}:department`);
    expect(unknown.body.detail).toContain('Atlantis');
    const archived = await scim()
      .post('/scim/v2/Users', entraUser({}, { department: 'de-old-01' }))
      .expect(400);
    expect(archived.body.detail).toContain('archived');
    const missing = await scim()
      .post('/scim/v2/Users', entraUser({}, { department: undefined }))
      .expect(400);
    expect(missing.body.detail).toContain('required');
    expect(await counts()).toEqual(before);
  });

  it('answers 400 invalidValue for an unmapped job title, or ignores it when so configured', async () => {
    const res = await scim()
      .post('/scim/v2/Users', entraUser({ title: 'Astronaut' }))
      .expect(400);
    expect(res.body).toMatchObject({
      scimType: 'invalidValue',
      detail: expect.stringContaining('"title" "Astronaut"'),
    });

    const settings = (await http.get('/api/v1/scim/settings').expect(200)).body as ScimMappingSettings;
    await http
      .put('/api/v1/scim/settings')
      .send({ ...settings, unmappedJobRole: 'ignore' })
      .expect(200);
    const ok = (
      await scim()
        .post('/scim/v2/Users', entraUser({ title: 'Astronaut' }))
        .expect(201)
    ).body as ScimUser;
    expect((await staffOf(ok.id)).jobRoles).toEqual([]);
    // Role codes themselves are accepted in any case.
    const direct = (
      await scim()
        .post('/scim/v2/Users', entraUser({ title: 'forklift' }))
        .expect(201)
    ).body as ScimUser;
    expect((await staffOf(direct.id)).jobRoles.map((r: JobRole | { code: string }) => r.code)).toEqual([
      'FORKLIFT',
    ]);
  });

  it('follows another branch attribute and takes the hire date from a configured attribute', async () => {
    const settings = (await http.get('/api/v1/scim/settings').expect(200)).body as ScimMappingSettings;
    await http
      .put('/api/v1/scim/settings')
      .send({
        ...settings,
        branchAttribute: 'addresses[type eq "work"].locality',
        hireDateAttribute: 'urn:example:brevet:1.0:User:hireDate',
      })
      .expect(200);
    const user = (
      await scim()
        .post(
          '/scim/v2/Users',
          entraUser({
            addresses: [{ type: 'work', locality: 'Lager Hamburg' }],
            'urn:example:brevet:1.0:User': { hireDate: '2024-03-01T00:00:00Z' },
          }),
        )
        .expect(201)
    ).body as ScimUser;
    expect(await staffOf(user.id)).toMatchObject({ branchCode: 'DE-HAM-01', hireDate: '2024-03-01' });
    expect(user['urn:example:brevet:1.0:User']).toEqual({ hireDate: '2024-03-01T00:00:00Z' });
  });

  it('links a person Brevet already knows by employee number instead of creating a duplicate', async () => {
    const branches = (await http.get('/api/v1/branches?q=DE-BER-01').expect(200)).body.items as Array<{
      id: string;
    }>;
    const known = (
      await http
        .post('/api/v1/staff')
        .send({
          employeeNumber: 'HR-1',
          givenName: 'Ben',
          familyName: 'Bauer',
          branchId: branches[0].id,
          jobRoleIds: [],
          hireDate: '2020-01-01',
        })
        .expect(201)
    ).body as StaffDetail;
    const linked = (
      await scim()
        .post(
          '/scim/v2/Users',
          entraUser({ name: { givenName: 'Benjamin', familyName: 'Bauer' } }, { employeeNumber: 'HR-1' }),
        )
        .expect(201)
    ).body as ScimUser;
    expect(await staffOf(linked.id)).toMatchObject({
      id: known.id,
      givenName: 'Benjamin',
      hireDate: '2020-01-01',
      jobRoles: [expect.objectContaining({ code: 'WAREHOUSE' })],
    });
    expect((await counts()).staff).toBe(1);
  });

  it('refuses to change the employee number, the identity key', async () => {
    const user = (await scim().post('/scim/v2/Users', entraUser()).expect(201)).body as ScimUser;
    const res = await scim()
      .patch(`/scim/v2/Users/${user.id}`, {
        op: 'replace',
        path: `${ENTERPRISE}:employeeNumber`,
        value: 'OTHER',
      })
      .expect(400);
    expect(res.body).toMatchObject({ scimType: 'mutability' });
  });

  it('resolves the manager from their SCIM id, and removes them again', async () => {
    const boss = (await scim().post('/scim/v2/Users', entraUser()).expect(201)).body as ScimUser;
    const worker = (
      await scim()
        .post('/scim/v2/Users', entraUser({}, { manager: { value: boss.id } }))
        .expect(201)
    ).body as ScimUser;
    const bossStaff = await staffOf(boss.id);
    expect((await staffOf(worker.id)).manager).toMatchObject({ id: bossStaff.id });
    // Entra ID sends the manager as a bare id; a cycle is refused by the staff rules.
    const cycle = await scim()
      .patch(`/scim/v2/Users/${boss.id}`, { op: 'Add', path: `${ENTERPRISE}:manager`, value: worker.id })
      .expect(400);
    expect(cycle.body).toMatchObject({ scimType: 'invalidValue' });
    await scim()
      .patch(`/scim/v2/Users/${worker.id}`, { op: 'Remove', path: `${ENTERPRISE}:manager` })
      .expect(200);
    expect((await staffOf(worker.id)).manager).toBeNull();
    const unknown = await scim()
      .patch(`/scim/v2/Users/${worker.id}`, {
        op: 'add',
        path: `${ENTERPRISE}:manager`,
        value: '5c0d3a46-0000-4000-8000-000000000000',
      })
      .expect(400);
    expect(unknown.body.detail).toContain('manager');
  });

  it('keeps no password, honours attributes and excludedAttributes, and 404s unknown ids', async () => {
    const user = (
      await scim()
        .post('/scim/v2/Users', entraUser({ password: 'Secret-123!' }))
        .expect(201)
    ).body as ScimUser;
    expect(user).not.toHaveProperty('password');
    const row = await t.dataSource.getRepository(ScimUserEntity).findOneByOrFail({ id: user.id });
    expect(JSON.stringify(row)).not.toContain('Secret-123!');

    const only = (
      await scim()
        .get(`/scim/v2/Users/${user.id}?attributes=userName,${ENTERPRISE}:employeeNumber`)
        .expect(200)
    ).body as Record<string, unknown>;
    expect(Object.keys(only).sort()).toEqual(['id', 'meta', 'schemas', ENTERPRISE, 'userName'].sort());
    expect(only[ENTERPRISE]).toEqual({
      employeeNumber: (user[ENTERPRISE] as { employeeNumber: string }).employeeNumber,
    });
    const without = (await scim().get(`/scim/v2/Users/${user.id}?excludedAttributes=emails,name`).expect(200))
      .body as Record<string, unknown>;
    expect(without).not.toHaveProperty('emails');
    expect(without).toHaveProperty('userName');

    await scim().get('/scim/v2/Users/5c0d3a46-0000-4000-8000-000000000000').expect(404);
    await scim().get('/scim/v2/Users/not-a-uuid').expect(404);
    await scim().patch('/scim/v2/Users/not-a-uuid', { op: 'add', path: 'title', value: 'x' }).expect(404);
  });

  it('answers 400 for malformed PATCH requests and bodies without a userName', async () => {
    const user = (await scim().post('/scim/v2/Users', entraUser()).expect(201)).body as ScimUser;
    const badOp = await scim().patch(`/scim/v2/Users/${user.id}`, { op: 'move', path: 'title' }).expect(400);
    expect(badOp.body).toMatchObject({ scimType: 'invalidSyntax' });
    const badPath = await scim()
      .patch(`/scim/v2/Users/${user.id}`, { op: 'add', path: 'a b', value: 1 })
      .expect(400);
    expect(badPath.body).toMatchObject({ scimType: 'invalidPath' });
    const badActive = await scim()
      .patch(`/scim/v2/Users/${user.id}`, { op: 'replace', path: 'active', value: 'maybe' })
      .expect(400);
    expect(badActive.body).toMatchObject({ scimType: 'invalidValue' });
    const noUserName = await scim()
      .post('/scim/v2/Users', entraUser({ userName: undefined }))
      .expect(400);
    expect(noUserName.body).toMatchObject({
      scimType: 'invalidValue',
      detail: expect.stringContaining('userName'),
    });
    // Nothing of this changed the user.
    expect((await scim().get(`/scim/v2/Users/${user.id}`).expect(200)).body).toEqual(user);
  });

  it('creates an inactive user as a person who has left', async () => {
    const user = (
      await scim()
        .post('/scim/v2/Users', entraUser({ active: 'false' }))
        .expect(201)
    ).body as ScimUser;
    expect(user.active).toBe(false);
    const person = await staffOf(user.id);
    expect(person.status).toBe('left');
    expect(events).toEqual([{ staffId: person.id, reason: 'scim.deactivated' }]);
  });
});

describe('SCIM mapping settings (admin API)', () => {
  let t: TestApp;
  let http: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    http = await signInAsAdmin(t);
  });
  afterAll(async () => {
    await settleJobs(t);
    await t.close();
  });
  beforeEach(async () => {
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    http = await signInAsAdmin(t);
  });

  it('serves the defaults until saved', async () => {
    expect((await http.get('/api/v1/scim/settings').expect(200)).body).toEqual({
      branchAttribute: `${ENTERPRISE}:department`,
      branchValues: [],
      jobRoleAttribute: 'title',
      jobRoleValues: [],
      unmappedJobRole: 'reject',
      hireDateAttribute: null,
    });
  });

  it('checks attribute paths and codes, answering problem+json with one error per field', async () => {
    const res = await http
      .put('/api/v1/scim/settings')
      .send({
        branchAttribute: 'addresses[type eq "work"',
        branchValues: [{ value: 'Lager', code: 'NOPE' }],
        jobRoleAttribute: ENTERPRISE,
        jobRoleValues: [{ value: 'Lagerist', code: 'NOPE' }],
        unmappedJobRole: 'reject',
        hireDateAttribute: null,
      })
      .expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((res.body as ProblemDetails).errors?.map((e) => e.field).sort()).toEqual([
      'branchAttribute',
      'branchValues.0.code',
      'jobRoleAttribute',
      'jobRoleValues.0.code',
    ]);
    const invalid = await http.put('/api/v1/scim/settings').send({ branchAttribute: 'x' }).expect(400);
    expect((invalid.body as ProblemDetails).code).toBe('validation_failed');
  });

  it('saves a mapping, normalising codes to upper case', async () => {
    const region = await makeRegion(t.dataSource);
    await http
      .post('/api/v1/branches')
      .send(branchBody(region.id, { code: 'AT-VIE-01' }))
      .expect(201);
    const saved = await http
      .put('/api/v1/scim/settings')
      .send({
        branchAttribute: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization',
        branchValues: [{ value: ' Wien ', code: 'at-vie-01' }],
        jobRoleAttribute: null,
        jobRoleValues: [],
        unmappedJobRole: 'ignore',
        hireDateAttribute: 'urn:example:brevet:1.0:User:hireDate',
      })
      .expect(200);
    expect(saved.body).toMatchObject({
      branchValues: [{ value: 'Wien', code: 'AT-VIE-01' }],
      jobRoleAttribute: null,
    });
    expect((await http.get('/api/v1/scim/settings').expect(200)).body).toEqual(saved.body);
  });
});
