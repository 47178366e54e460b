import type { AwardRecordStatus, CalendarDuration, CertificateStatus } from '@brevet/contracts';
import { certificateStatus, statusOn, type AwardFacts } from './certificate-status';

function award(
  issuedOn: string,
  validUntil: string | null,
  status: AwardRecordStatus = 'active',
): AwardFacts {
  return { issuedOn, validUntil, status };
}

const TWO_MONTHS: CalendarDuration = { months: 2 };
const YEAR_TO_31_MAR = award('2025-03-31', '2026-03-31');
const TO_LEAP_DAY = award('2027-02-28', '2028-02-29');
const BACKWARDS = award('2026-06-01', '2026-05-01');
const REVOKED = award('2025-03-31', '2026-03-31', 'revoked');
const SUPERSEDED = award('2025-03-31', '2026-03-31', 'superseded');

describe('statusOn', () => {
  it.each<[string, AwardFacts, string, CalendarDuration | undefined, CertificateStatus]>([
    ['mid-life', YEAR_TO_31_MAR, '2025-09-01', undefined, 'valid'],
    ['on the issue day', YEAR_TO_31_MAR, '2025-03-31', undefined, 'valid'],
    ['the day before the issue day', YEAR_TO_31_MAR, '2025-03-30', undefined, 'not_yet_valid'],
    ['on the last valid day', YEAR_TO_31_MAR, '2026-03-31', undefined, 'valid'],
    ['the day after the last valid day', YEAR_TO_31_MAR, '2026-04-01', undefined, 'expired'],
    ['years later', YEAR_TO_31_MAR, '2030-01-01', undefined, 'expired'],
    ['issued and expiring the same day', award('2026-05-05', '2026-05-05'), '2026-05-05', undefined, 'valid'],

    // Warning window of 2 months: 31 January – 31 March 2026.
    ['the day before the window', YEAR_TO_31_MAR, '2026-01-30', TWO_MONTHS, 'valid'],
    ['the day the window opens', YEAR_TO_31_MAR, '2026-01-31', TWO_MONTHS, 'expiring'],
    ['on the last valid day, inside the window', YEAR_TO_31_MAR, '2026-03-31', TWO_MONTHS, 'expiring'],
    ['after expiry, with a window', YEAR_TO_31_MAR, '2026-04-01', TWO_MONTHS, 'expired'],
    ['30-day window, first day', YEAR_TO_31_MAR, '2026-03-01', { days: 30 }, 'expiring'],
    ['30-day window, the day before', YEAR_TO_31_MAR, '2026-02-28', { days: 30 }, 'valid'],
    ['zero window: the last day only', YEAR_TO_31_MAR, '2026-03-31', {}, 'expiring'],
    ['zero window: the day before', YEAR_TO_31_MAR, '2026-03-30', {}, 'valid'],
    ['window longer than the award', YEAR_TO_31_MAR, '2025-03-31', { months: 13 }, 'expiring'],

    // Leap years and month ends.
    ['valid until a leap day, on it', TO_LEAP_DAY, '2028-02-29', undefined, 'valid'],
    ['valid until a leap day, the day after', TO_LEAP_DAY, '2028-03-01', undefined, 'expired'],
    ['1-month window before 31 March: 28 Feb', YEAR_TO_31_MAR, '2026-02-28', { months: 1 }, 'expiring'],
    ['1-month window before 31 March: 27 Feb', YEAR_TO_31_MAR, '2026-02-27', { months: 1 }, 'valid'],

    // No expiry.
    ['never expires', award('2020-01-01', null), '2099-12-31', TWO_MONTHS, 'valid'],
    ['never expires, not yet issued', award('2027-01-01', null), '2026-12-31', undefined, 'not_yet_valid'],

    // Recorded facts come first: revoked, then superseded, whatever the calendar says.
    ['revoked while valid', REVOKED, '2025-09-01', undefined, 'revoked'],
    ['revoked after expiry', REVOKED, '2026-04-01', undefined, 'revoked'],
    ['revoked before issue', REVOKED, '2025-01-01', undefined, 'revoked'],
    ['revoked inside the window', REVOKED, '2026-03-01', TWO_MONTHS, 'revoked'],
    ['revoked, never expiring', award('2025-03-31', null, 'revoked'), '2026-03-01', undefined, 'revoked'],
    ['superseded while valid', SUPERSEDED, '2025-09-01', undefined, 'superseded'],
    ['superseded after expiry', SUPERSEDED, '2026-04-01', undefined, 'superseded'],
    ['superseded inside the window', SUPERSEDED, '2026-03-01', TWO_MONTHS, 'superseded'],
    ['superseded before issue', SUPERSEDED, '2025-01-01', undefined, 'superseded'],

    // Inconsistent dates (last valid day before the issue day): not yet valid until issued, then expired.
    ['backwards dates, before both', BACKWARDS, '2026-04-01', undefined, 'not_yet_valid'],
    ['backwards dates, between', BACKWARDS, '2026-05-15', undefined, 'not_yet_valid'],
    ['backwards dates, after both', BACKWARDS, '2026-07-01', undefined, 'expired'],
  ])('%s', (_, value, today, window, expected) => expect(statusOn(value, today, window)).toBe(expected));

  it.each<[string, AwardFacts, string]>([
    ['a bad today', YEAR_TO_31_MAR, '2026-13-01'],
    ['a bad issue day', award('2025-02-29', '2026-03-31'), '2026-01-01'],
    ['a bad last day', award('2025-03-31', '31.03.2026'), '2026-01-01'],
  ])('refuses %s', (_, value, today) => expect(() => statusOn(value, today)).toThrow(RangeError));
});

