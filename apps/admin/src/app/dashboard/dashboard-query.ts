import type { ParamMap, Params } from '@angular/router';
import {
  COMPLIANCE_EXPIRING_WINDOWS,
  COMPLIANCE_REQUIREMENT_SORT_FIELDS,
  COMPLIANCE_STATUSES,
  DEFAULT_PAGE_SIZE,
  formatSort,
  parseSort,
  type ComplianceAreaRow,
  type ComplianceFilter,
  type ComplianceRequirementSortField,
  type ComplianceStatus,
  type SortDirection,
} from '@brevet/contracts';

// The dashboard's and the drill-down's view state, kept in the URL's query parameters (defaults left out), so
// that every filter, sort and tab is a link someone can share.

export type ExpiringWindow = (typeof COMPLIANCE_EXPIRING_WINDOWS)[number];
export const HEATMAP_VIEWS = ['heatmap', 'table'] as const;
export type HeatmapView = (typeof HEATMAP_VIEWS)[number];

/** What the heat map rows are sorted by: the name, the overall rate, or one credential column's rate. */
export interface HeatmapSort {
  key: 'name' | 'rate' | { definitionId: string };
  direction: SortDirection;
}

export interface DashboardView {
  /** The organisation level shown (and the region filter): null for the top regions. */
  regionId: string | null;
  country: string | null;
  jobRoleId: string | null;
  sort: HeatmapSort;
  view: HeatmapView;
  expiring: ExpiringWindow;
}

/** Worst first: a dashboard is opened to find the problems. */
export const DEFAULT_SORT: HeatmapSort = { key: 'rate', direction: 'asc' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COUNTRY = /^[A-Z]{2}$/;

function id(params: ParamMap, name: string): string | null {
  const value = params.get(name);
  return value && UUID.test(value) ? value : null;
}

function country(params: ParamMap): string | null {
  const value = params.get('country')?.toUpperCase() ?? '';
  return COUNTRY.test(value) ? value : null;
}

export function parseHeatmapSort(raw: string | null): HeatmapSort {
  if (!raw) return DEFAULT_SORT;
  const direction: SortDirection = raw.startsWith('-') ? 'desc' : 'asc';
  const key = raw.replace(/^-/, '');
  if (key === 'name' || key === 'rate') return { key, direction };
  if (UUID.test(key)) return { key: { definitionId: key }, direction };
  return DEFAULT_SORT;
}

export function formatHeatmapSort(sort: HeatmapSort): string {
  const key = typeof sort.key === 'string' ? sort.key : sort.key.definitionId;
  return formatSort(key, sort.direction);
}

export function sameSortKey(a: HeatmapSort['key'], b: HeatmapSort['key']): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.definitionId === b.definitionId;
}

export function dashboardViewFromParams(params: ParamMap): DashboardView {
  const view = params.get('view');
  const expiring = Number(params.get('expiring'));
  return {
    regionId: id(params, 'regionId'),
    country: country(params),
    jobRoleId: id(params, 'jobRoleId'),
    sort: parseHeatmapSort(params.get('sort')),
    view: HEATMAP_VIEWS.find((v) => v === view) ?? 'heatmap',
    expiring: COMPLIANCE_EXPIRING_WINDOWS.find((w) => w === expiring) ?? 30,
  };
}

export function dashboardViewToParams(view: DashboardView): Params {
  const sort = formatHeatmapSort(view.sort);
  return {
    regionId: view.regionId,
    country: view.country,
    jobRoleId: view.jobRoleId,
    sort: sort === formatHeatmapSort(DEFAULT_SORT) ? null : sort,
    view: view.view === 'heatmap' ? null : view.view,
    expiring: view.expiring === 30 ? null : view.expiring,
  };
}

/** The filters every aggregate takes, from the dashboard's view. */
export function dashboardFilter(
  view: Pick<DashboardView, 'regionId' | 'country' | 'jobRoleId'>,
): ComplianceFilter {
  return {
    regionId: view.regionId ?? undefined,
    country: view.country ?? undefined,
    jobRoleId: view.jobRoleId ?? undefined,
  };
}

