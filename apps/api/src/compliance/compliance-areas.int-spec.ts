import type {
  ComplianceAreaRow,
  ComplianceAreas,
  ComplianceRequirementPage,
  ComplianceSummary,
  StaffDetail,
} from '@brevet/contracts';
import { signInAs, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { makeBranch, makeJobRole, makeRegion, staffBody } from '../../test/support/factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { Clock } from '../common/clock';

/** 1 November 2026, 11:00 in Berlin. */
const NOW = new Date('2026-11-01T10:00:00Z');
const AREAS = '/api/v1/compliance/areas';

/**
 * The dashboard's drill-in (`GET /compliance/areas`) and the country filter every aggregate takes: rows roll up
 * correctly per level, and a manager's rows hold only their own branches.
 */
describe('compliance by organisation level, and the country filter (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: SignedInAgent;
  // EU > North (Hamburg DE, Bremen DE), EU > Alps (Wien AT), Luxembourg directly in EU; Other > New York (US).
  let org: {
    eu: string;
    north: string;
    alps: string;
    other: string;
    ham: string;
    bre: string;
    vie: string;
    lux: string;
    nyc: string;
    forklift: string;
  };
  let safety: string;
  let licence: string;
  let people: Record<'ham1' | 'ham2' | 'bre' | 'vie' | 'lux' | 'nyc', StaffDetail>;

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => NOW);
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
    const db = t.dataSource;
    const eu = await makeRegion(db, { code: 'EU', name: 'Europe' });
    const north = await makeRegion(db, { code: 'NORTH', name: 'North', parentId: eu.id });
    const alps = await makeRegion(db, { code: 'ALPS', name: 'Alps', parentId: eu.id });
    const other = await makeRegion(db, { code: 'OTHER', name: 'Overseas' });
    org = {
      eu: eu.id,
      north: north.id,
      alps: alps.id,
      other: other.id,
      ham: (await makeBranch(db, north.id, { code: 'HAM', name: 'Hamburg' })).id,
      bre: (await makeBranch(db, north.id, { code: 'BRE', name: 'Bremen' })).id,
      vie: (
        await makeBranch(db, alps.id, { code: 'VIE', name: 'Wien', country: 'AT', timezone: 'Europe/Vienna' })
      ).id,
      lux: (await makeBranch(db, eu.id, { code: 'LUX', name: 'Luxembourg', country: 'LU' })).id,
      nyc: (
        await makeBranch(db, other.id, {
          code: 'NYC',
          name: 'New York',
          country: 'US',
          timezone: 'America/New_York',
        })
      ).id,
      forklift: (await makeJobRole(db, 'FORKLIFT')).id,
    };
    const hire = async (branchId: string, roles: string[] = []) =>
      (await admin.post('/api/v1/staff').send(staffBody(branchId, roles)).expect(201)).body as StaffDetail;
    people = {
      ham1: await hire(org.ham, [org.forklift]),
      ham2: await hire(org.ham),
      bre: await hire(org.bre),
      vie: await hire(org.vie),
      lux: await hire(org.lux),
      nyc: await hire(org.nyc),
    };
    safety = (await makePublishedCredential(admin, { code: 'A-SAFETY' })).id;
    licence = (await makePublishedCredential(admin, { code: 'B-LICENCE' })).id;
    const rule = (definitionId: string, jobRoleId: string | null) => ({
      definitionId,
      jobRoleId,
      area: 'company',
      dueDays: 30,
      warningDays: 30,
      effectiveFrom: '2020-01-01',
    });
    await admin.post('/api/v1/compliance/rules').send(rule(safety, null)).expect(201);
    await admin.post('/api/v1/compliance/rules').send(rule(licence, org.forklift)).expect(201);
    for (const person of [people.ham1, people.vie]) {
      await admin
        .post('/api/v1/awards')
        .send({ staffId: person.id, definitionId: safety, completedOn: '2026-06-01', issuer: 'HR admin' })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  const areas = async (agent: SignedInAgent, query: Record<string, string> = {}) =>
    (await agent.get(AREAS).query(query).expect(200)).body as ComplianceAreas;
  /** Rows as `kind:code → total/compliant/branches`, easy to compare as a whole. */
  const brief = (rows: ComplianceAreaRow[]) =>
    rows.map((r) => `${r.kind}:${r.code} ${r.totals.compliant}/${r.totals.total} in ${r.branches}`);
  const cell = (row: ComplianceAreaRow | undefined, definitionId: string) =>
    row?.cells.find((c) => c.definitionId === definitionId)?.counts;

  it('starts with the top regions, everything below them rolled up, with a cell per required credential', async () => {
    const top = await areas(admin);
    expect(top.regionId).toBeNull();
    expect(top.columns.map((c) => c.code)).toEqual(['A-SAFETY', 'B-LICENCE']);
    // Europe: safety for 5 people (2 hold it) plus the licence for the forklift driver.
    expect(brief(top.rows)).toEqual(['region:EU 2/6 in 4', 'region:OTHER 0/1 in 1']);
    const europe = top.rows[0];
    expect(cell(europe, safety)).toMatchObject({ total: 5, compliant: 2, missingOverdue: 3, rate: 0.4 });
    expect(cell(europe, licence)).toMatchObject({ total: 1, compliant: 0, missingOverdue: 1, rate: 0 });
    expect(europe.cells.map((c) => c.definitionId)).toEqual([safety, licence]);
    expect(cell(top.rows[1], licence)).toBeUndefined();

    // The rows add up to the summary's totals.
    const summary = (await admin.get('/api/v1/compliance/summary').expect(200)).body as ComplianceSummary;
    expect(top.rows.reduce((n, r) => n + r.totals.total, 0)).toBe(summary.totals.total);
  });

  it('drills into a region: its sub-regions rolled up first, then its own branches', async () => {
    const europe = await areas(admin, { regionId: org.eu });
    expect(europe.regionId).toBe(org.eu);
    expect(brief(europe.rows)).toEqual([
      'region:ALPS 1/1 in 1',
      'region:NORTH 1/4 in 2',
      'branch:LUX 0/1 in 1',
    ]);
    expect(europe.rows.map((r) => r.country)).toEqual([null, null, 'LU']);

    const north = await areas(admin, { regionId: org.north });
    expect(brief(north.rows)).toEqual(['branch:BRE 0/1 in 1', 'branch:HAM 1/3 in 1']);
    const hamburg = north.rows.find((r) => r.id === org.ham);
    expect(cell(hamburg, safety)).toMatchObject({ total: 2, compliant: 1, missingOverdue: 1, rate: 0.5 });
  });

  it('takes the country, job role and credential filters', async () => {
    expect(brief((await areas(admin, { country: 'de' })).rows)).toEqual(['region:EU 1/4 in 2']);
    expect(brief((await areas(admin, { country: 'US' })).rows)).toEqual(['region:OTHER 0/1 in 1']);
    expect(brief((await areas(admin, { jobRoleId: org.forklift })).rows)).toEqual(['region:EU 1/2 in 1']);
    const onlyLicence = await areas(admin, { definitionId: licence });
    expect(onlyLicence.columns.map((c) => c.id)).toEqual([licence]);
    expect(brief(onlyLicence.rows)).toEqual(['region:EU 0/1 in 1']);
    await admin.get(AREAS).query({ country: 'Germany' }).expect(400);
  });

  it('narrows every aggregate by country', async () => {
    const austria = (await admin.get('/api/v1/compliance/requirements').query({ country: 'AT' }).expect(200))
      .body as ComplianceRequirementPage;
    expect(austria.items.map((r) => r.staff.id)).toEqual([people.vie.id]);
    const summary = (await admin.get('/api/v1/compliance/summary').query({ country: 'DE' }).expect(200))
      .body as ComplianceSummary;
    expect(summary.totals).toMatchObject({ total: 4, compliant: 1 });
    const matrix = (await admin.get('/api/v1/compliance/matrix').query({ country: 'DE' }).expect(200))
      .body as {
      rows: Array<{ branch: { id: string } }>;
    };
    expect(matrix.rows.map((r) => r.branch.id).sort()).toEqual([org.bre, org.ham].sort());
    const expiring = (
      await admin.get('/api/v1/compliance/expiring').query({ withinDays: 366, country: 'AT' }).expect(200)
    ).body as ComplianceRequirementPage;
    expect(expiring.items.map((r) => r.staff.id)).toEqual([people.vie.id]);
  });

  it("shows a branch manager only their own branch's people, at every level", async () => {
    const manager = await signInAs(t, 'branch_manager', { branchIds: [org.ham] });
    expect(brief((await areas(manager)).rows)).toEqual(['region:EU 1/3 in 1']);
    expect(brief((await areas(manager, { regionId: org.eu })).rows)).toEqual(['region:NORTH 1/3 in 1']);
    expect(brief((await areas(manager, { regionId: org.north })).rows)).toEqual(['branch:HAM 1/3 in 1']);
    // Another region, or a filter leading elsewhere, is simply empty.
    expect((await areas(manager, { regionId: org.alps })).rows).toEqual([]);
    expect((await areas(manager, { country: 'AT' })).rows).toEqual([]);
    expect((await areas(manager, { branchId: org.bre })).columns).toEqual([]);
  });

  it("shows a regional manager only their region's branches", async () => {
    const manager = await signInAs(t, 'regional_manager', { regionIds: [org.alps] });
    expect(brief((await areas(manager)).rows)).toEqual(['region:EU 1/1 in 1']);
    expect(brief((await areas(manager, { regionId: org.eu })).rows)).toEqual(['region:ALPS 1/1 in 1']);
    expect((await areas(manager, { regionId: org.other })).rows).toEqual([]);
  });
});
