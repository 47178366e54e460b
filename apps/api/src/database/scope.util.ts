import type { AccessScope } from '../auth/actor';

/**
 * The SQL condition that keeps rows of the branches in `scope`, or null for a company-wide scope (no
 * condition). `column` is the row's branch ID (`b.id`, `s.branch_id`, …); `param` binds a value and returns
 * its placeholder. An empty branch list matches nothing. Repositories add this to every query that lists,
 * loads or counts branch-bound data; nothing is filtered after loading.
 */
export function branchScopeSql(
  scope: AccessScope,
  column: string,
  param: (value: unknown) => string,
): string | null {
  return scope.all ? null : `${column} = ANY(${param([...scope.branchIds])}::uuid[])`;
}
