import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { isIsoDay } from '@brevet/domain';

/** The API's employee number rule. */
export const EMPLOYEE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/** A person picked in the manager field (typing alone is not a choice). */
export interface ManagerRef {
  id: string;
  employeeNumber: string;
  givenName: string;
  familyName: string;
}

export function isManagerRef(value: unknown): value is ManagerRef {
  return typeof value === 'object' && value !== null && 'id' in value;
}

/** A calendar day `YYYY-MM-DD` (what a date input gives), not before `min` when set. */
export function dayValidator(min?: () => string | null): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const value = control.value;
    if (!value) return null;
    if (!isIsoDay(value)) return { day: true };
    const earliest = min?.();
    return earliest && value < earliest ? { dayMin: earliest } : null;
  };
}

/** Text typed into the manager field but not picked from the list. */
export function managerValidator(
  control: AbstractControl<ManagerRef | string | null>,
): ValidationErrors | null {
  const value = control.value;
  return typeof value === 'string' && value.trim() !== '' ? { manager: true } : null;
}
