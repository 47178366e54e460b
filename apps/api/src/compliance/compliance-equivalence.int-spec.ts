import type { AwardRecordStatus, RuleArea } from '@brevet/contracts';
import {
  addDays,
  dayIn,
  evaluateCompliance,
  type ComplianceAward,
  type PersonComplianceFacts,
  type RequirementRule,
} from '@brevet/domain';
import type { DataSource } from 'typeorm';
import { signInAsAdmin } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { makeBranch, makeJobRole, makeRegion } from '../../test/support/factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { ALL_BRANCHES } from '../auth/actor';
import { seededRandom } from '../seed/demo-people';
import { ComplianceRepository } from './compliance.repository';

/**
 * The SQL engine (ComplianceRepository) and the pure rules (@brevet/domain evaluateCompliance) must give the same
 * answer for every person and required credential: same status, due day, warning window, award and exemption.
 * Random organisations, histories, awards, exemptions and rules (seeded, so a failure can be replayed), then a
 * random series of changes (rules added, changed and removed; awards issued and revoked; people moving, changing
 * roles and leaving; exemptions granted and withdrawn), compared after each round at instants chosen around
 * midnight in the branches' time zones.
 */

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'UTC',
];
const INSTANTS = [
  '2026-11-01T10:00:00Z',
  '2026-11-01T23:30:00Z', // already 2 November in Berlin and Tokyo, still 1 November in New York
  '2026-10-31T10:30:00Z', // 1 November in Kiritimati (UTC+14), 30 October in Pago Pago (UTC−11)
  '2027-03-01T04:00:00Z',
];

interface World {
  regions: string[];
  branches: string[];
  roles: string[];
  definitions: Array<{ id: string; versionId: string }>;
}

describe('compliance: the SQL engine equals the pure rules on random data (real PostgreSQL)', () => {
  let t: TestApp;
  let db: DataSource;
  let repo: ComplianceRepository;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.dataSource;
    repo = t.app.get(ComplianceRepository);
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(t));

  it.each([[20261101], [7], [424242]])('seed %i: equal after every round of changes', async (seed) => {
    const random = seededRandom(seed);
    const world = await buildWorld(t, random);
    await randomPeople(db, world, random, 45);
    for (let i = 0; i < 10; i++) await randomRule(db, world, random);
    let compared = 0;
    const seen = new Set<string>();
    for (let round = 0; round < 5; round++) {
      if (round > 0) for (let i = 0; i < 12; i++) await randomChange(db, world, random);
      for (const instant of INSTANTS) {
        const now = new Date(instant);
        const sql = (await repo.statuses({ scope: ALL_BRANCHES, now })).map((r) => ({
          staffId: r.staffId,
          definitionId: r.definitionId,
          status: r.status,
          dueOn: r.dueOn,
          warningDays: r.warningDays,
          awardId: r.awardId,
          exemptionId: r.exemptionId,
        }));
        const pure = await evaluateWithPureRules(db, now);
        expect(sql).toEqual(pure);
        compared += sql.length;
        for (const row of sql) seen.add(row.status);
      }
    }
    // The data must exercise the engine, not compare two empty lists: every status came up.
    expect(compared).toBeGreaterThan(500);
    expect([...seen].sort()).toEqual([
      'compliant',
      'exempt',
      'expired',
      'expiring',
      'missing_in_grace',
      'missing_overdue',
    ]);
  });
});

// ---- The pure side: facts loaded from the tables, evaluated per person ---------------------------------------

