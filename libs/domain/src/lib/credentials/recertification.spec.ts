import type {
  CalendarDuration,
  CredentialValiditySettings,
  ExpiryBasis,
  FixedExpiryDate,
  RenewalCountsFrom,
  RenewalTiming,
} from '@brevet/contracts';
import { expiryFor, previewRenewal, recertificationWindow, type PreviousAward } from './recertification';

function definition(
  validityMonths: number | null,
  expiryBasis: ExpiryBasis = 'completion',
  window: CalendarDuration = { months: 2 },
  fixedExpiry: FixedExpiryDate | null = null,
): CredentialValiditySettings {
  return { validityMonths, recertification: { window, expiryBasis, fixedExpiry } };
}

const until = (validUntil: string | null): PreviousAward => ({ validUntil });

describe('recertificationWindow', () => {
  it.each<[CalendarDuration, string, string]>([
    [{ months: 2 }, '2026-03-31', '2026-01-31'],
    [{ months: 1 }, '2026-03-31', '2026-02-28'], // clamped to the end of February
    [{ months: 1 }, '2028-03-30', '2028-02-29'], // leap year
    [{ days: 30 }, '2026-03-31', '2026-03-01'],
    [{ months: 1, days: 15 }, '2026-03-31', '2026-02-13'], // months first, then days
    [{ months: 3 }, '2027-01-15', '2026-10-15'], // across a year end
    [{}, '2026-03-31', '2026-03-31'], // no window: only the expiry day itself
  ])('a %j window before %s opens on %s', (window, validUntil, opensOn) =>
    expect(recertificationWindow(definition(12, 'completion', window), validUntil)).toEqual({
      opensOn,
      closesOn: validUntil,
    }),
  );

  it('is null for an award that never expires', () =>
    expect(recertificationWindow(definition(12), null)).toBeNull());
});

// The previous award in most rows is valid until 31 March 2026; with a 2-month window, its window is
// 31 January – 31 March 2026.
const PREV = until('2026-03-31');

const completion12 = definition(12, 'completion');
const completion1 = definition(1, 'completion', { days: 7 });
const expiry12 = definition(12, 'expiry');
const expiry24Days = definition(24, 'expiry', { days: 90 });
const never = definition(null);
const fixed31Mar = definition(12, 'fixed', { months: 2 }, { month: 3, day: 31 });
const fixed31Mar2y = definition(24, 'fixed', { months: 2 }, { month: 3, day: 31 });
const fixed31MarNoWindow = definition(12, 'fixed', {}, { month: 3, day: 31 });
const fixed31Jan = definition(12, 'fixed', { months: 2 }, { month: 1, day: 31 });
const fixed31Dec = definition(12, 'fixed', { days: 30 }, { month: 12, day: 31 });
const fixed29Feb = definition(12, 'fixed', { months: 1 }, { month: 2, day: 29 });

// [scenario, definition, completed on, previous award, timing, counts from, new valid until]
type Row = [
  string,
  CredentialValiditySettings,
  string,
  PreviousAward | null,
  RenewalTiming,
  RenewalCountsFrom,
  string | null,
];

