// Credential validity, expiry and recertification: the shapes the API and the admin UI share.
// The rules themselves live in `@brevet/domain` (libs/domain/src/lib/credentials); see
// docs/credentials-rules.md. All days are ISO calendar days, `YYYY-MM-DD`.

/**
 * A calendar length such as "2 months" or "1 month and 15 days". Applied months first, then days, with the
 * day clamped to the end of a shorter month (31 March minus 1 month is 28 February).
 */
export interface CalendarDuration {
  months?: number;
  days?: number;
}

/**
 * What a renewal's new expiry is counted from (Totara's "recertification date"):
 * - `completion`: from the day the renewal was completed;
 * - `expiry`: from the previous expiry when renewed inside the recertification window, otherwise from completion;
 * - `fixed`: to a fixed day of the year (e.g. every 31 March).
 */
export const EXPIRY_BASES = ['completion', 'expiry', 'fixed'] as const;
export type ExpiryBasis = (typeof EXPIRY_BASES)[number];

/** A day of the year, e.g. `{ month: 3, day: 31 }`. 29 February means the last day of February. */
export interface FixedExpiryDate {
  month: number;
  day: number;
}

export interface RecertificationSettings {
  /** How long before the expiry day the recertification window opens. */
  window: CalendarDuration;
  expiryBasis: ExpiryBasis;
  /** Required when `expiryBasis` is `fixed`, null otherwise. */
  fixedExpiry: FixedExpiryDate | null;
}

/** The validity part of a credential definition. */
export interface CredentialValiditySettings {
  /** How long an award stays valid, in months; null when it never expires. */
  validityMonths: number | null;
  recertification: RecertificationSettings;
}

/** What `validitySettingsProblems` reports; one code per broken rule. */
export const CREDENTIAL_VALIDITY_PROBLEMS = [
  'validity_months_invalid',
  'window_invalid',
  'window_too_long',
  'expiry_basis_invalid',
  'fixed_expiry_missing',
  'fixed_expiry_invalid',
  'fixed_expiry_unexpected',
  'fixed_validity_not_whole_years',
] as const;
export type CredentialValidityProblem = (typeof CREDENTIAL_VALIDITY_PROBLEMS)[number];

/** What is recorded about an award. Revocation and supersession are facts that people or processes record. */
export const AWARD_RECORD_STATUSES = ['active', 'revoked', 'superseded'] as const;
export type AwardRecordStatus = (typeof AWARD_RECORD_STATUSES)[number];

/** An award's effective status on a given day, derived from the record and the calendar. */
export const CERTIFICATE_STATUSES = [
  'valid',
  'expiring',
  'expired',
  'not_yet_valid',
  'revoked',
  'superseded',
] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** The days on which a renewal counts from the previous expiry; both ends included. */
export interface RecertificationWindow {
  opensOn: string;
  closesOn: string;
}

/** Where a completion day stands relative to the previous award. */
export const RENEWAL_TIMINGS = [
  'first_award',
  'previous_never_expires',
  'before_window',
  'inside_window',
  'after_expiry',
] as const;
export type RenewalTiming = (typeof RENEWAL_TIMINGS)[number];

/** What the new expiry of a renewal was counted from. */
export const RENEWAL_COUNTS_FROM = ['completion', 'previous_expiry', 'fixed_date', 'never_expires'] as const;
export type RenewalCountsFrom = (typeof RENEWAL_COUNTS_FROM)[number];

/** What a renewal completed on a given day would get, and why, so the UI can explain it. */
export interface RenewalPreview {
  timing: RenewalTiming;
  countsFrom: RenewalCountsFrom;
  /** The new award's last valid day; null when the credential never expires. */
  validUntil: string | null;
  /** The previous award's recertification window; null when there is none. */
  window: RecertificationWindow | null;
}
