/**
 * Wall-clock times of a branch: a session is entered as "3 Dec 2026, 09:00" in the branch's zone and stored as
 * an instant. `YYYY-MM-DDTHH:mm` is the value of an HTML `datetime-local` input.
 */

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant when the clocks in `timeZone` show `wall`. A time the clocks skip (spring forward) moves on by
 * the gap; a time that happens twice (autumn) takes the first. Null for a malformed value.
 */
export function wallTimeToInstant(wall: string, timeZone: string): Date | null {
  const m = WALL.exec(wall);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const candidates = [zoneOffsetMs(utc - 86_400_000, timeZone), zoneOffsetMs(utc + 86_400_000, timeZone)]
    .map((offset) => utc - offset)
    .filter((instant) => instant + zoneOffsetMs(instant, timeZone) === utc)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? utc - zoneOffsetMs(utc - 86_400_000, timeZone));
}

/** `YYYY-MM-DDTHH:mm` on the clocks of `timeZone` at `instant`. */
export function instantToWallTime(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
  return shifted.toISOString().slice(0, 16);
}