// prettier-ignore
describe.each<Row>([
  // Completion basis: always completion day + validity.
  ['completion: first award', completion12, '2026-03-15', null, 'first_award', 'completion', '2027-03-15'],
  ['completion: inside the window', completion12, '2026-03-01', PREV, 'inside_window', 'completion', '2027-03-01'],
  ['completion: before the window', completion12, '2025-12-01', PREV, 'before_window', 'completion', '2026-12-01'],
  ['completion: after expiry', completion12, '2026-05-02', PREV, 'after_expiry', 'completion', '2027-05-02'],
  ['completion: on a leap day', completion12, '2024-02-29', null, 'first_award', 'completion', '2025-02-28'],
  ['completion: 31 January + 1 month', completion1, '2026-01-31', null, 'first_award', 'completion', '2026-02-28'],
  ['completion: previous never expires', completion12, '2026-03-01', until(null), 'previous_never_expires', 'completion', '2027-03-01'],
  // Expiry basis: from the previous expiry inside the window, otherwise from completion (Totara's fallback).
  ['expiry: inside the window', expiry12, '2026-02-15', PREV, 'inside_window', 'previous_expiry', '2027-03-31'],
  ['expiry: on the day the window opens', expiry12, '2026-01-31', PREV, 'inside_window', 'previous_expiry', '2027-03-31'],
  ['expiry: on the expiry day', expiry12, '2026-03-31', PREV, 'inside_window', 'previous_expiry', '2027-03-31'],
  ['expiry: the day before the window', expiry12, '2026-01-30', PREV, 'before_window', 'completion', '2027-01-30'],
  ['expiry: the day after expiry', expiry12, '2026-04-01', PREV, 'after_expiry', 'completion', '2027-04-01'],
  ['expiry: a year after expiry', expiry12, '2027-06-15', PREV, 'after_expiry', 'completion', '2028-06-15'],
  ['expiry: first award', expiry12, '2026-02-15', null, 'first_award', 'completion', '2027-02-15'],
  ['expiry: previous never expires', expiry12, '2026-02-15', until(null), 'previous_never_expires', 'completion', '2027-02-15'],
  ['expiry: previous expires on a leap day', expiry12, '2028-02-01', until('2028-02-29'), 'inside_window', 'previous_expiry', '2029-02-28'],
  ['expiry: a clamped expiry stays on the 28th', expiry12, '2025-02-10', until('2025-02-28'), 'inside_window', 'previous_expiry', '2026-02-28'],
  ['expiry: 90-day window, opening day', expiry24Days, '2026-04-01', until('2026-06-30'), 'inside_window', 'previous_expiry', '2028-06-30'],
  ['expiry: 90-day window, the day before', expiry24Days, '2026-03-31', until('2026-06-30'), 'before_window', 'completion', '2028-03-31'],
  // No validity: never expires, whatever the timing.
  ['never: first award', never, '2026-02-15', null, 'first_award', 'never_expires', null],
  ['never: renewing a dated award', never, '2026-03-01', PREV, 'inside_window', 'never_expires', null],
  // Fixed 31 March, 12 months, window from 31 January.
  ['fixed: first award inside the window', fixed31Mar, '2026-02-15', null, 'first_award', 'fixed_date', '2027-03-31'],
  ['fixed: renewed inside the window', fixed31Mar, '2026-02-15', PREV, 'inside_window', 'fixed_date', '2027-03-31'],
  ['fixed: on the day the window opens', fixed31Mar, '2026-01-31', PREV, 'inside_window', 'fixed_date', '2027-03-31'],
  ['fixed: on the fixed day itself', fixed31Mar, '2026-03-31', PREV, 'inside_window', 'fixed_date', '2027-03-31'],
  ['fixed: the day before the window counts for this cycle', fixed31Mar, '2026-01-30', PREV, 'before_window', 'fixed_date', '2026-03-31'],
  ['fixed: the day after the fixed day', fixed31Mar, '2026-04-01', PREV, 'after_expiry', 'fixed_date', '2027-03-31'],
  ['fixed: late, inside next year’s window', fixed31Mar, '2027-02-15', PREV, 'after_expiry', 'fixed_date', '2028-03-31'],
  ['fixed: mid-year first award runs to the next 31 March', fixed31Mar, '2025-06-01', null, 'first_award', 'fixed_date', '2026-03-31'],
  ['fixed: two-yearly, inside the window', fixed31Mar2y, '2026-02-15', PREV, 'inside_window', 'fixed_date', '2028-03-31'],
  ['fixed: two-yearly, mid-year first award', fixed31Mar2y, '2025-06-01', null, 'first_award', 'fixed_date', '2027-03-31'],
  ['fixed: no window, the day before', fixed31MarNoWindow, '2026-03-30', null, 'first_award', 'fixed_date', '2026-03-31'],
  ['fixed: no window, on the day', fixed31MarNoWindow, '2026-03-31', null, 'first_award', 'fixed_date', '2027-03-31'],
  // Fixed 31 January: the window (30 November – 31 January) spans the year end.
  ['fixed 31 Jan: December, inside the window', fixed31Jan, '2025-12-15', null, 'first_award', 'fixed_date', '2027-01-31'],
  ['fixed 31 Jan: window opening day', fixed31Jan, '2025-11-30', null, 'first_award', 'fixed_date', '2027-01-31'],
  ['fixed 31 Jan: the day before the window', fixed31Jan, '2025-11-29', null, 'first_award', 'fixed_date', '2026-01-31'],
  ['fixed 31 Jan: 1 February', fixed31Jan, '2026-02-01', null, 'first_award', 'fixed_date', '2027-01-31'],
  // Fixed 31 December with a 30-day window (1–31 December).
  ['fixed 31 Dec: on the day', fixed31Dec, '2026-12-31', null, 'first_award', 'fixed_date', '2027-12-31'],
  ['fixed 31 Dec: New Year’s Day', fixed31Dec, '2027-01-01', null, 'first_award', 'fixed_date', '2027-12-31'],
  ['fixed 31 Dec: 30 November', fixed31Dec, '2026-11-30', null, 'first_award', 'fixed_date', '2026-12-31'],
  // Fixed 29 February: the last day of February, 29th in leap years.
  ['fixed 29 Feb: inside the 2027 window', fixed29Feb, '2027-02-01', null, 'first_award', 'fixed_date', '2028-02-29'],
  ['fixed 29 Feb: before the 2027 window', fixed29Feb, '2027-01-27', null, 'first_award', 'fixed_date', '2027-02-28'],
  ['fixed 29 Feb: just after the leap day', fixed29Feb, '2028-03-01', null, 'first_award', 'fixed_date', '2029-02-28'],
])('%s', (_, def, completedOn, previous, timing, countsFrom, validUntil) => {
  it(`completed ${completedOn} → ${timing}, counts from ${countsFrom}, valid until ${validUntil}`, () => {
    expect(previewRenewal(def, completedOn, previous)).toMatchObject({ timing, countsFrom, validUntil });
    expect(expiryFor(def, completedOn, previous)).toBe(validUntil);
  });
});

