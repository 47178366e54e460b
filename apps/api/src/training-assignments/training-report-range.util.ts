import type { FieldError } from '@brevet/contracts';

/** The longest report range, as for the compliance trends. */
export const MAX_REPORT_DAYS = 1096;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `day` moved by `days`; an impossible day (2026-02-30) comes back as another, a malformed one as ''. */
const addDays = (day: string, days: number): string => {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? '' : new Date(ms + days * 86_400_000).toISOString().slice(0, 10);
};

/**
 * The days a training report covers (UTC, both inclusive): `to` defaults to today, `from` to a year before
 * `to`. Used by `GET /training/report` and the `training-report` export alike.
 */
export function trainingReportRange(
  query: { from?: string; to?: string },
  now: Date,
): { from: string; to: string } {
  const to = query.to ?? now.toISOString().slice(0, 10);
  return { from: query.from ?? addDays(to, -364), to };
}

/** What is wrong with a range: days that are not `YYYY-MM-DD`, `from` after `to`, or more than 1096 days. */
export function trainingReportRangeErrors(range: { from: string; to: string }, prefix = ''): FieldError[] {
  const bad = (day: string) => !DAY.test(day) || addDays(day, 0) !== day;
  const errors: FieldError[] = [];
  if (bad(range.from)) errors.push({ field: `${prefix}from`, message: 'must be a day (YYYY-MM-DD)' });
  if (bad(range.to)) errors.push({ field: `${prefix}to`, message: 'must be a day (YYYY-MM-DD)' });
  if (errors.length > 0) return errors;
  if (range.from > range.to) return [{ field: `${prefix}from`, message: 'must not be after to' }];
  if (addDays(range.from, MAX_REPORT_DAYS - 1) < range.to)
    return [{ field: `${prefix}to`, message: `the range may span at most ${MAX_REPORT_DAYS} days` }];
  return [];
}
