import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ComplianceMatrix, ComplianceStatus, RuleArea } from '@brevet/contracts';
import {
  countStatuses,
  dayIn,
  evaluateCompliance,
  type ComplianceAward,
  type PersonComplianceFacts,
  type RequirementRule,
} from '@brevet/domain';
import { ClsService } from 'nestjs-cls';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { ALL_BRANCHES } from '../../src/auth/actor';
import { AwardEntity } from '../../src/awards/award.entity';
import { BranchEntity } from '../../src/branches/branch.entity';
import { ComplianceRulesService } from '../../src/compliance/compliance-rules.service';
import { ComplianceExemptionEntity, ComplianceRuleEntity } from '../../src/compliance/compliance.entity';
import { ComplianceRepository } from '../../src/compliance/compliance.repository';
import { ComplianceService } from '../../src/compliance/compliance.service';
import type {
  ComplianceMatrixQueryDto,
  ComplianceRequirementQueryDto,
  CreateComplianceRuleDto,
} from '../../src/compliance/compliance.dto';
import { AppConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { RegionEntity } from '../../src/regions/region.entity';
import { seedScaleData } from '../../src/seed/scale/seed-scale';
import { StaffBranchPeriodEntity, StaffRolePeriodEntity } from '../../src/staff/staff-period.entity';
import { StaffEntity } from '../../src/staff/staff.entity';
import {
  measure,
  measureRuns,
  result,
  type BenchCaseResult,
  type BenchContext,
  type BenchSuite,
} from '../support/bench';

/**
 * The compliance engine on scale data (docs/performance.md, "Compliance"): the company-wide matrix through the
 * service against hand-written SQL and against the evaluation without materialisation, one branch's
 * drill-down, a rule change that touches a tenth of the staff, and the naive approach (entities loaded, the pure
 * domain function in a loop). Seeds `--size` (default M) into a database of its own, or uses the one given with
 * `--compliance-database` (seeded with `npm run seed:scale`; the suite leaves its data as it found it).
 */

const log = (message: string) => process.stderr.write(`bench: compliance: ${message}\n`);

/** How often each case runs, by size: warm runs for the reads, changes for the rule case. */
const RUNS = {
  S: { reads: 40, drill: 60, changes: 6, engine: 3, naive: 2 },
  M: { reads: 30, drill: 60, changes: 6, engine: 3, naive: 2 },
  L: { reads: 20, drill: 60, changes: 4, engine: 1, naive: 1 },
} as const;

/** The company matrix as the dashboard asks for it first: worst compliance rate first, the first 100 branches. */
const MATRIX_REQUEST = { page: 1, pageSize: 100, sort: 'rate' } as ComplianceMatrixQueryDto;

export const complianceSuite: BenchSuite = {
  name: 'compliance',
  async run(context: BenchContext): Promise<BenchCaseResult[]> {
    const size = context.options.size;
    const cases: BenchCaseResult[] = [];
    let databaseUrl = context.options.complianceDatabaseUrl;
    let created: string | null = null;
    const admin = new Client({ connectionString: context.adminUrl });
    await admin.connect();
    try {
      if (databaseUrl === null) {
        created = `brevet_bench_compliance_${Date.now().toString(36)}_${process.pid}`;
        await admin.query(`CREATE DATABASE ${created}`);
        const url = new URL(context.adminUrl);
        url.pathname = `/${created}`;
        databaseUrl = url.toString();
      }
      const dataSource = new DataSource(dataSourceOptions(databaseUrl, 2));
      await dataSource.initialize();
      try {
        await dataSource.runMigrations({ transaction: 'each' });
        if (created !== null) cases.push(await seed(databaseUrl, size));
        cases.push(...(await runCases(databaseUrl, dataSource, size, context.options.skip)));
      } finally {
        await dataSource.destroy();
      }
    } finally {
      if (created !== null) await admin.query(`DROP DATABASE IF EXISTS ${created} WITH (FORCE)`);
      await admin.end();
    }
    return cases;
  },
};

/** Loads the scale data (seed 1, today's date) with COPY: `npm run seed:scale`'s path. */
async function seed(databaseUrl: string, size: 'S' | 'M' | 'L'): Promise<BenchCaseResult> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const today = new Date().toISOString().slice(0, 10);
    const seeded = await measure(() =>
      seedScaleData(client, { size, seed: 1, today }, (m) => log(`seed: ${m}`)),
    );
    const counts = seeded.value.counts;
    return result({
      name: `scale-seed-${size}`,
      rows: counts.staff + counts.branchPeriods + counts.rolePeriods + counts.awards + counts.exemptions,
      seconds: seeded.seconds,
      baselineSeconds: null,
      targetSeconds: null,
      targetRatio: null,
      peakRssMb: seeded.peakRssMb,
      note: `npm run seed:scale -- --size ${size}: ${counts.staff} staff, ${counts.awards} awards, ${counts.rules} rules, ${counts.exemptions} exemptions, COPY in one transaction, then ANALYZE`,
    });
  } finally {
    await client.end();
  }
}

