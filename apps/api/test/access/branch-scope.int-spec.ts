import type {
  Award,
  AwardPage,
  BranchPage,
  OrgTreeNode,
  ProblemDetails,
  Region,
  StaffDetail,
  StaffPage,
} from '@brevet/contracts';
import { makeBranch, makeJobRole, makeRegion, staffBody } from '../support/factories';
import { makePublishedCredential } from '../support/credential-factories';
import { signInAs, signInAsAdmin, type SignedInAgent } from '../support/auth';
import { createTestApp, resetDatabase, type TestApp } from '../support/test-app';
import { monthAgo } from './access-fixtures';

/**
 * A1 per module: what managers see is decided in the repositories' SQL, from the branches their grants reach
 * today. The organisation:
 *
 * ```
 * North ── Hamburg (2 people)           South ── München (1)
 *   └── North-East ── Rostock (1)             └── Augsburg (1)
 * ```
 */
describe('branch scope in the API (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: SignedInAgent;
  let ids: {
    north: string;
    northEast: string;
    south: string;
    hamburg: string;
    rostock: string;
    muenchen: string;
    augsburg: string;
    people: Record<'hamburg1' | 'hamburg2' | 'rostock' | 'muenchen' | 'augsburg', string>;
    awards: Record<'hamburg1' | 'rostock' | 'muenchen', string>;
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
    const north = await makeRegion(t.dataSource, { name: 'North' });
    const northEast = await makeRegion(t.dataSource, { name: 'North-East', parentId: north.id });
    const south = await makeRegion(t.dataSource, { name: 'South' });
    const branch = (regionId: string, name: string) =>
      makeBranch(t.dataSource, regionId, { name }).then((b) => b.id);
    const hamburg = await branch(north.id, 'Hamburg');
    const rostock = await branch(northEast.id, 'Rostock');
    const muenchen = await branch(south.id, 'München');
    const augsburg = await branch(south.id, 'Augsburg');
    const role = await makeJobRole(t.dataSource, 'WAREHOUSE');
    const person = async (branchId: string) =>
      (
        (
          await admin
            .post('/api/v1/staff')
            .send(staffBody(branchId, [role.id]))
            .expect(201)
        ).body as StaffDetail
      ).id;
    const people = {
      hamburg1: await person(hamburg),
      hamburg2: await person(hamburg),
      rostock: await person(rostock),
      muenchen: await person(muenchen),
      augsburg: await person(augsburg),
    };
    const credential = await makePublishedCredential(admin);
    const award = async (staffId: string) =>
      (
        (
          await admin
            .post('/api/v1/awards')
            .send({ staffId, definitionId: credential.id, completedOn: monthAgo(), issuer: 'Scope test' })
            .expect(201)
        ).body as Award
      ).id;
    ids = {
      north: north.id,
      northEast: northEast.id,
      south: south.id,
      hamburg,
      rostock,
      muenchen,
      augsburg,
      people,
      awards: {
        hamburg1: await award(people.hamburg1),
        rostock: await award(people.rostock),
        muenchen: await award(people.muenchen),
      },
    };
  });

  const staffIds = async (http: SignedInAgent, query = '') => {
    const page = (await http.get(`/api/v1/staff${query}`).expect(200)).body as StaffPage;
    return { total: page.total, ids: page.items.map((p) => p.id).sort() };
  };
  const sorted = (...values: string[]) => [...values].sort();

  it('gives a regional manager every branch of their region and its sub-regions, and nothing else', async () => {
    const manager = await signInAs(t, 'regional_manager', { regionIds: [ids.north] });
    expect(await staffIds(manager)).toEqual({
      total: 3,
      ids: sorted(ids.people.hamburg1, ids.people.hamburg2, ids.people.rostock),
    });
    const branches = (await manager.get('/api/v1/branches').expect(200)).body as BranchPage;
    expect({ total: branches.total, names: branches.items.map((b) => b.name) }).toEqual({
      total: 2,
      names: ['Hamburg', 'Rostock'],
    });
    const awards = (await manager.get('/api/v1/awards').expect(200)).body as AwardPage;
    expect({ total: awards.total, ids: awards.items.map((a) => a.id).sort() }).toEqual({
      total: 2,
      ids: sorted(ids.awards.hamburg1, ids.awards.rostock),
    });
    await manager.get(`/api/v1/staff/${ids.people.rostock}`).expect(200);
    await manager.get(`/api/v1/staff/${ids.people.muenchen}`).expect(404);
  });

  it('gives a branch manager their branch only, whatever the filters ask for', async () => {
    const manager = await signInAs(t, 'branch_manager', { branchIds: [ids.hamburg] });
    expect(await staffIds(manager)).toEqual({
      total: 2,
      ids: sorted(ids.people.hamburg1, ids.people.hamburg2),
    });
    // Filters narrow within the scope; they never widen it.
    expect(await staffIds(manager, `?branchId=${ids.muenchen}`)).toEqual({ total: 0, ids: [] });
    expect(await staffIds(manager, `?regionId=${ids.south}`)).toEqual({ total: 0, ids: [] });
    expect(await staffIds(manager, '?status=all&pageSize=1&page=5')).toEqual({ total: 2, ids: [] });
    const awards = (await manager.get(`/api/v1/awards?staffId=${ids.people.muenchen}`).expect(200))
      .body as AwardPage;
    expect(awards).toMatchObject({ total: 0, items: [] });
    const branches = (await manager.get(`/api/v1/branches?regionId=${ids.south}`).expect(200))
      .body as BranchPage;
    expect(branches).toMatchObject({ total: 0, items: [] });
  });

  it('answers an ID outside the scope exactly like an unknown ID', async () => {
    const manager = await signInAs(t, 'branch_manager', { branchIds: [ids.hamburg] });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const same = async (path: (id: string) => string, outside: string) => {
      const a = await manager.get(path(outside));
      const b = await manager.get(path(unknown));
      const shape = (res: typeof a, id: string) => ({
        httpStatus: res.status,
        ...(res.body as ProblemDetails),
        detail: (res.body as ProblemDetails).detail?.replace(id, '<id>'),
        instance: undefined,
      });
      expect(shape(a, outside)).toEqual(shape(b, unknown));
      expect(a.status).toBe(404);
    };
    await same((id) => `/api/v1/staff/${id}`, ids.people.muenchen);
    await same((id) => `/api/v1/staff/${id}/credentials`, ids.people.muenchen);
    await same((id) => `/api/v1/branches/${id}`, ids.muenchen);
    await same((id) => `/api/v1/awards/${id}`, ids.awards.muenchen);
    await same((id) => `/api/v1/open-badges/credentials/${id}`, ids.awards.muenchen);
    await same((id) => `/api/v1/open-badges/credentials/${id}/verification`, ids.awards.muenchen);
    await same((id) => `/api/v1/open-badges/credentials/${id}/certificate.pdf`, ids.awards.muenchen);
  });

  it('shows a manager the regions on the path to their branches, with counts of their branches only', async () => {
    const manager = await signInAs(t, 'branch_manager', { branchIds: [ids.rostock] });
    const regions = (await manager.get('/api/v1/regions').expect(200)).body as Region[];
    expect(regions.map((r) => [r.name, r.branchCount])).toEqual([
      ['North', 0],
      ['North-East', 1],
    ]);
    const tree = (await manager.get('/api/v1/organisation/tree').expect(200)).body as OrgTreeNode[];
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ name: 'North', branchCount: 1, staffCount: 1, branches: [] });
    expect(tree[0].children).toEqual([
      expect.objectContaining({
        name: 'North-East',
        branchCount: 1,
        staffCount: 1,
        branches: [expect.objectContaining({ id: ids.rostock, staffCount: 1 })],
      }),
    ]);
    // The HR admin sees the whole organisation.
    const whole = (await admin.get('/api/v1/organisation/tree').expect(200)).body as OrgTreeNode[];
    expect(whole.map((n) => [n.name, n.branchCount, n.staffCount])).toEqual([
      ['North', 2, 3],
      ['South', 2, 2],
    ]);
  });

  it("follows a branch that moves into the regional manager's region, from the next request on", async () => {
    const manager = await signInAs(t, 'regional_manager', { regionIds: [ids.north] });
    await manager.get(`/api/v1/staff/${ids.people.muenchen}`).expect(404);
    await manager.get(`/api/v1/awards/${ids.awards.muenchen}`).expect(404);
    await admin.patch(`/api/v1/branches/${ids.muenchen}`).send({ regionId: ids.northEast }).expect(200);
    // The same session: scope is worked out per request from the organisation as it is now.
    await manager.get(`/api/v1/staff/${ids.people.muenchen}`).expect(200);
    await manager.get(`/api/v1/awards/${ids.awards.muenchen}`).expect(200);
    expect((await staffIds(manager)).total).toBe(4);
    // A new sub-region under North, and a branch moved into it, is in scope too.
    const deep = await makeRegion(t.dataSource, { name: 'North-East-Coast', parentId: ids.northEast });
    await admin.patch(`/api/v1/branches/${ids.augsburg}`).send({ regionId: deep.id }).expect(200);
    expect((await staffIds(manager)).total).toBe(5);
  });

  it('follows a person who moves branch: their old manager loses them, the new one gains them', async () => {
    const hamburgManager = await signInAs(t, 'branch_manager', { branchIds: [ids.hamburg] });
    const muenchenManager = await signInAs(t, 'branch_manager', { branchIds: [ids.muenchen] });
    await admin
      .patch(`/api/v1/staff/${ids.people.hamburg1}`)
      .send({ branchId: ids.muenchen, effectiveFrom: monthAgo() })
      .expect(200);
    await hamburgManager.get(`/api/v1/staff/${ids.people.hamburg1}`).expect(404);
    await hamburgManager.get(`/api/v1/awards/${ids.awards.hamburg1}`).expect(404);
    await muenchenManager.get(`/api/v1/staff/${ids.people.hamburg1}`).expect(200);
    await muenchenManager.get(`/api/v1/awards/${ids.awards.hamburg1}`).expect(200);
  });

  it('shows a regional manager of a region without branches nothing at all', async () => {
    const empty = await makeRegion(t.dataSource, { name: 'West' });
    const manager = await signInAs(t, 'regional_manager', { regionIds: [empty.id] });
    expect(await staffIds(manager)).toEqual({ total: 0, ids: [] });
    expect((await manager.get('/api/v1/branches').expect(200)).body).toMatchObject({ total: 0, items: [] });
    expect((await manager.get('/api/v1/awards').expect(200)).body).toMatchObject({ total: 0, items: [] });
    expect((await manager.get('/api/v1/regions').expect(200)).body).toEqual([]);
    expect((await manager.get('/api/v1/organisation/tree').expect(200)).body).toEqual([]);
  });

  it('lets an auditor see every branch, read-only', async () => {
    const auditor = await signInAs(t, 'auditor');
    expect((await staffIds(auditor)).total).toBe(5);
    await auditor.get(`/api/v1/awards/${ids.awards.muenchen}`).expect(200);
    await auditor.patch(`/api/v1/staff/${ids.people.muenchen}`).send({ givenName: 'X' }).expect(403);
  });
});
