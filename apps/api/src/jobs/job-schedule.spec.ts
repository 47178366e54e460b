import { addDays } from '@brevet/domain';
import {
  assertValidSchedule,
  isoWeekday,
  latestSlot,
  nextSlot,
  slotJobId,
  slotOn,
  zonedInstant,
  type JobSchedule,
} from './job-schedule';

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe('zonedInstant', () => {
  it.each([
    // zone, day, time, instant
    ['UTC', '2026-11-28', '03:00', '2026-11-28T03:00:00.000Z'],
    ['Europe/Berlin', '2026-01-15', '02:30', '2026-01-15T01:30:00.000Z'], // CET, UTC+1
    ['Europe/Berlin', '2026-07-15', '02:30', '2026-07-15T00:30:00.000Z'], // CEST, UTC+2
    ['America/New_York', '2026-07-04', '23:45', '2026-07-05T03:45:00.000Z'], // a different UTC day
    ['Pacific/Kiritimati', '2026-11-28', '00:15', '2026-11-27T10:15:00.000Z'], // UTC+14
    ['Pacific/Pago_Pago', '2026-11-28', '23:30', '2026-11-29T10:30:00.000Z'], // UTC−11
  ])('%s %s %s is %s', (zone, day, time, expected) =>
    expect(iso(zonedInstant(day, time, zone))).toBe(expected),
  );

  it('moves a time the clocks skip forward by the jump (Berlin, spring: 02:00 → 03:00)', () => {
    // 02:30 does not exist on 29 March 2026; it becomes 03:30 CEST = 01:30 UTC.
    expect(iso(zonedInstant('2026-03-29', '02:30', 'Europe/Berlin'))).toBe('2026-03-29T01:30:00.000Z');
    // The edges of the gap: 01:59 still exists (CET), 03:00 is the first valid minute after it (CEST).
    expect(iso(zonedInstant('2026-03-29', '01:59', 'Europe/Berlin'))).toBe('2026-03-29T00:59:00.000Z');
    expect(iso(zonedInstant('2026-03-29', '03:00', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(zonedInstant('2026-03-29', '02:00', 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes the first of a time that happens twice (Berlin, autumn: 03:00 → 02:00)', () => {
    // 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET) on 25 October 2026.
    expect(iso(zonedInstant('2026-10-25', '02:30', 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(zonedInstant('2026-10-25', '03:00', 'Europe/Berlin'))).toBe('2026-10-25T02:00:00.000Z');
  });

  it('handles a half-hour shift (Lord Howe Island, spring: 02:00 → 02:30)', () => {
    // UTC+10:30 before, UTC+11 after; 02:15 is skipped and moves forward by 30 minutes to 02:45 (+11).
    expect(iso(zonedInstant('2026-10-04', '02:15', 'Australia/Lord_Howe'))).toBe('2026-10-03T15:45:00.000Z');
  });

  it('handles a jump at midnight (Santiago, spring: 00:00 → 01:00)', () => {
    // 6 September 2026: 00:30 does not exist; it becomes 01:30 (UTC−3), still on the same day.
    expect(iso(zonedInstant('2026-09-06', '00:30', 'America/Santiago'))).toBe('2026-09-06T04:30:00.000Z');
  });

  it('refuses what is not a day or a time', () => {
    expect(() => zonedInstant('2026-02-30', '01:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedInstant('2026-02-01', '24:00', 'UTC')).toThrow(RangeError);
  });
});

describe('daily schedule', () => {
  const daily: JobSchedule = { every: 'day', at: '02:30', timeZone: 'Europe/Berlin' };

  it('gives the slot of today once it has passed, else yesterday’s', () => {
    expect(latestSlot(daily, at('2026-11-28T01:30:00.000Z'))).toEqual(slotOn(daily, '2026-11-28'));
    expect(latestSlot(daily, at('2026-11-28T01:29:59.999Z'))).toEqual(slotOn(daily, '2026-11-27'));
    expect(latestSlot(daily, at('2026-11-28T23:30:00.000Z'))).toEqual({
      at: at('2026-11-28T01:30:00.000Z'),
      day: '2026-11-28',
    });
  });

  it('gives the next slot strictly after now', () => {
    expect(nextSlot(daily, at('2026-11-28T01:30:00.000Z'))).toEqual(slotOn(daily, '2026-11-29'));
    expect(nextSlot(daily, at('2026-11-28T01:29:59.999Z'))).toEqual(slotOn(daily, '2026-11-28'));
  });

  it('has exactly one slot on the day the clocks skip the time, 23 hours after the one before', () => {
    const before = latestSlot(daily, at('2026-03-29T01:29:00.000Z'));
    const skipped = nextSlot(daily, at('2026-03-29T01:29:00.000Z'));
    expect(before.day).toBe('2026-03-28');
    expect(skipped).toEqual({ at: at('2026-03-29T01:30:00.000Z'), day: '2026-03-29' });
    expect(skipped.at.getTime() - before.at.getTime()).toBe(24 * 3_600_000); // 02:30 CET → 03:30 CEST
    const after = nextSlot(daily, skipped.at);
    expect(after).toEqual({ at: at('2026-03-30T00:30:00.000Z'), day: '2026-03-30' });
    expect(after.at.getTime() - skipped.at.getTime()).toBe(23 * 3_600_000);
  });

  it('has exactly one slot on the day the time happens twice, the first one', () => {
    const slot = nextSlot(daily, at('2026-10-24T23:00:00.000Z'));
    expect(slot).toEqual({ at: at('2026-10-25T00:30:00.000Z'), day: '2026-10-25' });
    // During the second 02:30 (01:30 UTC) the latest slot is still the first one: no second run that day.
    expect(latestSlot(daily, at('2026-10-25T01:30:00.000Z'))).toEqual(slot);
    expect(nextSlot(daily, at('2026-10-25T01:30:00.000Z'))).toEqual({
      at: at('2026-10-26T01:30:00.000Z'),
      day: '2026-10-26',
    });
  });

  it('walks a whole year one slot per day, each on the next calendar day', () => {
    let slot = latestSlot(daily, at('2026-01-01T12:00:00.000Z'));
    let count = 0;
    while (slot.day < '2027-01-01') {
      count += 1;
      const next = nextSlot(daily, slot.at);
      expect(next.day).toBe(addDays(slot.day, 1));
      slot = next;
    }
    expect(count).toBe(365);
  });
});

describe('weekly schedule', () => {
  const monday: JobSchedule = { every: 'week', on: 1, at: '07:00', timeZone: 'America/New_York' };

  it('knows ISO weekdays', () => {
    expect(isoWeekday('2026-11-23')).toBe(1); // Monday
    expect(isoWeekday('2026-11-29')).toBe(7); // Sunday
  });

  it('gives the last Monday 07:00 in New York, and the next', () => {
    const now = at('2026-11-28T12:00:00.000Z'); // Saturday
    expect(latestSlot(monday, now)).toEqual({ at: at('2026-11-23T12:00:00.000Z'), day: '2026-11-23' });
    expect(nextSlot(monday, now)).toEqual({ at: at('2026-11-30T12:00:00.000Z'), day: '2026-11-30' });
  });

  it('uses the local weekday, not the UTC one', () => {
    const sunday: JobSchedule = { every: 'week', on: 7, at: '23:30', timeZone: 'America/New_York' };
    // Sunday 23:30 in New York is Monday 04:30 UTC.
    expect(nextSlot(sunday, at('2026-11-28T12:00:00.000Z'))).toEqual({
      at: at('2026-11-30T04:30:00.000Z'),
      day: '2026-11-29',
    });
  });

  it('keeps the local time across the change to winter time (a week of 169 hours)', () => {
    const before = nextSlot(monday, at('2026-10-27T00:00:00.000Z')); // Monday 2 November, after the change
    expect(before).toEqual({ at: at('2026-11-02T12:00:00.000Z'), day: '2026-11-02' });
    const previous = latestSlot(monday, at('2026-11-01T00:00:00.000Z'));
    expect(previous).toEqual({ at: at('2026-10-26T11:00:00.000Z'), day: '2026-10-26' });
    expect(before.at.getTime() - previous.at.getTime()).toBe(169 * 3_600_000);
  });
});

describe('slotJobId', () => {
  it('is the job name and the slot instant in UTC, the same for every process', () => {
    const slot = slotOn({ every: 'day', at: '03:00', timeZone: 'UTC' }, '2026-11-28');
    expect(slotJobId('compliance.snapshot', slot)).toBe('compliance.snapshot.20261128T0300Z');
    const berlin = slotOn({ every: 'day', at: '02:30', timeZone: 'Europe/Berlin' }, '2026-03-29');
    expect(slotJobId('x', berlin)).toBe('x.20260329T0130Z');
  });
});

describe('assertValidSchedule', () => {
  it.each<[string, JobSchedule]>([
    ['a time past midnight', { every: 'day', at: '24:00', timeZone: 'UTC' }],
    ['a time without minutes', { every: 'day', at: '3', timeZone: 'UTC' }],
    ['an offset instead of a zone', { every: 'day', at: '03:00', timeZone: '+01:00' }],
    ['weekday 0', { every: 'week', on: 0 as never, at: '03:00', timeZone: 'UTC' }],
  ])('refuses %s', (_, schedule) => expect(() => assertValidSchedule(schedule)).toThrow(RangeError));

  it('accepts a valid weekly schedule', () =>
    expect(() =>
      assertValidSchedule({ every: 'week', on: 7, at: '23:59', timeZone: 'Asia/Kolkata' }),
    ).not.toThrow());
});
