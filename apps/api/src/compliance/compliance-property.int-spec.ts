import type {
  Award,
  ComplianceAreas,
  ComplianceCounts,
  ComplianceMatrix,
  ComplianceRequirementPage,
  ComplianceRule,
  ComplianceStatus,
  ComplianceSummary,
  CredentialDetail,
  RuleArea,
  StaffDetail,
} from '@brevet/contracts';
import {
  addDays,
  countStatuses,
  dayIn,
  evaluateCompliance,
  type ComplianceAward,
  type PersonComplianceFacts,
  type RequirementRule,
} from '@brevet/domain';
import type { DataSource } from 'typeorm';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { makeBranch, makeJobRole, makeRegion, staffBody } from '../../test/support/factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { Clock } from '../common/clock';
import { seededRandom } from '../seed/demo-people';

/**
 * The materialised aggregates (compliance-aggregate.*) stay exact: a seeded random series of changes through the
 * API (awards issued, renewed and revoked; rules added, changed and removed; exemptions granted and withdrawn;
 * people hired, moved, given other roles and leaving; time passing), and after every step the API's summary,
 * matrix (also for one job role) and a branch's drill-down equal a recomputation from scratch: the tables loaded
 * afresh and the pure domain function (`evaluateCompliance`) run person by person.
 */

/** Two rounds of every kind of change, each round in a random order. */
const KINDS = 14;
const STEPS = 2 * KINDS;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati', 'UTC'];

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const shuffle = <T>(random: Random, items: T[]): T[] => {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
};

interface World {
  regions: string[];
  branches: string[];
  roles: string[];
  definitions: string[];
}

describe('compliance aggregates equal a recomputation after random changes (real PostgreSQL, HTTP)', () => {
  let t: TestApp;
  let admin: SignedInAgent;
  let now: Date;

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => now);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    now = new Date('2026-11-01T10:00:00Z');
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
  });

  it('seed 20261128: equal after every step', async () => {
    const seed = 20261128;
    const random = seededRandom(seed);
    const world = await buildWorld(t, admin, random);
    const done = new Map<string, number>();
    const log: string[] = [];
    let checked = 0;
    const seen = new Set<ComplianceStatus>();
    let round: number[] = [];
    for (let step = 0; step < STEPS; step++) {
      if (round.length === 0) round = shuffle(random, [...Array(KINDS).keys()]);
      const choice = round.pop() as number;
      const kind = await randomChange(
        t.dataSource,
        admin,
        world,
        random,
        choice,
        () => now,
        (d) => (now = d),
      );
      if (kind) done.set(kind, (done.get(kind) ?? 0) + 1);
      log.push(`${step}: ${kind ?? 'refused'}`);
      try {
        checked += await compareWithRecomputation(t.dataSource, admin, world, random, now, seen);
      } catch (error) {
        throw new Error(`seed ${seed}, after steps ${log.join(', ')}: ${String(error)}`, { cause: error });
      }
    }
    // The series must have exercised the engine, not compared empty answers.
    expect(checked).toBeGreaterThan(STEPS * 20);
    expect([...seen].sort()).toEqual([
      'compliant',
      'exempt',
      'expired',
      'expiring',
      'missing_in_grace',
      'missing_overdue',
    ]);
    for (const kind of ['award', 'revoke', 'rule', 'exemption', 'move', 'roles', 'hire', 'leave', 'time'])
      expect([kind, [...done.keys()].some((k) => k.startsWith(kind))]).toEqual([kind, true]);
  });
});

// ---- The world and the changes, through the API ---------------------------------------------------------------

async function buildWorld(t: TestApp, admin: SignedInAgent, random: Random): Promise<World> {
  const db = t.dataSource;
  const eu = await makeRegion(db);
  const north = await makeRegion(db, { parentId: eu.id });
  const south = await makeRegion(db, { parentId: eu.id });
  const far = await makeRegion(db);
  const branches: string[] = [];
  for (const home of [north, north, south, far, far])
    branches.push((await makeBranch(db, home.id, { timezone: pick(random, ZONES) })).id);
  const roles = [];
  for (const code of ['FORKLIFT', 'DRIVER', 'FIRST-AID']) roles.push((await makeJobRole(db, code)).id);
  const definitions: string[] = [];
  for (const months of [12, 24, null]) {
    const credential: CredentialDetail = await makePublishedCredential(admin, {
      validity: {
        validityMonths: months,
        recertification: {
          window: { months: months === null ? 0 : 2 },
          expiryBasis: 'completion',
          fixedExpiry: null,
        },
      },
    });
    definitions.push(credential.id);
  }
  const world = { regions: [eu.id, north.id, south.id, far.id], branches, roles, definitions };
  for (let i = 0; i < 18; i++) {
    const person = await hire(admin, world, random, '2026-11-01', 2500);
    for (const definition of definitions) {
      if (random() < 0.6)
        await issue(admin, person.id, definition, addDays('2026-11-01', -int(random, 0, 800)));
    }
  }
  for (let i = 0; i < 5; i++) await addRule(admin, world, random, '2026-11-01');
  return world;
}

