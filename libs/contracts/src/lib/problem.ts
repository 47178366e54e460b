import { CourseErrorCode } from './courses';
import { EvidenceErrorCode } from './evidence';
import { MailErrorCode } from './mail';
import { JobErrorCode } from './jobs';
import { ExportErrorCode } from './exports';
import { SsoErrorCode } from './sso';
import { WebhookErrorCode } from './webhooks';
import { ReportSubscriptionErrorCode } from './report-subscriptions';
import { TrainingSessionErrorCode } from './training-sessions';
/**
 * Every API error is an RFC 9457 problem document served as `application/problem+json`.
 * `code` is stable and machine-readable; `title`/`detail` are for people.
 */
export interface FieldError {
  /** Dotted path of the offending field, e.g. `timezone` or `rows.12.email`. */
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Error codes shared by the API and the admin UI (which translates them). */
export const ErrorCode = {
  ValidationFailed: 'validation_failed',
  NotFound: 'not_found',
  Conflict: 'conflict',
  VersionConflict: 'version_conflict',
  ServiceUnavailable: 'service_unavailable',
  Internal: 'internal_error',
  PayloadTooLarge: 'payload_too_large',
  Unauthenticated: 'auth.unauthenticated',
  Forbidden: 'auth.forbidden',
  InvalidCredentials: 'auth.invalid_credentials',
  AccountLocked: 'auth.locked',
  RateLimited: 'auth.rate_limited',
  PasswordLoginDisabled: 'auth.password_login_disabled',
  CrossSiteRequest: 'auth.cross_site_request',
  BranchCodeTaken: 'branch.code_taken',
  BranchNotFound: 'branch.not_found',
  RegionNotFound: 'region.not_found',
  RegionCodeTaken: 'region.code_taken',
  RegionCycle: 'region.cycle',
  JobRoleNotFound: 'job_role.not_found',
  JobRoleCodeTaken: 'job_role.code_taken',
  StaffNotFound: 'staff.not_found',
  EmployeeNumberTaken: 'staff.employee_number_taken',
  ManagerNotFound: 'staff.manager_not_found',
  ManagerCycle: 'staff.manager_cycle',
  BranchNotActive: 'branch.not_active',
  HrImportNotFound: 'hr_import.not_found',
  HrImportNotApplicable: 'hr_import.not_applicable',
  HrImportBusy: 'hr_import.busy',
  HrImportFileTooLarge: 'hr_import.file_too_large',
  HrImportStale: 'hr_import.stale',
  ScimTokenNotFound: 'scim.token_not_found',
  CredentialNotFound: 'credential.not_found',
  CredentialCodeTaken: 'credential.code_taken',
  CredentialNothingToPublish: 'credential.nothing_to_publish',
  CredentialBadgeNotFound: 'credential.badge_not_found',
  CredentialBadgeInvalid: 'credential.badge_invalid',
  CredentialBadgeTooLarge: 'credential.badge_too_large',
  AwardNotFound: 'award.not_found',
  AwardNotRevocable: 'award.not_revocable',
  AwardNotRenewable: 'award.not_renewable',
  AwardStaffUnknown: 'award.staff_unknown',
  AwardStaffLeft: 'award.staff_left',
  AwardCredentialUnknown: 'award.credential_unknown',
  AwardCredentialNotPublished: 'award.credential_not_published',
  AwardCompletedInFuture: 'award.completed_in_future',
  AwardNewerAwardExists: 'award.newer_award_exists',
  AwardAssessmentFailed: 'award.assessment_failed',
  AwardBatchRejected: 'award.batch_rejected',
  AwardImportTooLarge: 'award.import_too_large',
  SelfNotLinked: 'self.not_linked',
  ...SsoErrorCode,
  ...EvidenceErrorCode,
  ...CourseErrorCode,
  ...MailErrorCode,
  ...JobErrorCode,
  ...ExportErrorCode,
  ...WebhookErrorCode,
  ...ReportSubscriptionErrorCode,
  ...TrainingSessionErrorCode,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
