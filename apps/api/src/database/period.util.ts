import type { EntityManager } from 'typeorm';

export interface PeriodTable {
  table: 'branch_region_period' | 'staff_branch_period' | 'staff_role_period';
  owner: 'branch_id' | 'staff_id';
  value: 'region_id' | 'branch_id' | 'job_role_id';
}

/**
 * Makes `values` the open periods of `ownerId` from `day` on: open periods whose value is no longer wanted
 * are closed at `day` (or removed, when they only began that day), and a period opens at `day` for each new
 * value. Works for single-valued (branch, region) and multi-valued (roles) histories alike.
 */
export async function setOpenPeriods(
  manager: EntityManager,
  { table, owner, value }: PeriodTable,
  ownerId: string,
  values: readonly string[],
  day: string,
): Promise<void> {
  await manager.query(
    `DELETE FROM ${table} WHERE ${owner} = $1 AND valid_to IS NULL AND valid_from >= $2 AND NOT (${value} = ANY($3::uuid[]))`,
    [ownerId, day, values],
  );
  await manager.query(
    `UPDATE ${table} SET valid_to = $2 WHERE ${owner} = $1 AND valid_to IS NULL AND NOT (${value} = ANY($3::uuid[]))`,
    [ownerId, day, values],
  );
  await manager.query(
    `INSERT INTO ${table} (${owner}, ${value}, valid_from)
     SELECT $1, v, $2 FROM unnest($3::uuid[]) AS v
      WHERE NOT EXISTS (SELECT 1 FROM ${table} p WHERE p.${owner} = $1 AND p.${value} = v AND p.valid_to IS NULL)`,
    [ownerId, day, values],
  );
}

/** Closes every open period of `ownerId` at `day` (a person leaves). */
export async function closeOpenPeriods(
  manager: EntityManager,
  { table, owner }: PeriodTable,
  ownerId: string,
  day: string,
): Promise<void> {
  await manager.query(`DELETE FROM ${table} WHERE ${owner} = $1 AND valid_to IS NULL AND valid_from >= $2`, [
    ownerId,
    day,
  ]);
  await manager.query(`UPDATE ${table} SET valid_to = $2 WHERE ${owner} = $1 AND valid_to IS NULL`, [
    ownerId,
    day,
  ]);
}

export const BRANCH_REGION_PERIODS: PeriodTable = {
  table: 'branch_region_period',
  owner: 'branch_id',
  value: 'region_id',
};
export const STAFF_BRANCH_PERIODS: PeriodTable = {
  table: 'staff_branch_period',
  owner: 'staff_id',
  value: 'branch_id',
};
export const STAFF_ROLE_PERIODS: PeriodTable = {
  table: 'staff_role_period',
  owner: 'staff_id',
  value: 'job_role_id',
};
