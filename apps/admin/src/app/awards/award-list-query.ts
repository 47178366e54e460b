import type { ParamMap, Params } from '@angular/router';
import {
  AWARD_SORT_FIELDS,
  CERTIFICATE_STATUSES,
  DEFAULT_PAGE_SIZE,
  formatSort,
  parseSort,
  type AwardListQuery,
  type AwardSortField,
  type CertificateStatus,
  type SortDirection,
} from '@brevet/contracts';

/** The award list's view state, kept in the URL's query parameters (defaults left out). */
export interface AwardListView {
  page: number;
  pageSize: number;
  sortField: AwardSortField;
  sortDirection: SortDirection;
  definitionId: string | null;
  branchId: string | null;
  staffId: string | null;
  status: CertificateStatus | null;
}

export const PAGE_SIZES = [10, DEFAULT_PAGE_SIZE, 50, 100] as const;
/** The statuses people filter by, most useful first. */
export const STATUS_FILTERS: readonly CertificateStatus[] = [
  'valid',
  'expiring',
  'expired',
  'revoked',
  'superseded',
  'not_yet_valid',
];

export const DEFAULT_VIEW: AwardListView = {
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  sortField: 'issuedOn',
  sortDirection: 'desc',
  definitionId: null,
  branchId: null,
  staffId: null,
  status: null,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (value: string | null) => (value && UUID.test(value) ? value : null);

export function viewFromParams(params: ParamMap): AwardListView {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const status = params.get('status');
  const rawSort = params.get('sort');
  const sort = rawSort
    ? parseSort(rawSort, AWARD_SORT_FIELDS, DEFAULT_VIEW.sortField)
    : { field: DEFAULT_VIEW.sortField, direction: DEFAULT_VIEW.sortDirection };
  return {
    page: Number.isInteger(page) && page >= 1 ? page : DEFAULT_VIEW.page,
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_VIEW.pageSize,
    sortField: sort.field,
    sortDirection: sort.direction,
    definitionId: id(params.get('definitionId')),
    branchId: id(params.get('branchId')),
    staffId: id(params.get('staffId')),
    status: CERTIFICATE_STATUSES.find((s) => s === status) ?? null,
  };
}

/** Query parameters for the router; `null` removes a parameter that equals its default. */
export function viewToParams(view: AwardListView): Params {
  const sort = formatSort(view.sortField, view.sortDirection);
  return {
    page: view.page === DEFAULT_VIEW.page ? null : view.page,
    pageSize: view.pageSize === DEFAULT_VIEW.pageSize ? null : view.pageSize,
    sort: sort === formatSort(DEFAULT_VIEW.sortField, DEFAULT_VIEW.sortDirection) ? null : sort,
    definitionId: view.definitionId,
    branchId: view.branchId,
    staffId: view.staffId,
    status: view.status,
  };
}

export function toListQuery(view: AwardListView): AwardListQuery {
  return {
    page: view.page,
    pageSize: view.pageSize,
    sort: formatSort(view.sortField, view.sortDirection),
    definitionId: view.definitionId ?? undefined,
    branchId: view.branchId ?? undefined,
    staffId: view.staffId ?? undefined,
    status: view.status ?? undefined,
  };
}

export function filterCount(view: AwardListView): number {
  return [view.definitionId, view.branchId, view.staffId, view.status].filter((v) => v !== null).length;
}
