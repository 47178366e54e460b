import type { ScimTokenSummary } from '@brevet/contracts';

export const SCIM_TOKEN_SORT_FIELDS = ['name', 'createdAt', 'lastUsedAt', 'status'] as const;
export type ScimTokenSortField = (typeof SCIM_TOKEN_SORT_FIELDS)[number];
export type SortDirection = 'asc' | 'desc';

export interface ScimTokenSort {
  field: ScimTokenSortField;
  direction: SortDirection;
}

/** Newest first, as the API answers. */
export const DEFAULT_TOKEN_SORT: ScimTokenSort = { field: 'createdAt', direction: 'desc' };

export type ScimTokenStatus = 'active' | 'revoked';

export function tokenStatus(token: ScimTokenSummary): ScimTokenStatus {
  return token.revokedAt === null ? 'active' : 'revoked';
}

/**
 * The token list in the order the table shows. Names compare as `collator` says (the UI language); a token
 * never used comes after every used one in either direction, and ties keep the newest first.
 */
export function sortTokens(
  tokens: readonly ScimTokenSummary[],
  sort: ScimTokenSort,
  collator: Intl.Collator,
): ScimTokenSummary[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const newestFirst = (a: ScimTokenSummary, b: ScimTokenSummary) => b.createdAt.localeCompare(a.createdAt);
  const compare = (a: ScimTokenSummary, b: ScimTokenSummary): number => {
    switch (sort.field) {
      case 'name':
        return sign * collator.compare(a.name, b.name);
      case 'createdAt':
        return sign * a.createdAt.localeCompare(b.createdAt);
      case 'lastUsedAt':
        if (a.lastUsedAt === b.lastUsedAt) return 0;
        if (a.lastUsedAt === null) return 1;
        if (b.lastUsedAt === null) return -1;
        return sign * a.lastUsedAt.localeCompare(b.lastUsedAt);
      case 'status':
        return sign * tokenStatus(a).localeCompare(tokenStatus(b));
    }
  };
  return [...tokens].sort((a, b) => compare(a, b) || newestFirst(a, b));
}
