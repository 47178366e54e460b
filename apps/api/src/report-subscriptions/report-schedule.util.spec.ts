import type { ReportCadence } from '@brevet/contracts';
import { latestReportSlot, nextReportSlot, reportJobId } from './report-schedule.util';

const mondayBerlin: ReportCadence = { every: 'weekly', weekday: 1, time: '07:00', timeZone: 'Europe/Berlin' };
const iso = (d: Date) => d.toISOString();

describe('report slots on a frozen clock', () => {
  it.each([
    // October change: Sunday 25 Oct 2026, 03:00 CEST → 02:00 CET.
    ['Mon before the October change (CEST, UTC+2)', '2026-10-18T12:00:00Z', '2026-10-19T05:00:00.000Z'],
    ['Mon after the October change (CET, UTC+1)', '2026-10-24T12:00:00Z', '2026-10-26T06:00:00.000Z'],
    ['during the repeated hour itself', '2026-10-25T00:30:00Z', '2026-10-26T06:00:00.000Z'],
    // March change: Sunday 29 Mar 2026, 02:00 CET → 03:00 CEST.
    ['Mon before the March change (CET)', '2026-03-20T12:00:00Z', '2026-03-23T06:00:00.000Z'],
    ['Mon after the March change (CEST)', '2026-03-28T12:00:00Z', '2026-03-30T05:00:00.000Z'],
    ['exactly at a slot: the next is a week later', '2026-03-30T05:00:00Z', '2026-04-06T05:00:00.000Z'],
  ])('weekly Monday 07:00 Berlin, next: %s', (_, now, expected) => {
    expect(iso(nextReportSlot(mondayBerlin, new Date(now)).at)).toBe(expected);
  });

  it('the latest slot at or before now is the one a restart after downtime runs (once)', () => {
    // Down from Sunday 18 Oct until Wednesday 4 Nov: Mondays 19 Oct, 26 Oct and 2 Nov were missed.
    const latest = latestReportSlot(mondayBerlin, new Date('2026-11-04T09:00:00Z'));
    expect(latest).toEqual({ at: new Date('2026-11-02T06:00:00Z'), day: '2026-11-02' });
    expect(iso(latestReportSlot(mondayBerlin, new Date('2026-03-30T05:00:00Z')).at)).toBe(
      '2026-03-30T05:00:00.000Z',
    );
  });

  it('daily: a time the clocks skip moves forward by the jump, a repeated time takes the first', () => {
    const skipped: ReportCadence = { every: 'daily', time: '02:30', timeZone: 'Europe/Berlin' };
    expect(iso(nextReportSlot(skipped, new Date('2026-03-28T12:00:00Z')).at)).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    const repeated: ReportCadence = { every: 'daily', time: '02:30', timeZone: 'Europe/Berlin' };
    expect(iso(nextReportSlot(repeated, new Date('2026-10-24T12:00:00Z')).at)).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it.each([
    ['day 31 in a 30-day month: the last day', 31, '2026-04-10T00:00:00Z', '2026-04-30'],
    ['day 31 in February: the 28th', 31, '2026-02-01T00:00:00Z', '2026-02-28'],
    ['day 29 in a leap February', 29, '2028-02-01T00:00:00Z', '2028-02-29'],
    ['day 1, after this month’s: next month', 1, '2026-12-01T12:00:00Z', '2027-01-01'],
  ])('monthly %s', (_, dayOfMonth, now, day) => {
    const cadence: ReportCadence = { every: 'monthly', dayOfMonth, time: '08:00', timeZone: 'Europe/Berlin' };
    expect(nextReportSlot(cadence, new Date(now)).day).toBe(day);
  });

  it('monthly in the zone: 1st at 00:30 in Tokyo is the day before in UTC', () => {
    const cadence: ReportCadence = { every: 'monthly', dayOfMonth: 1, time: '00:30', timeZone: 'Asia/Tokyo' };
    const slot = nextReportSlot(cadence, new Date('2026-11-15T00:00:00Z'));
    expect(slot).toEqual({ at: new Date('2026-11-30T15:30:00Z'), day: '2026-12-01' });
    expect(latestReportSlot(cadence, new Date('2026-11-15T00:00:00Z')).day).toBe('2026-11-01');
  });

  it('job IDs are deterministic per subscription and slot', () => {
    const slot = nextReportSlot(mondayBerlin, new Date('2026-10-24T12:00:00Z'));
    expect(reportJobId('abc', slot)).toBe('report.abc.20261026T0600Z');
  });
});
