import { instantToWallTime, wallTimeToInstant } from './wall-time';

describe('branch wall-clock times', () => {
  it.each([
    ['2026-12-03T09:00', 'Europe/Berlin', '2026-12-03T08:00:00.000Z'],
    ['2026-07-03T09:00', 'Europe/Berlin', '2026-07-03T07:00:00.000Z'],
    ['2026-12-03T09:00', 'Europe/Warsaw', '2026-12-03T08:00:00.000Z'],
    ['2026-12-03T00:30', 'UTC', '2026-12-03T00:30:00.000Z'],
    // Spring forward in Berlin: 02:30 does not exist; it moves on by the hour skipped.
    ['2026-03-29T02:30', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    // Autumn: 02:30 happens twice; the first is taken.
    ['2026-10-25T02:30', 'Europe/Berlin', '2026-10-25T00:30:00.000Z'],
  ])('%s in %s is %s', (wall, zone, iso) => {
    expect(wallTimeToInstant(wall, zone)?.toISOString()).toBe(iso);
  });

  it('refuses malformed values', () => {
    expect(wallTimeToInstant('2026-12-03 09:00', 'UTC')).toBeNull();
    expect(wallTimeToInstant('', 'UTC')).toBeNull();
  });

  it('round-trips to the wall clock of the zone', () => {
    expect(instantToWallTime(new Date('2026-12-03T08:00:00Z'), 'Europe/Berlin')).toBe('2026-12-03T09:00');
    expect(instantToWallTime(new Date('2026-07-03T07:00:00Z'), 'Europe/Zurich')).toBe('2026-07-03T09:00');
  });
});