async function evaluateWithPureRules(db: DataSource, now: Date) {
  const q = <T>(sql: string) => db.query(sql) as Promise<T[]>;
  const [regions, branches, staff, branchPeriods, rolePeriods, awards, exemptions, rules] = await Promise.all(
    [
      q<{ id: string; parent_id: string | null }>(`SELECT id, parent_id FROM region`),
      q<{ id: string; region_id: string; timezone: string }>(`SELECT id, region_id, timezone FROM branch`),
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
        status: AwardRecordStatus;
      }>(`SELECT id, staff_id, definition_id, issued_on::text, valid_until::text, status FROM award`),
      q<{ id: string; staff_id: string; definition_id: string; until: string }>(
        `SELECT id, staff_id, definition_id, until::text FROM compliance_exemption`,
      ),
      q<Record<string, unknown>>(
        `SELECT id, definition_id, job_role_id, area, region_id, branch_id, due_days, warning_days, effective_from::text
         FROM compliance_rule`,
      ),
    ],
  );
  const parent = new Map(regions.map((r) => [r.id, r.parent_id]));
  const ancestors = (regionId: string) => {
    const ids: string[] = [];
    for (let id: string | null | undefined = regionId; id; id = parent.get(id)) ids.push(id);
    return ids;
  };
  const branch = new Map(
    branches.map((b) => [b.id, { zone: b.timezone, regionIds: ancestors(b.region_id) }]),
  );
  const requirementRules: RequirementRule[] = rules.map((r) => ({
    id: r['id'] as string,
    definitionId: r['definition_id'] as string,
    jobRoleId: (r['job_role_id'] as string | null) ?? null,
    area: r['area'] as RuleArea,
    regionId: (r['region_id'] as string | null) ?? null,
    branchId: (r['branch_id'] as string | null) ?? null,
    dueDays: Number(r['due_days']),
    warningDays: Number(r['warning_days']),
    effectiveFrom: r['effective_from'] as string,
  }));
  const results = [];
  for (const person of staff) {
    if (person.status === 'left') continue;
    const facts: PersonComplianceFacts = {
      hireDate: person.hire_date,
      placements: branchPeriods
        .filter((p) => p.staff_id === person.id)
        .map((p) => ({
          branchId: p.branch_id,
          regionIds: branch.get(p.branch_id)?.regionIds ?? [],
          from: p.valid_from,
          to: p.valid_to,
        })),
      roles: rolePeriods
        .filter((p) => p.staff_id === person.id)
        .map((p) => ({ jobRoleId: p.job_role_id, from: p.valid_from, to: p.valid_to })),
      awards: awards
        .filter((a) => a.staff_id === person.id)
        .map((a): ComplianceAward => ({
          id: a.id,
          definitionId: a.definition_id,
          issuedOn: a.issued_on,
          validUntil: a.valid_until,
          status: a.status,
        })),
      exemptions: exemptions
        .filter((e) => e.staff_id === person.id)
        .map((e) => ({ id: e.id, definitionId: e.definition_id, until: e.until })),
    };
    const today = dayIn(now, branch.get(person.branch_id)?.zone ?? 'UTC');
    for (const r of evaluateCompliance(facts, requirementRules, today)) {
      results.push({
        staffId: person.id,
        definitionId: r.definitionId,
        status: r.status,
        dueOn: r.dueOn,
        warningDays: r.warningDays,
        awardId: r.award?.id ?? null,
        exemptionId: r.exemption?.id ?? null,
      });
    }
  }
  // The same order as the SQL answer (uuids compare as their text in lower case).
  return results.sort((a, b) =>
    a.staffId !== b.staffId ? (a.staffId < b.staffId ? -1 : 1) : a.definitionId < b.definitionId ? -1 : 1,
  );
}

// ---- Random data -------------------------------------------------------------------------------------------

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (random: Random, from: string, days: number) =>
  addDays(from, Math.floor(random() * (days + 1)));

async function buildWorld(t: TestApp, random: Random): Promise<World> {
  const db = t.dataSource;
  const eu = await makeRegion(db);
  const north = await makeRegion(db, { parentId: eu.id });
  const south = await makeRegion(db, { parentId: eu.id });
  const alps = await makeRegion(db, { parentId: south.id });
  const americas = await makeRegion(db);
  const homes = [north, north, south, alps, alps, americas, americas, eu];
  const branches: string[] = [];
  for (const home of homes)
    branches.push((await makeBranch(db, home.id, { timezone: pick(random, ZONES) })).id);
  const roles: string[] = [];
  for (const code of ['FORKLIFT', 'WAREHOUSE', 'DRIVER', 'FIRST-AID'])
    roles.push((await makeJobRole(db, code)).id);
  const http = await signInAsAdmin(t);
  const definitions: World['definitions'] = [];
  for (let i = 0; i < 4; i++) {
    const credential = await makePublishedCredential(http);
    const [row] = (await db.query(`SELECT current_version_id FROM credential_definition WHERE id = $1`, [
      credential.id,
    ])) as Array<{ current_version_id: string }>;
    definitions.push({ id: credential.id, versionId: row.current_version_id });
  }
  return { regions: [eu.id, north.id, south.id, alps.id, americas.id], branches, roles, definitions };
}

