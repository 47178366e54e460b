import type { LocalizedText } from './open-badges';
import type { Page } from './paging';
import type { UiLanguage } from './people';

// Compliance: which credentials people must hold (requirement rules), whether they do (a status per person and
// required credential), and the aggregates HR and managers look at. The rules themselves are pure functions in
// `@brevet/domain` (libs/domain/src/lib/compliance); docs/compliance.md explains how a status is decided.
// All days are ISO calendar days (`YYYY-MM-DD`) in the time zone of the person's branch.

/**
 * The status of one person against one credential they are required to hold, first match wins:
 * - `exempt`: HR exempted them until a day that has not passed yet;
 * - `compliant`: they hold an award in force, outside the warning window;
 * - `expiring`: they hold an award in force, inside the warning window (the last valid day included);
 * - `missing_in_grace`: no award in force, but the due day has not passed yet (new joiners, new roles);
 * - `expired`: no award in force, past the due day, and their last active award has expired;
 * - `missing_overdue`: no award in force, past the due day, and nothing that expired (never held, or revoked).
 */
export const COMPLIANCE_STATUSES = [
  'compliant',
  'expiring',
  'expired',
  'missing_overdue',
  'missing_in_grace',
  'exempt',
] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

/** Where a rule applies: the whole company, a region (and every region below it), or one branch. */
export const RULE_AREAS = ['company', 'region', 'branch'] as const;
export type RuleArea = (typeof RULE_AREAS)[number];

/** The longest due period and warning window a rule may have: ten years. */
export const RULE_MAX_DAYS = 3650;

/** What a requirement rule says; the body of a create request and of an impact preview. */
export interface ComplianceRuleInput {
  /** The credential definition people must hold (any version of it counts). */
  definitionId: string;
  /** Holders of this job role; null for everyone. */
  jobRoleId: string | null;
  area: RuleArea;
  /** Set when `area` is `region`, null otherwise. */
  regionId: string | null;
  /** Set when `area` is `branch`, null otherwise. */
  branchId: string | null;
  /** Days a new joiner or newly assigned person has to get it. */
  dueDays: number;
  /** Days before the last valid day from which an award counts as `expiring`. */
  warningDays: number;
  /** The rule applies from this day on; due periods never start before it. */
  effectiveFrom: string;
  note: string | null;
}

/** A new rule: `regionId` / `branchId` only with their area; `note` optional. */
export type CreateComplianceRuleRequest = Omit<ComplianceRuleInput, 'regionId' | 'branchId' | 'note'> & {
  regionId?: string | null;
  branchId?: string | null;
  note?: string | null;
};

/** A change: only the fields given change. Changing `area` drops a region or branch that no longer fits. */
export interface UpdateComplianceRuleRequest extends Partial<ComplianceRuleInput> {
  /** The `version` the change was made against; a mismatch answers 409. */
  version?: number;
}

export interface ComplianceCredentialRef {
  id: string;
  code: string;
  /** The title of the current published version (or of the latest version when none is published). */
  title: LocalizedText;
}

export interface ComplianceJobRoleRef {
  id: string;
  code: string;
  names: Record<UiLanguage, string>;
}

export interface ComplianceRegionRef {
  id: string;
  code: string;
  name: string;
}

export interface ComplianceBranchRef {
  id: string;
  code: string;
  name: string;
}

