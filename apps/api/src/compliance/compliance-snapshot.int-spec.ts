import type { ComplianceStatus } from '@brevet/contracts';
import {
  addDays,
  dayIn,
  evaluateCompliance,
  type ComplianceAward,
  type PersonComplianceFacts,
  type RequirementRule,
} from '@brevet/domain';
import { ClsService } from 'nestjs-cls';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { ALL_BRANCHES } from '../auth/actor';
import { Clock } from '../common/clock';
import { DemoSeedService } from '../seed/demo-seed.service';
import { ComplianceSnapshotRepository } from './compliance-snapshot.repository';
import { ComplianceSnapshotService, DEMO_BACKFILL_DAYS } from './compliance-snapshot.service';
import { ComplianceRepository, type CountsRow } from './compliance.repository';

/** The machine clock of these tests: 28 November 2026, 11:00 in Berlin. The last finished day is the 27th. */
const NOW = new Date('2026-11-28T10:00:00Z');
const TODAY = '2026-11-28';
const YESTERDAY = '2026-11-27';
const FIRST = addDays(YESTERDAY, -(DEMO_BACKFILL_DAYS - 1));

type Cells = Record<string, CountsRow>;
const STATUS_FIELD: Record<ComplianceStatus, keyof CountsRow> = {
  compliant: 'compliant',
  expiring: 'expiring',
  expired: 'expired',
  missing_overdue: 'missingOverdue',
  missing_in_grace: 'missingInGrace',
  exempt: 'exempt',
};
const zero = (): CountsRow => ({
  total: 0,
  compliant: 0,
  expiring: 0,
  expired: 0,
  missingOverdue: 0,
  missingInGrace: 0,
  exempt: 0,
});
function tally(cells: Cells, branchId: string, definitionId: string, status: ComplianceStatus): void {
  const cell = (cells[`${branchId}|${definitionId}`] ??= zero());
  cell.total += 1;
  cell[STATUS_FIELD[status]] += 1;
}

/**
 * The demo company's year of history (the seed's backfill) against the live engine and against the pure rules
 * of @brevet/domain fed with the world as it stood on past days, computed here in TypeScript from the raw rows.
 */