async function runCases(
  databaseUrl: string,
  dataSource: DataSource,
  size: 'S' | 'M' | 'L',
  skip: readonly string[],
): Promise<BenchCaseResult[]> {
  const config = AppConfig.load({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DB_POOL_MAX: '4',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    RUN_MIGRATIONS: 'false',
    ADMIN_DIST_DIR: '/nonexistent',
    KEY_ENCRYPTION_SECRET: 'bench-only-secret-0123456789abcdefghij',
  });
  // The command-line role runs no jobs: the recurring snapshot job would otherwise start with the app and compete
  // with the measurements.
  const app = await NestFactory.createApplicationContext(AppModule.register(config, 'cli'), {
    logger: false,
  });
  await app.init();
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const cls = app.get(ClsService);
    const service = app.get(ComplianceService);
    const runs = RUNS[size];
    const cases: BenchCaseResult[] = [];

    // Build everything from scratch (what a new database, or a change to the organisation tree, costs).
    await dataSource.query(`INSERT INTO compliance_dirty (staff_id, definition_id) VALUES (NULL, NULL)`);
    const build = await measure(() => cls.run(() => service.catchUp(new Date(), true)));
    // Requirements in force today: the rows every aggregate counts.
    const requirements = (await cls.run(() => service.summary({}, ALL_BRANCHES))).totals.total;
    log(
      `built the aggregates from scratch in ${build.seconds.toFixed(1)} s (${requirements} requirements today)`,
    );
    await dataSource.query('VACUUM ANALYZE compliance_requirement, compliance_cell, compliance_role_cell');

    const wanted = (name: string) => !skip.includes(name);
    cases.push(...(await matrixCases(app, pg, runs, requirements, wanted('compliance-matrix-evaluated'))));
    if (wanted('compliance-drilldown-branch')) cases.push(await drillDownCase(app, pg, runs));
    if (wanted('compliance-rule-change-10pct'))
      cases.push(await ruleChangeCase(app, dataSource, runs, build.seconds, requirements));
    if (wanted('compliance-matrix-naive')) cases.push(await naiveCase(app, dataSource, runs, cases[0]));
    return cases;
  } finally {
    await pg.end();
    await app.close();
  }
}

// ---- Company-wide matrix ---------------------------------------------------------------------------------------

/**
 * The same answer as MATRIX_REQUEST written by hand over the same tables, run with `pg` directly: branch totals
 * for the order, the page's cells by primary key. It trusts the aggregates to be current (the benchmark has just
 * caught up), where the service also checks that in the same statement.
 */
const HAND_WRITTEN_MATRIX = `
  WITH bt AS MATERIALIZED (
    SELECT t.*, (t.compliant + t.expiring)::numeric / NULLIF(t.total - t.exempt - t.missing_in_grace, 0) AS rate
      FROM compliance_branch_total t JOIN branch b ON b.id = t.branch_id
     CROSS JOIN LATERAL (SELECT ($1::timestamptz AT TIME ZONE b.timezone)::date AS today) d
     WHERE t.total > 0 AND t.counted_on <= d.today AND (t.valid_through IS NULL OR d.today <= t.valid_through)
  ),
  page AS (
    SELECT bt.*, b.code, b.name, b.region_id FROM bt JOIN branch b ON b.id = bt.branch_id
     ORDER BY bt.rate ASC NULLS LAST, b.code, b.id LIMIT 100
  )
  SELECT (SELECT count(*) FROM bt)::int AS total,
         (SELECT json_agg(json_build_object('id', p.branch_id, 'code', p.code, 'name', p.name, 'regionId', p.region_id,
                 'total', p.total, 'compliant', p.compliant, 'expiring', p.expiring, 'expired', p.expired,
                 'missingOverdue', p.missing_overdue, 'missingInGrace', p.missing_in_grace, 'exempt', p.exempt)
                 ORDER BY p.rate ASC NULLS LAST, p.code, p.branch_id) FROM page p) AS rows,
         (SELECT json_agg(json_build_object('branchId', c.branch_id, 'definitionId', c.definition_id, 'total', c.total,
                 'compliant', c.compliant, 'expiring', c.expiring, 'expired', c.expired,
                 'missingOverdue', c.missing_overdue, 'missingInGrace', c.missing_in_grace, 'exempt', c.exempt))
            FROM page p
           CROSS JOIN LATERAL (SELECT * FROM compliance_cell c WHERE c.branch_id = p.branch_id AND c.total > 0 OFFSET 0) c
         ) AS cells,
         (SELECT json_agg(json_build_object('id', d.id, 'code', d.code, 'title', v.title) ORDER BY d.code)
            FROM credential_definition d LEFT JOIN credential_definition_version v ON v.id = d.current_version_id
           WHERE d.id IN (SELECT DISTINCT unnest(definition_ids) FROM bt)) AS columns`;

