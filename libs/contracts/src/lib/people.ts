import type { Page } from './paging';

export const UI_LANGUAGES = ['en', 'de'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** A job role, named in every UI language. */
export interface JobRole {
  id: string;
  code: string;
  names: Record<UiLanguage, string>;
  status: 'active' | 'archived';
}

export interface CreateJobRoleRequest {
  code: string;
  names: Record<UiLanguage, string>;
}

export interface UpdateJobRoleRequest {
  names?: Partial<Record<UiLanguage, string>>;
  status?: 'active' | 'archived';
}

export const STAFF_STATUSES = ['active', 'on_leave', 'left'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export const STAFF_SORT_FIELDS = ['familyName', 'givenName', 'employeeNumber', 'hireDate', 'branch'] as const;
export type StaffSortField = (typeof STAFF_SORT_FIELDS)[number];

/** A person as the staff directory lists them. */
export interface StaffSummary {
  id: string;
  employeeNumber: string;
  givenName: string;
  familyName: string;
  email: string | null;
  preferredLanguage: UiLanguage;
  status: StaffStatus;
  branchId: string;
  branchCode: string;
  branchName: string;
  jobRoles: Array<{ id: string; code: string; names: Record<UiLanguage, string> }>;
  hireDate: string;
}

/** One period of a person at a branch or in a role; `validTo` is null while it lasts. Dates are ISO days. */
export interface AssignmentPeriod {
  id: string;
  validFrom: string;
  validTo: string | null;
}

export interface BranchPeriod extends AssignmentPeriod {
  branchId: string;
  branchCode: string;
  branchName: string;
}

export interface RolePeriod extends AssignmentPeriod {
  jobRoleId: string;
  jobRoleCode: string;
  jobRoleNames: Record<UiLanguage, string>;
}

export interface StaffDetail extends StaffSummary {
  manager: { id: string; employeeNumber: string; givenName: string; familyName: string } | null;
  leftOn: string | null;
  version: number;
  branchHistory: BranchPeriod[];
  roleHistory: RolePeriod[];
  createdAt: string;
  updatedAt: string;
}

export interface CreateStaffRequest {
  employeeNumber: string;
  givenName: string;
  familyName: string;
  email?: string | null;
  preferredLanguage?: UiLanguage;
  branchId: string;
  jobRoleIds: string[];
  managerId?: string | null;
  /** ISO date (YYYY-MM-DD). */
  hireDate: string;
}

export interface UpdateStaffRequest {
  givenName?: string;
  familyName?: string;
  email?: string | null;
  preferredLanguage?: UiLanguage;
  branchId?: string;
  jobRoleIds?: string[];
  managerId?: string | null;
  status?: StaffStatus;
  /** The day a branch or role change takes effect (ISO date); today when omitted. */
  effectiveFrom?: string;
  version?: number;
}

export interface StaffListQuery {
  page?: number;
  pageSize?: number;
  sort?: string;
  q?: string;
  branchId?: string;
  regionId?: string;
  jobRoleId?: string;
  status?: StaffStatus | 'all';
}

export type StaffPage = Page<StaffSummary>;
