import type { Page } from './paging';

/**
 * HR CSV import: a file from the HR system upserts staff by employee number. Each import is validated first
 * (the dry run), then applied on request, atomically.
 *
 * - `receiving`: the file is being uploaded
 * - `uploaded`: stored, validation queued
 * - `validating`: the dry run is reading the file (see `processedRows` / `totalRows`)
 * - `validated`: no errors; `preview` says what applying would do
 * - `invalid`: the file has errors (see the issues); it cannot be applied
 * - `applying`: being applied, in one transaction
 * - `applied`: done; `result` says what was done
 * - `failed`: something outside the file went wrong (see `failure`); nothing was changed
 */
export const HR_IMPORT_STATUSES = [
  'receiving',
  'uploaded',
  'validating',
  'validated',
  'invalid',
  'applying',
  'applied',
  'failed',
] as const;
export type HrImportStatus = (typeof HR_IMPORT_STATUSES)[number];

/** What the dry run predicts (`preview`) or what applying did (`result`), in people. */
export interface HrImportCounts {
  /** Person rows in the file. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** People missing from a full export, marked as left. */
  deactivated: number;
  /** Rows marked as left for people Brevet does not know: nothing to do. */
  skipped: number;
}

export const HR_IMPORT_ISSUE_SEVERITIES = ['error', 'warning'] as const;
export type HrImportIssueSeverity = (typeof HR_IMPORT_ISSUE_SEVERITIES)[number];

/** Stable codes of the problems a file can have; the admin UI translates them. */
export const HrImportIssueCode = {
  FileEmpty: 'file.empty',
  FileEncoding: 'file.encoding',
  CsvSyntax: 'csv.syntax',
  MissingColumn: 'header.missing_column',
  DuplicateColumn: 'header.duplicate_column',
  UnknownColumn: 'header.unknown_column',
  FieldCount: 'row.field_count',
  Required: 'row.required',
  InvalidEmployeeNumber: 'row.invalid_employee_number',
  InvalidName: 'row.invalid_name',
  InvalidEmail: 'row.invalid_email',
  InvalidDate: 'row.invalid_date',
  InvalidLanguage: 'row.invalid_language',
  InvalidStatus: 'row.invalid_status',
  UnknownBranch: 'row.unknown_branch',
  ArchivedBranch: 'row.archived_branch',
  UnknownRole: 'row.unknown_role',
  DuplicateEmployeeNumber: 'row.duplicate_employee_number',
  UnknownManager: 'row.unknown_manager',
  SelfManager: 'row.self_manager',
  ManagerCycle: 'row.manager_cycle',
  LeftUnknownPerson: 'row.left_unknown_person',
  TooManyIssues: 'file.too_many_issues',
} as const;
export type HrImportIssueCode = (typeof HrImportIssueCode)[keyof typeof HrImportIssueCode];

/**
 * A problem in the file. `row` is the row as a spreadsheet shows it: the header is row 1, the first person
 * row 2; a cell with a line break in it does not start a new row. Row 0 means the file as a whole.
 */
export interface HrImportIssue {
  row: number;
  /** The column's name as written in the file's header, when the problem is in one cell. */
  column: string | null;
  severity: HrImportIssueSeverity;
  code: HrImportIssueCode;
  message: string;
}

export interface HrImportSummary {
  id: string;
  status: HrImportStatus;
  fileName: string;
  fileSize: number;
  /** People missing from the file are marked as left when it is applied. */
  fullExport: boolean;
  /** `utf-8`, `utf-8-bom` or `windows-1252`; null until known. */
  encoding: string | null;
  /** `,`, `;` or a tab; null until known. */
  delimiter: string | null;
  processedRows: number;
  /** An estimate while validating, exact afterwards; null until known. */
  totalRows: number | null;
  /** 0–1 while validating; null when there is nothing to show (e.g. while applying, one transaction). */
  progress: number | null;
  errorCount: number;
  warningCount: number;
  preview: HrImportCounts | null;
  result: HrImportCounts | null;
  /** Why a validation or apply failed for reasons outside the file. */
  failure: string | null;
  createdAt: string;
  validatedAt: string | null;
  appliedAt: string | null;
}

