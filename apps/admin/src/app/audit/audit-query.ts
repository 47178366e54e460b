import type { ParamMap, Params } from '@angular/router';
import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  DEFAULT_PAGE_SIZE,
  type AuditAction,
  type AuditOutcome,
  type AuditPageQuery,
  type AuditQuery,
} from '@brevet/contracts';
import { addDays } from '../core/days';

/** The audit page's view. It lives in the URL, so a filtered view can be bookmarked and shared. */
export interface AuditView {
  page: number;
  pageSize: number;
  /** Newest first (the default) or oldest first. */
  order: 'newest' | 'oldest';
  actions: AuditAction[];
  outcome: AuditOutcome | null;
  q: string;
  /** First day shown, `YYYY-MM-DD`, inclusive. */
  fromDay: string | null;
  /** Last day shown, inclusive (the API's `to` is exclusive: the day after). */
  untilDay: string | null;
}

export const AUDIT_PAGE_SIZES = [DEFAULT_PAGE_SIZE, 50, 100, 200] as const;

export const DEFAULT_AUDIT_VIEW: AuditView = {
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  order: 'newest',
  actions: [],
  outcome: null,
  q: '',
  fromDay: null,
  untilDay: null,
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (value: string | null) => (value && DAY.test(value) ? value : null);

export function auditViewFromParams(params: ParamMap): AuditView {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const outcome = params.get('outcome');
  const actions = params
    .getAll('action')
    .flatMap((a) => a.split(','))
    .filter((a): a is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(a));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (AUDIT_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    order: params.get('sort') === 'sequence' ? 'oldest' : 'newest',
    actions: [...new Set(actions)],
    outcome: AUDIT_OUTCOMES.find((o) => o === outcome) ?? null,
    q: (params.get('q') ?? '').trim(),
    fromDay: day(params.get('from')),
    untilDay: day(params.get('until')),
  };
}

/** Query parameters for the router; `null` leaves out a default. */
export function auditViewToParams(view: AuditView): Params {
  return {
    page: view.page === 1 ? null : view.page,
    pageSize: view.pageSize === DEFAULT_PAGE_SIZE ? null : view.pageSize,
    sort: view.order === 'oldest' ? 'sequence' : null,
    action: view.actions.length > 0 ? view.actions : null,
    outcome: view.outcome,
    q: view.q || null,
    from: view.fromDay,
    until: view.untilDay,
  };
}

/** Midnight at the start of a calendar day on this device, as an instant: what people mean by "from 3 March". */
function localMidnight(isoDay: string): string {
  return new Date(`${isoDay}T00:00:00`).toISOString();
}

/** The filters as the API reads them (search and CSV export alike). Days are the viewer's own days. */
export function auditFilters(view: AuditView): AuditQuery {
  return {
    action: view.actions.length > 0 ? view.actions : undefined,
    outcome: view.outcome ?? undefined,
    q: view.q || undefined,
    from: view.fromDay ? localMidnight(view.fromDay) : undefined,
    to: view.untilDay ? localMidnight(addDays(view.untilDay, 1)) : undefined,
  };
}

export function auditPageQuery(view: AuditView): AuditPageQuery {
  return {
    ...auditFilters(view),
    page: view.page,
    pageSize: view.pageSize,
    sort: view.order === 'oldest' ? 'sequence' : '-sequence',
  };
}

export function isAuditFiltered(view: AuditView): boolean {
  return (
    view.actions.length > 0 || view.outcome !== null || view.q !== '' || !!view.fromDay || !!view.untilDay
  );
}
