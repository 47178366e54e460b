import type { Branch, BranchPage, ProblemDetails, Region } from '@brevet/contracts';
import { branchBody, makeRegion } from '../../test/support/factories';
import {
  createTestApp,
  eventually,
  resetDatabase,
  settleJobs,
  type TestApp,
} from '../../test/support/test-app';
import { InProcessJobQueue } from '../jobs/in-process-job-queue';
import { JobQueue } from '../jobs/job-queue.port';
import { BranchEntity } from './branch.entity';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

describe('branches over HTTP (real PostgreSQL)', () => {
  let t: TestApp;
  let http: SignedInAgent;
  let regionId: string;

  beforeAll(async () => {
    t = await createTestApp();
    http = await signInAsAdmin(t);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    regionId = (await makeRegion(t.dataSource, { name: 'North' })).id;
  });

  const create = (body: Record<string, unknown>) => http.post('/api/v1/branches').send(body);
  const branchCount = () => t.dataSource.getRepository(BranchEntity).count();

  it('creates a branch and reads it back', async () => {
    const res = await create(branchBody(regionId, { code: 'de-ber-01', name: '  Berlin  ' })).expect(201);
    const branch = res.body as Branch;
    expect(branch).toMatchObject({
      code: 'DE-BER-01',
      name: 'Berlin',
      regionName: 'North',
      status: 'active',
      version: 1,
    });
    const read = await http.get(`/api/v1/branches/${branch.id}`).expect(200);
    expect(read.body).toEqual(branch);
  });

  it('lists a page, sorted either way, and searches code and name', async () => {
    for (const name of ['Bremen', 'Aachen', 'Celle'])
      await create(branchBody(regionId, { name })).expect(201);
    const asc = (await http.get('/api/v1/branches?sort=name&pageSize=2').expect(200)).body as BranchPage;
    expect(asc.items.map((b) => b.name)).toEqual(['Aachen', 'Bremen']);
    expect(asc).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    const second = (await http.get('/api/v1/branches?sort=name&pageSize=2&page=2').expect(200))
      .body as BranchPage;
    expect(second.items.map((b) => b.name)).toEqual(['Celle']);
    const desc = (await http.get('/api/v1/branches?sort=-name').expect(200)).body as BranchPage;
    expect(desc.items.map((b) => b.name)).toEqual(['Celle', 'Bremen', 'Aachen']);
    const found = (await http.get('/api/v1/branches?q=rEmE').expect(200)).body as BranchPage;
    expect(found.items.map((b) => b.name)).toEqual(['Bremen']);
  });

  it('treats LIKE wildcards in the search as plain text', async () => {
    await create(branchBody(regionId, { name: 'Plain' })).expect(201);
    const res = (await http.get('/api/v1/branches?q=%25').expect(200)).body as BranchPage;
    expect(res.total).toBe(0);
  });

  it('answers 409 problem+json for a duplicate code, case-insensitively, and writes nothing', async () => {
    await create(branchBody(regionId, { code: 'DE-HAM-01' })).expect(201);
    const res = await create(branchBody(regionId, { code: 'de-ham-01' })).expect(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body as ProblemDetails).toMatchObject({
      status: 409,
      code: 'branch.code_taken',
      errors: [{ field: 'code', message: 'already in use' }],
    });
    expect(await branchCount()).toBe(1);
  });

  it('lets exactly one of two simultaneous creates with the same code win', async () => {
    const body = branchBody(regionId, { code: 'RACE-01' });
    const results = await Promise.all([create(body), create(body), create(body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await branchCount()).toBe(1);
  });

  it('answers 400 for an unknown region and writes nothing', async () => {
    const res = await create(branchBody('5c0d3a46-0000-4000-8000-000000000000')).expect(400);
    expect((res.body as ProblemDetails).code).toBe('region.not_found');
    expect(await branchCount()).toBe(0);
  });

  it('answers 400 with one error per field for invalid input', async () => {
    const res = await create({
      code: 'x',
      name: '',
      country: 'XX',
      timezone: 'Mars/Base',
      regionId: 'nope',
    }).expect(400);
    const problem = res.body as ProblemDetails;
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((e) => e.field).sort()).toEqual([
      'code',
      'country',
      'name',
      'regionId',
      'timezone',
    ]);
    expect(problem.errors).toContainEqual({
      field: 'timezone',
      message: 'must be an IANA time zone such as Europe/Berlin',
    });
  });

  it('rejects unknown fields instead of silently ignoring them', async () => {
    const res = await create(branchBody(regionId, { status: 'archived' })).expect(400);
    expect((res.body as ProblemDetails).errors).toContainEqual({
      field: 'status',
      message: 'property status should not exist',
    });
  });

  it('answers 404 problem+json for an unknown or malformed ID', async () => {
    const unknown = await http.get('/api/v1/branches/5c0d3a46-0000-4000-8000-000000000000').expect(404);
    expect((unknown.body as ProblemDetails).code).toBe('branch.not_found');
    const malformed = await http.patch('/api/v1/branches/1%27%20OR%201=1').send({ name: 'x' }).expect(404);
    expect((malformed.body as ProblemDetails).code).toBe('not_found');
  });

  it('edits a branch and detects a concurrent edit through the version', async () => {
    const branch = (await create(branchBody(regionId)).expect(201)).body as Branch;
    const edited = await http
      .patch(`/api/v1/branches/${branch.id}`)
      .send({ name: 'Renamed', version: 1 })
      .expect(200);
    expect(edited.body).toMatchObject({ name: 'Renamed', version: 2 });
    const stale = await http
      .patch(`/api/v1/branches/${branch.id}`)
      .send({ name: 'Lost update', version: 1 })
      .expect(409);
    expect((stale.body as ProblemDetails).code).toBe('version_conflict');
    expect((await http.get(`/api/v1/branches/${branch.id}`)).body).toMatchObject({ name: 'Renamed' });
  });

  it('archives and restores; archived branches leave the default list', async () => {
    const branch = (await create(branchBody(regionId)).expect(201)).body as Branch;
    await http.post(`/api/v1/branches/${branch.id}/archive`).expect(200);
    expect(((await http.get('/api/v1/branches')).body as BranchPage).total).toBe(0);
    expect(((await http.get('/api/v1/branches?status=archived')).body as BranchPage).total).toBe(1);
    const restored = await http.post(`/api/v1/branches/${branch.id}/restore`).expect(200);
    expect((restored.body as Branch).status).toBe('active');
  });

  it('recounts the region in a background job after create, move and archive', async () => {
    const south = await makeRegion(t.dataSource, { name: 'South' });
    const countOf = async (id: string) => {
      const regions = (await http.get('/api/v1/regions').expect(200)).body as Region[];
      return regions.find((r) => r.id === id)?.branchCount;
    };
    const a = (await create(branchBody(regionId)).expect(201)).body as Branch;
    await create(branchBody(regionId)).expect(201);
    await eventually(async () => (await countOf(regionId)) === 2);

    await http.patch(`/api/v1/branches/${a.id}`).send({ regionId: south.id }).expect(200);
    await eventually(async () => (await countOf(regionId)) === 1 && (await countOf(south.id)) === 1);
    // The move changes which region rules reach its people: the worker has rebuilt the aggregates already.
    await settleJobs(t);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM compliance_dirty`))[0].n).toBe(0);

    await http.post(`/api/v1/branches/${a.id}/archive`).expect(200);
    await eventually(async () => (await countOf(south.id)) === 0);
  });

  it('runs each queued job on its first attempt, in a context of its own', async () => {
    const queue = t.app.get(JobQueue) as InProcessJobQueue;
    const before = { ...queue.stats };
    await create(branchBody(regionId)).expect(201);
    await settleJobs(t);
    expect(queue.stats.completed).toBe(before.completed + 1);
    expect(queue.stats.failedAttempts).toBe(before.failedAttempts);
  });
});
