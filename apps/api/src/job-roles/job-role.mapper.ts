import type { JobRole } from '@brevet/contracts';
import type { JobRoleEntity } from './job-role.entity';

export function mapJobRole(entity: JobRoleEntity): JobRole {
  return { id: entity.id, code: entity.code, names: entity.names, status: entity.status };
}
