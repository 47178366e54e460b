import type { CalendarDuration } from '@brevet/contracts';
import { isIsoDay } from '../dates';

// Arithmetic on ISO calendar days (`YYYY-MM-DD`). Days carry no time and no zone, so nothing here can shift
// by an hour: everything is counted on the proleptic Gregorian calendar, in UTC internally. Two days compare
// correctly as strings (`'2026-03-31' < '2026-04-01'`), which the rules rely on.

const MS_PER_DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

interface DayParts {
  year: number;
  month: number;
  day: number;
}

/** Throws a RangeError unless `value` is a real ISO day. */
export function assertIsoDay(value: string, name = 'day'): void {
  if (!isIsoDay(value))
    throw new RangeError(`${name} must be an ISO day (YYYY-MM-DD), got ${JSON.stringify(value)}`);
}

function assertInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}

function parse(day: string): DayParts {
  assertIsoDay(day);
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) };
}

function format({ year, month, day }: DayParts): string {
  if (year < 0 || year > 9999) throw new RangeError(`year ${year} is outside 0000–9999`);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Days since 1970-01-01 of a valid ISO day, by arithmetic on the proleptic Gregorian calendar (no Date). */
function epochDay(day: string): number {
  const month = Number(day.slice(5, 7));
  // Years start in March here, so the leap day comes last: then a month's first day is a linear formula.
  const year = Number(day.slice(0, 4)) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + Number(day.slice(8, 10)) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

/** `year`-`month`-`day`, with the day clamped to the end of the month (29 February 2027 → 2027-02-28). */
export function clampedDay(year: number, month: number, day: number): string {
  return format({ year, month, day: Math.min(day, daysInMonth(year, month)) });
}

/** The day `n` days after `day` (`n` may be negative). */
export function addDays(day: string, n: number): string {
  assertIsoDay(day);
  assertInteger(n, 'n');
  const result = new Date((epochDay(day) + n) * MS_PER_DAY).toISOString();
  if (!/^\d{4}-/.test(result)) throw new RangeError(`${day} + ${n} days is outside 0000–9999`);
  return result.slice(0, 10);
}

/**
 * The same day of the month `n` months after `day` (`n` may be negative), clamped to the end of a shorter
 * month: 2026-01-31 + 1 month = 2026-02-28, 2024-02-29 + 12 months = 2025-02-28.
 */
export function addMonths(day: string, n: number): string {
  assertInteger(n, 'n');
  const parts = parse(day);
  const index = parts.year * 12 + (parts.month - 1) + n;
  return clampedDay(Math.floor(index / 12), (index % 12) + 1, parts.day);
}

/** Whole days from `from` to `to`: 0 on the same day, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  assertIsoDay(from, 'from');
  assertIsoDay(to, 'to');
  return epochDay(to) - epochDay(from);
}

/** True for a duration whose parts, where given, are whole numbers ≥ 0. */
export function isCalendarDuration(duration: CalendarDuration): boolean {
  const ok = (n: number | undefined) => n === undefined || (Number.isSafeInteger(n) && n >= 0);
  return ok(duration.months) && ok(duration.days);
}

function assertDuration(duration: CalendarDuration): void {
  if (!isCalendarDuration(duration)) {
    throw new RangeError(`duration parts must be whole numbers ≥ 0, got ${JSON.stringify(duration)}`);
  }
}

/** `day` plus the duration: months first (clamped), then days. */
export function addDuration(day: string, duration: CalendarDuration): string {
  assertDuration(duration);
  return addDays(addMonths(day, duration.months ?? 0), duration.days ?? 0);
}

/** `day` minus the duration: months first (clamped), then days. */
export function subtractDuration(day: string, duration: CalendarDuration): string {
  assertDuration(duration);
  return addDays(addMonths(day, -(duration.months ?? 0)), -(duration.days ?? 0));
}
