import type { ParamMap, Params } from '@angular/router';
import {
  CREDENTIAL_CATEGORY_CODES,
  CREDENTIAL_DEFINITION_STATUSES,
  CREDENTIAL_SORT_FIELDS,
  DEFAULT_PAGE_SIZE,
  formatSort,
  parseSort,
  type CredentialCategory,
  type CredentialDefinitionStatus,
  type CredentialListQuery,
  type CredentialSortField,
  type SortDirection,
} from '@brevet/contracts';

/** The catalogue list's view state, kept in the URL's query parameters (defaults left out). */
export interface CatalogueListView {
  page: number;
  pageSize: number;
  sortField: CredentialSortField;
  sortDirection: SortDirection;
  q: string;
  category: CredentialCategory | null;
  status: CredentialDefinitionStatus | 'all';
}

export const STATUS_FILTERS = ['all', ...CREDENTIAL_DEFINITION_STATUSES] as const;
export const PAGE_SIZES = [10, DEFAULT_PAGE_SIZE, 50, 100] as const;

export const DEFAULT_VIEW: CatalogueListView = {
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  sortField: 'code',
  sortDirection: 'asc',
  q: '',
  category: null,
  status: 'all',
};

export function viewFromParams(params: ParamMap): CatalogueListView {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const status = params.get('status');
  const category = params.get('category');
  const sort = parseSort(params.get('sort') ?? undefined, CREDENTIAL_SORT_FIELDS, DEFAULT_VIEW.sortField);
  return {
    page: Number.isInteger(page) && page >= 1 ? page : DEFAULT_VIEW.page,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_VIEW.pageSize,
    sortField: sort.field,
    sortDirection: sort.direction,
    q: (params.get('q') ?? '').trim(),
    category: CREDENTIAL_CATEGORY_CODES.find((c) => c === category) ?? null,
    status: STATUS_FILTERS.find((s) => s === status) ?? DEFAULT_VIEW.status,
  };
}

/** Query parameters for the router; `null` removes a parameter that equals its default. */
export function viewToParams(view: CatalogueListView): Params {
  const sort = formatSort(view.sortField, view.sortDirection);
  return {
    page: view.page === DEFAULT_VIEW.page ? null : view.page,
    pageSize: view.pageSize === DEFAULT_VIEW.pageSize ? null : view.pageSize,
    sort: sort === formatSort(DEFAULT_VIEW.sortField, DEFAULT_VIEW.sortDirection) ? null : sort,
    q: view.q || null,
    category: view.category,
    status: view.status === DEFAULT_VIEW.status ? null : view.status,
  };
}

export function toListQuery(view: CatalogueListView): CredentialListQuery {
  return {
    page: view.page,
    pageSize: view.pageSize,
    sort: formatSort(view.sortField, view.sortDirection),
    q: view.q || undefined,
    category: view.category ?? undefined,
    status: view.status,
  };
}

/** How many filters narrow the list, besides paging and sorting. */
export function filterCount(view: CatalogueListView): number {
  return [view.q !== '', view.category !== null, view.status !== DEFAULT_VIEW.status].filter(Boolean).length;
}
