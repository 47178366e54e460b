import type { AbstractControl, ValidationErrors } from '@angular/forms';
import { BRANCH_CODE_PATTERN } from '@brevet/contracts';
import { isIanaTimeZone, isSiteLocale } from '@brevet/domain';

/** The API's code rule; lower case is accepted here because the form upper-cases before sending. */
export function branchCodeValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value.trim().toUpperCase();
  return value === '' || BRANCH_CODE_PATTERN.test(value) ? null : { branchCode: true };
}

/** The same IANA check the API applies (shared from `@brevet/domain`). */
export function timeZoneValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value.trim();
  return value === '' || isIanaTimeZone(value) ? null : { timeZone: true };
}

/** A BCP 47 locale with language and region, as the API accepts it (`de-AT`, `sr-Latn-RS`). */
export function localeValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value.trim();
  return value === '' || isSiteLocale(value) ? null : { locale: true };
}