async function hire(admin: SignedInAgent, world: World, random: Random, today: string, daysBack: number) {
  const roles = world.roles.filter(() => random() < 0.4);
  const body = staffBody(pick(random, world.branches), roles, {
    hireDate: addDays(today, -int(random, 0, daysBack)),
  });
  return (await admin.post('/api/v1/staff').send(body).expect(201)).body as StaffDetail;
}

async function issue(admin: SignedInAgent, staffId: string, definitionId: string, completedOn: string) {
  const res = await admin
    .post('/api/v1/awards')
    .send({ staffId, definitionId, completedOn, issuer: 'Property test' });
  return res.status === 201 ? (res.body as { award: Award }).award : null;
}

async function addRule(admin: SignedInAgent, world: World, random: Random, today: string) {
  const r = random();
  const area: RuleArea = r < 0.35 ? 'company' : r < 0.7 ? 'region' : 'branch';
  const res = await admin.post('/api/v1/compliance/rules').send({
    definitionId: pick(random, world.definitions),
    jobRoleId: random() < 0.4 ? null : pick(random, world.roles),
    area,
    regionId: area === 'region' ? pick(random, world.regions) : null,
    branchId: area === 'branch' ? pick(random, world.branches) : null,
    dueDays: int(random, 0, 90),
    warningDays: int(random, 0, 90),
    // Mostly in effect, some only from a coming day.
    effectiveFrom: addDays(today, -int(random, -30, 2000)),
  });
  return res.status === 201 ? (res.body as ComplianceRule) : null;
}

