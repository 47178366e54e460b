import { addDays } from '@brevet/domain';

/** The UTC offset of `timeZone` at `instant`, in milliseconds (wall clock minus UTC). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day (`YYYY-MM-DD`) starts in `timeZone` (DST-safe). */
export function startOfDayIn(day: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  const guess = midnightUtc - offsetAt(midnightUtc, timeZone);
  return new Date(midnightUtc - offsetAt(guess, timeZone));
}

/** The last whole second of a calendar day in `timeZone`: "valid until 31 March" ends here. */
export function endOfDayIn(day: string, timeZone: string): Date {
  return new Date(startOfDayIn(addDays(day, 1), timeZone).getTime() - 1000);
}

/** `YYYY-MM-DDTHH:MM:SSZ`: OB 3.0's DateTimeZ, to the second. */
export function dateTimeZ(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}Z`;
}
