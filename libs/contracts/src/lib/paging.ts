/** A page of a sortable list. Pages are 1-based. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export type SortDirection = 'asc' | 'desc';

/** `name` sorts ascending, `-name` descending. */
export function parseSort<F extends string>(
  raw: string | undefined,
  allowed: readonly F[],
  fallback: F,
): { field: F; direction: SortDirection } {
  if (!raw) return { field: fallback, direction: 'asc' };
  const direction: SortDirection = raw.startsWith('-') ? 'desc' : 'asc';
  const field = raw.replace(/^[-+]/, '') as F;
  return allowed.includes(field) ? { field, direction } : { field: fallback, direction: 'asc' };
}

export function formatSort(field: string, direction: SortDirection): string {
  return direction === 'desc' ? `-${field}` : field;
}
