import type { TrainingSession, TrainingSessionStatus } from '@brevet/contracts';
import type { I18n, TranslationKey } from '../core/i18n';

/** "3 Dec 2026, 09:00 – 17:00" on the branch's clocks (the zone is named beside it where it matters). */
export function sessionWhen(
  i18n: I18n,
  session: Pick<TrainingSession, 'startsAt' | 'endsAt' | 'timeZone'>,
): string {
  const start = i18n.dateTime(session.startsAt, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: session.timeZone,
  });
  const sameDay =
    i18n.dateTime(session.startsAt, { dateStyle: 'short', timeZone: session.timeZone }) ===
    i18n.dateTime(session.endsAt, { dateStyle: 'short', timeZone: session.timeZone });
  const end = i18n.dateTime(
    session.endsAt,
    sameDay
      ? { timeStyle: 'short', timeZone: session.timeZone }
      : { dateStyle: 'medium', timeStyle: 'short', timeZone: session.timeZone },
  );
  return `${start} – ${end}`;
}

export const SESSION_STATUS_LOOK: Record<TrainingSessionStatus, { label: TranslationKey; tone: string }> = {
  scheduled: { label: 'trainingSessions.status.scheduled', tone: '' },
  cancelled: { label: 'trainingSessions.status.cancelled', tone: 'error' },
  completed: { label: 'trainingSessions.status.completed', tone: 'success' },
};