describe('compliance snapshots of the demo data (real PostgreSQL)', () => {
  let t: TestApp;
  let snapshots: ComplianceSnapshotRepository;
  const inContext = <T>(work: () => Promise<T>) => t.app.get(ClsService).run({ ifNested: 'override' }, work);

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(NOW);
    await resetDatabase(t);
    await t.app.get(DemoSeedService).seedIfEmpty();
    snapshots = t.app.get(ComplianceSnapshotRepository);
  }, 180_000);
  afterAll(async () => {
    await resetDatabase(t);
    await t.close();
  });

  const stored = async (day: string): Promise<Cells> => {
    const rows: Array<Record<string, unknown>> = await t.dataSource.query(
      `SELECT branch_id, definition_id, total, compliant, expiring, expired, missing_overdue, missing_in_grace, exempt
         FROM compliance_snapshot WHERE day = $1`,
      [day],
    );
    return Object.fromEntries(
      rows.map((r) => [
        `${String(r['branch_id'])}|${String(r['definition_id'])}`,
        {
          total: Number(r['total']),
          compliant: Number(r['compliant']),
          expiring: Number(r['expiring']),
          expired: Number(r['expired']),
          missingOverdue: Number(r['missing_overdue']),
          missingInGrace: Number(r['missing_in_grace']),
          exempt: Number(r['exempt']),
        },
      ]),
    );
  };
  const live = async (now: Date): Promise<Cells> => {
    const cells: Cells = {};
    const rows = await inContext(() =>
      t.app.get(ComplianceRepository).statuses({ scope: ALL_BRANCHES, now }),
    );
    for (const r of rows) tally(cells, r.branchId, r.definitionId, r.status);
    return cells;
  };

  it('stores a year of daily counts, ending with the last finished day', async () => {
    const [days] = (await t.dataSource.query(
      `SELECT count(*)::int AS n, min(day)::text AS first, max(day)::text AS last FROM compliance_snapshot_day`,
    )) as Array<{ n: number; first: string; last: string }>;
    expect(days).toEqual({ n: DEMO_BACKFILL_DAYS, first: FIRST, last: YESTERDAY });
    const perDay = (await t.dataSource.query(
      `SELECT count(DISTINCT day)::int AS days, min(total)::int AS smallest FROM compliance_snapshot`,
    )) as Array<{ days: number; smallest: number }>;
    expect(perDay[0]).toEqual({ days: DEMO_BACKFILL_DAYS, smallest: 1 });
  });

  it('follows the rules’ effective-from days: hazardous goods storage is required from 1 September 2026 on', async () => {
    const rows = (await t.dataSource.query(
      `SELECT min(s.day)::text AS first, sum(s.missing_in_grace) FILTER (WHERE s.day = '2026-09-01')::int AS grace,
              sum(s.total) FILTER (WHERE s.day = '2026-09-01')::int AS total
         FROM compliance_snapshot s JOIN credential_definition d ON d.id = s.definition_id
        WHERE d.code = 'HAZMAT-STORAGE'`,
    )) as Array<{ first: string; grace: number; total: number }>;
    expect(rows[0].first).toBe('2026-09-01');
    expect(rows[0].total).toBeGreaterThan(0);
    // On its first day nobody is overdue yet: whoever lacks it is in the rule's 90-day grace period.
    const [first] = (await t.dataSource.query(
      `SELECT sum(s.expired + s.missing_overdue)::int AS late FROM compliance_snapshot s
         JOIN credential_definition d ON d.id = s.definition_id
        WHERE d.code = 'HAZMAT-STORAGE' AND s.day = '2026-09-01'`,
    )) as Array<{ late: number }>;
    expect(first.late).toBe(0);
    expect(rows[0].grace).toBeGreaterThan(0);
  });

  describe('with history inside the year: a move, a role change, exemptions and a revocation', () => {
    beforeAll(async () => {
      const db = t.dataSource;
      const people = (await db.query(
        `SELECT s.id, s.branch_id FROM staff s WHERE s.status = 'active' ORDER BY s.employee_number`,
      )) as Array<{ id: string; branch_id: string }>;
      const branches = (await db.query(`SELECT id FROM branch ORDER BY code`)) as Array<{ id: string }>;
      const forklift = (await db.query(`SELECT id FROM job_role WHERE code = 'FORKLIFT'`)) as Array<{
        id: string;
      }>;
      const definitions = (await db.query(
        `SELECT id, code FROM credential_definition WHERE code IN ('WORK-SAFETY', 'GDPR-BASICS')`,
      )) as Array<{ id: string; code: string }>;
      const [mover, switcher, exempted] = [people[10], people[40], people[70]];
      const target = branches.find((b) => b.id !== mover.branch_id) as { id: string };
      // Moved on 1 June 2026.
      await db.query(
        `UPDATE staff_branch_period SET valid_to = '2026-06-01' WHERE staff_id = $1 AND valid_to IS NULL`,
        [mover.id],
      );
      await db.query(
        `INSERT INTO staff_branch_period (staff_id, branch_id, valid_from) VALUES ($1, $2, '2026-06-01')`,
        [mover.id, target.id],
      );
      await db.query(`UPDATE staff SET branch_id = $2 WHERE id = $1`, [mover.id, target.id]);
      // Became a forklift driver on 15 July 2026 (licence due at once, instruction within 30 days).
      await db.query(
        `UPDATE staff_role_period SET valid_to = '2026-07-15' WHERE staff_id = $1 AND valid_to IS NULL`,
        [switcher.id],
      );
      await db.query(
        `INSERT INTO staff_role_period (staff_id, job_role_id, valid_from) VALUES ($1, $2, '2026-07-15')`,
        [switcher.id, forklift[0].id],
      );
      // Exempted from both everyone-rules, granted 10 May 2026 until 31 August 2026.
      for (const d of definitions) {
        await db.query(
          `INSERT INTO compliance_exemption (staff_id, definition_id, reason, until, granted_by, version,
                                             created_at, updated_at)
           VALUES ($1, $2, 'Long-term sick leave', '2026-08-31', 'HR admin', 1, '2026-05-10T08:00:00Z',
                   '2026-05-10T08:00:00Z')`,
          [exempted.id, d.id],
        );
      }
      // An active award revoked on 3 October 2026.
      await db.query(
        `UPDATE award SET status = 'revoked', revoked_at = '2026-10-03T12:00:00Z', revoked_by = 'HR admin',
                          revoke_reason = 'Issued in error'
          WHERE id = (SELECT a.id FROM award a WHERE a.status = 'active' AND a.issued_on < '2026-06-01'
                         AND a.staff_id = $1 ORDER BY a.issued_on LIMIT 1)`,
        [people[100].id],
      );
      await inContext(() => t.app.get(ComplianceSnapshotService).backfill(FIRST, YESTERDAY));
    }, 120_000);

    it('matches the live engine: yesterday’s stored counts, and today computed the same way', async () => {
      // Yesterday evening in every demo branch's zone (Europe): the live engine's "today" is the 27th.
      expect(await stored(YESTERDAY)).toEqual(await live(new Date(`${YESTERDAY}T20:00:00Z`)));
      const today: Cells = {};
      for (const row of await snapshots.computeDays(TODAY, TODAY)) {
        today[`${row.branchId}|${row.definitionId}`] = row.counts;
      }
      expect(Object.keys(today).length).toBeGreaterThan(20);
      expect(today).toEqual(await live(NOW));
    });

    it.each([
      '2025-12-01',
      '2026-03-01',
      '2026-05-20',
      '2026-06-01',
      '2026-07-20',
      '2026-09-15',
      '2026-10-03',
    ])('matches the pure rules fed with the world as of %s', async (day) => {
      const expected = await independently(t, day);
      expect(Object.keys(expected).length).toBeGreaterThan(20);
      expect(await stored(day)).toEqual(expected);
    });

    it('gives the same counts evaluating each person on their change days as on every day', async () => {
      const from = '2026-04-01';
      const [sparse, every] = [
        await snapshots.computeDays(from, YESTERDAY),
        await snapshots.computeDays(from, YESTERDAY, { everyDay: true }),
      ];
      expect(sparse.length).toBeGreaterThan(1000);
      expect(sparse).toEqual(every);
    }, 120_000);
  });
});