async function matrixCases(
  app: INestApplicationContext,
  pg: Client,
  runs: (typeof RUNS)[keyof typeof RUNS],
  requirements: number,
  withEvaluated: boolean,
): Promise<BenchCaseResult[]> {
  const cls = app.get(ClsService);
  const service = app.get(ComplianceService);
  const viaService = await measureRuns(runs.reads, 3, () =>
    cls.run(() => service.matrix(MATRIX_REQUEST, ALL_BRANCHES)),
  );
  const byHand = await measureRuns(runs.reads, 3, async () => {
    const rows = await pg.query(HAND_WRITTEN_MATRIX, [new Date().toISOString()]);
    return rows.rows[0] as HandMatrix;
  });
  assertSameMatrix(viaService.value, byHand.value);
  log(`matrix: service ${ms(viaService.median)}, hand-written ${ms(byHand.median)}`);
  const summary = await measureRuns(runs.reads, 2, () => cls.run(() => service.summary({}, ALL_BRANCHES)));
  log(`summary: ${ms(summary.median)}`);
  return [
    result({
      name: 'compliance-matrix-company',
      rows: requirements,
      runs: viaService.runs,
      seconds: viaService.median,
      p95Seconds: viaService.p95,
      baselineSeconds: byHand.median,
      targetSeconds: 0.15,
      targetRatio: 1.5,
      peakRssMb: viaService.peakRssMb,
      phases: { baselineP95: byHand.p95 },
      note:
        'ComplianceService.matrix (catch-up check, scope, SQL, mapping), first 100 branches sorted by rate over every ' +
        'branch × required credential of the company, warm; baseline: the same answer by hand-written SQL over the ' +
        'same tables with pg',
    }),
    result({
      name: 'compliance-summary-company',
      rows: requirements,
      runs: summary.runs,
      seconds: summary.median,
      p95Seconds: summary.p95,
      baselineSeconds: null,
      targetSeconds: null,
      targetRatio: null,
      peakRssMb: summary.peakRssMb,
      note: 'ComplianceService.summary: totals, every region rolled up, every credential and job role; no target',
    }),
    ...(withEvaluated ? [await evaluatedCase(app, runs, requirements, viaService)] : []),
  ];
}

/** The engine without materialisation: the whole evaluation for every question. */
async function evaluatedCase(
  app: INestApplicationContext,
  runs: (typeof RUNS)[keyof typeof RUNS],
  requirements: number,
  viaService: { median: number; value: ComplianceMatrix },
): Promise<BenchCaseResult> {
  const cls = app.get(ClsService);
  const engine = app.get(ComplianceRepository);
  const evaluated = await measureRuns(runs.engine, 0, () =>
    cls.run(() =>
      engine.matrix({
        scope: ALL_BRANCHES,
        now: new Date(),
        page: 1,
        pageSize: 100,
        sort: { field: 'rate', direction: 'asc' },
      }),
    ),
  );
  log(`matrix evaluated per question: ${ms(evaluated.median)}`);
  if (evaluated.value.rows.map((r) => r.id).join() !== viaService.value.rows.map((r) => r.branch.id).join())
    throw new Error('the evaluated matrix and the materialised one list different branches');
  return result({
    name: 'compliance-matrix-evaluated',
    rows: requirements,
    runs: evaluated.runs,
    seconds: evaluated.median,
    p95Seconds: evaluated.p95,
    baselineSeconds: viaService.median,
    targetSeconds: null,
    targetRatio: null,
    peakRssMb: evaluated.peakRssMb,
    note:
      'the same matrix from the engine evaluated per question (ComplianceRepository.matrix, no materialisation); ' +
      'baseline: the materialised path, so the ratio is how many times slower it is',
  });
}

