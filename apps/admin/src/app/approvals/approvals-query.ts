import type { ParamMap, Params } from '@angular/router';
import {
  DEFAULT_PAGE_SIZE,
  EVIDENCE_STATUSES,
  type EvidenceListQuery,
  type EvidenceStatus,
} from '@brevet/contracts';
import type { TranslationKey } from '../core/i18n';

/** The inbox's view: it lives in the URL (defaults left out), so a filtered list can be shared. */
export interface ApprovalsView {
  page: number;
  pageSize: number;
  /** Oldest first (the default: who has waited longest comes first) or newest first. */
  order: 'oldest' | 'newest';
  status: EvidenceStatus | 'all';
  q: string;
  branchId: string | null;
  definitionId: string | null;
}

export const APPROVAL_STATUS_FILTERS = [...EVIDENCE_STATUSES, 'all'] as const;
/** The status filter's choices, worded for approvers. */
export const APPROVAL_STATUS_LABELS: Record<(typeof APPROVAL_STATUS_FILTERS)[number], TranslationKey> = {
  pending: 'approvals.statuses.pending',
  approved: 'approvals.statuses.approved',
  rejected: 'approvals.statuses.rejected',
  withdrawn: 'approvals.statuses.withdrawn',
  all: 'approvals.statuses.all',
};

export const APPROVAL_PAGE_SIZES = [10, DEFAULT_PAGE_SIZE, 50] as const;

export const DEFAULT_APPROVALS_VIEW: ApprovalsView = {
  page: 1,
  pageSize: 10,
  order: 'oldest',
  status: 'pending',
  q: '',
  branchId: null,
  definitionId: null,
};

export function approvalsViewFromParams(params: ParamMap): ApprovalsView {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const status = params.get('status');
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (APPROVAL_PAGE_SIZES as readonly number[]).includes(pageSize)
      ? pageSize
      : DEFAULT_APPROVALS_VIEW.pageSize,
    order: params.get('sort') === '-submittedAt' ? 'newest' : 'oldest',
    status: APPROVAL_STATUS_FILTERS.find((s) => s === status) ?? DEFAULT_APPROVALS_VIEW.status,
    q: (params.get('q') ?? '').trim(),
    branchId: params.get('branchId') || null,
    definitionId: params.get('definitionId') || null,
  };
}

/** Query parameters for the router; `null` removes one that equals its default. */
export function approvalsViewToParams(view: ApprovalsView): Params {
  return {
    page: view.page === 1 ? null : view.page,
    pageSize: view.pageSize === DEFAULT_APPROVALS_VIEW.pageSize ? null : view.pageSize,
    sort: view.order === 'newest' ? '-submittedAt' : null,
    status: view.status === DEFAULT_APPROVALS_VIEW.status ? null : view.status,
    q: view.q || null,
    branchId: view.branchId,
    definitionId: view.definitionId,
  };
}

export function approvalsQuery(view: ApprovalsView): EvidenceListQuery {
  return {
    page: view.page,
    pageSize: view.pageSize,
    sort: view.order === 'newest' ? '-submittedAt' : 'submittedAt',
    status: view.status,
    q: view.q || undefined,
    branchId: view.branchId ?? undefined,
    definitionId: view.definitionId ?? undefined,
  };
}

/** How many filters narrow the list (paging and order do not count). */
export function approvalsFilterCount(view: ApprovalsView): number {
  return [
    view.q !== '',
    view.status !== DEFAULT_APPROVALS_VIEW.status,
    view.branchId !== null,
    view.definitionId !== null,
  ].filter(Boolean).length;
}
