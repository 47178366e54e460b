import type { ReportCadence } from '@brevet/contracts';
import { addDays, dayIn } from '@brevet/domain';
import {
  latestSlot,
  nextSlot,
  slotJobId,
  zonedInstant,
  type JobSchedule,
  type ScheduleSlot,
  type Weekday,
} from '../jobs/job-schedule';

/**
 * Slots of a report subscription: pure, on a clock passed in. Daily and weekly reuse the recurring-job
 * arithmetic (jobs/job-schedule.ts: a time the clocks skip moves forward by the jump, a time that happens twice
 * takes the first). Monthly falls on `dayOfMonth`, or on the month's last day when the month is shorter.
 */
export function latestReportSlot(cadence: ReportCadence, now: Date): ScheduleSlot {
  if (cadence.every !== 'monthly') return latestSlot(asJobSchedule(cadence), now);
  const months = monthsAround(cadence.timeZone, now);
  for (let i = months.length - 1; i >= 0; i--) {
    const slot = monthlySlot(cadence, months[i]);
    if (slot.at.getTime() <= now.getTime()) return slot;
  }
  throw new RangeError('no monthly slot found');
}

export function nextReportSlot(cadence: ReportCadence, now: Date): ScheduleSlot {
  if (cadence.every !== 'monthly') return nextSlot(asJobSchedule(cadence), now);
  for (const month of monthsAround(cadence.timeZone, now)) {
    const slot = monthlySlot(cadence, month);
    if (slot.at.getTime() > now.getTime()) return slot;
  }
  throw new RangeError('no monthly slot found');
}

/** The deterministic job ID of one subscription's slot, e.g. `report.<id>.20261130T0600Z`. */
export function reportJobId(subscriptionId: string, slot: ScheduleSlot): string {
  return slotJobId(`report.${subscriptionId}`, slot);
}

function asJobSchedule(cadence: Exclude<ReportCadence, { every: 'monthly' }>): JobSchedule {
  return cadence.every === 'daily'
    ? { every: 'day', at: cadence.time, timeZone: cadence.timeZone }
    : { every: 'week', on: cadence.weekday as Weekday, at: cadence.time, timeZone: cadence.timeZone };
}

/** The previous, current and next two months (`YYYY-MM`) around `now` in the zone, in order. */
function monthsAround(timeZone: string, now: Date): string[] {
  const [year, month] = dayIn(now, timeZone).split('-').map(Number);
  return [-1, 0, 1, 2].map((k) => {
    const d = new Date(Date.UTC(year, month - 1 + k, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

function monthlySlot(cadence: Extract<ReportCadence, { every: 'monthly' }>, month: string): ScheduleSlot {
  const lastDay = Number(addDays(`${nextMonth(month)}-01`, -1).slice(8, 10));
  const day = `${month}-${String(Math.min(cadence.dayOfMonth, lastDay)).padStart(2, '0')}`;
  return { at: zonedInstant(day, cadence.time, cadence.timeZone), day };
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