let employeeNumber = 500_000;

async function randomPeople(db: DataSource, world: World, random: Random, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const hireDate = between(random, '2018-01-01', 3220); // up to late October 2026
    const status = random() < 0.08 ? 'left' : random() < 0.1 ? 'on_leave' : 'active';
    // Branch periods: one to three, adjoining or with a gap (left and came back); the first may start a little
    // before or after the hire day; the last may start ahead of today (a move recorded in advance).
    const placements: Array<{ branchId: string; from: string; to: string | null }> = [];
    let from = random() < 0.15 ? between(random, addDays(hireDate, -20), 40) : hireDate;
    const segments = 1 + Math.floor(random() * 3);
    for (let s = 0; s < segments; s++) {
      const branchId = pick(random, world.branches);
      placements.push({ branchId, from, to: null });
      if (s < segments - 1) {
        const to = between(random, addDays(from, 1), 900);
        placements[placements.length - 1].to = to;
        from = random() < 0.2 ? between(random, addDays(to, 1), 200) : to;
      }
    }
    const last = placements[placements.length - 1];
    if (status === 'left') last.to = between(random, addDays(last.from, 1), 400);
    const [{ id }] = (await db.query(
      `INSERT INTO staff (id, employee_number, given_name, family_name, branch_id, hire_date, status, left_on, version)
       VALUES ($7, $1, 'Test', $2, $3, $4, $5, $6, 1) RETURNING id`,
      [
        String(employeeNumber++),
        `Person ${i}`,
        last.branchId,
        hireDate,
        status,
        status === 'left' ? last.to : null,
        seededUuid(random),
      ],
    )) as Array<{ id: string }>;
    for (const p of placements) {
      await db.query(
        `INSERT INTO staff_branch_period (staff_id, branch_id, valid_from, valid_to) VALUES ($1, $2, $3, $4)`,
        [id, p.branchId, p.from, p.to],
      );
    }
    // Roles: up to two, each in one or two periods, usually still held.
    const roleCount = Math.floor(random() * 3);
    const roles = [...world.roles];
    for (let k = roles.length - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [roles[k], roles[j]] = [roles[j], roles[k]];
    }
    for (const roleId of roles.slice(0, roleCount)) {
      let roleFrom = random() < 0.6 ? placements[0].from : between(random, hireDate, 1500);
      const periods = 1 + Math.floor(random() * 2);
      for (let s = 0; s < periods; s++) {
        const open = s === periods - 1 && status !== 'left' && random() < 0.85;
        const to = open ? null : between(random, addDays(roleFrom, 1), 700);
        await db.query(
          `INSERT INTO staff_role_period (staff_id, job_role_id, valid_from, valid_to) VALUES ($1, $2, $3, $4)`,
          [id, roleId, roleFrom, to],
        );
        if (to === null) break;
        roleFrom = random() < 0.5 ? to : between(random, addDays(to, 1), 300);
      }
    }
    for (const definition of world.definitions) {
      if (random() < 0.55) await randomAwardHistory(db, id, definition, random);
      if (random() < 0.1) await randomExemption(db, id, definition.id, random);
    }
  }
}

async function insertAward(
  db: DataSource,
  random: Random,
  staffId: string,
  definition: World['definitions'][number],
  issuedOn: string,
  validUntil: string | null,
  status: AwardRecordStatus,
): Promise<void> {
  await db.query(
    `INSERT INTO award (id, staff_id, definition_id, definition_version_id, issued_on, valid_until, counts_from,
                        renewal_timing, issuer, status, source, revoked_at, revoke_reason)
     VALUES ($7, $1, $2, $3, $4, $5, 'completion', 'first_award', 'test', $6::varchar, 'seed',
             CASE WHEN $6::text = 'revoked' THEN now() END, CASE WHEN $6::text = 'revoked' THEN 'test' END)`,
    [staffId, definition.id, definition.versionId, issuedOn, validUntil, status, seededUuid(random)],
  );
}