describe('certificateStatus: calendar days in the branch’s time zone', () => {
  // [scenario, last valid day, now, time zone, status, today there, days left]; issued long ago.
  type Row = [string, string | null, string, string, CertificateStatus, string, number | null];

  // prettier-ignore
  it.each<Row>([
    // Summer: Berlin is UTC+2, New York UTC−4. Valid until 30 June 2026.
    ['Berlin, 23:59:59.999 on the last day', '2026-06-30', '2026-06-30T21:59:59.999Z', 'Europe/Berlin', 'valid', '2026-06-30', 0],
    ['Berlin, 00:00 the next day', '2026-06-30', '2026-06-30T22:00:00.000Z', 'Europe/Berlin', 'expired', '2026-07-01', -1],
    ['same instant, New York: still the last day', '2026-06-30', '2026-06-30T22:00:00.000Z', 'America/New_York', 'valid', '2026-06-30', 0],
    ['same instant, UTC: still the last day', '2026-06-30', '2026-06-30T22:00:00.000Z', 'UTC', 'valid', '2026-06-30', 0],
    ['New York, 23:59:59.999 on the last day', '2026-06-30', '2026-07-01T03:59:59.999Z', 'America/New_York', 'valid', '2026-06-30', 0],
    ['New York, 00:00 the next day', '2026-06-30', '2026-07-01T04:00:00.000Z', 'America/New_York', 'expired', '2026-07-01', -1],
    ['Tokyo (UTC+9), 00:00 the next day', '2026-06-30', '2026-06-30T15:00:00.000Z', 'Asia/Tokyo', 'expired', '2026-07-01', -1],
    ['Kiritimati (UTC+14) is a day ahead at 10:00 UTC', '2026-06-30', '2026-06-30T10:00:00.000Z', 'Pacific/Kiritimati', 'expired', '2026-07-01', -1],

    // Winter: Berlin is UTC+1.
    ['Berlin winter, 23:59:59 on the last day', '2026-01-31', '2026-01-31T22:59:59.000Z', 'Europe/Berlin', 'valid', '2026-01-31', 0],
    ['Berlin winter, 00:00 the next day', '2026-01-31', '2026-01-31T23:00:00.000Z', 'Europe/Berlin', 'expired', '2026-02-01', -1],

    // Last Sunday of March 2026: Berlin skips 02:00–03:00, the day has 23 hours and ends at 22:00 UTC.
    ['Berlin, the day before the change, end', '2026-03-28', '2026-03-28T22:59:59.999Z', 'Europe/Berlin', 'valid', '2026-03-28', 0],
    ['Berlin, the change day begins at 23:00 UTC', '2026-03-28', '2026-03-28T23:00:00.000Z', 'Europe/Berlin', 'expired', '2026-03-29', -1],
    ['Berlin, the 23-hour day, last millisecond', '2026-03-29', '2026-03-29T21:59:59.999Z', 'Europe/Berlin', 'valid', '2026-03-29', 0],
    ['Berlin, after the 23-hour day', '2026-03-29', '2026-03-29T22:00:00.000Z', 'Europe/Berlin', 'expired', '2026-03-30', -1],

    // Last Sunday of October 2026: 02:00–03:00 happens twice, the day has 25 hours and ends at 23:00 UTC.
    ['Berlin, 02:30 the first time', '2026-10-25', '2026-10-25T00:30:00.000Z', 'Europe/Berlin', 'valid', '2026-10-25', 0],
    ['Berlin, 02:30 the second time', '2026-10-25', '2026-10-25T01:30:00.000Z', 'Europe/Berlin', 'valid', '2026-10-25', 0],
    ['Berlin, the 25-hour day, last millisecond', '2026-10-25', '2026-10-25T22:59:59.999Z', 'Europe/Berlin', 'valid', '2026-10-25', 0],
    ['Berlin, after the 25-hour day', '2026-10-25', '2026-10-25T23:00:00.000Z', 'Europe/Berlin', 'expired', '2026-10-26', -1],

    // Second Sunday of March 2026 in New York: the change day ends at 04:00 UTC (EDT), not 05:00 (EST).
    ['New York, the change day, last millisecond', '2026-03-08', '2026-03-09T03:59:59.999Z', 'America/New_York', 'valid', '2026-03-08', 0],
    ['New York, after the change day', '2026-03-08', '2026-03-09T04:00:00.000Z', 'America/New_York', 'expired', '2026-03-09', -1],

    // Days left and the year end.
    ['a month left', '2026-12-31', '2026-12-01T12:00:00.000Z', 'Europe/Berlin', 'valid', '2026-12-01', 30],
    ['New Year in Berlin, still 31 December in New York', '2026-12-31', '2026-12-31T23:30:00.000Z', 'America/New_York', 'valid', '2026-12-31', 0],
    ['New Year in Berlin', '2026-12-31', '2026-12-31T23:30:00.000Z', 'Europe/Berlin', 'expired', '2027-01-01', -1],
    ['never expires', null, '2026-06-30T22:00:00.000Z', 'Europe/Berlin', 'valid', '2026-07-01', null],
  ])('%s', (_, validUntil, now, zone, status, today, daysLeft) =>
    expect(certificateStatus(award('2020-01-01', validUntil), new Date(now), zone)).toEqual({
      status,
      today,
      daysLeft,
    }),
  );

  it.each<[string, string, CertificateStatus]>([
    ['Europe/Berlin', '2026-07-01', 'valid'],
    ['America/New_York', '2026-06-30', 'not_yet_valid'],
  ])('an award issued on 1 July, at 22:30 UTC on 30 June, in %s (today %s) is %s', (zone, today, status) =>
    expect(
      certificateStatus(award('2026-07-01', '2027-06-30'), new Date('2026-06-30T22:30:00Z'), zone),
    ).toEqual({
      status,
      today,
      daysLeft: status === 'valid' ? 364 : 365,
    }),
  );

  it.each<[string, CertificateStatus]>([
    ['Europe/Berlin', 'expiring'],
    ['America/New_York', 'valid'],
  ])('the warning window opens at local midnight: %s → %s', (zone, status) =>
    expect(certificateStatus(YEAR_TO_31_MAR, new Date('2026-01-30T23:00:00Z'), zone, TWO_MONTHS).status).toBe(
      status,
    ),
  );

  it('keeps the recorded status and still counts days left', () =>
    expect(
      certificateStatus(
        award('2025-03-31', '2026-03-31', 'revoked'),
        new Date('2026-03-01T12:00:00Z'),
        'UTC',
      ),
    ).toEqual({ status: 'revoked', today: '2026-03-01', daysLeft: 30 }));

  it('refuses an invalid instant', () =>
    expect(() => certificateStatus(YEAR_TO_31_MAR, new Date('not a date'), 'UTC')).toThrow(RangeError));

  it('refuses an unknown time zone', () =>
    expect(() =>
      certificateStatus(YEAR_TO_31_MAR, new Date('2026-01-01T00:00:00Z'), 'Mars/Olympus_Mons'),
    ).toThrow(RangeError));
});
