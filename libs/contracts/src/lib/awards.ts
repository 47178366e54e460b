import type { CredentialCategory, CredentialDefinitionStatus } from './catalogue';
import type {
  AwardRecordStatus,
  CertificateStatus,
  RecertificationWindow,
  RenewalCountsFrom,
  RenewalPreview,
  RenewalTiming,
} from './credentials';
import type { LocalizedText } from './open-badges';
import type { Page } from './paging';

/**
 * Awards: one person's certificate for one credential definition version. What is recorded is `recordStatus`
 * (active, revoked, superseded); `status` is the effective status, derived from the dates on the day the
 * request is answered, in the time zone of the person's branch (see docs/credentials-rules.md).
 */

/** The outcome of the assessment behind an award. An award records a pass; `passed: false` is refused. */
export interface AssessmentResult {
  /** Percent, 0–100, one decimal. */
  score?: number | null;
  passed?: boolean | null;
  /** A grade in the definition's grade scheme, e.g. "B1 – gut". */
  grade?: string | null;
  /** Percent needed to pass, when the result comes from a Brevet course assessment. */
  passMark?: number | null;
  /** The course version the assessment was taken on (set by the courses module only). */
  course?: { id: string; code: string; version: number } | null;
}

/** How an award came in: one by one, a roster, a CSV import, or the demo seed. */
export const AWARD_SOURCES = ['single', 'bulk', 'import', 'seed'] as const;
export type AwardSource = (typeof AWARD_SOURCES)[number];

export interface AwardStaffRef {
  id: string;
  employeeNumber: string;
  givenName: string;
  familyName: string;
  branchId: string;
  branchCode: string;
  branchName: string;
}

export interface AwardCredentialRef {
  /** The definition. */
  id: string;
  code: string;
  category: CredentialCategory;
  /** The title of the version the award was issued under. */
  title: LocalizedText;
  versionId: string;
  version: number;
}

export interface Award {
  id: string;
  staff: AwardStaffRef;
  credential: AwardCredentialRef;
  /** The completion day: valid from the start of it. */
  issuedOn: string;
  /** The last valid day; null when it never expires. */
  validUntil: string | null;
  issuer: string;
  assessmentResult: AssessmentResult | null;
  /** A reference to stored evidence (the evidence feature); null when none. */
  evidenceId: string | null;
  recordStatus: AwardRecordStatus;
  /** Effective status on `today`. */
  status: CertificateStatus;
  /** The day `status` was judged for, in the branch's time zone. */
  today: string;
  /** Days from `today` to `validUntil` (0 on the last valid day, negative once expired); null without expiry. */
  daysLeft: number | null;
  /** When renewing counts from this award's expiry (`expiry` basis) and when it shows as `expiring`. */
  renewalWindow: RecertificationWindow | null;
  /** Why `validUntil` is what it is. */
  countsFrom: RenewalCountsFrom;
  timing: RenewalTiming;
  /** The award this one renewed (and superseded); null for a first award. */
  renewalOfId: string | null;
  supersededById: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
  /** This award's position in the Open Badges status list. */
  statusListIndex: number | null;
  source: AwardSource;
  createdAt: string;
}

export type AwardPage = Page<Award>;

export const AWARD_SORT_FIELDS = ['issuedOn', 'validUntil', 'staff', 'credential'] as const;
export type AwardSortField = (typeof AWARD_SORT_FIELDS)[number];

export interface AwardListQuery {
  page?: number;
  pageSize?: number;
  /** `issuedOn` (default, newest first: `-issuedOn`), `validUntil`, `staff`, `credential`. */
  sort?: string;
  staffId?: string;
  definitionId?: string;
  /** The person's current branch. */
  branchId?: string;
  /** Effective status today in the branch's time zone. */
  status?: CertificateStatus;
  /** Recorded as active, not expired, and expiring within this many days (0 = today is the last day). */
  expiringWithinDays?: number;
}

