import type { Branch } from '@brevet/contracts';
import type { BranchEntity } from './branch.entity';

export function mapBranch(entity: BranchEntity): Branch {
  return {
    id: entity.id,
    code: entity.code,
    name: entity.name,
    country: entity.country,
    timezone: entity.timezone,
    regionId: entity.regionId,
    regionName: entity.region?.name ?? '',
    locale: entity.locale,
    address: entity.address,
    status: entity.status,
    version: entity.version,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
  };
}
