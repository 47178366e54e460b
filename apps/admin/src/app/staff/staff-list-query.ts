import type { ParamMap, Params } from '@angular/router';
import {
  DEFAULT_PAGE_SIZE,
  STAFF_SORT_FIELDS,
  STAFF_STATUSES,
  formatSort,
  parseSort,
  type SortDirection,
  type StaffListQuery,
  type StaffSortField,
  type StaffStatus,
} from '@brevet/contracts';

/** The directory's view state, kept in the URL's query parameters (defaults left out). */
export interface StaffListView {
  page: number;
  pageSize: number;
  sortField: StaffSortField;
  sortDirection: SortDirection;
  q: string;
  branchId: string | null;
  regionId: string | null;
  jobRoleId: string | null;
  status: StaffStatus | 'all';
}

export const STATUS_FILTERS = [...STAFF_STATUSES, 'all'] as const;
export const PAGE_SIZES = [10, DEFAULT_PAGE_SIZE, 50, 100] as const;

export const DEFAULT_VIEW: StaffListView = {
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  sortField: 'familyName',
  sortDirection: 'asc',
  q: '',
  branchId: null,
  regionId: null,
  jobRoleId: null,
  status: 'active',
};

export function viewFromParams(params: ParamMap): StaffListView {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const status = params.get('status');
  const sort = parseSort(params.get('sort') ?? undefined, STAFF_SORT_FIELDS, DEFAULT_VIEW.sortField);
  return {
    page: Number.isInteger(page) && page >= 1 ? page : DEFAULT_VIEW.page,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_VIEW.pageSize,
    sortField: sort.field,
    sortDirection: sort.direction,
    q: (params.get('q') ?? '').trim(),
    branchId: params.get('branchId') || null,
    regionId: params.get('regionId') || null,
    jobRoleId: params.get('jobRoleId') || null,
    status: STATUS_FILTERS.find((s) => s === status) ?? DEFAULT_VIEW.status,
  };
}

/** Query parameters for the router; `null` removes a parameter that equals its default. */
export function viewToParams(view: StaffListView): Params {
  const sort = formatSort(view.sortField, view.sortDirection);
  const defaultSort = formatSort(DEFAULT_VIEW.sortField, DEFAULT_VIEW.sortDirection);
  return {
    page: view.page === DEFAULT_VIEW.page ? null : view.page,
    pageSize: view.pageSize === DEFAULT_VIEW.pageSize ? null : view.pageSize,
    sort: sort === defaultSort ? null : sort,
    q: view.q || null,
    branchId: view.branchId,
    regionId: view.regionId,
    jobRoleId: view.jobRoleId,
    status: view.status === DEFAULT_VIEW.status ? null : view.status,
  };
}

export function toListQuery(view: StaffListView): StaffListQuery {
  return {
    page: view.page,
    pageSize: view.pageSize,
    sort: formatSort(view.sortField, view.sortDirection),
    q: view.q || undefined,
    branchId: view.branchId ?? undefined,
    regionId: view.regionId ?? undefined,
    jobRoleId: view.jobRoleId ?? undefined,
    status: view.status,
  };
}

/** How many filters narrow the list, besides paging and sorting. */
export function filterCount(view: StaffListView): number {
  return [
    view.q !== '',
    view.branchId !== null,
    view.regionId !== null,
    view.jobRoleId !== null,
    view.status !== DEFAULT_VIEW.status,
  ].filter(Boolean).length;
}