export interface ComplianceRule {
  id: string;
  credential: ComplianceCredentialRef;
  /** Null: everyone. */
  jobRole: ComplianceJobRoleRef | null;
  area: RuleArea;
  region: ComplianceRegionRef | null;
  branch: ComplianceBranchRef | null;
  dueDays: number;
  warningDays: number;
  effectiveFrom: string;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type ComplianceRulePage = Page<ComplianceRule>;

export const COMPLIANCE_RULE_SORT_FIELDS = ['credential', 'area', 'effectiveFrom', 'updatedAt'] as const;
export type ComplianceRuleSortField = (typeof COMPLIANCE_RULE_SORT_FIELDS)[number];

export interface ComplianceRuleListQuery {
  definitionId?: string;
  jobRoleId?: string;
  area?: RuleArea;
  page?: number;
  pageSize?: number;
  sort?: string;
}

/** HR's decision that a person need not hold a credential until a day (inclusive). */
export interface ComplianceExemption {
  id: string;
  staff: {
    id: string;
    employeeNumber: string;
    givenName: string;
    familyName: string;
    branch: ComplianceBranchRef;
  };
  credential: ComplianceCredentialRef;
  reason: string;
  /** The last exempt day, in the person's branch time zone. */
  until: string;
  /** True while `until` has not passed where the person works. */
  active: boolean;
  /** Who granted it (display name), and their user ID. */
  grantedBy: string;
  grantedByUserId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateComplianceExemptionRequest {
  staffId: string;
  definitionId: string;
  reason: string;
  until: string;
}

export interface UpdateComplianceExemptionRequest {
  reason?: string;
  until?: string;
}

export type ComplianceExemptionPage = Page<ComplianceExemption>;

export interface ComplianceExemptionListQuery {
  staffId?: string;
  definitionId?: string;
  /** Only exemptions that have not ended. */
  activeOnly?: boolean;
  page?: number;
  pageSize?: number;
}

/**
 * Counts of (person, required credential) pairs by status. `rate` is the share of due requirements that are
 * met: (compliant + expiring) / (total − exempt − missingInGrace); null when nothing is due.
 */
export interface ComplianceCounts {
  total: number;
  compliant: number;
  expiring: number;
  expired: number;
  missingOverdue: number;
  missingInGrace: number;
  exempt: number;
  rate: number | null;
}

/** Filters every aggregate takes; the viewer's scope always applies on top. */
export interface ComplianceFilter {
  /** Branches in this region or any region below it. */
  regionId?: string;
  branchId?: string;
  definitionId?: string;
  /** People who currently hold this job role. */
  jobRoleId?: string;
  /** Branches in this country (ISO 3166-1 alpha-2, e.g. `DE`). */
  country?: string;
}

export interface ComplianceSummary {
  /** The instant the statuses were computed for; "today" is this instant's day in each branch's zone. */
  asOf: string;
  totals: ComplianceCounts;
  /** Every region with requirements in view, with everything below it rolled up. */
  regions: Array<{ region: ComplianceRegionRef & { parentId: string | null }; counts: ComplianceCounts }>;
  credentials: Array<{ credential: ComplianceCredentialRef; counts: ComplianceCounts }>;
  /** By the people's current job roles: someone in two roles counts in both. */
  jobRoles: Array<{ jobRole: ComplianceJobRoleRef; counts: ComplianceCounts }>;
}

export const COMPLIANCE_MATRIX_SORT_FIELDS = ['code', 'name', 'rate', 'nonCompliant', 'total'] as const;
export type ComplianceMatrixSortField = (typeof COMPLIANCE_MATRIX_SORT_FIELDS)[number];

export interface ComplianceMatrixQuery extends ComplianceFilter {
  page?: number;
  pageSize?: number;
  /** `code`, `name`, `rate`, `nonCompliant` (expired + missing overdue) or `total`; `-` for descending. */
  sort?: string;
}

export interface ComplianceMatrixCell {
  definitionId: string;
  counts: ComplianceCounts;
}

export interface ComplianceMatrixRow {
  branch: ComplianceBranchRef & { regionId: string };
  totals: ComplianceCounts;
  /** One per column with any requirement at this branch. */
  cells: ComplianceMatrixCell[];
}

/** The branch × credential matrix, paged over branches. Columns are every credential required in view. */
export interface ComplianceMatrix {
  asOf: string;
  columns: ComplianceCredentialRef[];
  rows: ComplianceMatrixRow[];
  /** Branches with any requirement in view. */
  total: number;
  page: number;
  pageSize: number;
}

export const COMPLIANCE_AREA_KINDS = ['region', 'branch'] as const;
export type ComplianceAreaKind = (typeof COMPLIANCE_AREA_KINDS)[number];

/**
 * One row of an organisation level (`GET /compliance/areas`): a region directly below the level's region with
 * everything below it rolled up, or a branch directly in the level's region.
 */
export interface ComplianceAreaRow {
  kind: ComplianceAreaKind;
  id: string;
  code: string;
  name: string;
  /** A branch's country (ISO 3166-1 alpha-2); null for a region. */
  country: string | null;
  /** Branches with requirements in view at or below this row (1 for a branch). */
  branches: number;
  totals: ComplianceCounts;
  /** One per column with any requirement in this row, in column order. */
  cells: ComplianceMatrixCell[];
}

/**
 * One level of the organisation × credentials, for a heat map that starts with the top regions and drills in:
 * `regionId` picks the level (its sub-regions and its own branches); without it, the top regions. The other
 * filters and the viewer's scope apply as everywhere. Not paged: a level holds one region's children.
 */
export interface ComplianceAreas {
  asOf: string;
  /** The level's region; null for the top level. */
  regionId: string | null;
  /** Every credential required in this level's view, by code. */
  columns: ComplianceCredentialRef[];
  /** Regions first, then branches, each by name. */
  rows: ComplianceAreaRow[];
}

/** One person against one required credential: the row behind every count. */
export interface ComplianceRequirement {
  staff: { id: string; employeeNumber: string; givenName: string; familyName: string };
  branch: ComplianceBranchRef;
  credential: ComplianceCredentialRef;
  status: ComplianceStatus;
  /** The day the status was judged for, in the branch's time zone. */
  today: string;
  /** The last day the credential may still be missing (the earliest of the rules that require it). */
  dueOn: string;
  /** The widest warning window of the rules that require it. */
  warningDays: number;
  /** The award in force, else the expired active one; null when neither. */
  award: { id: string; issuedOn: string; validUntil: string | null; daysLeft: number | null } | null;
  exemption: { id: string; until: string; reason: string } | null;
}

export type ComplianceRequirementPage = Page<ComplianceRequirement> & { asOf: string };

export const COMPLIANCE_REQUIREMENT_SORT_FIELDS = [
  'name',
  'employeeNumber',
  'branch',
  'credential',
  'status',
  'dueOn',
  'validUntil',
] as const;
export type ComplianceRequirementSortField = (typeof COMPLIANCE_REQUIREMENT_SORT_FIELDS)[number];

export interface ComplianceRequirementQuery extends ComplianceFilter {
  /** One status or several, comma-separated. */
  status?: string;
  staffId?: string;
  page?: number;
  pageSize?: number;
  sort?: string;
}

/** The usual look-ahead windows of the expiring lists; any number of days from 0 to 366 is accepted. */
export const COMPLIANCE_EXPIRING_WINDOWS = [30, 60, 90] as const;

export interface ComplianceExpiringQuery extends ComplianceFilter {
  /** Awards in force whose last valid day is within this many days from today (today included). */
  withinDays: number;
  page?: number;
  pageSize?: number;
  sort?: string;
}

/**
 * A dry run of a rule change, with the same bodies as the real requests; nothing is saved. Exactly one of:
 * - a new rule: `rule` (as for POST /compliance/rules);
 * - a change to a saved rule: `ruleId` and `changes` (as for PATCH /compliance/rules/:id);
 * - the removal of a saved rule: `ruleId` and `remove: true`.
 */
export interface ComplianceImpactRequest {
  rule?: CreateComplianceRuleRequest;
  ruleId?: string;
  changes?: UpdateComplianceRuleRequest;
  remove?: boolean;
}

/**
 * What the change would do, counted in people (a person counts once however many credentials change):
 * - `becomeNonCompliant`: people with a requirement that gets worse and is then not met: newly required and
 *   missing or expired, or moved from met to not met, or from in grace to overdue. `overdueNow` of them would
 *   be overdue or expired at once, `inGrace` only in grace; `branches` counts their branches.
 * - `alreadyCovered`: people newly required who already meet it (award in force, or exempt).
 * - `noLongerRequired`: people with a requirement that goes away.
 */
export interface ComplianceImpact {
  becomeNonCompliant: { people: number; branches: number; overdueNow: number; inGrace: number };
  alreadyCovered: number;
  noLongerRequired: number;
  /** (person, credential) requirements before and after, among the credentials the change touches. */
  requirementsBefore: number;
  requirementsAfter: number;
}

/** A trend's points: every computed day, or per ISO week (Monday to Sunday) its last computed day. */
export const COMPLIANCE_TREND_GRANULARITIES = ['day', 'week'] as const;
export type ComplianceTrendGranularity = (typeof COMPLIANCE_TREND_GRANULARITIES)[number];

/** The longest range a trend may span, in days (three years). */
export const COMPLIANCE_TREND_MAX_DAYS = 1096;

/**
 * `GET /compliance/trends`: compliance over time from the daily snapshots. Without `to`, the last computed day;
 * without `from`, a year before `to`. Job roles are not a filter: snapshots are stored per branch and credential.
 */
export interface ComplianceTrendQuery {
  from?: string;
  to?: string;
  granularity?: ComplianceTrendGranularity;
  /** Branches in this region or any region below it (today's tree). */
  regionId?: string;
  branchId?: string;
  definitionId?: string;
  /** Branches in this country (ISO 3166-1 alpha-2). */
  country?: string;
}

/**
 * The counts at the end of one day, summed over the branches in view: who worked at a branch on that day counts
 * there. `date` is the day (for weekly points, the last computed day of that week).
 */
export interface ComplianceTrendPoint extends ComplianceCounts {
  date: string;
}

export interface ComplianceTrend {
  from: string;
  to: string;
  granularity: ComplianceTrendGranularity;
  /** The last day any snapshot was computed for; null when there is none yet. */
  latestDay: string | null;
  /** Oldest first. Days that were never computed have no point (a gap, not a zero). */
  points: ComplianceTrendPoint[];
}

export const ComplianceRoutes = {
  rules: '/api/v1/compliance/rules',
  rule: (id: string) => `/api/v1/compliance/rules/${encodeURIComponent(id)}`,
  impact: '/api/v1/compliance/rules/impact',
  exemptions: '/api/v1/compliance/exemptions',
  exemption: (id: string) => `/api/v1/compliance/exemptions/${encodeURIComponent(id)}`,
  summary: '/api/v1/compliance/summary',
  matrix: '/api/v1/compliance/matrix',
  requirements: '/api/v1/compliance/requirements',
  expiring: '/api/v1/compliance/expiring',
  areas: '/api/v1/compliance/areas',
  trends: '/api/v1/compliance/trends',
} as const;
