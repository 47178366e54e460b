import {
  EXPIRY_BASES,
  type CredentialValidityProblem,
  type CredentialValiditySettings,
  type FixedExpiryDate,
} from '@brevet/contracts';
import { daysInMonth, isCalendarDuration } from './calendar';

/** The longest validity accepted: 100 years. Longer means "never expires", which is `null`. */
export const MAX_VALIDITY_MONTHS = 1200;

function isFixedExpiryDate(value: FixedExpiryDate): boolean {
  const { month, day } = value;
  return (
    Number.isInteger(month) &&
    month >= 1 &&
    month <= 12 &&
    Number.isInteger(day) &&
    day >= 1 &&
    day <= daysInMonth(2000, month) // a leap year, so 29 February is allowed
  );
}

/**
 * What is wrong with a definition's validity settings; empty when they are usable. The API checks this on
 * every write, the rules in this folder refuse settings that fail it.
 *
 * The window must be shorter than the validity (otherwise a fresh award would open its own window), measured
 * generously with 28-day months so no issue day can make it reach back to the award's first day. A fixed
 * expiry date repeats yearly, so its validity must be whole years.
 */
export function validitySettingsProblems(settings: CredentialValiditySettings): CredentialValidityProblem[] {
  const problems: CredentialValidityProblem[] = [];
  const { validityMonths, recertification } = settings;
  const { window, expiryBasis, fixedExpiry } = recertification;

  const validityOk =
    validityMonths === null ||
    (Number.isInteger(validityMonths) && validityMonths >= 1 && validityMonths <= MAX_VALIDITY_MONTHS);
  if (!validityOk) problems.push('validity_months_invalid');

  if (!isCalendarDuration(window)) {
    problems.push('window_invalid');
  } else if (validityOk && validityMonths !== null) {
    const windowMonths = (window.months ?? 0) + (window.days ?? 0) / 28;
    if (windowMonths >= validityMonths) problems.push('window_too_long');
  }

  if (!EXPIRY_BASES.includes(expiryBasis)) problems.push('expiry_basis_invalid');

  if (expiryBasis === 'fixed') {
    if (fixedExpiry === null) problems.push('fixed_expiry_missing');
    else if (!isFixedExpiryDate(fixedExpiry)) problems.push('fixed_expiry_invalid');
    if (validityOk && validityMonths !== null && validityMonths % 12 !== 0) {
      problems.push('fixed_validity_not_whole_years');
    }
  } else if (fixedExpiry !== null) {
    problems.push('fixed_expiry_unexpected');
  }

  return problems;
}

/** Throws a RangeError naming the problems unless the settings are usable. */
export function assertValiditySettings(settings: CredentialValiditySettings): void {
  const problems = validitySettingsProblems(settings);
  if (problems.length > 0)
    throw new RangeError(`invalid credential validity settings: ${problems.join(', ')}`);
}
