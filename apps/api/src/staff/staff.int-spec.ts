import type { ProblemDetails, StaffDetail, StaffPage } from '@brevet/contracts';
import { makeBranch, makeJobRole, makeRegion, staffBody } from '../../test/support/factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { StaffDeactivation, type StaffDeactivatedEvent } from './staff-deactivation';
import { StaffEntity } from './staff.entity';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

describe('staff over HTTP (real PostgreSQL)', () => {
  let t: TestApp;
  let http: SignedInAgent;
  let ids: {
    north: string;
    south: string;
    hamburg: string;
    munich: string;
    warehouse: string;
    forklift: string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    http = await signInAsAdmin(t);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    const europe = await makeRegion(t.dataSource, { name: 'Europe' });
    const north = await makeRegion(t.dataSource, { name: 'North', parentId: europe.id });
    const south = await makeRegion(t.dataSource, { name: 'South', parentId: europe.id });
    ids = {
      north: north.id,
      south: south.id,
      hamburg: (await makeBranch(t.dataSource, north.id, { name: 'Hamburg' })).id,
      munich: (await makeBranch(t.dataSource, south.id, { name: 'München' })).id,
      warehouse: (await makeJobRole(t.dataSource, 'WAREHOUSE')).id,
      forklift: (await makeJobRole(t.dataSource, 'FORKLIFT')).id,
    };
  });

  const create = (body: Record<string, unknown>) => http.post('/api/v1/staff').send(body);

  it('creates a person with branch and role history from the hire date', async () => {
    const res = await create(
      staffBody(ids.hamburg, [ids.warehouse], { email: ' Anna.Muster@Example.com ' }),
    ).expect(201);
    const person = res.body as StaffDetail;
    expect(person).toMatchObject({
      branchName: 'Hamburg',
      status: 'active',
      email: 'anna.muster@example.com',
      version: 1,
    });
    expect(person.jobRoles.map((r) => r.code)).toEqual(['WAREHOUSE']);
    expect(person.branchHistory).toEqual([
      expect.objectContaining({ branchId: ids.hamburg, validFrom: '2024-03-01', validTo: null }),
    ]);
    expect(person.roleHistory).toEqual([
      expect.objectContaining({ jobRoleCode: 'WAREHOUSE', validFrom: '2024-03-01', validTo: null }),
    ]);
  });

  it('keeps history when someone moves branch and changes role on a given day', async () => {
    const person = (await create(staffBody(ids.hamburg, [ids.warehouse])).expect(201)).body as StaffDetail;
    const moved = (
      await http
        .patch(`/api/v1/staff/${person.id}`)
        .send({ branchId: ids.munich, jobRoleIds: [ids.forklift], effectiveFrom: '2025-06-01', version: 1 })
        .expect(200)
    ).body as StaffDetail;
    expect(moved.branchName).toBe('München');
    expect(moved.branchHistory.map((p) => [p.branchName, p.validFrom, p.validTo])).toEqual([
      ['München', '2025-06-01', null],
      ['Hamburg', '2024-03-01', '2025-06-01'],
    ]);
    expect(moved.roleHistory.map((p) => [p.jobRoleCode, p.validFrom, p.validTo])).toEqual([
      ['FORKLIFT', '2025-06-01', null],
      ['WAREHOUSE', '2024-03-01', '2025-06-01'],
    ]);
  });

  it('an email change does not orphan anyone: the employee number stays the key', async () => {
    const person = (await create(staffBody(ids.hamburg, [ids.warehouse])).expect(201)).body as StaffDetail;
    await http.patch(`/api/v1/staff/${person.id}`).send({ email: 'new.address@example.com' }).expect(200);
    const after = (await http.get(`/api/v1/staff/${person.id}`).expect(200)).body as StaffDetail;
    expect(after).toMatchObject({
      id: person.id,
      employeeNumber: person.employeeNumber,
      email: 'new.address@example.com',
    });
    expect(after.branchHistory).toHaveLength(1);
  });

  it('marks a person as left, closing their periods and telling the sessions seam, and can bring them back', async () => {
    const events: StaffDeactivatedEvent[] = [];
    const unsubscribe = t.app.get(StaffDeactivation).subscribe((e) => void events.push(e));
    const person = (await create(staffBody(ids.hamburg, [ids.warehouse])).expect(201)).body as StaffDetail;
    const left = (
      await http
        .patch(`/api/v1/staff/${person.id}`)
        .send({ status: 'left', effectiveFrom: '2026-01-31' })
        .expect(200)
    ).body as StaffDetail;
    expect(left).toMatchObject({ status: 'left', leftOn: '2026-01-31', jobRoles: [] });
    expect(left.branchHistory[0].validTo).toBe('2026-01-31');
    expect(events).toEqual([{ staffId: person.id, reason: 'staff.left' }]);
    unsubscribe();
    const back = (
      await http
        .patch(`/api/v1/staff/${person.id}`)
        .send({ status: 'active', effectiveFrom: '2026-05-01' })
        .expect(200)
    ).body as StaffDetail;
    expect(back).toMatchObject({ status: 'active', leftOn: null });
    expect(back.branchHistory.map((p) => [p.validFrom, p.validTo])).toEqual([
      ['2026-05-01', null],
      ['2024-03-01', '2026-01-31'],
    ]);
    expect(back.jobRoles.map((r) => r.code)).toEqual(['WAREHOUSE']);
    expect(back.roleHistory.map((p) => [p.jobRoleCode, p.validFrom, p.validTo])).toEqual([
      ['WAREHOUSE', '2026-05-01', null],
      ['WAREHOUSE', '2024-03-01', '2026-01-31'],
    ]);
  });

  it('answers 409 for a duplicate employee number and writes nothing', async () => {
    await create(staffBody(ids.hamburg, [ids.warehouse], { employeeNumber: 'E-1' })).expect(201);
    const res = await create(staffBody(ids.hamburg, [ids.warehouse], { employeeNumber: 'E-1' })).expect(409);
    expect((res.body as ProblemDetails).code).toBe('staff.employee_number_taken');
    expect(await t.dataSource.getRepository(StaffEntity).count()).toBe(1);
  });

  it('refuses unknown roles, archived branches, bad dates and reporting cycles with clear errors', async () => {
    const unknownRole = await create(staffBody(ids.hamburg, ['5c0d3a46-0000-4000-8000-000000000000'])).expect(
      400,
    );
    expect((unknownRole.body as ProblemDetails).code).toBe('job_role.not_found');
    await http.post(`/api/v1/branches/${ids.munich}/archive`).expect(200);
    const archived = await create(staffBody(ids.munich, [])).expect(400);
    expect((archived.body as ProblemDetails).code).toBe('branch.not_active');
    const badDate = await create(staffBody(ids.hamburg, [], { hireDate: '2026-02-30' })).expect(400);
    expect((badDate.body as ProblemDetails).errors).toContainEqual({
      field: 'hireDate',
      message: 'must be a date written YYYY-MM-DD',
    });

    const boss = (await create(staffBody(ids.hamburg, [])).expect(201)).body as StaffDetail;
    const report = (await create(staffBody(ids.hamburg, [], { managerId: boss.id })).expect(201))
      .body as StaffDetail;
    const cycle = await http.patch(`/api/v1/staff/${boss.id}`).send({ managerId: report.id }).expect(400);
    expect((cycle.body as ProblemDetails).code).toBe('staff.manager_cycle');
    const self = await http.patch(`/api/v1/staff/${boss.id}`).send({ managerId: boss.id }).expect(400);
    expect((self.body as ProblemDetails).code).toBe('staff.manager_cycle');
    expect(await t.dataSource.getRepository(StaffEntity).count()).toBe(2);
  });

  it('lists per branch and region (with sub-regions), filters by role and status, searches and sorts', async () => {
    await create(
      staffBody(ids.hamburg, [ids.warehouse], { givenName: 'Jürgen', familyName: 'Özdemir' }),
    ).expect(201);
    await create(staffBody(ids.hamburg, [ids.forklift], { givenName: 'Anna', familyName: 'Berg' })).expect(
      201,
    );
    const gone = (await create(staffBody(ids.munich, [ids.forklift], { familyName: 'Zander' })).expect(201))
      .body as StaffDetail;
    await http.patch(`/api/v1/staff/${gone.id}`).send({ status: 'left' }).expect(200);

    const list = async (query: string) =>
      ((await http.get(`/api/v1/staff?${query}`).expect(200)).body as StaffPage).items.map(
        (p) => p.familyName,
      );
    expect(await list(`branchId=${ids.hamburg}`)).toEqual(['Berg', 'Özdemir']);
    expect(await list(`branchId=${ids.hamburg}&sort=-familyName`)).toEqual(['Özdemir', 'Berg']);
    expect(await list(`regionId=${ids.north}`)).toEqual(['Berg', 'Özdemir']);
    expect(await list(`jobRoleId=${ids.forklift}`)).toEqual(['Berg']);
    expect(await list(`jobRoleId=${ids.forklift}&status=all`)).toEqual(['Berg']);
    expect(await list(`status=left`)).toEqual(['Zander']);
    expect(await list(`q=j%C3%BCrgen%20%C3%B6zd`)).toEqual(['Özdemir']);
    const paged = (await http.get('/api/v1/staff?pageSize=1&page=2').expect(200)).body as StaffPage;
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
  });

  it('answers 404 for an unknown person and 409 for a stale version', async () => {
    await http.get('/api/v1/staff/5c0d3a46-0000-4000-8000-000000000000').expect(404);
    const person = (await create(staffBody(ids.hamburg, [])).expect(201)).body as StaffDetail;
    await http.patch(`/api/v1/staff/${person.id}`).send({ givenName: 'Berta', version: 1 }).expect(200);
    const stale = await http
      .patch(`/api/v1/staff/${person.id}`)
      .send({ givenName: 'Carla', version: 1 })
      .expect(409);
    expect((stale.body as ProblemDetails).code).toBe('version_conflict');
  });
});
