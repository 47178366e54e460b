import { addDays } from '@brevet/domain';
import { JobName, type JobPayloads } from './job-names';
import type { JobSchedule, ScheduleSlot } from './job-schedule';

/**
 * A job that runs on a schedule. At each slot, one process (whichever claims the slot first) enqueues it
 * through the outbox with the slot's deterministic job ID (recurring-job-scheduler.ts).
 */
export interface RecurringJob<N extends JobName = JobName> {
  job: N;
  schedule: JobSchedule;
  /** The payload of one slot's run: IDs and days only, like every job payload. */
  payload(slot: ScheduleSlot): JobPayloads[N];
}

/**
 * The compliance snapshot: daily at 03:00 UTC, storing the counts of the day before (UTC). By then that day is
 * over in every zone from UTC+14 to UTC−3; each run also recomputes the day before it, so a late record in a
 * zone further west shows a night later (docs/compliance.md, "Trends").
 */
export const COMPLIANCE_SNAPSHOT_SCHEDULE: JobSchedule = { every: 'day', at: '03:00', timeZone: 'UTC' };

/**
 * Expiry reminders and manager digests (docs/reminders.md): daily at 06:00 in Berlin, before the working day. A run
 * only claims emails no run claimed before, so a missed day is caught up by the next run without duplicates.
 */
export const REMINDERS_SCHEDULE: JobSchedule = { every: 'day', at: '06:00', timeZone: 'Europe/Berlin' };

/**
 * Webhook checks (docs/webhooks.md): credentials that expired and branches whose compliance crossed an endpoint's
 * threshold, daily at 04:00 UTC, after the compliance snapshot.
 */
export const WEBHOOK_CHECK_SCHEDULE: JobSchedule = { every: 'day', at: '04:00', timeZone: 'UTC' };

/**
 * "Training for you" emails (docs/training-assignments.md): daily at 06:15 in Berlin, after the reminders. Each
 * email is claimed once per person, requirement and reason, so a repeated or missed run sends nothing twice.
 */
export const TRAINING_ASSIGNMENT_MAILS_SCHEDULE: JobSchedule = {
  every: 'day',
  at: '06:15',
  timeZone: 'Europe/Berlin',
};

/** The day a snapshot slot stores: the day before the slot's day. */
export const snapshotDayOf = (slot: ScheduleSlot): string => addDays(slot.day, -1);

function recurring<N extends JobName>(definition: RecurringJob<N>): RecurringJob {
  return definition as unknown as RecurringJob;
}

/** Every recurring job. A job listed here still needs its one `@HandlesJob` handler. */
export const RECURRING_JOBS: readonly RecurringJob[] = [
  recurring({
    job: JobName.SnapshotCompliance,
    schedule: COMPLIANCE_SNAPSHOT_SCHEDULE,
    payload: (slot) => ({ through: snapshotDayOf(slot) }),
  }),
  recurring({
    job: JobName.RunReminders,
    schedule: REMINDERS_SCHEDULE,
    payload: (slot) => ({ slot: slot.at.toISOString() }),
  }),
  recurring({
    job: JobName.SendTrainingAssignmentMails,
    schedule: TRAINING_ASSIGNMENT_MAILS_SCHEDULE,
    payload: (slot) => ({ slot: slot.at.toISOString() }),
  }),
  recurring({
    job: JobName.CheckWebhookEvents,
    schedule: WEBHOOK_CHECK_SCHEDULE,
    payload: (slot) => ({ slot: slot.at.toISOString() }),
  }),
];
