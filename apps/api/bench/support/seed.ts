import type { DataSource } from 'typeorm';

export const BENCH_BRANCHES = 1_000;
export const BENCH_ROLES = 50;
export const branchCode = (i: number) => `BR-${String(i).padStart(4, '0')}`;
export const roleCode = (i: number) => `ROLE-${String(i).padStart(2, '0')}`;

/** The bench organisation: 10 regions, 1,000 branches (German, Austrian and Polish time zones), 50 roles. */
export async function seedBenchOrganisation(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO region (code, name) SELECT 'BR-' || i, 'Bench region ' || i FROM generate_series(1, 10) i`,
  );
  await dataSource.query(
    `INSERT INTO branch (code, name, country, timezone, region_id, locale, version)
     SELECT 'BR-' || lpad(i::text, 4, '0'), 'Bench branch ' || i,
            (ARRAY['DE', 'AT', 'PL'])[1 + i % 3], (ARRAY['Europe/Berlin', 'Europe/Vienna', 'Europe/Warsaw'])[1 + i % 3],
            (SELECT id FROM region WHERE code = 'BR-' || (1 + i % 10)),
            (ARRAY['de-DE', 'de-AT', 'pl-PL'])[1 + i % 3], 1
       FROM generate_series(0, $1 - 1) i`,
    [BENCH_BRANCHES],
  );
  await dataSource.query(
    `INSERT INTO branch_region_period (branch_id, region_id, valid_from) SELECT id, region_id, '2015-01-01' FROM branch`,
  );
  await dataSource.query(
    `INSERT INTO job_role (code, names)
     SELECT 'ROLE-' || lpad(i::text, 2, '0'), jsonb_build_object('en', 'Role ' || i, 'de', 'Rolle ' || i)
       FROM generate_series(0, $1 - 1) i`,
    [BENCH_ROLES],
  );
}