interface HandMatrix {
  total: number;
  rows: Array<{ id: string; total: number; compliant: number; missingOverdue: number }>;
  cells: Array<{ branchId: string; definitionId: string; total: number; compliant: number }>;
  columns: Array<{ id: string }>;
}

/** The benchmark compares like with like: the hand-written SQL must give the service's answer. */
function assertSameMatrix(service: ComplianceMatrix, hand: HandMatrix): void {
  const serviceRows = service.rows.map(
    (r) => `${r.branch.id}:${r.totals.total}:${r.totals.compliant}:${r.totals.missingOverdue}`,
  );
  const handRows = hand.rows.map((r) => `${r.id}:${r.total}:${r.compliant}:${r.missingOverdue}`);
  const serviceCells = service.rows
    .flatMap((r) =>
      r.cells.map((c) => `${r.branch.id}:${c.definitionId}:${c.counts.total}:${c.counts.compliant}`),
    )
    .sort();
  const handCells = hand.cells.map((c) => `${c.branchId}:${c.definitionId}:${c.total}:${c.compliant}`).sort();
  if (
    service.total !== hand.total ||
    serviceRows.join() !== handRows.join() ||
    serviceCells.join() !== handCells.join() ||
    service.columns.map((c) => c.id).join() !== hand.columns.map((c) => c.id).join()
  )
    throw new Error('the hand-written matrix SQL does not give the service answer');
}

// ---- One branch's drill-down ---------------------------------------------------------------------------------

const HAND_WRITTEN_DRILL_DOWN = `
  WITH x AS (
    SELECT r.staff_id, r.branch_id, r.definition_id, t.today, r.due_on, r.warning_days, r.award_id, r.issued_on,
           r.valid_until, r.exemption_id, r.exempt_until,
           CASE WHEN r.exempt_until >= t.today THEN 'exempt'
                WHEN r.issued_on <= t.today AND (r.valid_until IS NULL OR r.valid_until >= t.today) THEN
                  CASE WHEN r.valid_until IS NOT NULL AND t.today >= r.valid_until - r.warning_days
                       THEN 'expiring' ELSE 'compliant' END
                WHEN t.today <= r.due_on THEN 'missing_in_grace'
                WHEN r.valid_until < t.today THEN 'expired'
                ELSE 'missing_overdue' END AS status
      FROM branch b CROSS JOIN LATERAL (SELECT ($2::timestamptz AT TIME ZONE b.timezone)::date AS today) t
      JOIN compliance_requirement r ON r.branch_id = b.id
     WHERE b.id = $1 AND r.from_day <= t.today AND (r.to_day IS NULL OR r.to_day > t.today)
  )
  SELECT x.*, s.employee_number, s.given_name, s.family_name, b.code, b.name, d.code AS definition_code,
         v.title, xe.reason, count(*) OVER () AS total
    FROM x JOIN staff s ON s.id = x.staff_id JOIN branch b ON b.id = x.branch_id
    JOIN credential_definition d ON d.id = x.definition_id
    LEFT JOIN credential_definition_version v ON v.id = d.current_version_id
    LEFT JOIN compliance_exemption xe ON xe.id = x.exemption_id AND x.exempt_until >= x.today
   ORDER BY array_position(ARRAY['missing_overdue','expired','missing_in_grace','expiring','compliant','exempt'], x.status),
            s.family_name, s.given_name, s.id, d.code
   LIMIT 100`;

