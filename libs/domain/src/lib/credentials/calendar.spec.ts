import {
  addDays,
  addDuration,
  addMonths,
  clampedDay,
  daysBetween,
  daysInMonth,
  isCalendarDuration,
  subtractDuration,
} from './calendar';

describe('addMonths', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'], // clamp to a short February
    ['2028-01-31', 1, '2028-02-29'], // … which is longer in a leap year
    ['2026-03-31', 1, '2026-04-30'],
    ['2024-02-29', 12, '2025-02-28'], // leap day to a common year
    ['2024-02-29', 48, '2028-02-29'], // and back to a leap year
    ['2025-02-28', 12, '2026-02-28'],
    ['2026-11-30', 3, '2027-02-28'], // across a year end
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-03-31', -1, '2026-02-28'], // backwards, clamped
    ['2026-01-15', -1, '2025-12-15'], // backwards across a year end
    ['2026-05-31', -24, '2024-05-31'],
    ['2026-07-04', 0, '2026-07-04'],
    ['2026-07-04', 1200, '2126-07-04'],
  ])('%s + %i months = %s', (day, n, expected) => expect(addMonths(day, n)).toBe(expected));

  it('does not chain back to the 31st after clamping (each step starts from its own day)', () => {
    expect(addMonths(addMonths('2026-01-31', 1), 1)).toBe('2026-03-28');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
  });

  it.each([
    ['2026-02-30', 1],
    ['31.01.2026', 1],
    ['2026-01-31', 1.5],
    ['2026-01-31', Number.NaN],
    ['9999-12-31', 1],
  ])('refuses %j + %d', (day, n) => expect(() => addMonths(day, n)).toThrow(RangeError));
});

describe('addDays', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-03-28', 1, '2026-03-29'], // European DST change: still one calendar day
    ['2026-10-25', 1, '2026-10-26'],
    ['2026-03-31', -60, '2026-01-30'],
    ['2026-07-04', 0, '2026-07-04'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 365, '2028-12-31'],
    ['0050-01-01', 1, '0050-01-02'], // two-digit years are not read as 19xx
  ])('%s + %i days = %s', (day, n, expected) => expect(addDays(day, n)).toBe(expected));

  it.each([
    ['2026-02-29', 1],
    ['2026-01-01', 0.5],
    ['9999-12-31', 1],
    ['0000-01-01', -1],
  ])('refuses %j + %d', (day, n) => expect(() => addDays(day, n)).toThrow(RangeError));
});

describe('daysBetween', () => {
  it.each([
    ['2026-03-31', '2026-03-31', 0],
    ['2026-03-30', '2026-03-31', 1],
    ['2026-04-01', '2026-03-31', -1],
    ['2026-03-01', '2026-03-31', 30], // a DST change inside the span loses no day
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
  ])('%s → %s = %i', (from, to, expected) => expect(daysBetween(from, to)).toBe(expected));

  it('refuses a non-day', () => expect(() => daysBetween('2026-03-31', '2026-03-32')).toThrow(RangeError));

  it('agrees with the UTC clock for every day from 1899 to 2101 and at the ends of the calendar', () => {
    const utcDays = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
    const days: string[] = ['0000-01-01', '0000-02-29', '0000-03-01', '0001-01-01', '9999-12-31'];
    for (let t = Date.UTC(1899, 0, 1); t <= Date.UTC(2101, 0, 1); t += 86_400_000)
      days.push(new Date(t).toISOString().slice(0, 10));
    const origin = '1970-01-01';
    const wrong = days.filter((day) => daysBetween(origin, day) !== utcDays(day) - utcDays(origin));
    expect(wrong).toEqual([]);
  });
});

describe('daysInMonth and clampedDay', () => {
  it.each([
    [2026, 2, 28],
    [2028, 2, 29],
    [2100, 2, 28], // divisible by 100, not by 400
    [2000, 2, 29], // divisible by 400
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, expected) => expect(daysInMonth(year, month)).toBe(expected));

  it.each([
    [2027, 2, 29, '2027-02-28'],
    [2028, 2, 29, '2028-02-29'],
    [2026, 4, 31, '2026-04-30'],
    [2026, 3, 31, '2026-03-31'],
  ])('%i-%i-%i → %s', (year, month, day, expected) => expect(clampedDay(year, month, day)).toBe(expected));
});

describe('durations', () => {
  it.each([
    ['2026-03-31', { months: 1 }, '2026-02-28'],
    ['2026-03-31', { days: 30 }, '2026-03-01'],
    ['2026-03-31', { months: 1, days: 15 }, '2026-02-13'], // months first, then days
    ['2026-03-31', {}, '2026-03-31'],
    ['2026-01-15', { months: 2 }, '2025-11-15'],
  ])('%s − %j = %s', (day, duration, expected) => expect(subtractDuration(day, duration)).toBe(expected));

  it.each([
    ['2026-01-31', { months: 1 }, '2026-02-28'],
    ['2026-01-31', { months: 1, days: 1 }, '2026-03-01'],
    ['2026-12-15', { days: 20 }, '2027-01-04'],
  ])('%s + %j = %s', (day, duration, expected) => expect(addDuration(day, duration)).toBe(expected));

  it.each([{ months: -1 }, { days: 1.5 }, { months: Number.NaN }])('refuses %j', (duration) => {
    expect(isCalendarDuration(duration)).toBe(false);
    expect(() => subtractDuration('2026-03-31', duration)).toThrow(RangeError);
    expect(() => addDuration('2026-03-31', duration)).toThrow(RangeError);
  });

  it.each([{}, { months: 0 }, { months: 2, days: 10 }])('accepts %j', (duration) =>
    expect(isCalendarDuration(duration)).toBe(true),
  );
});
