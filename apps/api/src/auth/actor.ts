import type { Permission, Role, RoleGrant, UiLanguage } from '@brevet/contracts';

/** Which branches a person's permissions reach. Repositories add it to every query that lists or loads. */
export type AccessScope = { all: true } | { all: false; branchIds: readonly string[] };

/** The signed-in person behind a request, resolved from the session by the auth guard. */
export interface Actor {
  userId: string;
  displayName: string;
  email: string | null;
  /** The staff record this account is linked to (employees' own data), if any. */
  staffId: string | null;
  /** The linked person's preferred language, if any. */
  language: UiLanguage | null;
  roles: readonly Role[];
  grants: readonly RoleGrant[];
  permissions: ReadonlySet<Permission>;
  scope: AccessScope;
  sessionId: string;
}

export const ALL_BRANCHES: AccessScope = { all: true };

/** True when `branchId` lies inside `scope`. */
export function scopeIncludes(scope: AccessScope, branchId: string | null | undefined): boolean {
  if (scope.all) return true;
  return typeof branchId === 'string' && scope.branchIds.includes(branchId);
}
