import type { TrainingAssignment, TrainingAssignmentStatus, TrainingStanding } from '@brevet/contracts';
import type { I18n, TranslationKey } from '../core/i18n';

export const ASSIGNMENT_STATUS_LOOK: Record<
  TrainingAssignmentStatus,
  { label: TranslationKey; tone: string }
> = {
  missing_overdue: { label: 'training.status.missing_overdue', tone: 'error' },
  expired: { label: 'training.status.expired', tone: 'error' },
  missing_in_grace: { label: 'training.status.missing_in_grace', tone: 'info' },
  expiring: { label: 'training.status.expiring', tone: 'warning' },
};

/** "Due by 3 Dec 2026", "Expired on …": the day that matters for the status. */
export function dueLine(i18n: I18n, item: TrainingAssignment): string {
  const date = i18n.day(item.dueBy);
  switch (item.status) {
    case 'missing_in_grace':
      return i18n.t('training.mine.dueBy', { date });
    case 'missing_overdue':
      return i18n.t('training.mine.overdueSince', { date });
    case 'expiring':
      return i18n.t('training.mine.expiresOn', { date });
    case 'expired':
      return i18n.t('training.mine.expiredOn', { date: i18n.day(item.validUntil ?? item.dueBy) });
  }
}

/** A session's start on its branch's clocks. */
export function sessionStart(i18n: I18n, startsAt: string, timeZone: string): string {
  return i18n.dateTime(startsAt, { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

export const STANDING_LABELS: Record<TrainingStanding, TranslationKey> = {
  enrolled: 'training.standing.enrolled',
  waitlisted: 'training.standing.waitlisted',
  course_passed: 'training.standing.course_passed',
  course_in_progress: 'training.standing.course_in_progress',
  nothing_yet: 'training.standing.nothing_yet',
};
