import type { DigestFrequency, MailReason, MailStatus } from '@brevet/contracts';
import type { TranslationKey } from '../core/i18n';

export const STATUS_LOOK: Record<MailStatus, { label: TranslationKey; help: TranslationKey; tone: string }> =
  {
    pending: { label: 'mail.statuses.pending', help: 'mail.statusHelp.pending', tone: '' },
    sending: { label: 'mail.statuses.sending', help: 'mail.statusHelp.sending', tone: 'info' },
    sent: { label: 'mail.statuses.sent', help: 'mail.statusHelp.sent', tone: 'success' },
    outbox: { label: 'mail.statuses.outbox', help: 'mail.statusHelp.outbox', tone: 'info' },
    failed: { label: 'mail.statuses.failed', help: 'mail.statusHelp.failed', tone: 'error' },
    uncertain: { label: 'mail.statuses.uncertain', help: 'mail.statusHelp.uncertain', tone: 'warning' },
  };

export const REASON_LABELS: Record<MailReason, TranslationKey> = {
  'reminder.expiry': 'mail.reasons.expiry',
  'reminder.overdue': 'mail.reasons.overdue',
  'reminder.digest': 'mail.reasons.digest',
  'session.enrolled': 'trainingSessions.mailReasons.enrolled',
  'session.promoted': 'trainingSessions.mailReasons.promoted',
  'session.reminder': 'trainingSessions.mailReasons.reminder',
  'session.changed': 'trainingSessions.mailReasons.changed',
  'session.cancelled': 'trainingSessions.mailReasons.cancelled',
  'training.assigned': 'trainingSessions.mailReasons.assigned',
  'report.scheduled': 'scheduledReports.mailReason',
};

export const FREQUENCY_LABELS: Record<DigestFrequency, TranslationKey> = {
  daily: 'mail.settings.frequencies.daily',
  weekly: 'mail.settings.frequencies.weekly',
  off: 'mail.settings.frequencies.off',
};

/** ISO weekday 1 (Monday) … 7 (Sunday). */
export const WEEKDAY_LABELS: ReadonlyArray<{ value: number; label: TranslationKey }> = [
  { value: 1, label: 'mail.settings.weekdays.mon' },
  { value: 2, label: 'mail.settings.weekdays.tue' },
  { value: 3, label: 'mail.settings.weekdays.wed' },
  { value: 4, label: 'mail.settings.weekdays.thu' },
  { value: 5, label: 'mail.settings.weekdays.fri' },
  { value: 6, label: 'mail.settings.weekdays.sat' },
  { value: 7, label: 'mail.settings.weekdays.sun' },
];
