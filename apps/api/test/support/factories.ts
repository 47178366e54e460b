import type { DataSource } from 'typeorm';
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