async function randomAwardHistory(
  db: DataSource,
  staffId: string,
  definition: World['definitions'][number],
  random: Random,
): Promise<void> {
  const count = 1 + Math.floor(random() * 3);
  let issuedOn = between(random, '2022-01-01', 1200);
  for (let i = 0; i < count; i++) {
    const latest = i === count - 1;
    const r = random();
    // The latest is active (in force, expiring, expired or even not yet valid) or revoked; earlier ones were
    // superseded or revoked. At most one active award per person and credential, as uq_award_active demands.
    const status: AwardRecordStatus = latest
      ? r < 0.82
        ? 'active'
        : 'revoked'
      : r < 0.8
        ? 'superseded'
        : 'revoked';
    const validUntil = random() < 0.15 ? null : addDays(issuedOn, pick(random, [30, 180, 365, 365, 730]));
    await insertAward(db, random, staffId, definition, issuedOn, validUntil, status);
    issuedOn = between(random, addDays(issuedOn, 1), 500);
  }
}

async function randomExemption(db: DataSource, staffId: string, definitionId: string, random: Random) {
  await db.query(
    `INSERT INTO compliance_exemption (id, staff_id, definition_id, reason, until, granted_by, version)
     VALUES ($4, $1, $2, 'test', $3, 'test', 1)`,
    [staffId, definitionId, between(random, '2026-09-01', 240), seededUuid(random)],
  );
}

async function randomRule(db: DataSource, world: World, random: Random): Promise<void> {
  const r = random();
  const area: RuleArea = r < 0.3 ? 'company' : r < 0.65 ? 'region' : 'branch';
  await db.query(
    `INSERT INTO compliance_rule (id, definition_id, job_role_id, area, region_id, branch_id, due_days, warning_days,
                                  effective_from, version)
     VALUES ($9, $1, $2, $3, $4, $5, $6, $7, $8, 1)`,
    [
      pick(random, world.definitions).id,
      random() < 0.4 ? null : pick(random, world.roles),
      area,
      area === 'region' ? pick(random, world.regions) : null,
      area === 'branch' ? pick(random, world.branches) : null,
      Math.floor(random() * 120),
      Math.floor(random() * 120),
      between(random, '2018-01-01', 3300),
      seededUuid(random),
    ],
  );
}

/** A random row of `sql`, which orders its rows by a key the seeded data makes deterministic. */
async function pickRow<T>(
  db: DataSource,
  random: Random,
  sql: string,
  params: unknown[] = [],
): Promise<T | undefined> {
  const rows = (await db.query(sql, params)) as T[];
  return rows.length > 0 ? pick(random, rows) : undefined;
}

async function first<T>(db: DataSource, sql: string, params: unknown[]): Promise<T | undefined> {
  const rows = (await db.query(sql, params)) as T[];
  return rows[0];
}

