import { isIanaTimeZone } from './time-zone';

describe('isIanaTimeZone', () => {
  it.each([
    'Europe/Berlin',
    'Europe/Vienna',
    'Europe/Zurich',
    'Europe/Warsaw',
    'America/Argentina/Buenos_Aires',
    'UTC',
  ])('accepts %s', (zone) => expect(isIanaTimeZone(zone)).toBe(true));

  it.each([
    'Europe/Berlinn',
    'Mars/Olympus_Mons',
    '+01:00',
    'CET1',
    '',
    'europe/berlin ',
    'Europe/../etc/passwd',
  ])('rejects %j', (zone) => expect(isIanaTimeZone(zone)).toBe(false));
});