/** The heat map's rows in the chosen order; rows with nothing due (or no cell in the column) always come last. */
export function sortAreaRows(rows: readonly ComplianceAreaRow[], sort: HeatmapSort, language: string) {
  const collator = new Intl.Collator(language);
  const byName = (a: ComplianceAreaRow, b: ComplianceAreaRow) => collator.compare(a.name, b.name);
  const key = sort.key;
  const sign = sort.direction === 'desc' ? -1 : 1;
  if (key === 'name') return [...rows].sort((a, b) => sign * byName(a, b));
  const rateOf = (row: ComplianceAreaRow): number | null =>
    key === 'rate'
      ? row.totals.rate
      : (row.cells.find((c) => c.definitionId === key.definitionId)?.counts.rate ?? null);
  return [...rows].sort((a, b) => {
    const ra = rateOf(a);
    const rb = rateOf(b);
    if (ra === null || rb === null) return ra === rb ? byName(a, b) : ra === null ? 1 : -1;
    return sign * (ra - rb) || byName(a, b);
  });
}

// ---- The drill-down: the people behind a figure ---------------------------------------------------------

export interface PeopleView {
  regionId: string | null;
  branchId: string | null;
  definitionId: string | null;
  jobRoleId: string | null;
  country: string | null;
  /** Statuses shown; empty for all. */
  statuses: ComplianceStatus[];
  /** Set for "expires within N days": awards in force whose last valid day is that close. */
  within: number | null;
  page: number;
  pageSize: number;
  sortField: ComplianceRequirementSortField;
  sortDirection: SortDirection;
}

export const PEOPLE_PAGE_SIZES = [10, DEFAULT_PAGE_SIZE, 50, 100] as const;

/** Worst first; soonest first in the expiring lists. */
export function defaultPeopleSort(within: number | null): ComplianceRequirementSortField {
  return within === null ? 'status' : 'validUntil';
}

export function peopleViewFromParams(params: ParamMap): PeopleView {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const withinRaw = params.get('within');
  const within = withinRaw !== null && /^\d{1,3}$/.test(withinRaw) ? Math.min(Number(withinRaw), 366) : null;
  const statuses = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is ComplianceStatus => (COMPLIANCE_STATUSES as readonly string[]).includes(s));
  const sort = parseSort(
    params.get('sort') ?? undefined,
    COMPLIANCE_REQUIREMENT_SORT_FIELDS,
    defaultPeopleSort(within),
  );
  return {
    regionId: id(params, 'regionId'),
    branchId: id(params, 'branchId'),
    definitionId: id(params, 'definitionId'),
    jobRoleId: id(params, 'jobRoleId'),
    country: country(params),
    statuses: COMPLIANCE_STATUSES.filter((s) => statuses.includes(s)),
    within,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (PEOPLE_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sortField: sort.field,
    sortDirection: sort.direction,
  };
}

export function peopleViewToParams(view: PeopleView): Params {
  const sort = formatSort(view.sortField, view.sortDirection);
  return {
    regionId: view.regionId,
    branchId: view.branchId,
    definitionId: view.definitionId,
    jobRoleId: view.jobRoleId,
    country: view.country,
    status: view.statuses.length > 0 ? view.statuses.join(',') : null,
    within: view.within,
    page: view.page === 1 ? null : view.page,
    pageSize: view.pageSize === DEFAULT_PAGE_SIZE ? null : view.pageSize,
    sort: sort === defaultPeopleSort(view.within) ? null : sort,
  };
}

/** Query parameters of a drill-down link: only what narrows the list. */
export function peopleLink(filter: Partial<PeopleView>): Params {
  const params: Params = {};
  for (const [name, value] of Object.entries({
    regionId: filter.regionId,
    branchId: filter.branchId,
    definitionId: filter.definitionId,
    jobRoleId: filter.jobRoleId,
    country: filter.country,
    status: filter.statuses && filter.statuses.length > 0 ? filter.statuses.join(',') : null,
    within: filter.within,
  })) {
    if (value !== null && value !== undefined) params[name] = value;
  }
  return params;
}

/** A click on a column's sort button: the other direction on the sorted column, else that column, worst first. */
export function nextSort(current: HeatmapSort, key: HeatmapSort['key']): HeatmapSort {
  if (sameSortKey(current.key, key)) {
    return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  }
  return { key, direction: 'asc' };
}
