import type { CreatedScimToken } from '@brevet/contracts';
import { branchBody, makeRegion } from '../../test/support/factories';
import { createTestApp, resetDatabase, settleJobs, type TestApp } from '../../test/support/test-app';
import { ScimGroupEntity, ScimGroupMemberEntity } from './scim.entity';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

interface Member {
  value: string;
  display: string;
  $ref: string;
  type: string;
}
interface ScimGroup {
  id: string;
  displayName: string;
  externalId?: string;
  members?: Member[];
  meta: { resourceType: string; location: string; version: string };
}
interface GroupList {
  totalResults: number;
  Resources: ScimGroup[];
}

describe('SCIM Groups over HTTP (real PostgreSQL)', () => {
  let t: TestApp;
  let http: SignedInAgent;
  let auth: { Authorization: string };
  let anna: string;
  let ben: string;
  let carl: string;

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
    await http
      .post('/api/v1/branches')
      .send(branchBody(region.id, { code: 'DE-BER-01' }))
      .expect(201);
    const settings = (await http.get('/api/v1/scim/settings')).body as object;
    await http
      .put('/api/v1/scim/settings')
      .send({ ...settings, jobRoleAttribute: null })
      .expect(200);
    const { token } = (await http.post('/api/v1/scim/tokens').send({ name: 'Okta' }))
      .body as CreatedScimToken;
    auth = { Authorization: `Bearer ${token}` };
    const user = async (name: string, employeeNumber: string) =>
      (
        await post('/scim/v2/Users', {
          schemas: [USER, ENTERPRISE],
          userName: `${name.toLowerCase()}@example.com`,
          displayName: `${name} Example`,
          name: { givenName: name, familyName: 'Example' },
          [ENTERPRISE]: { employeeNumber, department: 'DE-BER-01' },
        }).expect(201)
      ).body.id as string;
    anna = await user('Anna', 'G-1');
    ben = await user('Ben', 'G-2');
    carl = await user('Carl', 'G-3');
  });

  const post = (url: string, body: object) =>
    http.post(url).set(auth).set('Content-Type', 'application/scim+json').send(JSON.stringify(body));
  const put = (url: string, body: object) =>
    http.put(url).set(auth).set('Content-Type', 'application/scim+json').send(JSON.stringify(body));
  const patch = (url: string, ...operations: object[]) =>
    http
      .patch(url)
      .set(auth)
      .set('Content-Type', 'application/scim+json')
      .send(JSON.stringify({ schemas: [PATCH_OP], Operations: operations }));
  const get = (url: string) => http.get(url).set(auth);
  const memberIds = (group: ScimGroup) => (group.members ?? []).map((m) => m.value).sort();
  const filter = async (expression: string, extra = '') =>
    (await get(`/scim/v2/Groups?filter=${encodeURIComponent(expression)}${extra}`).expect(200))
      .body as GroupList;

  it('runs a full cycle: create, find, add and remove members, rename, replace, delete', async () => {
    // Create with a member
    const created = await post('/scim/v2/Groups', {
      schemas: [GROUP],
      displayName: 'Lager Berlin',
      externalId: 'okta-g-1',
      members: [{ value: anna, type: 'User' }],
    }).expect(201);
    const group = created.body as ScimGroup;
    expect(created.headers['content-type']).toContain('application/scim+json');
    expect(created.headers['location']).toBe(group.meta.location);
    expect(group).toMatchObject({
      schemas: [GROUP],
      displayName: 'Lager Berlin',
      externalId: 'okta-g-1',
      members: [{ value: anna, display: 'Anna Example', type: 'User' }],
      meta: { resourceType: 'Group', version: 'W/"1"' },
    });
    expect(group.members?.[0].$ref).toMatch(new RegExp(`/scim/v2/Users/${anna}$`));
    const url = `/scim/v2/Groups/${group.id}`;
    expect((await get(url).expect(200)).body).toEqual(group);

    // Find by displayName in another case, as Entra ID asks (without members), and by member
    const found = await filter('displayName eq "LAGER berlin"', '&excludedAttributes=members');
    expect(found.totalResults).toBe(1);
    expect(found.Resources[0]).toMatchObject({ id: group.id, displayName: 'Lager Berlin' });
    expect(found.Resources[0]).not.toHaveProperty('members');
    expect((await filter(`members[value eq "${anna}"]`)).Resources.map((g) => g.id)).toEqual([group.id]);
    expect((await filter(`id eq "${group.id}" and members.value eq "${ben}"`)).totalResults).toBe(0);
    expect((await filter('externalId eq "okta-g-1"')).totalResults).toBe(1);

    // Add members as Entra ID does (op capitalised, a list of values), duplicates ignored
    const added = await patch(url, {
      op: 'Add',
      path: 'members',
      value: [{ value: ben }, { value: carl }, { value: anna }],
    }).expect(200);
    expect(memberIds(added.body as ScimGroup)).toEqual([anna, ben, carl].sort());
    expect((added.body as ScimGroup).meta.version).toBe('W/"2"');

    // Remove by value filter, and by value list (Entra ID)
    await patch(url, { op: 'remove', path: `members[value eq "${anna}"]` }).expect(200);
    const removed = await patch(url, { op: 'Remove', path: 'members', value: [{ value: ben }] }).expect(200);
    expect(memberIds(removed.body as ScimGroup)).toEqual([carl]);
    expect((await filter(`members[value eq "${anna}"]`)).totalResults).toBe(0);

    // Rename without a path (Entra ID), then replace everything with PUT
    const renamed = await patch(url, {
      op: 'Replace',
      value: { displayName: 'Lager Berlin-Tempelhof' },
    }).expect(200);
    expect(renamed.body).toMatchObject({ displayName: 'Lager Berlin-Tempelhof', meta: { version: 'W/"5"' } });
    const replaced = await put(url, {
      schemas: [GROUP],
      displayName: 'Lager BER',
      members: [{ value: ben }],
    }).expect(200);
    expect(replaced.body).toMatchObject({ displayName: 'Lager BER' });
    expect(replaced.body).not.toHaveProperty('externalId');
    expect(memberIds(replaced.body as ScimGroup)).toEqual([ben]);

    // A no-op PATCH changes nothing, not even the version
    const same = await patch(url, { op: 'add', path: 'members', value: [{ value: ben }] }).expect(200);
    expect((same.body as ScimGroup).meta.version).toBe((replaced.body as ScimGroup).meta.version);

    // Delete
    await http.delete(url).set(auth).expect(204);
    const gone = await get(url).expect(404);
    expect(gone.body).toEqual({ schemas: [SCIM_ERROR], status: '404', detail: expect.any(String) });
    expect(await t.dataSource.getRepository(ScimGroupEntity).count()).toBe(0);
    expect(await t.dataSource.getRepository(ScimGroupMemberEntity).count()).toBe(0);
    // The users are untouched.
    await get(`/scim/v2/Users/${ben}`).expect(200);
  });

  it('answers 409 uniqueness for a duplicate displayName, ignoring case', async () => {
    await post('/scim/v2/Groups', { schemas: [GROUP], displayName: 'Fahrer' }).expect(201);
    const dup = await post('/scim/v2/Groups', { schemas: [GROUP], displayName: 'FAHRER' }).expect(409);
    expect(dup.body).toMatchObject({ schemas: [SCIM_ERROR], status: '409', scimType: 'uniqueness' });
    const other = (await post('/scim/v2/Groups', { schemas: [GROUP], displayName: 'Lager' }).expect(201))
      .body as ScimGroup;
    const rename = await patch(`/scim/v2/Groups/${other.id}`, {
      op: 'replace',
      path: 'displayName',
      value: 'fahrer',
    }).expect(409);
    expect(rename.body).toMatchObject({ scimType: 'uniqueness' });
  });

  it('refuses members that are not users of Brevet, and writes nothing', async () => {
    const unknown = await post('/scim/v2/Groups', {
      schemas: [GROUP],
      displayName: 'X',
      members: [{ value: '5c0d3a46-0000-4000-8000-000000000000' }],
    }).expect(400);
    expect(unknown.body).toMatchObject({ scimType: 'invalidValue' });
    const nested = await post('/scim/v2/Groups', {
      schemas: [GROUP],
      displayName: 'Y',
      members: [{ value: anna, type: 'Group' }],
    }).expect(400);
    expect(nested.body).toMatchObject({ scimType: 'invalidValue' });
    expect(await t.dataSource.getRepository(ScimGroupEntity).count()).toBe(0);
  });

  it('drops a deleted user from its groups', async () => {
    const group = (
      await post('/scim/v2/Groups', {
        schemas: [GROUP],
        displayName: 'G',
        members: [{ value: anna }, { value: ben }],
      }).expect(201)
    ).body as ScimGroup;
    await http.delete(`/scim/v2/Users/${anna}`).set(auth).expect(204);
    expect(memberIds((await get(`/scim/v2/Groups/${group.id}`).expect(200)).body as ScimGroup)).toEqual([
      ben,
    ]);
    // …and a deleted user cannot be added again by its old id.
    await patch(`/scim/v2/Groups/${group.id}`, {
      op: 'add',
      path: 'members',
      value: [{ value: anna }],
    }).expect(400);
  });

  it('pages groups and rejects filters on attributes groups do not have', async () => {
    for (const name of ['A', 'B', 'C'])
      await post('/scim/v2/Groups', { schemas: [GROUP], displayName: name }).expect(201);
    const page = (await get('/scim/v2/Groups?startIndex=2&count=1').expect(200)).body as GroupList & {
      startIndex: number;
      itemsPerPage: number;
    };
    expect(page).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1 });
    expect(page.Resources.map((g) => g.displayName)).toEqual(['B']);
    const bad = await get(`/scim/v2/Groups?filter=${encodeURIComponent('title eq "x"')}`).expect(400);
    expect(bad.body).toMatchObject({ scimType: 'invalidFilter' });
  });
});
