import type { Page } from './paging';
import type { UiLanguage } from './people';

/**
 * Mail: every email Brevet sends is recorded as a `mail_message` row first, then delivered by SMTP or, when
 * SMTP is not configured, kept in the local outbox that HR admins read in the admin UI. See docs/reminders.md.
 *
 * - `pending`: claimed, not yet handed to the transport (a retry sends it)
 * - `sending`: handed to the transport; the outcome is not known yet
 * - `sent`: the SMTP server accepted it (`providerMessageId`)
 * - `outbox`: kept in the local outbox, not sent anywhere (no SMTP configured)
 * - `failed`: the SMTP server refused it for good, or it kept failing; never sent
 * - `uncertain`: the sender stopped while handing it over (crash); it may or may not have arrived, and it is
 *   never sent again automatically (at most once)
 */
export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'outbox', 'failed', 'uncertain'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** Why an email was sent. Each reason has its own template. */
export const MAIL_REASONS = [
  'reminder.expiry',
  'reminder.overdue',
  'reminder.digest',
  'session.enrolled',
  'session.promoted',
  'session.reminder',
  'session.changed',
  'session.cancelled',
  'training.assigned',
  'report.scheduled',
] as const;
export type MailReason = (typeof MAIL_REASONS)[number];

export const MAIL_SORT_FIELDS = ['createdAt', 'sentAt', 'recipient', 'subject', 'status'] as const;
export type MailSortField = (typeof MAIL_SORT_FIELDS)[number];

/** One email in the list. */
export interface MailMessageSummary {
  id: string;
  recipient: { address: string; name: string };
  subject: string;
  reason: MailReason;
  /** The day the reason is about: the certificate's last valid day, the first overdue day, or the digest's day. */
  reasonDate: string;
  template: string;
  language: UiLanguage;
  status: MailStatus;
  /** `smtp` or `outbox` once delivery was attempted; null while pending. */
  transport: 'smtp' | 'outbox' | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
}

/** One email with its content, as the outbox page shows it. */
export interface MailMessage extends MailMessageSummary {
  text: string;
  /** The HTML part (show it only in a sandboxed frame); null for text-only messages. */
  html: string | null;
  /** The Message-ID the SMTP server accepted. */
  providerMessageId: string | null;
  /** The SMTP server's last answer, e.g. `250 2.0.0 Ok: queued as 4F2A1`. */
  providerResponse: string | null;
  lastError: string | null;
}

export type MailMessagePage = Page<MailMessageSummary>;

export interface MailMessageQuery {
  status?: MailStatus;
  reason?: MailReason;
  /** Text within the recipient's address or name, or the subject (case-insensitive). */
  q?: string;
  page?: number;
  pageSize?: number;
  /** `createdAt` (default `-createdAt`), `sentAt`, `recipient`, `subject`, `status`; `-` for descending. */
  sort?: string;
}

/** How mail leaves Brevet right now (`GET /api/v1/mail/transport`). */
export interface MailTransportInfo {
  /** `smtp` when SMTP_HOST is set; otherwise every email stays in the local outbox. */
  kind: 'smtp' | 'outbox';
  /** The sender address (SMTP_FROM); null for the outbox. */
  from: string | null;
}

/** How often a manager's digest goes out; `off` sends none. */
export const DIGEST_FREQUENCIES = ['daily', 'weekly', 'off'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export const REMINDER_MAX_OFFSETS = 6;
export const REMINDER_MAX_OFFSET_DAYS = 365;

/** Company-wide reminder settings (`GET/PUT /api/v1/reminders/settings`). */
export interface ReminderSettings {
  /** Days before the last valid day on which the employee is reminded, e.g. `[60, 30, 7]`. */
  offsetsDays: number[];
  /** Email the employee once when a required certificate is overdue (expired or missing past its due day). */
  overdue: boolean;
  digest: {
    /** The company default; a manager may have their own (`ManagerDigestPreference`). */
    frequency: DigestFrequency;
    /** ISO weekday for weekly digests: 1 = Monday … 7 = Sunday. */
    weekday: number;
  };
  /** The IANA time zone whose calendar day decides the digest day, e.g. `Europe/Berlin`. */
  timeZone: string;
  /**
   * Email people once the compliance rules assign them a course or session (daily, docs/training-assignments.md).
   * Off: no assignment email goes out; switched on again, the next run emails the open assignments not yet emailed.
   */
  trainingAssignments: boolean;
}

/** A manager (branch or regional) and how often they get the digest. */
export interface ManagerDigestPreference {
  userId: string;
  displayName: string;
  email: string | null;
  roles: Array<'branch_manager' | 'regional_manager'>;
  /** Their own choice; null follows the company default. */
  frequency: DigestFrequency | null;
  /** What applies: their own choice or the company default. */
  effective: DigestFrequency;
}

export type ManagerDigestPreferencePage = Page<ManagerDigestPreference>;

export interface UpdateManagerDigestRequest {
  /** null returns the manager to the company default. */
  frequency: DigestFrequency | null;
}

export const MailErrorCode = {
  MailMessageNotFound: 'mail.message_not_found',
  ReminderManagerNotFound: 'reminders.manager_not_found',
} as const;

/** What the last reminder run did (`GET /api/v1/reminders/settings`). */
export interface ReminderRunSummary {
  at: string;
  /** Emails queued by kind. */
  expiry: number;
  overdue: number;
  digests: number;
  /** People or managers due a reminder who have no email address (or are on leave). */
  skipped: number;
}

export interface ReminderSettingsView extends ReminderSettings {
  lastRun: ReminderRunSummary | null;
}