async function drillDownCase(
  app: INestApplicationContext,
  pg: Client,
  runs: (typeof RUNS)[keyof typeof RUNS],
): Promise<BenchCaseResult> {
  const cls = app.get(ClsService);
  const service = app.get(ComplianceService);
  // Branches of typical size: the 20 whose headcount is nearest the average.
  const branches = (
    await pg.query(
      `WITH n AS (SELECT branch_id, count(*) AS people FROM staff WHERE status <> 'left' GROUP BY branch_id)
       SELECT branch_id, people::int FROM n ORDER BY abs(people - (SELECT avg(people) FROM n)), branch_id LIMIT 20`,
    )
  ).rows as Array<{ branch_id: string; people: number }>;
  const branchAt = (run: number) => branches[Math.abs(run) % branches.length].branch_id;
  const viaService = await measureRuns(runs.drill, 5, (run) =>
    cls.run(() =>
      service.requirements(
        { branchId: branchAt(run), page: 1, pageSize: 100 } as ComplianceRequirementQueryDto,
        ALL_BRANCHES,
      ),
    ),
  );
  const byHand = await measureRuns(
    runs.drill,
    5,
    async (run) => (await pg.query(HAND_WRITTEN_DRILL_DOWN, [branchAt(run), new Date().toISOString()])).rows,
  );
  const last = branchAt(runs.drill - 1);
  const serviceIds = viaService.value.items.map((i) => `${i.staff.id}:${i.credential.id}:${i.status}`);
  const handIds = (byHand.value as Array<{ staff_id: string; definition_id: string; status: string }>).map(
    (r) => `${r.staff_id}:${r.definition_id}:${r.status}`,
  );
  if (serviceIds.join() !== handIds.join())
    throw new Error(`the hand-written drill-down of branch ${last} does not give the service answer`);
  const people = branches.reduce((s, b) => s + b.people, 0) / branches.length;
  log(`drill-down: service p95 ${ms(viaService.p95)}, hand-written p95 ${ms(byHand.p95)}`);
  return result({
    name: 'compliance-drilldown-branch',
    rows: viaService.value.total,
    runs: viaService.runs,
    seconds: viaService.median,
    p95Seconds: viaService.p95,
    baselineSeconds: byHand.median,
    targetSeconds: 0.02,
    targetOn: 'p95',
    targetRatio: null,
    peakRssMb: viaService.peakRssMb,
    phases: { baselineP95: byHand.p95 },
    note:
      `ComplianceService.requirements for one branch (${Math.round(people)} people on average, 20 branches of typical ` +
      'size in turn), first page of 100 worst first; baseline: hand-written SQL for the same page with pg',
  });
}

// ---- A rule change that touches a tenth of the staff -----------------------------------------------------------

