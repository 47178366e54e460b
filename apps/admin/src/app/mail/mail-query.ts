import type { ParamMap, Params } from '@angular/router';
import {
  DEFAULT_PAGE_SIZE,
  MAIL_REASONS,
  MAIL_SORT_FIELDS,
  MAIL_STATUSES,
  formatSort,
  type MailMessageQuery,
  type MailReason,
  type MailSortField,
  type MailStatus,
  type SortDirection,
} from '@brevet/contracts';

/** The outbox list's view. It lives in the URL, so a filtered view survives a reload and can be shared. */
export interface MailView {
  page: number;
  pageSize: number;
  sortField: MailSortField;
  sortDirection: SortDirection;
  status: MailStatus | null;
  reason: MailReason | null;
  q: string;
}

export const MAIL_PAGE_SIZES = [DEFAULT_PAGE_SIZE, 50, 100] as const;

export const DEFAULT_MAIL_VIEW: MailView = {
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  sortField: 'createdAt',
  sortDirection: 'desc',
  status: null,
  reason: null,
  q: '',
};

export function mailViewFromParams(params: ParamMap): MailView {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const sort = params.get('sort') ?? '';
  const field = MAIL_SORT_FIELDS.find((f) => f === sort.replace(/^-/, ''));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (MAIL_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sortField: field ?? DEFAULT_MAIL_VIEW.sortField,
    sortDirection: field ? (sort.startsWith('-') ? 'desc' : 'asc') : DEFAULT_MAIL_VIEW.sortDirection,
    status: MAIL_STATUSES.find((s) => s === params.get('status')) ?? null,
    reason: MAIL_REASONS.find((r) => r === params.get('reason')) ?? null,
    q: (params.get('q') ?? '').trim(),
  };
}

/** Query parameters for the router; `null` leaves out a default. */
export function mailViewToParams(view: MailView): Params {
  const isDefaultSort =
    view.sortField === DEFAULT_MAIL_VIEW.sortField && view.sortDirection === DEFAULT_MAIL_VIEW.sortDirection;
  return {
    page: view.page === 1 ? null : view.page,
    pageSize: view.pageSize === DEFAULT_PAGE_SIZE ? null : view.pageSize,
    sort: isDefaultSort ? null : formatSort(view.sortField, view.sortDirection),
    status: view.status,
    reason: view.reason,
    q: view.q || null,
  };
}

export function mailQuery(view: MailView): MailMessageQuery {
  return {
    page: view.page,
    pageSize: view.pageSize,
    sort: formatSort(view.sortField, view.sortDirection),
    status: view.status ?? undefined,
    reason: view.reason ?? undefined,
    q: view.q || undefined,
  };
}

export function isMailFiltered(view: MailView): boolean {
  return view.status !== null || view.reason !== null || view.q !== '';
}
