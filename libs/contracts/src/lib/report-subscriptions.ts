import type { ExportFilters, ExportFormat } from './exports';
import type { Page } from './paging';
import type { UiLanguage } from './people';
import { API_V1 } from './routes';

/**
 * Scheduled reports (docs/scheduled-reports.md): a person subscribes to an export on a cadence in their time zone;
 * at each slot the worker builds it with exactly their scope at that moment and emails it to them.
 */

/**
 * The exports one can subscribe to (the audit log is not mailed). A scheduled `training-report` covers the
 * 12 months up to the day it is built (no `from`/`to`).
 */
export const REPORT_SUBSCRIPTION_KINDS = [
  'compliance-matrix',
  'compliance-people',
  'awards',
  'training-report',
] as const;
export type ReportSubscriptionKind = (typeof REPORT_SUBSCRIPTION_KINDS)[number];

export const REPORT_CADENCES = ['daily', 'weekly', 'monthly'] as const;
export type ReportCadenceKind = (typeof REPORT_CADENCES)[number];

/**
 * When a report is sent, at `time` (HH:MM, 24 h) in `timeZone` (IANA):
 * - `daily`: every day;
 * - `weekly`: on `weekday` (ISO: 1 Monday … 7 Sunday);
 * - `monthly`: on `dayOfMonth` (1–31; in shorter months, the month's last day).
 */
export type ReportCadence =
  | { every: 'daily'; time: string; timeZone: string }
  | { every: 'weekly'; weekday: number; time: string; timeZone: string }
  | { every: 'monthly'; dayOfMonth: number; time: string; timeZone: string };

export const REPORT_RUN_STATUSES = ['running', 'sent', 'skipped', 'failed'] as const;
export type ReportRunStatus = (typeof REPORT_RUN_STATUSES)[number];

export interface ReportSubscription {
  id: string;
  subscriber: { userId: string; name: string; email: string | null };
  kind: ReportSubscriptionKind;
  format: ExportFormat;
  filters: ExportFilters;
  /** Null: the subscriber's own language at each run. */
  language: UiLanguage | null;
  cadence: ReportCadence;
  paused: boolean;
  /** The next slot (null while paused). */
  nextRunAt: string | null;
  lastRun: { slotAt: string; status: ReportRunStatus; detail: string | null } | null;
  createdAt: string;
}

export type ReportSubscriptionPage = Page<ReportSubscription>;

export interface CreateReportSubscriptionRequest {
  kind: ReportSubscriptionKind;
  format: ExportFormat;
  filters?: ExportFilters;
  language?: UiLanguage | null;
  every: ReportCadenceKind;
  weekday?: number;
  dayOfMonth?: number;
  time: string;
  /** IANA zone; the subscriber's branch's zone when left out. */
  timeZone?: string;
}

export interface UpdateReportSubscriptionRequest {
  paused: boolean;
}

export const ReportSubscriptionErrorCode = {
  ReportSubscriptionNotFound: 'report-subscription.not_found',
} as const;

export const ReportSubscriptionRoutes = {
  subscriptions: `${API_V1}/report-subscriptions`,
  subscription: (id: string) => `${API_V1}/report-subscriptions/${encodeURIComponent(id)}`,
} as const;