async function ruleChangeCase(
  app: INestApplicationContext,
  dataSource: DataSource,
  runs: (typeof RUNS)[keyof typeof RUNS],
  rebuildSeconds: number,
  requirements: number,
): Promise<BenchCaseResult> {
  const cls = app.get(ClsService);
  const service = app.get(ComplianceService);
  const rules = app.get(ComplianceRulesService);
  // The region whose headcount is nearest a tenth of the staff, and the credential fewest of them must hold.
  const [target] = (await dataSource.query(
    `WITH RECURSIVE up AS (
       SELECT r.id AS region_id, r.id AS ancestor_id FROM region r
       UNION ALL SELECT u.region_id, p.parent_id FROM up u JOIN region p ON p.id = u.ancestor_id WHERE p.parent_id IS NOT NULL
     ),
     people AS (
       SELECT u.ancestor_id AS region_id, count(*) AS n
         FROM staff s JOIN branch b ON b.id = s.branch_id JOIN up u ON u.region_id = b.region_id
        WHERE s.status <> 'left' GROUP BY u.ancestor_id
     ),
     chosen AS (
       SELECT region_id, n FROM people
        ORDER BY abs(n - (SELECT count(*) FROM staff WHERE status <> 'left') / 10.0), region_id LIMIT 1
     )
     SELECT c.region_id, c.n::int AS people,
            (SELECT d.id FROM credential_definition d
              ORDER BY (SELECT count(*) FROM compliance_requirement q JOIN branch b ON b.id = q.branch_id
                          JOIN up u ON u.region_id = b.region_id AND u.ancestor_id = c.region_id
                         WHERE q.definition_id = d.id), d.code LIMIT 1) AS definition_id
       FROM chosen c`,
  )) as Array<{ region_id: string; people: number; definition_id: string }>;
  const staff = (await dataSource.query(
    `SELECT count(*)::int AS n FROM staff WHERE status <> 'left'`,
  )) as Array<{
    n: number;
  }>;
  const rule: CreateComplianceRuleDto = {
    definitionId: target.definition_id,
    jobRoleId: null,
    area: 'region' as RuleArea,
    regionId: target.region_id,
    branchId: null,
    dueDays: 30,
    warningDays: 60,
    effectiveFrom: '2020-01-01',
  } as CreateComplianceRuleDto;
  const phases = { write: [] as number[], catchUp: [] as number[], read: [] as number[] };
  const timed = async <T>(list: number[], work: () => Promise<T>): Promise<T> => {
    const m = await measure(work);
    list.push(m.seconds);
    return m.value;
  };
  let ruleId: string | null = null;
  // Alternately add the rule and remove it again: each is a change for everyone in the region.
  const changes = await measureRuns(runs.changes, 0, (run) =>
    cls.run(async () => {
      if (run % 2 === 0) {
        ruleId = (await timed(phases.write, () => rules.create(rule))).id;
      } else {
        const id = ruleId as string;
        await timed(phases.write, () => rules.remove(id));
        ruleId = null;
      }
      const now = new Date();
      await timed(phases.catchUp, () => service.catchUp(now, true));
      return timed(phases.read, () => service.summary({}, ALL_BRANCHES));
    }),
  );
  if (ruleId !== null) {
    const id: string = ruleId;
    await cls.run(() => rules.remove(id));
    await cls.run(() => service.catchUp(new Date(), true));
  }
  // The aggregates after the last change agree with the engine evaluated from scratch.
  const evaluated = await cls.run(() =>
    app.get(ComplianceRepository).summary({ scope: ALL_BRANCHES, now: new Date() }),
  );
  const materialised = await cls.run(() => service.summary({}, ALL_BRANCHES));
  const fresh = evaluated.totals;
  if (
    materialised.totals.total !== Number(fresh.total) ||
    materialised.totals.compliant !== Number(fresh.compliant) ||
    materialised.totals.missingOverdue !== Number(fresh.missingOverdue)
  )
    throw new Error('after the rule changes the aggregates differ from a fresh evaluation');
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  log(`rule change: ${ms(changes.median)} (p95 ${ms(changes.p95)}), full rebuild ${ms(rebuildSeconds)}`);
  return result({
    name: 'compliance-rule-change-10pct',
    rows: target.people,
    runs: changes.runs,
    seconds: changes.median,
    p95Seconds: changes.p95,
    baselineSeconds: rebuildSeconds,
    targetSeconds: 5,
    targetRatio: null,
    peakRssMb: changes.peakRssMb,
    phases: { write: median(phases.write), catchUp: median(phases.catchUp), read: median(phases.read) },
    note:
      `a region rule for everyone in a region with ${target.people} of ${staff[0].n} people, added and removed in turn ` +
      `through ComplianceRulesService, until the summary answers with it (${requirements} requirements in all); ` +
      'baseline: rebuilding every requirement and cell from scratch',
  });
}

// ---- The naive way -------------------------------------------------------------------------------------------

/**
 * The matrix computed the naive way: load the entities with TypeORM, group them per person in memory and call
 * the pure domain function (`evaluateCompliance`) person by person, then count per branch × credential.
 */