export interface HrImportDetail extends HrImportSummary {
  /** Which file column fed which field, e.g. `{ employee_number: 'Personalnummer' }`. */
  columns: Partial<Record<HrImportField, string>> | null;
  /** True when `POST …/apply` would be accepted. */
  canApply: boolean;
  /** The first issues, by row; all of them through the issues list or the result CSV. */
  issues: HrImportIssue[];
}

export type HrImportPage = Page<HrImportSummary>;
export type HrImportIssuePage = Page<HrImportIssue>;

export const HR_IMPORT_FIELDS = [
  'employee_number',
  'given_name',
  'family_name',
  'email',
  'preferred_language',
  'branch_code',
  'job_role_codes',
  'manager_employee_number',
  'hire_date',
  'status',
] as const;
export type HrImportField = (typeof HR_IMPORT_FIELDS)[number];

export interface HrImportColumnSpec {
  field: HrImportField;
  /** A required column must be in the header; its cells may still be empty where `valueRequired` is false. */
  required: boolean;
  valueRequired: boolean;
  /** The header to write in an English and a German file. */
  header: { en: string; de: string };
  /** Further accepted headers (compared case-insensitively, ignoring spaces, `-`, `_`, `.` and umlaut spelling). */
  aliases: readonly string[];
}

/** The file format, shared by the importer and the admin UI's help text. */
export const HR_IMPORT_COLUMNS: readonly HrImportColumnSpec[] = [
  {
    field: 'employee_number',
    required: true,
    valueRequired: true,
    header: { en: 'employee_number', de: 'Personalnummer' },
    aliases: ['Personal-Nr', 'Pers.-Nr.', 'PersNr', 'employee no', 'employee id'],
  },
  {
    field: 'given_name',
    required: true,
    valueRequired: true,
    header: { en: 'given_name', de: 'Vorname' },
    aliases: ['first_name', 'firstname'],
  },
  {
    field: 'family_name',
    required: true,
    valueRequired: true,
    header: { en: 'family_name', de: 'Nachname' },
    aliases: ['last_name', 'surname', 'Familienname'],
  },
  {
    field: 'email',
    required: false,
    valueRequired: false,
    header: { en: 'email', de: 'E-Mail' },
    aliases: ['mail', 'email_address', 'E-Mail-Adresse'],
  },
  {
    field: 'preferred_language',
    required: false,
    valueRequired: false,
    header: { en: 'preferred_language', de: 'Sprache' },
    aliases: ['language'],
  },
  {
    field: 'branch_code',
    required: true,
    valueRequired: true,
    header: { en: 'branch_code', de: 'Standort' },
    aliases: ['branch', 'Niederlassung', 'Standortcode', 'Filiale'],
  },
  {
    field: 'job_role_codes',
    required: true,
    valueRequired: false,
    header: { en: 'job_role_codes', de: 'Rollen' },
    aliases: ['job_roles', 'roles', 'Funktion', 'Funktionen', 'Rolle'],
  },
  {
    field: 'manager_employee_number',
    required: false,
    valueRequired: false,
    header: { en: 'manager_employee_number', de: 'Vorgesetzter' },
    aliases: ['manager', 'Vorgesetzte', 'Vorgesetzter Personalnummer', 'Vorgesetzte Personalnummer'],
  },
  {
    field: 'hire_date',
    required: true,
    valueRequired: true,
    header: { en: 'hire_date', de: 'Eintrittsdatum' },
    aliases: ['Eintritt', 'start_date'],
  },
  {
    field: 'status',
    required: false,
    valueRequired: false,
    header: { en: 'status', de: 'Status' },
    aliases: [],
  },
];

/** The largest file accepted, in bytes. */
export const HR_IMPORT_MAX_BYTES = 100 * 1024 * 1024;

export const HrImportRoutes = {
  list: '/api/v1/hr-imports',
  one: (id: string) => `/api/v1/hr-imports/${encodeURIComponent(id)}`,
  issues: (id: string) => `/api/v1/hr-imports/${encodeURIComponent(id)}/issues`,
  resultCsv: (id: string) => `/api/v1/hr-imports/${encodeURIComponent(id)}/result.csv`,
  apply: (id: string) => `/api/v1/hr-imports/${encodeURIComponent(id)}/apply`,
} as const;