export interface IssueAwardRequest {
  staffId: string;
  definitionId: string;
  /** The day the person completed the assessment; not in the future. */
  completedOn: string;
  assessmentResult?: AssessmentResult | null;
  evidenceId?: string | null;
  /** Who issues it (a user ID once sign-in exists). */
  issuer: string;
}

export interface RenewAwardRequest {
  completedOn: string;
  assessmentResult?: AssessmentResult | null;
  evidenceId?: string | null;
  issuer: string;
}

export interface RevokeAwardRequest {
  /** Why, in words a person can check later; required. */
  reason: string;
  revokedBy?: string;
}

/** What issuing would do: the same calculation as issuing, nothing saved. */
export interface AwardPreview {
  staffId: string;
  definitionId: string;
  versionId: string;
  version: number;
  completedOn: string;
  /** `issue` a first award, `renew` (supersedes `previous`), or `unchanged` (this completion is already recorded). */
  outcome: AwardBatchOutcome;
  /** The active award this completion would supersede; null when there is none. */
  previous: { id: string; issuedOn: string; validUntil: string | null; status: CertificateStatus } | null;
  /** The domain's explanation: timing, what the expiry counts from, the new `validUntil`. */
  renewal: RenewalPreview;
}

/** Stable codes of the problems a roster or CSV row can have; the admin UI translates them. */
export const AwardIssueCode = {
  FileEmpty: 'file.empty',
  FileEncoding: 'file.encoding',
  CsvSyntax: 'csv.syntax',
  TooManyRows: 'file.too_many_rows',
  MissingColumn: 'header.missing_column',
  DuplicateColumn: 'header.duplicate_column',
  UnknownColumn: 'header.unknown_column',
  FieldCount: 'row.field_count',
  Required: 'row.required',
  InvalidDate: 'row.invalid_date',
  InvalidScore: 'row.invalid_score',
  UnknownStaff: 'row.unknown_staff',
  StaffLeft: 'row.staff_left',
  UnknownCredential: 'row.unknown_credential',
  CredentialNotPublished: 'row.credential_not_published',
  CompletedInFuture: 'row.completed_in_future',
  NewerAwardExists: 'row.newer_award_exists',
  Duplicate: 'row.duplicate',
  PreviouslyRevoked: 'row.previously_revoked',
} as const;
export type AwardIssueCode = (typeof AwardIssueCode)[keyof typeof AwardIssueCode];

export interface AwardBatchIssue {
  /** Spreadsheet row of a CSV import (header = 1); null for a roster. */
  row: number | null;
  /** Position in `staffIds` of a roster (0-based); null for a CSV import. */
  index: number | null;
  /** The column as written in the file's header, when the problem is in one cell. */
  column: string | null;
  severity: 'error' | 'warning';
  code: AwardIssueCode;
  message: string;
}

export const AWARD_BATCH_OUTCOMES = ['issue', 'renew', 'unchanged'] as const;
export type AwardBatchOutcome = (typeof AWARD_BATCH_OUTCOMES)[number];

export interface AwardBatchItem {
  row: number | null;
  index: number | null;
  staffId: string;
  employeeNumber: string;
  definitionId: string;
  credentialCode: string;
  completedOn: string;
  validUntil: string | null;
  countsFrom: RenewalCountsFrom;
  timing: RenewalTiming;
  outcome: AwardBatchOutcome;
  /** The new award (or the existing one when unchanged); null in a dry run for new awards. */
  awardId: string | null;
  /** The active award this one supersedes. */
  supersedesId: string | null;
}

export interface AwardBatchCounts {
  items: number;
  issued: number;
  renewed: number;
  unchanged: number;
}

/**
 * The answer to a roster or CSV import. A dry run reports every problem and the plan; applying either
 * saves everything (`applied: true`) or, when any row has an error, nothing (HTTP 422 with the problems).
 */
