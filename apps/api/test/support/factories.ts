import type { DataSource } from 'typeorm';
import { BranchEntity } from '../../src/branches/branch.entity';
import { JobRoleEntity } from '../../src/job-roles/job-role.entity';
import { RegionEntity } from '../../src/regions/region.entity';

let sequence = 0;

/** A region row written straight to the database (there is no region API yet). */
export async function makeRegion(
  dataSource: DataSource,
  overrides: Partial<RegionEntity> = {},
): Promise<RegionEntity> {
  sequence += 1;
  const repo = dataSource.getRepository(RegionEntity);
  return repo.save(
    repo.create({ code: `R${sequence}`, name: `Region ${sequence}`, parentId: null, ...overrides }),
  );
}

export function branchBody(regionId: string, overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    code: `T-${String(sequence).padStart(3, '0')}`,
    name: `Test branch ${sequence}`,
    country: 'DE',
    timezone: 'Europe/Berlin',
    regionId,
    ...overrides,
  };
}

/** A branch row with its first region period, written straight to the database. */
export async function makeBranch(
  dataSource: DataSource,
  regionId: string,
  overrides: Partial<BranchEntity> = {},
): Promise<BranchEntity> {
  sequence += 1;
  const repo = dataSource.getRepository(BranchEntity);
  const branch = await repo.save(
    repo.create({
      code: `B-${String(sequence).padStart(3, '0')}`,
      name: `Branch ${sequence}`,
      country: 'DE',
      timezone: 'Europe/Berlin',
      locale: 'de-DE',
      address: null,
      regionId,
      status: 'active',
      ...overrides,
    }),
  );
  await dataSource.query(
    `INSERT INTO branch_region_period (branch_id, region_id, valid_from) VALUES ($1, $2, '2020-01-01')`,
    [branch.id, regionId],
  );
  return branch;
}

export async function makeJobRole(dataSource: DataSource, code: string): Promise<JobRoleEntity> {
  const repo = dataSource.getRepository(JobRoleEntity);
  return repo.save(
    repo.create({ code, names: { en: `${code} (en)`, de: `${code} (de)` }, status: 'active' }),
  );
}

export function staffBody(branchId: string, jobRoleIds: string[], overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    employeeNumber: `E${100000 + sequence}`,
    givenName: 'Anna',
    familyName: `Muster ${sequence}`,
    email: `anna.${sequence}@example.com`,
    preferredLanguage: 'de',
    branchId,
    jobRoleIds,
    hireDate: '2024-03-01',
    ...overrides,
  };
}
