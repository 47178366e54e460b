import type { ParamMap, Params } from '@angular/router';
import {
  BRANCH_SORT_FIELDS,
  DEFAULT_PAGE_SIZE,
  formatSort,
  parseSort,
  type BranchListQuery,
  type BranchSortField,
  type BranchStatus,
  type SortDirection,
} from '@brevet/contracts';

/**
 * The list's view state. It lives in the URL's query parameters, so every view is deep-linkable and a
 * reload restores it; defaults are left out of the URL to keep links short.
 */
export interface BranchListView {
  page: number;
  pageSize: number;
  sortField: BranchSortField;
  sortDirection: SortDirection;
  status: BranchStatus | 'all';
  q: string;
  regionId: string | null;
}

export const STATUS_FILTERS = ['active', 'archived', 'all'] as const;
export const PAGE_SIZES = [10, DEFAULT_PAGE_SIZE, 50, 100] as const;

export const DEFAULT_VIEW: BranchListView = {
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  sortField: 'name',
  sortDirection: 'asc',
  status: 'active',
  q: '',
  regionId: null,
};

export function viewFromParams(params: ParamMap): BranchListView {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const status = params.get('status');
  const sort = parseSort(params.get('sort') ?? undefined, BRANCH_SORT_FIELDS, DEFAULT_VIEW.sortField);
  return {
    page: Number.isInteger(page) && page >= 1 ? page : DEFAULT_VIEW.page,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_VIEW.pageSize,
    sortField: sort.field,
    sortDirection: sort.direction,
    status: STATUS_FILTERS.find((s) => s === status) ?? DEFAULT_VIEW.status,
    q: (params.get('q') ?? '').trim(),
    regionId: params.get('regionId') || null,
  };
}

/** Query parameters for the router; `null` removes a parameter that equals its default. */
export function viewToParams(view: BranchListView): Params {
  const sort = formatSort(view.sortField, view.sortDirection);
  const defaultSort = formatSort(DEFAULT_VIEW.sortField, DEFAULT_VIEW.sortDirection);
  return {
    page: view.page === DEFAULT_VIEW.page ? null : view.page,
    pageSize: view.pageSize === DEFAULT_VIEW.pageSize ? null : view.pageSize,
    sort: sort === defaultSort ? null : sort,
    status: view.status === DEFAULT_VIEW.status ? null : view.status,
    q: view.q || null,
    regionId: view.regionId,
  };
}

export function toListQuery(view: BranchListView): BranchListQuery {
  return {
    page: view.page,
    pageSize: view.pageSize,
    sort: formatSort(view.sortField, view.sortDirection),
    status: view.status,
    q: view.q || undefined,
    regionId: view.regionId ?? undefined,
  };
}

/** True when the list is narrowed by anything but paging and sorting. */
export function isFiltered(view: BranchListView): boolean {
  return view.q !== '' || view.regionId !== null || view.status !== DEFAULT_VIEW.status;
}
