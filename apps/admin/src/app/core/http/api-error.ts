import { HttpErrorResponse } from '@angular/common/http';
import { ErrorCode, PROBLEM_CONTENT_TYPE, SsoErrorCode, type ProblemDetails } from '@brevet/contracts';
import type { TranslationKey } from '../i18n';

/** Client-side code for "no answer at all" (offline, DNS, server down): not an API problem code. */
export const NETWORK_ERROR = 'network_error';

/** What every failed API call throws after the {@link problemInterceptor}: the problem+json document. */
export class ApiError extends Error {
  constructor(
    readonly problem: ProblemDetails,
    /** From the `Retry-After` header (429, 503): seconds to wait before trying again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
}

/** Seconds from a `Retry-After` header, which holds either a number of seconds or an HTTP date. */
export function retryAfterSeconds(error: unknown, now = Date.now()): number | null {
  if (error instanceof ApiError) return error.retryAfterSeconds;
  if (!(error instanceof HttpErrorResponse)) return null;
  const header = error.headers.get('retry-after')?.trim();
  if (!header) return null;
  if (/^\d+$/.test(header)) return Number(header);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Turns anything an HTTP call can fail with into the API's problem+json shape. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof ApiError) return error.problem;
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return { type: 'about:blank', title: 'Network error', status: 0, code: NETWORK_ERROR };
    }
    if (isProblem(error.error)) return error.error;
    const contentType = error.headers.get('content-type') ?? '';
    const parsed = contentType.includes(PROBLEM_CONTENT_TYPE) ? parseJson(error.error) : undefined;
    if (isProblem(parsed)) return parsed;
    return {
      type: 'about:blank',
      title: error.statusText || 'Error',
      status: error.status,
      code: error.status >= 500 ? ErrorCode.Internal : `http_${error.status}`,
    };
  }
  return { type: 'about:blank', title: 'Error', status: 0, code: ErrorCode.Internal };
}

const MESSAGES: Partial<Record<string, TranslationKey>> = {
  [NETWORK_ERROR]: 'errors.network',
  [ErrorCode.ValidationFailed]: 'errors.validation',
  [ErrorCode.VersionConflict]: 'errors.versionConflict',
  [ErrorCode.BranchNotFound]: 'errors.branchNotFound',
  [ErrorCode.RegionNotFound]: 'errors.regionNotFound',
  [ErrorCode.BranchCodeTaken]: 'errors.codeTaken',
  [ErrorCode.RegionCodeTaken]: 'errors.regionCodeTaken',
  [ErrorCode.RegionCycle]: 'errors.regionCycle',
  [ErrorCode.JobRoleNotFound]: 'errors.jobRoleNotFound',
  [ErrorCode.JobRoleCodeTaken]: 'errors.jobRoleCodeTaken',
  [ErrorCode.StaffNotFound]: 'errors.staffNotFound',
  [ErrorCode.EmployeeNumberTaken]: 'errors.employeeNumberTaken',
  [ErrorCode.ManagerNotFound]: 'errors.managerNotFound',
  [ErrorCode.ManagerCycle]: 'errors.managerCycle',
  [ErrorCode.BranchNotActive]: 'errors.branchNotActive',
  [ErrorCode.HrImportNotFound]: 'errors.importNotFound',
  [ErrorCode.HrImportNotApplicable]: 'errors.importNotApplicable',
  [ErrorCode.HrImportBusy]: 'errors.importBusy',
  [ErrorCode.HrImportFileTooLarge]: 'errors.importTooLarge',
  [ErrorCode.HrImportStale]: 'errors.importStale',
  [ErrorCode.NotFound]: 'errors.notFound',
  [ErrorCode.ServiceUnavailable]: 'errors.unavailable',
  [ErrorCode.Unauthenticated]: 'errors.unauthenticated',
  [ErrorCode.Forbidden]: 'errors.forbidden',
  [ErrorCode.CrossSiteRequest]: 'errors.crossSite',
  [ErrorCode.CredentialNotFound]: 'catalogue.errors.notFound',
  [ErrorCode.CredentialCodeTaken]: 'catalogue.errors.codeTaken',
  [ErrorCode.CredentialNothingToPublish]: 'catalogue.errors.nothingToPublish',
  [ErrorCode.CredentialBadgeNotFound]: 'catalogue.errors.badgeNotFound',
  [ErrorCode.CredentialBadgeInvalid]: 'catalogue.errors.badgeInvalid',
  [ErrorCode.CredentialBadgeTooLarge]: 'catalogue.errors.badgeTooLarge',
  [ErrorCode.AwardNotFound]: 'awards.errors.notFound',
  [ErrorCode.AwardNotRevocable]: 'awards.errors.notRevocable',
  [ErrorCode.AwardNotRenewable]: 'awards.errors.notRenewable',
  [ErrorCode.AwardStaffUnknown]: 'awards.errors.staffUnknown',
  [ErrorCode.AwardStaffLeft]: 'awards.errors.staffLeft',
  [ErrorCode.AwardCredentialUnknown]: 'awards.errors.credentialUnknown',
  [ErrorCode.AwardCredentialNotPublished]: 'awards.errors.credentialNotPublished',
  [ErrorCode.AwardCompletedInFuture]: 'awards.errors.completedInFuture',
  [ErrorCode.AwardNewerAwardExists]: 'awards.errors.newerAwardExists',
  [ErrorCode.AwardAssessmentFailed]: 'awards.errors.assessmentFailed',
  [ErrorCode.AwardBatchRejected]: 'awards.errors.batchRejected',
  [ErrorCode.AwardImportTooLarge]: 'awards.errors.importTooLarge',
  [SsoErrorCode.IdentityProviderNotFound]: 'errors.ssoNotFound',
  [SsoErrorCode.LastCertificate]: 'errors.ssoLastCertificate',
  [SsoErrorCode.KeyRotationStep]: 'errors.ssoKeyRotationStep',
};

/** The translation key of a plain-words message for a problem, by its stable `code`. */
export function problemMessageKey(problem: ProblemDetails): TranslationKey {
  return MESSAGES[problem.code] ?? 'errors.generic';
}

function isProblem(value: unknown): value is ProblemDetails {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProblemDetails).code === 'string' &&
    typeof (value as ProblemDetails).status === 'number'
  );
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
