import type {
  Award,
  ComplianceCounts,
  ComplianceSummary,
  ComplianceTrend,
  CredentialDetail,
  ProblemDetails,
  StaffDetail,
} from '@brevet/contracts';
import { ClsService } from 'nestjs-cls';
import { signInAs, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { makeBranch, makeRegion, staffBody } from '../../test/support/factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { Clock } from '../common/clock';
import { ComplianceSnapshotService } from './compliance-snapshot.service';

/** 28 November 2026, 11:00 in Berlin. */
const NOW = new Date('2026-11-28T10:00:00Z');
const TODAY = '2026-11-28';
const PAST = '2026-03-01';
const TRENDS = '/api/v1/compliance/trends';

const counts = (c: ComplianceCounts) => ({
  total: c.total,
  compliant: c.compliant,
  expiring: c.expiring,
  expired: c.expired,
  missingOverdue: c.missingOverdue,
  missingInGrace: c.missingInGrace,
  exempt: c.exempt,
  rate: c.rate,
});

/**
 * GET /compliance/trends over snapshots backfilled from the data: the numbers against the live engine (today)
 * and against a past day worked out by hand, the viewer's scope, filters, granularity and validation.
 */
describe('compliance trends over HTTP (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: SignedInAgent;
  let org: { north: string; south: string; ham: string; bre: string; muc: string };
  let safety: CredentialDetail;
  let other: CredentialDetail;

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(NOW);
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
    const db = t.dataSource;
    const north = await makeRegion(db, { code: 'NORTH' });
    const south = await makeRegion(db, { code: 'SOUTH' });
    org = {
      north: north.id,
      south: south.id,
      ham: (await makeBranch(db, north.id, { code: 'HAM', name: 'Hamburg' })).id,
      bre: (await makeBranch(db, north.id, { code: 'BRE', name: 'Bremen' })).id,
      muc: (await makeBranch(db, south.id, { code: 'MUC', name: 'München' })).id,
    };
    const credential = (title: string) =>
      makePublishedCredential(admin, {
        title: { en: title, de: title },
        validity: {
          validityMonths: 12,
          recertification: { window: { months: 2 }, expiryBasis: 'completion', fixedExpiry: null },
        },
      });
    safety = await credential('Safety instruction');
    other = await credential('Data protection');
    await admin
      .post('/api/v1/compliance/rules')
      .send({
        definitionId: safety.id,
        jobRoleId: null,
        area: 'company',
        dueDays: 30,
        warningDays: 60,
        effectiveFrom: '2020-01-01',
      })
      .expect(201);
    const hire = async (branchId: string, hireDate: string) =>
      (
        await admin
          .post('/api/v1/staff')
          .send(staffBody(branchId, [], { hireDate }))
          .expect(201)
      ).body as StaffDetail;
    const issue = async (person: StaffDetail, completedOn: string) =>
      (
        await admin
          .post('/api/v1/awards')
          .send({ staffId: person.id, definitionId: safety.id, completedOn, issuer: 'HR admin' })
          .expect(201)
      ).body as Award;
    // On 1 March 2026 (worked out by hand below):
    await issue(await hire(org.ham, '2024-01-01'), '2026-01-10'); // valid, far from expiry: compliant
    await hire(org.ham, '2026-02-15'); // nothing yet, due 17 March: in grace
    await issue(await hire(org.bre, '2023-01-01'), '2025-01-05'); // lapsed in January 2026: expired
    await issue(await hire(org.muc, '2022-01-01'), '2025-06-01'); // valid until about June: compliant
    await hire(org.muc, '2026-05-01'); // not hired yet: not counted
    await t.app.get(ClsService).run(() => t.app.get(ComplianceSnapshotService).backfill('2026-01-01', TODAY));
  }, 120_000);
  afterAll(async () => {
    await resetDatabase(t);
    await t.close();
  });

  const trend = async (agent: SignedInAgent, query: Record<string, string> = {}) =>
    (await agent.get(TRENDS).query(query).expect(200)).body as ComplianceTrend;
  const onDay = async (agent: SignedInAgent, day: string, query: Record<string, string> = {}) => {
    const body = await trend(agent, { from: day, to: day, ...query });
    expect(body.points.map((p) => p.date)).toEqual([day]);
    return counts(body.points[0]);
  };
  const live = async (agent: SignedInAgent) =>
    counts(((await agent.get('/api/v1/compliance/summary').expect(200)).body as ComplianceSummary).totals);

  it('gives a past day’s counts as worked out from the dates, per branch and in total', async () => {
    expect(await onDay(admin, PAST)).toEqual({
      total: 4,
      compliant: 2,
      expiring: 0,
      expired: 1,
      missingOverdue: 0,
      missingInGrace: 1,
      exempt: 0,
      rate: 0.6667, // (2 compliant) / (4 − 1 in grace)
    });
    expect(await onDay(admin, PAST, { branchId: org.ham })).toMatchObject({
      total: 2,
      compliant: 1,
      missingInGrace: 1,
    });
    expect(await onDay(admin, PAST, { branchId: org.bre })).toMatchObject({ total: 1, expired: 1 });
    // A week later the newcomer is still in grace; three weeks later overdue.
    expect(await onDay(admin, '2026-03-17', { branchId: org.ham })).toMatchObject({ missingInGrace: 1 });
    expect(await onDay(admin, '2026-03-18', { branchId: org.ham })).toMatchObject({ missingOverdue: 1 });
  });

  it('gives today’s counts as the live engine does, for HR and for a branch manager', async () => {
    expect(await onDay(admin, TODAY)).toEqual(await live(admin));
    const manager = await signInAs(t, 'branch_manager', { branchIds: [org.ham] });
    expect(await onDay(manager, TODAY)).toEqual(await live(manager));
    expect((await onDay(admin, TODAY)).total).toBe(5);
  });

  it('limits every point to the viewer’s branches, whatever the filters ask', async () => {
    const manager = await signInAs(t, 'branch_manager', { branchIds: [org.ham] });
    expect(await onDay(manager, PAST)).toMatchObject({ total: 2, compliant: 1, missingInGrace: 1 });
    // Another branch's numbers are not there: an empty point, as for a branch without requirements.
    expect(await onDay(manager, PAST, { branchId: org.bre })).toEqual({
      total: 0,
      compliant: 0,
      expiring: 0,
      expired: 0,
      missingOverdue: 0,
      missingInGrace: 0,
      exempt: 0,
      rate: null,
    });
    expect(await onDay(manager, PAST, { regionId: org.south })).toMatchObject({ total: 0 });
    const regional = await signInAs(t, 'regional_manager', { regionIds: [org.north] });
    expect(await onDay(regional, PAST)).toMatchObject({
      total: 3,
      compliant: 1,
      expired: 1,
      missingInGrace: 1,
    });
    const auditor = await signInAs(t, 'auditor');
    expect(await onDay(auditor, PAST)).toMatchObject({ total: 4 });
  });

  it('filters by region (and below), credential and country', async () => {
    expect(await onDay(admin, PAST, { regionId: org.south })).toMatchObject({ total: 1, compliant: 1 });
    expect(await onDay(admin, PAST, { regionId: org.north })).toMatchObject({ total: 3 });
    expect(await onDay(admin, PAST, { definitionId: safety.id })).toMatchObject({ total: 4 });
    expect(await onDay(admin, PAST, { definitionId: other.id })).toMatchObject({ total: 0, rate: null });
    expect(await onDay(admin, PAST, { country: 'at' })).toMatchObject({ total: 0 });
    expect(await onDay(admin, PAST, { country: 'DE' })).toMatchObject({ total: 4 });
  });

  it('defaults to a year up to the last computed day; days never computed are gaps, not zeros', async () => {
    const body = await trend(admin);
    expect(body).toMatchObject({ to: TODAY, from: '2025-11-29', granularity: 'day', latestDay: TODAY });
    expect(body.points[0].date).toBe('2026-01-01'); // the backfill started there
    expect(body.points).toHaveLength(332); // 1 January … 28 November 2026
    expect(body.points.every((p, i) => i === 0 || p.date > body.points[i - 1].date)).toBe(true);
  });

  it('gives one point per ISO week, on its last computed day', async () => {
    const body = await trend(admin, { from: '2026-02-25', to: '2026-03-18', granularity: 'week' });
    // Weeks: 23 Feb – 1 Mar, 2 – 8 Mar, 9 – 15 Mar, 16 – 22 Mar (computed through the 18th).
    expect(body.points.map((p) => p.date)).toEqual(['2026-03-01', '2026-03-08', '2026-03-15', '2026-03-18']);
    expect(counts(body.points[0])).toEqual(await onDay(admin, '2026-03-01'));
  });

  it('refuses a range that is backwards, too long or of an unknown granularity', async () => {
    const problem = async (query: Record<string, string>) =>
      (await admin.get(TRENDS).query(query).expect(400)).body as ProblemDetails;
    expect(await problem({ from: '2026-03-02', to: '2026-03-01' })).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'from' }],
    });
    expect((await problem({ from: '2023-01-01', to: '2026-03-01' })).code).toBe('validation_failed');
    expect((await problem({ granularity: 'month' })).errors?.map((e) => e.field)).toEqual(['granularity']);
    expect((await problem({ from: '2026-02-30' })).errors?.map((e) => e.field)).toEqual(['from']);
    expect((await problem({ jobRoleId: org.ham })).code).toBe('validation_failed');
  });
});