/** A version-4 UUID from the seeded source, so that picking rows "at random" replays exactly. */
function seededUuid(random: Random): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One random change of the kinds the API makes; written straight to the tables. */
async function randomChange(db: DataSource, world: World, random: Random): Promise<void> {
  const day = between(random, '2026-06-01', 200);
  switch (Math.floor(random() * 10)) {
    case 0:
      return randomRule(db, world, random);
    case 1: {
      const rule = await pickRow<{ id: string }>(db, random, `SELECT id FROM compliance_rule ORDER BY id`);
      if (rule)
        await db.query(
          `UPDATE compliance_rule SET due_days = $2, warning_days = $3, job_role_id = $4, version = version + 1 WHERE id = $1`,
          [
            rule.id,
            Math.floor(random() * 120),
            Math.floor(random() * 120),
            random() < 0.5 ? null : pick(random, world.roles),
          ],
        );
      return;
    }
    case 2:
      {
        const rule = await pickRow<{ id: string }>(db, random, `SELECT id FROM compliance_rule ORDER BY id`);
        if (rule) await db.query(`DELETE FROM compliance_rule WHERE id = $1`, [rule.id]);
      }
      return;
    case 3:
      {
        const award = await pickRow<{ id: string }>(
          db,
          random,
          `SELECT id FROM award WHERE status = 'active' ORDER BY id`,
        );
        if (award)
          await db.query(
            `UPDATE award SET status = 'revoked', revoked_at = now(), revoke_reason = 'test' WHERE id = $1`,
            [award.id],
          );
      }
      return;
    case 4: {
      // Issue (or renew): the active award, if any, is superseded.
      const person = await pickRow<{ id: string }>(
        db,
        random,
        `SELECT id FROM staff WHERE status <> 'left' ORDER BY id`,
      );
      if (!person) return;
      const definition = pick(random, world.definitions);
      await db.query(
        `UPDATE award SET status = 'superseded' WHERE staff_id = $1 AND definition_id = $2 AND status = 'active'`,
        [person.id, definition.id],
      );
      await insertAward(
        db,
        random,
        person.id,
        definition,
        day,
        random() < 0.2 ? null : addDays(day, 365),
        'active',
      );
      return;
    }
    case 5: {
      // A move to another branch from `day`.
      const open = await pickRow<{ staff_id: string; valid_from: string }>(
        db,
        random,
        `SELECT p.staff_id, p.valid_from::text FROM staff_branch_period p JOIN staff s ON s.id = p.staff_id
          WHERE p.valid_to IS NULL AND s.status <> 'left' AND p.valid_from < $1 ORDER BY p.staff_id`,
        [day],
      );
      if (!open) return;
      const branchId = pick(random, world.branches);
      await db.query(
        `UPDATE staff_branch_period SET valid_to = $2 WHERE staff_id = $1 AND valid_to IS NULL`,
        [open.staff_id, day],
      );
      await db.query(
        `INSERT INTO staff_branch_period (staff_id, branch_id, valid_from) VALUES ($1, $2, $3)`,
        [open.staff_id, branchId, day],
      );
      await db.query(`UPDATE staff SET branch_id = $2 WHERE id = $1`, [open.staff_id, branchId]);
      return;
    }
    case 6: {
      // A role taken up from `day` (if not held now), or given up on `day`.
      const person = await pickRow<{ id: string }>(
        db,
        random,
        `SELECT id FROM staff WHERE status <> 'left' ORDER BY id`,
      );
      if (!person) return;
      const roleId = pick(random, world.roles);
      const open = await first<{ valid_from: string }>(
        db,
        `SELECT valid_from::text FROM staff_role_period WHERE staff_id = $1 AND job_role_id = $2 AND valid_to IS NULL`,
        [person.id, roleId],
      );
      const latest = await first<{ until: string | null }>(
        db,
        `SELECT max(valid_to)::text AS until FROM staff_role_period WHERE staff_id = $1 AND job_role_id = $2`,
        [person.id, roleId],
      );
      if (open && open.valid_from < day) {
        await db.query(
          `UPDATE staff_role_period SET valid_to = $3 WHERE staff_id = $1 AND job_role_id = $2 AND valid_to IS NULL`,
          [person.id, roleId, day],
        );
      } else if (!open && (!latest?.until || latest.until <= day)) {
        await db.query(
          `INSERT INTO staff_role_period (staff_id, job_role_id, valid_from) VALUES ($1, $2, $3)`,
          [person.id, roleId, day],
        );
      }
      return;
    }
    case 7: {
      const person = await pickRow<{ id: string }>(
        db,
        random,
        `SELECT id FROM staff WHERE status <> 'left' ORDER BY id`,
      );
      if (person) await randomExemption(db, person.id, pick(random, world.definitions).id, random);
      return;
    }
    case 8:
      {
        const exemption = await pickRow<{ id: string }>(
          db,
          random,
          `SELECT id FROM compliance_exemption ORDER BY id`,
        );
        if (exemption) await db.query(`DELETE FROM compliance_exemption WHERE id = $1`, [exemption.id]);
      }
      return;
    default: {
      // Someone leaves on `day`: every open period closes.
      const person = await pickRow<{ id: string }>(
        db,
        random,
        `SELECT s.id FROM staff s WHERE s.status <> 'left'
            AND NOT EXISTS (SELECT 1 FROM staff_branch_period p WHERE p.staff_id = s.id AND p.valid_from >= $1)
            AND NOT EXISTS (SELECT 1 FROM staff_role_period p WHERE p.staff_id = s.id AND p.valid_from >= $1)
          ORDER BY s.id`,
        [day],
      );
      if (!person) return;
      await db.query(`UPDATE staff SET status = 'left', left_on = $2 WHERE id = $1`, [person.id, day]);
      await db.query(
        `UPDATE staff_branch_period SET valid_to = $2 WHERE staff_id = $1 AND valid_to IS NULL`,
        [person.id, day],
      );
      await db.query(`UPDATE staff_role_period SET valid_to = $2 WHERE staff_id = $1 AND valid_to IS NULL`, [
        person.id,
        day,
      ]);
    }
  }
}