describe('previewRenewal', () => {
  it('explains a renewal today against the current award, for the UI', () =>
    expect(previewRenewal(expiry12, '2026-02-15', { validUntil: '2026-03-31' })).toEqual({
      timing: 'inside_window',
      countsFrom: 'previous_expiry',
      validUntil: '2027-03-31',
      window: { opensOn: '2026-01-31', closesOn: '2026-03-31' },
    }));

  it('has no window without a previous award, or when it never expires', () => {
    expect(previewRenewal(expiry12, '2026-02-15').window).toBeNull();
    expect(previewRenewal(expiry12, '2026-02-15', until(null)).window).toBeNull();
  });

  it('accepts a full award as the previous one', () => {
    const award = { id: 'a1', issuedOn: '2025-03-31', validUntil: '2026-03-31', status: 'active' as const };
    expect(expiryFor(expiry12, '2026-03-15', award)).toBe('2027-03-31');
  });

  it.each<[string, CredentialValiditySettings, string]>([
    ['fixed basis without a date', definition(12, 'fixed'), '2026-02-15'],
    ['fixed basis with 18 months', definition(18, 'fixed', {}, { month: 3, day: 31 }), '2026-02-15'],
    ['zero validity', definition(0), '2026-02-15'],
    ['completion day that is not a day', completion12, '2026-02-30'],
  ])('refuses %s', (_, def, completedOn) => {
    expect(() => previewRenewal(def, completedOn)).toThrow(RangeError);
    expect(() => expiryFor(def, completedOn)).toThrow(RangeError);
  });
});
