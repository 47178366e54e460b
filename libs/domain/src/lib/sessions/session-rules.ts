import { addDays } from '../credentials/calendar';
import { dayIn } from '../dates';

/**
 * Pure rules of on-site training sessions (docs/training-sessions.md): seats and the waiting list, when a
 * session is open for enrolment, when attendance may be recorded, and which day the reminder goes out.
 */

export type SeatOutcome = 'enrolled' | 'waitlisted';

/** A new enrolment takes a seat while fewer than `capacity` hold one; otherwise it joins the waiting list. */
export function seatFor(capacity: number, enrolledCount: number): SeatOutcome {
  return enrolledCount < capacity ? 'enrolled' : 'waitlisted';
}

export interface WaitingEntry {
  id: string;
  /** The order in which people enrolled (lower first). */
  position: number;
}

/**
 * Who moves up from the waiting list when seats are free: the first `capacity − enrolled` entries, in the
 * order they enrolled. Nobody moves up past the capacity.
 */
export function promotionsFor(
  capacity: number,
  enrolledCount: number,
  waiting: readonly WaitingEntry[],
): string[] {
  const free = Math.max(0, capacity - enrolledCount);
  return [...waiting]
    .sort((a, b) => a.position - b.position)
    .slice(0, free)
    .map((w) => w.id);
}

export interface SessionTiming {
  status: 'scheduled' | 'cancelled' | 'completed';
  startsAt: Date;
  endsAt: Date;
}

/** One may enrol (or be enrolled, or cancel) while the session is scheduled and has not started. */
export function isOpenForEnrolment(session: SessionTiming, now: Date): boolean {
  return session.status === 'scheduled' && now.getTime() < session.startsAt.getTime();
}

/** Attendance may be recorded from the start of the session on, unless it was cancelled. */
export function mayRecordAttendance(session: SessionTiming, now: Date): boolean {
  return session.status !== 'cancelled' && now.getTime() >= session.startsAt.getTime();
}

/** The day (in the branch's zone) on which the "tomorrow" reminder is due: the day before the session's day. */
export function reminderDay(startsAt: Date, timeZone: string): string {
  return addDays(dayIn(startsAt, timeZone), -1);
}

/** The completion day of a session's awards: the day it started, in the branch's zone. */
export function sessionDay(startsAt: Date, timeZone: string): string {
  return dayIn(startsAt, timeZone);
}
