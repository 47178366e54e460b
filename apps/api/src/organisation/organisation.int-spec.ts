import type { Branch, OrgTreeNode, ProblemDetails, Region } from '@brevet/contracts';
import { makeRegion } from '../../test/support/factories';
import { createTestApp, resetDatabase, settleJobs, type TestApp } from '../../test/support/test-app';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

describe('organisation tree over HTTP (real PostgreSQL)', () => {
  let t: TestApp;
  let http: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    http = await signInAsAdmin(t);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    http = await signInAsAdmin(t);
  });

  it('creates nested regions, refuses cycles and duplicates, and moves a region with its branches', async () => {
    const europe = (await http.post('/api/v1/regions').send({ code: 'eu', name: 'Europe' }).expect(201))
      .body as Region;
    const dach = (
      await http.post('/api/v1/regions').send({ code: 'DACH', name: 'DACH', parentId: europe.id }).expect(201)
    ).body as Region;
    const other = (await http.post('/api/v1/regions').send({ code: 'OTHER', name: 'Other' }).expect(201))
      .body as Region;
    expect(europe.code).toBe('EU');

    const duplicate = await http.post('/api/v1/regions').send({ code: 'EU', name: 'Again' }).expect(409);
    expect((duplicate.body as ProblemDetails).code).toBe('region.code_taken');
    const cycle = await http.patch(`/api/v1/regions/${europe.id}`).send({ parentId: dach.id }).expect(400);
    expect((cycle.body as ProblemDetails).code).toBe('region.cycle');
    const unknownParent = await http
      .post('/api/v1/regions')
      .send({ code: 'XX', name: 'X', parentId: '5c0d3a46-0000-4000-8000-000000000000' })
      .expect(400);
    expect((unknownParent.body as ProblemDetails).code).toBe('region.not_found');

    await http
      .post('/api/v1/branches')
      .send({ code: 'AT-VIE-01', name: 'Wien', country: 'AT', timezone: 'Europe/Vienna', regionId: dach.id })
      .expect(201);
    let tree = (await http.get('/api/v1/organisation/tree').expect(200)).body as OrgTreeNode[];
    expect(tree.map((n) => [n.name, n.branchCount])).toEqual([
      ['Europe', 1],
      ['Other', 0],
    ]);

    await http.patch(`/api/v1/regions/${dach.id}`).send({ parentId: other.id, name: 'D-A-CH' }).expect(200);
    tree = (await http.get('/api/v1/organisation/tree').expect(200)).body as OrgTreeNode[];
    expect(tree.map((n) => [n.name, n.branchCount])).toEqual([
      ['Europe', 0],
      ['Other', 1],
    ]);
    expect(tree[1].children[0]).toMatchObject({
      name: 'D-A-CH',
      branches: [expect.objectContaining({ code: 'AT-VIE-01' })],
    });
  });

  it('brings the compliance aggregates up to date in the background after a region moves, before anyone reads them', async () => {
    const marks = async () =>
      Number((await t.dataSource.query(`SELECT count(*) AS n FROM compliance_dirty`))[0].n as string);
    const north = (await http.post('/api/v1/regions').send({ code: 'NORTH', name: 'North' }).expect(201))
      .body as Region;
    const coast = (await http.post('/api/v1/regions').send({ code: 'COAST', name: 'Coast' }).expect(201))
      .body as Region;
    await settleJobs(t);
    await http.patch(`/api/v1/regions/${coast.id}`).send({ parentId: north.id }).expect(200);
    await settleJobs(t);
    expect(await marks()).toBe(0);
    // Without the job, the move stays marked until the first compliance read.
    await t.dataSource.query(`UPDATE region SET parent_id = NULL WHERE id = $1`, [coast.id]);
    expect(await marks()).toBeGreaterThan(0);
  });

  it('gives a new branch its country locale and records region moves as history', async () => {
    const a = await makeRegion(t.dataSource, { name: 'A' });
    const b = await makeRegion(t.dataSource, { name: 'B' });
    const branch = (
      await http
        .post('/api/v1/branches')
        .send({
          code: 'CH-ZRH-01',
          name: 'Zürich',
          country: 'CH',
          timezone: 'Europe/Zurich',
          regionId: a.id,
          address: 'Hohlstrasse 550\n8048 Zürich',
        })
        .expect(201)
    ).body as Branch;
    expect(branch).toMatchObject({ locale: 'de-CH', address: 'Hohlstrasse 550\n8048 Zürich' });
    await http.patch(`/api/v1/branches/${branch.id}`).send({ regionId: b.id }).expect(200);
    const history: Array<{ region_id: string; valid_to: string | null }> = await t.dataSource.query(
      `SELECT region_id, valid_to FROM branch_region_period WHERE branch_id = $1 ORDER BY valid_from, valid_to NULLS LAST`,
      [branch.id],
    );
    // Created and moved on the same day: the same-day period is replaced, not closed at zero length.
    expect(history).toEqual([{ region_id: b.id, valid_to: null }]);
    const bad = await http.patch(`/api/v1/branches/${branch.id}`).send({ locale: 'german' }).expect(400);
    expect((bad.body as ProblemDetails).errors?.[0].field).toBe('locale');
  });
});