/** One random change through the API; returns its kind, or null when the API refused it. */
async function randomChange(
  db: DataSource,
  admin: SignedInAgent,
  world: World,
  random: Random,
  choice: number,
  getNow: () => Date,
  setNow: (d: Date) => void,
): Promise<string | null> {
  const today = dayIn(getNow(), 'UTC');
  const row = async <T>(sql: string, params: unknown[] = []): Promise<T | undefined> => {
    const rows = (await db.query(sql, params)) as T[];
    return rows.length > 0 ? pick(random, rows) : undefined;
  };
  const activePerson = () =>
    row<{ id: string }>(`SELECT id FROM staff WHERE status <> 'left' ORDER BY employee_number`);
  const activeAward = () =>
    row<{ id: string }>(
      `SELECT a.id FROM award a JOIN staff s ON s.id = a.staff_id JOIN credential_definition d ON d.id = a.definition_id
        WHERE a.status = 'active' AND s.status <> 'left' ORDER BY s.employee_number, d.code`,
    );
  const rule = () =>
    row<{ id: string; version: number }>(`SELECT id, version FROM compliance_rule ORDER BY created_at, id`);
  const ok = (status: number, kind: string) => (status >= 200 && status < 300 ? kind : null);
  switch (choice) {
    case 0:
    case 1: {
      const person = await activePerson();
      if (!person) return null;
      const definitionId = pick(random, world.definitions);
      // A completion after the one the person holds (an older one cannot replace it), else any in the last 500 days.
      const [held] = (await db.query(
        `SELECT ($3::date - issued_on)::int AS days FROM award WHERE staff_id = $1 AND definition_id = $2 AND status = 'active'`,
        [person.id, definitionId, today],
      )) as Array<{ days: number }>;
      const back = held ? Math.max(0, held.days - 1) : 500;
      const award = await issue(
        admin,
        person.id,
        definitionId,
        addDays(today, -int(random, 0, Math.min(back, 500))),
      );
      return award ? 'award.issue' : null;
    }
    case 2: {
      const award = await activeAward();
      if (!award) return null;
      const res = await admin
        .post(`/api/v1/awards/${award.id}/renew`)
        .send({ completedOn: addDays(today, -int(random, 0, 40)), issuer: 'Property test' });
      return ok(res.status, 'award.renew');
    }
    case 3: {
      const award = await activeAward();
      if (!award) return null;
      const res = await admin
        .post(`/api/v1/awards/${award.id}/revoke`)
        .send({ reason: 'Issued in error (test).' });
      return ok(res.status, 'revoke');
    }
    case 4:
      return (await addRule(admin, world, random, today)) ? 'rule.add' : null;
    case 5: {
      const r = await rule();
      if (!r) return null;
      const res = await admin.patch(`/api/v1/compliance/rules/${r.id}`).send({
        dueDays: int(random, 0, 90),
        warningDays: int(random, 0, 90),
        jobRoleId: random() < 0.5 ? null : pick(random, world.roles),
        version: r.version,
      });
      return ok(res.status, 'rule.change');
    }
    case 6: {
      const r = await rule();
      if (!r) return null;
      return ok((await admin.delete(`/api/v1/compliance/rules/${r.id}`)).status, 'rule.remove');
    }
    case 7: {
      const person = await activePerson();
      if (!person) return null;
      const res = await admin.post('/api/v1/compliance/exemptions').send({
        staffId: person.id,
        definitionId: pick(random, world.definitions),
        reason: 'Long-term sick leave (test).',
        until: addDays(today, int(random, 2, 120)),
      });
      return ok(res.status, 'exemption.grant');
    }
    case 8: {
      const x = await row<{ id: string }>(`SELECT id FROM compliance_exemption ORDER BY until, id`);
      if (!x) return null;
      return ok((await admin.delete(`/api/v1/compliance/exemptions/${x.id}`)).status, 'exemption.withdraw');
    }
    case 9: {
      const person = await activePerson();
      if (!person) return null;
      const res = await admin
        .patch(`/api/v1/staff/${person.id}`)
        .send({ branchId: pick(random, world.branches) });
      return ok(res.status, 'move');
    }
    case 10: {
      const person = await activePerson();
      if (!person) return null;
      const res = await admin
        .patch(`/api/v1/staff/${person.id}`)
        .send({ jobRoleIds: world.roles.filter(() => random() < 0.4) });
      return ok(res.status, 'roles');
    }
    case 11: {
      await hire(admin, world, random, today, 60);
      return 'hire';
    }
    case 12: {
      const person = await activePerson();
      if (!person) return null;
      return ok((await admin.patch(`/api/v1/staff/${person.id}`).send({ status: 'left' })).status, 'leave');
    }
    default:
      // Time passes: due days, warning windows, expiries and exemptions come and go.
      setNow(new Date(getNow().getTime() + int(random, 1, 45) * 86_400_000 + int(random, 0, 23) * 3_600_000));
      return 'time';
  }
}

// ---- The comparison --------------------------------------------------------------------------------------------

interface Expected {
  staffId: string;
  branchId: string;
  definitionId: string;
  roles: string[];
  status: ComplianceStatus;
  dueOn: string;
  awardId: string | null;
  exemptionId: string | null;
}