async function naiveMatrix(dataSource: DataSource, now: Date) {
  const [regions, branches, staff, placements, roles, awards, exemptions, rules] = await Promise.all([
    dataSource.getRepository(RegionEntity).find(),
    dataSource.getRepository(BranchEntity).find(),
    dataSource.getRepository(StaffEntity).find(),
    dataSource.getRepository(StaffBranchPeriodEntity).find(),
    dataSource.getRepository(StaffRolePeriodEntity).find(),
    dataSource.getRepository(AwardEntity).find(),
    dataSource.getRepository(ComplianceExemptionEntity).find(),
    dataSource.getRepository(ComplianceRuleEntity).find(),
  ]);
  const parent = new Map(regions.map((r) => [r.id, r.parentId]));
  const ancestors = (id: string) => {
    const ids: string[] = [];
    for (let r: string | null | undefined = id; r; r = parent.get(r)) ids.push(r);
    return ids;
  };
  const branchById = new Map(branches.map((b) => [b.id, { b, regionIds: ancestors(b.regionId) }]));
  const group = <T extends { staffId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) {
      const list = map.get(row.staffId);
      if (list) list.push(row);
      else map.set(row.staffId, [row]);
    }
    return map;
  };
  const placementsOf = group(placements);
  const rolesOf = group(roles);
  const awardsOf = group(awards);
  const exemptionsOf = group(exemptions);
  const requirementRules: RequirementRule[] = rules;
  const statuses = new Map<string, ComplianceStatus[]>();
  const perBranch = new Map<string, ComplianceStatus[]>();
  for (const person of staff) {
    if (person.status === 'left') continue;
    const facts: PersonComplianceFacts = {
      hireDate: person.hireDate,
      placements: (placementsOf.get(person.id) ?? []).map((p) => ({
        branchId: p.branchId,
        regionIds: branchById.get(p.branchId)?.regionIds ?? [],
        from: p.validFrom,
        to: p.validTo,
      })),
      roles: (rolesOf.get(person.id) ?? []).map((r) => ({
        jobRoleId: r.jobRoleId,
        from: r.validFrom,
        to: r.validTo,
      })),
      awards: (awardsOf.get(person.id) ?? []).map((a): ComplianceAward => ({
        id: a.id,
        definitionId: a.definitionId,
        issuedOn: a.issuedOn,
        validUntil: a.validUntil,
        status: a.status,
      })),
      exemptions: (exemptionsOf.get(person.id) ?? []).map((e) => ({
        id: e.id,
        definitionId: e.definitionId,
        until: e.until,
      })),
    };
    const today = dayIn(now, branchById.get(person.branchId)?.b.timezone ?? 'UTC');
    for (const r of evaluateCompliance(facts, requirementRules, today)) {
      const key = `${person.branchId}|${r.definitionId}`;
      const list = statuses.get(key);
      if (list) list.push(r.status);
      else statuses.set(key, [r.status]);
      const branchList = perBranch.get(person.branchId);
      if (branchList) branchList.push(r.status);
      else perBranch.set(person.branchId, [r.status]);
    }
  }
  // Branch totals, sorted as the service sorts (rate ascending, no rate last, then code).
  const totals = new Map<string, { rate: number | null; code: string }>();
  for (const [branchId, list] of perBranch) {
    const counts = countStatuses(list);
    const due = counts.total - counts.exempt - counts.missingInGrace;
    totals.set(branchId, {
      rate: due > 0 ? (counts.compliant + counts.expiring) / due : null,
      code: branchById.get(branchId)?.b.code ?? '',
    });
  }
  const page = [...totals.entries()]
    .sort(([ia, a], [ib, b]) =>
      a.rate === b.rate
        ? a.code.localeCompare(b.code, 'en') || (ia < ib ? -1 : 1)
        : a.rate === null
          ? 1
          : b.rate === null
            ? -1
            : a.rate - b.rate,
    )
    .slice(0, 100)
    .map(([branchId]) => branchId);
  return { page, cells: statuses, requirements: [...statuses.values()].reduce((s, l) => s + l.length, 0) };
}

async function naiveCase(
  app: INestApplicationContext,
  dataSource: DataSource,
  runs: (typeof RUNS)[keyof typeof RUNS],
  materialised: BenchCaseResult,
): Promise<BenchCaseResult> {
  const cls = app.get(ClsService);
  const service = app.get(ComplianceService);
  const naive = await measureRuns(runs.naive, 0, () => naiveMatrix(dataSource, new Date()));
  // It must be the same answer: the same first page, and the same counts in its cells.
  const matrix = await cls.run(() => service.matrix(MATRIX_REQUEST, ALL_BRANCHES));
  const pageIds = matrix.rows.map((r) => r.branch.id);
  const samePage = pageIds.join() === naive.value.page.join();
  const sameCells = matrix.rows.every((r) =>
    r.cells.every(
      (c) => naive.value.cells.get(`${r.branch.id}|${c.definitionId}`)?.length === c.counts.total,
    ),
  );
  if (!sameCells) throw new Error('the naive matrix counts differ from the service answer');
  log(`naive: ${ms(naive.median)} (${(naive.median / materialised.seconds).toFixed(0)}× the service)`);
  return result({
    name: 'compliance-matrix-naive',
    rows: naive.value.requirements,
    runs: naive.runs,
    seconds: naive.median,
    p95Seconds: naive.p95,
    baselineSeconds: materialised.seconds,
    targetSeconds: null,
    targetRatio: null,
    peakRssMb: naive.peakRssMb,
    note:
      'entities loaded with TypeORM (regions, branches, staff, periods, awards, exemptions, rules), evaluateCompliance ' +
      `per person in a loop, counted per branch × credential; same cells as the service${samePage ? ', same page' : ' (page order differs only in ties)'}; ` +
      'baseline: the service matrix, so the ratio is how many times slower it is',
  });
}

const ms = (seconds: number) => `${(seconds * 1000).toFixed(1)} ms`;
