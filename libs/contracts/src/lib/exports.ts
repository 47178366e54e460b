import type { AuditAction, AuditOutcome } from './audit';
import type { ComplianceStatus } from './compliance';
import type { CertificateStatus } from './credentials';
import type { Page } from './paging';
import type { UiLanguage } from './people';
import { API_V1 } from './routes';

/**
 * Exports: files a person asks for and downloads later. Each export runs as a background job, reads its rows
 * through a database cursor (memory stays flat however many rows), shows its progress, and can be downloaded
 * only by the person who asked for it. The rows are always limited to that person's scope as it was when they
 * asked. See docs/exports.md.
 *
 * - `compliance-matrix`: per branch and required credential, the counts by status and the rate. As `pdf`, a
 *   summary report (figures, a chart and tables) for the branches in view.
 * - `compliance-people`: the people behind the matrix: one row per person and required credential, with status.
 * - `awards`: certificates awarded, with their effective status today.
 * - `audit`: the audit log (auditors and HR admins).
 * - `training-report`: the training report per month, branch and course: learners who started and passed,
 *   attempts passed and failed, completion and pass rate (as `GET /training/report`, split by month and branch).
 * - `training-attendance`: the attendance list of on-site sessions: one row per session and person enrolled or
 *   waiting, with attended, passed and whether the certificate was issued (sessions of the branches in scope).
 */
export const EXPORT_KINDS = [
  'compliance-matrix',
  'compliance-people',
  'awards',
  'audit',
  'training-report',
  'training-attendance',
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The formats each kind can be written in. Only the compliance matrix has a PDF summary report. */
export const EXPORT_KIND_FORMATS: Readonly<Record<ExportKind, readonly ExportFormat[]>> = {
  'compliance-matrix': ['csv', 'xlsx', 'pdf'],
  'compliance-people': ['csv', 'xlsx'],
  awards: ['csv', 'xlsx'],
  audit: ['csv', 'xlsx'],
  'training-report': ['csv', 'xlsx'],
  'training-attendance': ['csv', 'xlsx'],
};

/** CSV field separators: `,` (RFC 4180) or `;` (what Excel expects where the decimal separator is a comma). */
export const EXPORT_DELIMITERS = [',', ';'] as const;
export type ExportDelimiter = (typeof EXPORT_DELIMITERS)[number];

/**
 * - `queued`: waiting for a worker (also between retries after a transient failure)
 * - `running`: rows are being written; `rowsDone` / `rowsTotal` tell how far
 * - `ready`: the file can be downloaded until `expiresAt`
 * - `failed`: nothing to download; `error` says why
 */
export const EXPORT_STATUSES = ['queued', 'running', 'ready', 'failed'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/**
 * What an export is limited to, on top of the requester's scope (which always applies and is never widened by
 * a filter). Each kind takes only some of these (`EXPORT_KIND_FILTERS`); others are refused with 400.
 */
export interface ExportFilters {
  /** Branches in this region or any region below it (compliance). */
  regionId?: string;
  /** The person's current branch. */
  branchId?: string;
  /** The credential definition. */
  definitionId?: string;
  /** People who currently hold this job role (compliance). */
  jobRoleId?: string;
  /** Branches in this country, ISO 3166-1 alpha-2 (compliance). */
  country?: string;
  staffId?: string;
  /** `compliance-people`: requirement statuses; `awards`: effective certificate statuses. */
  status?: Array<ComplianceStatus | CertificateStatus>;
  /** `audit`: as in the audit log's search. */
  action?: AuditAction[];
  actorUserId?: string;
  targetType?: string;
  targetId?: string;
  outcome?: AuditOutcome;
  q?: string;
  /**
   * `audit`: ISO date or date-time, inclusive. `training-report`, `training-attendance`: first day (UTC,
   * `YYYY-MM-DD`), inclusive; a year before `to` when left out.
   */
  from?: string;
  /** `audit`: ISO date or date-time, exclusive. Training kinds: last day (UTC, `YYYY-MM-DD`), inclusive; today. */
  to?: string;
  /** `audit`: `-sequence` (newest first, the default) or `sequence`. */
  sort?: '-sequence' | 'sequence';
}
export type ExportFilterName = keyof ExportFilters;

const COMPLIANCE_FILTERS = ['regionId', 'branchId', 'definitionId', 'jobRoleId', 'country'] as const;

/** The filters each kind accepts. */
export const EXPORT_KIND_FILTERS: Readonly<Record<ExportKind, readonly ExportFilterName[]>> = {
  'compliance-matrix': COMPLIANCE_FILTERS,
  'compliance-people': [...COMPLIANCE_FILTERS, 'staffId', 'status'],
  awards: ['branchId', 'definitionId', 'staffId', 'status'],
  audit: ['action', 'actorUserId', 'targetType', 'targetId', 'outcome', 'q', 'from', 'to', 'sort'],
  'training-report': ['branchId', 'definitionId', 'from', 'to'],
  'training-attendance': ['branchId', 'definitionId', 'from', 'to'],
};

export interface CreateExportRequest {
  kind: ExportKind;
  format: ExportFormat;
  /** CSV only; `,` when left out. With `;`, decimals are written with a comma. */
  delimiter?: ExportDelimiter;
  /** Language of headers, status words and the report; the requester's own language when left out. */
  language?: UiLanguage;
  filters?: ExportFilters;
}

export interface ExportFile {
  name: string;
  /** Bytes. */
  size: number;
  contentType: string;
}

export interface ExportRun {
  id: string;
  kind: ExportKind;
  format: ExportFormat;
  delimiter: ExportDelimiter | null;
  language: UiLanguage;
  filters: ExportFilters;
  status: ExportStatus;
  rowsDone: number;
  /** Null until the rows are counted. */
  rowsTotal: number | null;
  /** 0–100; null until the rows are counted. 100 when ready. */
  percent: number | null;
  /** Set when `ready`. */
  file: ExportFile | null;
  /** Set when `failed`, and while a failed attempt waits to be retried. */
  error: { code: ExportErrorCode; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** A ready file is deleted after this instant. */
  expiresAt: string | null;
}

export type ExportPage = Page<ExportRun>;

export interface ExportListQuery {
  page?: number;
  pageSize?: number;
}

/** The most data rows an XLSX export holds: one sheet's rows, less the header. */
export const XLSX_MAX_ROWS = 1_048_575;

/** How long a ready file is kept before it is deleted. */
export const EXPORT_RETENTION_DAYS = 7;

export const ExportErrorCode = {
  ExportNotFound: 'export.not_found',
  ExportNotReady: 'export.not_ready',
  /** The job failed for good (after retries); try again later. */
  ExportFailed: 'export.failed',
  /** The job stopped without finishing (e.g. the server was restarted in embedded mode). */
  ExportInterrupted: 'export.interrupted',
  /** More rows than one spreadsheet sheet holds (1,048,575 after the header): export as CSV instead. */
  ExportTooLarge: 'export.too_large',
} as const;
export type ExportErrorCode = (typeof ExportErrorCode)[keyof typeof ExportErrorCode];

export const ExportRoutes = {
  exports: `${API_V1}/exports`,
  export: (id: string) => `${API_V1}/exports/${encodeURIComponent(id)}`,
  file: (id: string) => `${API_V1}/exports/${encodeURIComponent(id)}/file`,
} as const;
