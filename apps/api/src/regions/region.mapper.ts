import type { Region } from '@brevet/contracts';
import type { RegionEntity } from './region.entity';

export function mapRegion(entity: RegionEntity): Region {
  return {
    id: entity.id,
    code: entity.code,
    name: entity.name,
    parentId: entity.parentId,
    branchCount: entity.branchCount,
    branchCountUpdatedAt: entity.branchCountUpdatedAt?.toISOString() ?? null,
  };
}