interface Rows {
  staff: Array<{ id: string; hire_date: string; status: string; left_on: string | null }>;
  branchPeriods: Array<{ staff_id: string; branch_id: string; valid_from: string; valid_to: string | null }>;
  rolePeriods: Array<{ staff_id: string; job_role_id: string; valid_from: string; valid_to: string | null }>;
  awards: Array<{
    id: string;
    staff_id: string;
    definition_id: string;
    issued_on: string;
    valid_until: string | null;
    status: string;
    revoked_at: Date | null;
    created_at: Date;
  }>;
  exemptions: Array<{ id: string; staff_id: string; definition_id: string; until: string; created_at: Date }>;
  rules: RequirementRule[];
  branches: Array<{ id: string; region_id: string; timezone: string }>;
  regions: Array<{ id: string; parent_id: string | null }>;
}

/**
 * The counts of `day` computed without the SQL: the world as it stood on that day rebuilt from the raw rows
 * (periods begun by then, the one covering the day open; the award chain by issue day, revocations by their
 * day; exemptions granted by then), then `evaluateCompliance` of @brevet/domain per person.
 */
async function independently(t: TestApp, day: string): Promise<Cells> {
  const q = <T>(sql: string) => t.dataSource.query(sql) as Promise<T>;
  const rows: Rows = {
    staff: await q(`SELECT id, hire_date::text, status, left_on::text FROM staff`),
    branchPeriods: await q(
      `SELECT staff_id, branch_id, valid_from::text, valid_to::text FROM staff_branch_period`,
    ),
    rolePeriods: await q(
      `SELECT staff_id, job_role_id, valid_from::text, valid_to::text FROM staff_role_period`,
    ),
    awards: await q(
      `SELECT id, staff_id, definition_id, issued_on::text, valid_until::text, status, revoked_at, created_at
         FROM award ORDER BY issued_on, created_at, id`,
    ),
    exemptions: await q(
      `SELECT id, staff_id, definition_id, until::text, created_at FROM compliance_exemption`,
    ),
    rules: (
      await q<Array<Record<string, unknown>>>(
        `SELECT id, definition_id, job_role_id, area, region_id, branch_id, due_days, warning_days,
                effective_from::text FROM compliance_rule`,
      )
    ).map((r) => ({
      id: r['id'] as string,
      definitionId: r['definition_id'] as string,
      jobRoleId: r['job_role_id'] as string | null,
      area: r['area'] as RequirementRule['area'],
      regionId: r['region_id'] as string | null,
      branchId: r['branch_id'] as string | null,
      dueDays: Number(r['due_days']),
      warningDays: Number(r['warning_days']),
      effectiveFrom: r['effective_from'] as string,
    })),
    branches: await q(`SELECT id, region_id, timezone FROM branch`),
    regions: await q(`SELECT id, parent_id FROM region`),
  };
  const parent = new Map(rows.regions.map((r) => [r.id, r.parent_id]));
  const branch = new Map(rows.branches.map((b) => [b.id, b]));
  const regionsAbove = (regionId: string): string[] => {
    const ids: string[] = [];
    for (let r: string | null | undefined = regionId; r; r = parent.get(r)) ids.push(r);
    return ids;
  };
  const asOf = <P extends { valid_from: string; valid_to: string | null }>(periods: P[]) =>
    periods
      .filter((p) => p.valid_from <= day)
      .map((p) => ({ ...p, valid_to: p.valid_to !== null && p.valid_to <= day ? p.valid_to : null }));

  const cells: Cells = {};
  for (const person of rows.staff) {
    if (person.status === 'left' && (person.left_on === null || person.left_on <= day)) continue;
    const periods = asOf(rows.branchPeriods.filter((p) => p.staff_id === person.id));
    const covering = periods.find((p) => p.valid_to === null);
    if (!covering) continue;
    const zone = (branch.get(covering.branch_id) as { timezone: string }).timezone;
    // The award chain: the latest issued by the day is the current one, unless revoked by then.
    const awards: ComplianceAward[] = [];
    const mine = rows.awards.filter((a) => a.staff_id === person.id && a.issued_on <= day);
    for (const definitionId of new Set(mine.map((a) => a.definition_id))) {
      const chain = mine.filter((a) => a.definition_id === definitionId);
      const current = chain[chain.length - 1];
      const revoked = current.revoked_at !== null && dayIn(new Date(current.revoked_at), zone) <= day;
      for (const a of chain) {
        awards.push({
          id: a.id,
          definitionId,
          issuedOn: a.issued_on,
          validUntil: a.valid_until,
          status: a === current && !revoked ? 'active' : 'superseded',
        });
      }
    }
    const facts: PersonComplianceFacts = {
      hireDate: person.hire_date,
      placements: periods.map((p) => ({
        branchId: p.branch_id,
        regionIds: regionsAbove((branch.get(p.branch_id) as { region_id: string }).region_id),
        from: p.valid_from,
        to: p.valid_to,
      })),
      roles: asOf(rows.rolePeriods.filter((p) => p.staff_id === person.id)).map((p) => ({
        jobRoleId: p.job_role_id,
        from: p.valid_from,
        to: p.valid_to,
      })),
      awards,
      exemptions: rows.exemptions
        .filter((x) => x.staff_id === person.id && dayIn(new Date(x.created_at), zone) <= day)
        .map((x) => ({ id: x.id, definitionId: x.definition_id, until: x.until })),
    };
    for (const requirement of evaluateCompliance(facts, rows.rules, day)) {
      tally(cells, covering.branch_id, requirement.definitionId, requirement.status);
    }
  }
  return cells;
}
