import { dayIn, isIsoDay } from './dates';

describe('isIsoDay', () => {
  it.each(['2026-11-28', '2024-02-29', '2000-02-29', '0000-02-29', '9999-12-31', '2026-04-30'])(
    'accepts %s',
    (d) => expect(isIsoDay(d)).toBe(true),
  );
  it.each([
    '2026-02-30',
    '2025-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '28.11.2026',
    '2026-1-1',
    '2026-11-28T00:00',
    '',
  ])('rejects %j', (d) => expect(isIsoDay(d)).toBe(false));
});

describe('dayIn', () => {
  const instant = new Date('2026-03-28T23:30:00Z');
  it.each([
    ['UTC', '2026-03-28'],
    ['Europe/Berlin', '2026-03-29'],
    ['America/New_York', '2026-03-28'],
  ])('in %s the day is %s', (zone, day) => expect(dayIn(instant, zone)).toBe(day));
});
