import {
  DIGEST_FREQUENCIES,
  REMINDER_MAX_OFFSET_DAYS,
  REMINDER_MAX_OFFSETS,
  type ComplianceStatus,
  type DigestFrequency,
  type ReminderSettings,
} from '@brevet/contracts';
import { addDays, daysBetween, isIanaTimeZone } from '@brevet/domain';

/** What applies until HR changes it. */
export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  offsetsDays: [60, 30, 7],
  overdue: true,
  digest: { frequency: 'weekly', weekday: 1 },
  timeZone: 'Europe/Berlin',
  trainingAssignments: true,
};

/**
 * Which expiry reminder is due for a certificate with `daysLeft` days to its last valid day: the smallest offset
 * that `daysLeft` has reached. With offsets 60, 30 and 7: 45 days left → 60, 30 → 30, 12 → 30, 0 → 7, and
 * 61 → none. A run that missed days therefore sends only the latest reminder, never a pile of older ones; each
 * offset is sent at most once per certificate (the mail key). Past the last valid day it is overdue instead.
 */
export function expiryStage(daysLeft: number, offsets: readonly number[]): number | null {
  if (daysLeft < 0) return null;
  const reached = offsets.filter((o) => daysLeft <= o);
  return reached.length > 0 ? Math.min(...reached) : null;
}

/**
 * The first day a requirement was overdue: the day after its due day, or, for an expired certificate, the day
 * after its last valid day if that is later. One overdue email per lapse is keyed by this day.
 */
export function overdueSince(row: {
  status: ComplianceStatus;
  dueOn: string;
  validUntil: string | null;
}): string {
  const due = addDays(row.dueOn, 1);
  if (row.status === 'expired' && row.validUntil) {
    const lapsed = addDays(row.validUntil, 1);
    return lapsed > due ? lapsed : due;
  }
  return due;
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/**
 * The day a digest stands for: today for daily digests; for weekly ones the latest configured weekday on or
 * before today (so a week has one digest, sent on the first run from that weekday on that has something to
 * report); null when off.
 */
export function digestDay(today: string, frequency: DigestFrequency, weekday: number): string | null {
  switch (frequency) {
    case 'off':
      return null;
    case 'daily':
      return today;
    case 'weekly':
      return addDays(today, -((isoWeekday(today) - weekday + 7) % 7));
  }
}

/** Days from `today` to `day`. */
export const daysUntil = (today: string, day: string): number => daysBetween(today, day);

/**
 * Checks a settings value (a request, or what is stored); returns field errors, empty when valid. Offsets must
 * be whole days between 0 and 365, at most six of them, no repeats.
 */
export function reminderSettingsProblems(value: ReminderSettings): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const offsets = value.offsetsDays;
  if (!Array.isArray(offsets) || offsets.length === 0 || offsets.length > REMINDER_MAX_OFFSETS) {
    problems.push({ field: 'offsetsDays', message: `give 1 to ${REMINDER_MAX_OFFSETS} offsets` });
  } else if (offsets.some((o) => !Number.isInteger(o) || o < 0 || o > REMINDER_MAX_OFFSET_DAYS)) {
    problems.push({ field: 'offsetsDays', message: `whole days from 0 to ${REMINDER_MAX_OFFSET_DAYS}` });
  } else if (new Set(offsets).size !== offsets.length) {
    problems.push({ field: 'offsetsDays', message: 'each offset once' });
  }
  if (!DIGEST_FREQUENCIES.includes(value.digest?.frequency))
    problems.push({ field: 'digest.frequency', message: `one of ${DIGEST_FREQUENCIES.join(', ')}` });
  if (!Number.isInteger(value.digest?.weekday) || value.digest.weekday < 1 || value.digest.weekday > 7)
    problems.push({ field: 'digest.weekday', message: '1 (Monday) to 7 (Sunday)' });
  if (typeof value.timeZone !== 'string' || !isIanaTimeZone(value.timeZone))
    problems.push({ field: 'timeZone', message: 'an IANA time zone such as Europe/Berlin' });
  if (typeof value.overdue !== 'boolean') problems.push({ field: 'overdue', message: 'true or false' });
  if (typeof value.trainingAssignments !== 'boolean')
    problems.push({ field: 'trainingAssignments', message: 'true or false' });
  return problems;
}

/** The stored settings, or the defaults where nothing (valid) was stored; offsets largest first. */
export function effectiveReminderSettings(stored: unknown): ReminderSettings {
  const candidate = { ...DEFAULT_REMINDER_SETTINGS, ...(isObject(stored) ? stored : {}) } as ReminderSettings;
  const settings = reminderSettingsProblems(candidate).length === 0 ? candidate : DEFAULT_REMINDER_SETTINGS;
  return {
    offsetsDays: [...settings.offsetsDays].sort((a, b) => b - a),
    overdue: settings.overdue,
    digest: { frequency: settings.digest.frequency, weekday: settings.digest.weekday },
    timeZone: settings.timeZone,
    trainingAssignments: settings.trainingAssignments,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