/** Compares summary, matrix, a role's matrix and a branch's drill-down; returns how many requirements it saw. */
async function compareWithRecomputation(
  db: DataSource,
  admin: SignedInAgent,
  world: World,
  random: Random,
  now: Date,
  seen: Set<ComplianceStatus>,
): Promise<number> {
  const expected = await recompute(db, now);
  for (const e of expected) seen.add(e.status);
  const counts = (rows: readonly Expected[]) => countStatuses(rows.map((r) => r.status));
  const groupCounts = (rows: readonly Expected[], keys: (r: Expected) => string[]) => {
    const groups = new Map<string, Expected[]>();
    for (const r of rows) for (const k of keys(r)) groups.set(k, [...(groups.get(k) ?? []), r]);
    return Object.fromEntries([...groups].map(([k, list]) => [k, counts(list)]));
  };
  const ancestors = await regionPaths(db);

  const summary = (await admin.get('/api/v1/compliance/summary').expect(200)).body as ComplianceSummary;
  expect(summary.totals).toEqual(counts(expected));
  expect(byKey(summary.regions, (r) => r.region.id)).toEqual(
    groupCounts(expected, (r) => ancestors.get(r.branchId) ?? []),
  );
  expect(byKey(summary.credentials, (c) => c.credential.id)).toEqual(
    groupCounts(expected, (r) => [r.definitionId]),
  );
  expect(byKey(summary.jobRoles, (j) => j.jobRole.id)).toEqual(groupCounts(expected, (r) => r.roles));

  const matrixOf = async (query: Record<string, string>, rows: readonly Expected[]) => {
    const matrix = (
      await admin
        .get('/api/v1/compliance/matrix')
        .query({ pageSize: 100, ...query })
        .expect(200)
    ).body as ComplianceMatrix;
    expect(matrix.total).toBe(new Set(rows.map((r) => r.branchId)).size);
    expect(
      byKey(
        matrix.rows,
        (r) => r.branch.id,
        (r) => r.totals,
      ),
    ).toEqual(groupCounts(rows, (r) => [r.branchId]));
    const cells = matrix.rows.flatMap((r) =>
      r.cells.map((c) => ({ key: `${r.branch.id}|${c.definitionId}`, counts: c.counts })),
    );
    expect(byKey(cells, (c) => c.key)).toEqual(groupCounts(rows, (r) => [`${r.branchId}|${r.definitionId}`]));
  };
  await matrixOf({}, expected);
  // Sorted by compliance rate, worst first (no rate last, then by code): exact fractions, compared crosswise.
  const byRate = (
    await admin.get('/api/v1/compliance/matrix').query({ pageSize: 100, sort: 'rate' }).expect(200)
  ).body as ComplianceMatrix;
  const codes = await branchCodes(db);
  const perBranch = groupCounts(expected, (r) => [r.branchId]);
  const rate = (c: ComplianceCounts) => [c.compliant + c.expiring, c.total - c.exempt - c.missingInGrace];
  expect(byRate.rows.map((r) => r.branch.id)).toEqual(
    Object.keys(perBranch).sort((a, b) => {
      const [na, da] = rate(perBranch[a]);
      const [nb, db2] = rate(perBranch[b]);
      if (da > 0 !== db2 > 0) return da > 0 ? -1 : 1;
      const order = da > 0 ? na * db2 - nb * da : 0;
      if (order !== 0) return order;
      const ca = codes.get(a) ?? '';
      const cb = codes.get(b) ?? '';
      return ca !== cb ? (ca < cb ? -1 : 1) : a < b ? -1 : 1;
    }),
  );
  const role = pick(random, world.roles);
  await matrixOf(
    { jobRoleId: role },
    expected.filter((r) => r.roles.includes(role)),
  );

  // The heat map's top level: everything rolled up into the top regions.
  const top = (r: Expected) => (ancestors.get(r.branchId) ?? []).slice(-1);
  const areas = (await admin.get('/api/v1/compliance/areas').expect(200)).body as ComplianceAreas;
  expect(
    byKey(
      areas.rows,
      (r) => r.id,
      (r) => r.totals,
    ),
  ).toEqual(groupCounts(expected, top));
  expect(
    byKey(
      areas.rows.flatMap((r) => r.cells.map((c) => ({ key: `${r.id}|${c.definitionId}`, counts: c.counts }))),
      (c) => c.key,
    ),
  ).toEqual(groupCounts(expected, (r) => top(r).map((id) => `${id}|${r.definitionId}`)));

  const branchId = pick(random, world.branches);
  const items: ComplianceRequirementPage['items'] = [];
  for (let page = 1; ; page++) {
    const body = (
      await admin.get('/api/v1/compliance/requirements').query({ branchId, pageSize: 100, page }).expect(200)
    ).body as ComplianceRequirementPage;
    items.push(...body.items);
    if (items.length >= body.total) break;
  }
  const key = (staffId: string, definitionId: string) => `${staffId}|${definitionId}`;
  expect(
    items
      .map((i) => ({
        key: key(i.staff.id, i.credential.id),
        status: i.status,
        dueOn: i.dueOn,
        awardId: i.award?.id ?? null,
        exemptionId: i.exemption?.id ?? null,
      }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
  ).toEqual(
    expected
      .filter((r) => r.branchId === branchId)
      .map((r) => ({
        key: key(r.staffId, r.definitionId),
        status: r.status,
        dueOn: r.dueOn,
        awardId: r.awardId,
        exemptionId: r.exemptionId,
      }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
  );
  return expected.length;
}

function byKey<T>(items: readonly T[], key: (item: T) => string, value?: (item: T) => ComplianceCounts) {
  return Object.fromEntries(
    items.map((item) => [
      key(item),
      value ? value(item) : (item as unknown as { counts: ComplianceCounts }).counts,
    ]),
  );
}

async function branchCodes(db: DataSource): Promise<Map<string, string>> {
  const rows = (await db.query(`SELECT id, code FROM branch`)) as Array<{ id: string; code: string }>;
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** Each branch's region and every region above it. */
async function regionPaths(db: DataSource): Promise<Map<string, string[]>> {
  const regions = (await db.query(`SELECT id, parent_id FROM region`)) as Array<{
    id: string;
    parent_id: string | null;
  }>;
  const branches = (await db.query(`SELECT id, region_id FROM branch`)) as Array<{
    id: string;
    region_id: string;
  }>;
  const parent = new Map(regions.map((r) => [r.id, r.parent_id]));
  const path = (id: string) => {
    const ids: string[] = [];
    for (let r: string | null | undefined = id; r; r = parent.get(r)) ids.push(r);
    return ids;
  };
  return new Map(branches.map((b) => [b.id, path(b.region_id)]));
}

/** From scratch: every table read afresh, the pure rules run for each person on their branch's day. */
async function recompute(db: DataSource, now: Date): Promise<Expected[]> {
  const q = <T>(sql: string) => db.query(sql) as Promise<T[]>;
  const [branches, staff, placements, roles, awards, exemptions, rules, paths] = await Promise.all([
    q<{ id: string; timezone: string }>(`SELECT id, timezone FROM branch`),
    q<{ id: string; hire_date: string; status: string; branch_id: string }>(
      `SELECT id, hire_date::text, status, branch_id FROM staff`,
    ),
    q<{ staff_id: string; branch_id: string; valid_from: string; valid_to: string | null }>(
      `SELECT staff_id, branch_id, valid_from::text, valid_to::text FROM staff_branch_period`,
    ),
    q<{ staff_id: string; job_role_id: string; valid_from: string; valid_to: string | null }>(
      `SELECT staff_id, job_role_id, valid_from::text, valid_to::text FROM staff_role_period`,
    ),
    q<{
      id: string;
      staff_id: string;
      definition_id: string;
      issued_on: string;
      valid_until: string | null;
      status: ComplianceAward['status'];
    }>(`SELECT id, staff_id, definition_id, issued_on::text, valid_until::text, status FROM award`),
    q<{ id: string; staff_id: string; definition_id: string; until: string }>(
      `SELECT id, staff_id, definition_id, until::text FROM compliance_exemption`,
    ),
    q<{
      id: string;
      definition_id: string;
      job_role_id: string | null;
      area: RuleArea;
      region_id: string | null;
      branch_id: string | null;
      due_days: number;
      warning_days: number;
      effective_from: string;
    }>(
      `SELECT id, definition_id, job_role_id, area, region_id, branch_id, due_days, warning_days, effective_from::text FROM compliance_rule`,
    ),
    regionPaths(db),
  ]);
  const zone = new Map(branches.map((b) => [b.id, b.timezone]));
  const requirementRules: RequirementRule[] = rules.map((r) => ({
    id: r.id,
    definitionId: r.definition_id,
    jobRoleId: r.job_role_id,
    area: r.area,
    regionId: r.region_id,
    branchId: r.branch_id,
    dueDays: Number(r.due_days),
    warningDays: Number(r.warning_days),
    effectiveFrom: r.effective_from,
  }));
  const result: Expected[] = [];
  for (const person of staff) {
    if (person.status === 'left') continue;
    const facts: PersonComplianceFacts = {
      hireDate: person.hire_date,
      placements: placements
        .filter((p) => p.staff_id === person.id)
        .map((p) => ({
          branchId: p.branch_id,
          regionIds: paths.get(p.branch_id) ?? [],
          from: p.valid_from,
          to: p.valid_to,
        })),
      roles: roles
        .filter((r) => r.staff_id === person.id)
        .map((r) => ({ jobRoleId: r.job_role_id, from: r.valid_from, to: r.valid_to })),
      awards: awards
        .filter((a) => a.staff_id === person.id)
        .map((a) => ({
          id: a.id,
          definitionId: a.definition_id,
          issuedOn: a.issued_on,
          validUntil: a.valid_until,
          status: a.status,
        })),
      exemptions: exemptions
        .filter((x) => x.staff_id === person.id)
        .map((x) => ({ id: x.id, definitionId: x.definition_id, until: x.until })),
    };
    const current = [...new Set(facts.roles.filter((r) => r.to === null).map((r) => r.jobRoleId))];
    for (const r of evaluateCompliance(
      facts,
      requirementRules,
      dayIn(now, zone.get(person.branch_id) ?? 'UTC'),
    )) {
      result.push({
        staffId: person.id,
        branchId: person.branch_id,
        definitionId: r.definitionId,
        roles: current,
        status: r.status,
        dueOn: r.dueOn,
        awardId: r.award?.id ?? null,
        exemptionId: r.exemption?.id ?? null,
      });
    }
  }
  return result;
}
