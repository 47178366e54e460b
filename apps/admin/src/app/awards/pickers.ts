import type { Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { FormControl } from '@angular/forms';
import type { CredentialListQuery, CredentialSummary, StaffSummary } from '@brevet/contracts';
import { catchError, debounceTime, distinctUntilChanged, filter, map, of, startWith, switchMap } from 'rxjs';
import type { CatalogueApi } from '../catalogue/catalogue-api';
import type { StaffApi } from '../staff/staff-api';

/** What an autocomplete field holds: the picked item, or the text typed so far. */
export type Picked<T> = T | string | null;

export function isCredential(value: unknown): value is CredentialSummary {
  return typeof value === 'object' && value !== null && 'code' in value && 'title' in value;
}

export function isPerson(value: unknown): value is StaffSummary {
  return typeof value === 'object' && value !== null && 'employeeNumber' in value && 'familyName' in value;
}

/**
 * Definitions matching what is typed (code, titles, awarding body); with nothing typed, the first ones, so
 * the list can be browsed. Call in an injection context.
 */
export function credentialOptions(
  control: FormControl<Picked<CredentialSummary>>,
  api: CatalogueApi,
  status: CredentialListQuery['status'] = 'published',
): Signal<CredentialSummary[]> {
  return toSignal(
    control.valueChanges.pipe(
      startWith(control.value),
      filter((value) => !isCredential(value)),
      map((value) => (typeof value === 'string' ? value.trim() : '')),
      debounceTime(200),
      distinctUntilChanged(),
      switchMap((q) => api.search(q, status, 30).pipe(catchError(() => of<CredentialSummary[]>([])))),
    ),
    { initialValue: [] },
  );
}

/** Active people matching what is typed (name, employee number, email), from two characters on. */
export function personOptions(
  control: FormControl<Picked<StaffSummary>>,
  api: StaffApi,
): Signal<StaffSummary[]> {
  return toSignal(
    control.valueChanges.pipe(
      filter((value): value is string => typeof value === 'string'),
      map((q) => q.trim()),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        q.length < 2
          ? of<StaffSummary[]>([])
          : api.search(q, 10).pipe(catchError(() => of<StaffSummary[]>([]))),
      ),
    ),
    { initialValue: [] },
  );
}

/** A picked item must be chosen from the list, not just typed. */
export function pickedValidator(control: { value: unknown }): { pick: true } | null {
  return typeof control.value === 'string' && control.value.trim() !== '' ? { pick: true } : null;
}