export interface AwardBatchResult {
  dryRun: boolean;
  applied: boolean;
  counts: AwardBatchCounts;
  errorCount: number;
  warningCount: number;
  /** Every problem, by row (at most `AWARD_BATCH_MAX_ISSUES`). */
  issues: AwardBatchIssue[];
  items: AwardBatchItem[];
  /** CSV imports only: how the file was read. */
  file: { name: string; encoding: string; delimiter: string } | null;
}

export interface BulkAwardRequest {
  definitionId: string;
  completedOn: string;
  /** The roster: up to `AWARD_BATCH_MAX_ITEMS` people. */
  staffIds: string[];
  assessmentResult?: AssessmentResult | null;
  issuer: string;
  /** Check and plan only; save nothing. */
  dryRun?: boolean;
}

export const AWARD_BATCH_MAX_ITEMS = 5000;
export const AWARD_BATCH_MAX_ISSUES = 500;
/** The largest award CSV accepted, in bytes. */
export const AWARD_IMPORT_MAX_BYTES = 2 * 1024 * 1024;

export const AWARD_IMPORT_FIELDS = ['employee_number', 'credential_code', 'completed_on', 'score'] as const;
export type AwardImportField = (typeof AWARD_IMPORT_FIELDS)[number];

export interface AwardImportColumnSpec {
  field: AwardImportField;
  required: boolean;
  header: { en: string; de: string };
  /** Further accepted headers (case, spaces, `-`, `_`, `.` and umlaut spelling do not matter). */
  aliases: readonly string[];
}

/** The award CSV format, shared by the importer and the admin UI's help text. */
export const AWARD_IMPORT_COLUMNS: readonly AwardImportColumnSpec[] = [
  {
    field: 'employee_number',
    required: true,
    header: { en: 'employee_number', de: 'Personalnummer' },
    aliases: ['Personal-Nr', 'Pers.-Nr.', 'PersNr', 'employee no', 'employee id'],
  },
  {
    field: 'credential_code',
    required: true,
    header: { en: 'credential_code', de: 'Nachweis' },
    aliases: ['credential', 'code', 'Zertifikat', 'Nachweiscode', 'Schulung'],
  },
  {
    field: 'completed_on',
    required: true,
    header: { en: 'completed_on', de: 'Abschlussdatum' },
    aliases: ['completion_date', 'completed', 'Datum', 'bestanden am', 'abgeschlossen am'],
  },
  {
    field: 'score',
    required: false,
    header: { en: 'score', de: 'Ergebnis' },
    aliases: ['Punkte', 'Punktzahl', 'result', 'percent'],
  },
];

/** One credential of one person, for their page: the award that counts (or the latest) and its history. */
export interface StaffCredential {
  credential: {
    id: string;
    code: string;
    category: CredentialCategory;
    title: LocalizedText;
    definitionStatus: CredentialDefinitionStatus;
  };
  /** Effective status of `award`. */
  status: CertificateStatus;
  /** The award in force today, otherwise the most recent one. */
  award: Award;
  /** Every award of this credential, newest first (includes `award`). */
  history: Award[];
}

export interface StaffCredentials {
  staffId: string;
  /** Today in the person's branch's time zone. */
  today: string;
  items: StaffCredential[];
}

export const AwardRoutes = {
  list: '/api/v1/awards',
  one: (id: string) => `/api/v1/awards/${encodeURIComponent(id)}`,
  revoke: (id: string) => `/api/v1/awards/${encodeURIComponent(id)}/revoke`,
  renew: (id: string) => `/api/v1/awards/${encodeURIComponent(id)}/renew`,
  bulk: '/api/v1/awards/bulk',
  import: '/api/v1/awards/import',
  preview: '/api/v1/awards/preview',
  staffCredentials: (staffId: string) => `/api/v1/staff/${encodeURIComponent(staffId)}/credentials`,
} as const;
