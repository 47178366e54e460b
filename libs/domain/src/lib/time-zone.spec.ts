import { canonicalTimeZone, isIanaTimeZone } from './time-zone';

describe('canonicalTimeZone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['Europe/Vienna', 'Europe/Vienna'],
    ['Europe/Zurich', 'Europe/Zurich'],
    ['Europe/Warsaw', 'Europe/Warsaw'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['UTC', 'UTC'],
  ])('accepts %s', (input, expected) => {
    expect(canonicalTimeZone(input)).toBe(expected);
  });

  it.each([
    ['Europe/Berlinn'],
    ['Mars/Olympus_Mons'],
    ['+01:00'],
    ['CET1'],
    [''],
    ['europe/berlin '],
    ['Europe/../etc/passwd'],
  ])('rejects %j', (input) => {
    expect(canonicalTimeZone(input)).toBeNull();
    expect(isIanaTimeZone(input)).toBe(false);
  });
});
