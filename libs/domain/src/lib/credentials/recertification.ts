import type {
  CalendarDuration,
  CredentialValiditySettings,
  FixedExpiryDate,
  RecertificationWindow,
  RenewalPreview,
  RenewalTiming,
} from '@brevet/contracts';
import { addMonths, assertIsoDay, clampedDay, subtractDuration } from './calendar';
import { assertValiditySettings } from './validity-settings';

/** The award a renewal follows: the one that counts (see `pickCurrentAward`), never a revoked one. */
export interface PreviousAward {
  validUntil: string | null;
}

/**
 * The recertification window of an award valid until `validUntil`: it opens the definition's window length
 * before that day and closes on it, both days included. Null when the award never expires.
 */
export function recertificationWindow(
  definition: CredentialValiditySettings,
  validUntil: string | null,
): RecertificationWindow | null {
  if (validUntil === null) return null;
  return { opensOn: subtractDuration(validUntil, definition.recertification.window), closesOn: validUntil };
}

function timingOf(
  completedOn: string,
  previous: PreviousAward | null | undefined,
  window: RecertificationWindow | null,
): RenewalTiming {
  if (!previous) return 'first_award';
  if (window === null) return 'previous_never_expires';
  if (completedOn > window.closesOn) return 'after_expiry';
  if (completedOn < window.opensOn) return 'before_window';
  return 'inside_window';
}

/**
 * The expiry for a fixed day of the year. Take the first occurrence of the fixed day on or after the
 * completion day. If the completion falls inside the recertification window before that occurrence, it
 * counts for the next cycle, so move on one year. The award then expires on that occurrence, plus whole years
 * when the validity is longer than one year. Completions before the window count for the current cycle only.
 */
function fixedDateExpiry(
  fixed: FixedExpiryDate,
  window: CalendarDuration,
  validityMonths: number,
  completedOn: string,
): string {
  assertIsoDay(completedOn, 'completedOn');
  const on = (year: number) => clampedDay(year, fixed.month, fixed.day);
  let year = Number(completedOn.slice(0, 4));
  if (on(year) < completedOn) year += 1;
  if (completedOn >= subtractDuration(on(year), window)) year += 1;
  return on(year + validityMonths / 12 - 1);
}

/**
 * What a renewal completed on `completedOn` gets, and why. `previous` is the award it renews (null or omitted
 * for a first award). The timing says where `completedOn` stands against the previous award's window; the
 * expiry basis decides what the new expiry counts from:
 * - `completion`: completion day + validity;
 * - `expiry`: previous expiry + validity when inside the window, otherwise completion day + validity;
 * - `fixed`: see `fixedDateExpiry` (the previous award does not matter);
 * - no validity: never expires.
 */
export function previewRenewal(
  definition: CredentialValiditySettings,
  completedOn: string,
  previous?: PreviousAward | null,
): RenewalPreview {
  assertValiditySettings(definition);
  assertIsoDay(completedOn, 'completedOn');
  const window = previous ? recertificationWindow(definition, previous.validUntil) : null;
  const timing = timingOf(completedOn, previous, window);
  const { validityMonths, recertification } = definition;

  if (validityMonths === null) return { timing, window, countsFrom: 'never_expires', validUntil: null };

  const fromCompletion: RenewalPreview = {
    timing,
    window,
    countsFrom: 'completion',
    validUntil: addMonths(completedOn, validityMonths),
  };
  switch (recertification.expiryBasis) {
    case 'completion':
      return fromCompletion;
    case 'expiry':
      if (timing !== 'inside_window' || window === null) return fromCompletion;
      return {
        timing,
        window,
        countsFrom: 'previous_expiry',
        validUntil: addMonths(window.closesOn, validityMonths),
      };
    case 'fixed':
      return {
        timing,
        window,
        countsFrom: 'fixed_date',
        // assertValiditySettings guarantees fixedExpiry for the fixed basis.
        validUntil: fixedDateExpiry(
          recertification.fixedExpiry as FixedExpiryDate,
          recertification.window,
          validityMonths,
          completedOn,
        ),
      };
  }
}

/** The last valid day of an award completed on `completedOn` (null: never expires). See `previewRenewal`. */
export function expiryFor(
  definition: CredentialValiditySettings,
  completedOn: string,
  previous?: PreviousAward | null,
): string | null {
  return previewRenewal(definition, completedOn, previous).validUntil;
}
