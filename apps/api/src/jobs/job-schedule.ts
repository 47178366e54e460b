import { addDays, dayIn, isIanaTimeZone, isIsoDay } from '@brevet/domain';

/** ISO weekday: 1 Monday … 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * When a recurring job falls due: every day, or every week on one weekday, at a wall-clock time (`HH:MM`, 24 h)
 * in an IANA time zone. One slot per matching local day, also on daylight-saving days:
 * - a time the clocks skip (e.g. 02:30 when they jump from 02:00 to 03:00) moves forward by the jump (03:30);
 * - a time that happens twice (when the clocks go back) takes the first of the two.
 */
export type JobSchedule =
  | { every: 'day'; at: string; timeZone: string }
  | { every: 'week'; on: Weekday; at: string; timeZone: string };

/** One occurrence of a schedule. */
export interface ScheduleSlot {
  /** The instant the slot falls due. */
  at: Date;
  /** Its calendar day in the schedule's zone (`YYYY-MM-DD`). */
  day: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;
/** How far slot searches look: a week plus the days a daylight-saving shift can move a slot across. */
const SEARCH_DAYS = 9;

/** Throws a RangeError naming what is wrong with `schedule`. */
export function assertValidSchedule(schedule: JobSchedule): void {
  if (!TIME.test(schedule.at))
    throw new RangeError(`schedule time "${schedule.at}" is not HH:MM (00:00–23:59)`);
  if (!isIanaTimeZone(schedule.timeZone))
    throw new RangeError(`schedule time zone "${schedule.timeZone}" is not an IANA time zone`);
  if (schedule.every === 'week' && !(Number.isInteger(schedule.on) && schedule.on >= 1 && schedule.on <= 7))
    throw new RangeError(`schedule weekday ${String(schedule.on)} is not 1 (Monday) … 7 (Sunday)`);
}

/** The latest slot at or before `now`. */
export function latestSlot(schedule: JobSchedule, now: Date): ScheduleSlot {
  const today = dayIn(now, schedule.timeZone);
  for (let k = -1; k <= SEARCH_DAYS; k++) {
    const day = addDays(today, -k);
    if (!fallsOn(schedule, day)) continue;
    const slot = slotOn(schedule, day);
    if (slot.at.getTime() <= now.getTime()) return slot;
  }
  throw new RangeError(`no slot of ${describeSchedule(schedule)} before ${now.toISOString()}`);
}

/** The first slot strictly after `now`. */
export function nextSlot(schedule: JobSchedule, now: Date): ScheduleSlot {
  const today = dayIn(now, schedule.timeZone);
  for (let k = -1; k <= SEARCH_DAYS; k++) {
    const day = addDays(today, k);
    if (!fallsOn(schedule, day)) continue;
    const slot = slotOn(schedule, day);
    if (slot.at.getTime() > now.getTime()) return slot;
  }
  throw new RangeError(`no slot of ${describeSchedule(schedule)} after ${now.toISOString()}`);
}

/** The slot of `schedule` on a local day it falls on. */
export function slotOn(schedule: JobSchedule, day: string): ScheduleSlot {
  return { at: zonedInstant(day, schedule.at, schedule.timeZone), day };
}

/** Whether the schedule has a slot on this local day. */
export function fallsOn(schedule: JobSchedule, day: string): boolean {
  return schedule.every === 'day' || isoWeekday(day) === schedule.on;
}

/**
 * The deterministic job ID of one slot: the job name and the slot's instant in UTC, e.g.
 * `compliance.snapshot.20261128T0300Z`. Every process computes the same ID for the same slot.
 */
export function slotJobId(job: string, slot: ScheduleSlot): string {
  const iso = slot.at.toISOString(); // 2026-11-28T03:00:00.000Z
  return `${job}.${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

/** ISO weekday of a calendar day (1 Monday … 7 Sunday). */
export function isoWeekday(day: string): Weekday {
  return (((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1) as Weekday;
}

/**
 * The instant when the wall clocks in `timeZone` show `day` `time`. A skipped time moves forward by the length of
 * the gap; a repeated time takes its first occurrence (the "compatible" rule of JavaScript's Temporal).
 */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  if (!isIsoDay(day)) throw new RangeError(`"${day}" is not a day written YYYY-MM-DD`);
  const match = TIME.exec(time);
  if (!match) throw new RangeError(`"${time}" is not HH:MM`);
  const [year, month, date] = day.split('-').map(Number);
  const wall = Date.UTC(year, month - 1, date, Number(match[1]), Number(match[2]));
  // Offsets a day either side; a zone changes its offset at most once in between.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const valid = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => instant + offsetAt(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  return new Date(valid.length > 0 ? valid[0] : wall - before);
}

/** How far the wall clocks in `timeZone` are ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function describeSchedule(schedule: JobSchedule): string {
  const when = schedule.every === 'day' ? 'every day' : `every week on ISO weekday ${schedule.on}`;
  return `${when} at ${schedule.at} ${schedule.timeZone}`;
}
