import { Injectable } from '@nestjs/common';
import { COMPANY_WIDE_ROLES, permissionsFor, type Role } from '@brevet/contracts';
import { ALL_BRANCHES, type AccessScope, type Actor } from './actor';
import { UserAccountRepository } from './user-account.repository';

/**
 * Turns a session's user into the request's `Actor`: roles from grants (plus `employee` for anyone linked to
 * a staff record), permissions from the one map in libs/contracts, and the branches in scope *today* (region
 * grants follow the organisation tree as it changes).
 */
@Injectable()
export class AccessService {
  constructor(private readonly users: UserAccountRepository) {}

  /** Null when the account is gone, disabled, or linked to a person who has left. */
  async actorFor(userId: string, sessionId: string): Promise<Actor | null> {
    const user = await this.users.findWithStaff(userId);
    if (!user || user.status !== 'active' || user.staffStatus === 'left') return null;
    const grants = await this.users.grants(userId);
    const roles = new Set<Role>(grants.map((g) => g.role));
    if (user.staffId) roles.add('employee');
    const roleList = [...roles];
    const scope: AccessScope = roleList.some((r) => COMPANY_WIDE_ROLES.includes(r))
      ? ALL_BRANCHES
      : {
          all: false,
          branchIds: await this.users.branchesReachedBy(
            grants.filter((g) => g.role === 'branch_manager' && g.branchId).map((g) => g.branchId as string),
            grants
              .filter((g) => g.role === 'regional_manager' && g.regionId)
              .map((g) => g.regionId as string),
          ),
        };
    return {
      userId: user.id,
      displayName: user.displayName,
      email: user.email,
      staffId: user.staffId,
      language: user.staffLanguage,
      roles: roleList,
      grants,
      permissions: new Set(permissionsFor(roleList)),
      scope,
      sessionId,
    };
  }
}
