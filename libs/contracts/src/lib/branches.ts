import type { Page } from './paging';

export const BRANCH_STATUSES = ['active', 'archived'] as const;
export type BranchStatus = (typeof BRANCH_STATUSES)[number];

export const BRANCH_SORT_FIELDS = ['code', 'name', 'country', 'region', 'createdAt'] as const;
export type BranchSortField = (typeof BRANCH_SORT_FIELDS)[number];

/** A branch (site) as the API returns it. */
export interface Branch {
  id: string;
  code: string;
  name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timezone: string;
  regionId: string;
  regionName: string;
  /** BCP 47 locale for dates and documents at this site, e.g. `de-AT`. */
  locale: string;
  /** Postal address, free text over several lines; null when unknown. */
  address: string | null;
  status: BranchStatus;
  /** Optimistic-locking version; send it back on edit to detect concurrent changes. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CreateBranchRequest {
  code: string;
  name: string;
  country: string;
  timezone: string;
  regionId: string;
  /** Defaults to the country's main locale (`de-DE`, `de-AT`, `de-CH`, `pl-PL`, …). */
  locale?: string;
  address?: string | null;
}

export interface UpdateBranchRequest {
  name?: string;
  locale?: string;
  address?: string | null;
  country?: string;
  timezone?: string;
  regionId?: string;
  /** When given, the update fails with 409 `version_conflict` if the branch changed meanwhile. */
  version?: number;
}

export interface BranchListQuery {
  page?: number;
  pageSize?: number;
  /** One of {@link BRANCH_SORT_FIELDS}, prefixed with `-` for descending. */
  sort?: string;
  status?: BranchStatus | 'all';
  /** Case-insensitive search in code and name. */
  q?: string;
  regionId?: string;
}

export type BranchPage = Page<Branch>;

export interface Region {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  /** Active branches directly in this region; recomputed by a background job after every branch change. */
  branchCount: number;
  branchCountUpdatedAt: string | null;
}

/** Branch codes: upper-case letters, digits and dashes, 2–16 characters, e.g. `DE-BER-01`. */
export const BRANCH_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,15}$/;
