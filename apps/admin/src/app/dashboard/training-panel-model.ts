import type { CourseReportRow, TrainingReport, TrainingReportMonth } from '@brevet/contracts';

/** How many months the dashboard's training panel looks back, this month included. */
export const TRAINING_PANEL_MONTHS = 6;
/** The most courses the panel lists; the rest are on the training page. */
export const TRAINING_PANEL_COURSES = 5;

/** The panel's range (UTC days, inclusive): the first day of the month five months back, to today. */
export function trainingPanelRange(now: Date): { from: string; to: string } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (TRAINING_PANEL_MONTHS - 1), 1));
  return { from: first.toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}

/** The courses with any attempt in the range, most attempts first (then by code), at most `limit`. */
export function busiestCourses(
  report: TrainingReport,
  limit = TRAINING_PANEL_COURSES,
): { shown: CourseReportRow[]; more: number } {
  const active = report.courses
    .filter((c) => c.learnersStarted > 0 || c.attempts > 0)
    .sort((a, b) => b.attempts - a.attempts || a.code.localeCompare(b.code));
  return { shown: active.slice(0, limit), more: Math.max(0, active.length - limit) };
}

export interface MonthRate {
  month: string;
  attempts: number;
  passedAttempts: number;
  /** Passed ÷ submitted attempts in the month; null without attempts. */
  passRate: number | null;
}

/** The pass rate of each month, oldest first, as the small trend shows it. */
export function monthRates(months: readonly TrainingReportMonth[]): MonthRate[] {
  return months.map((m) => ({
    month: m.month,
    attempts: m.attempts,
    passedAttempts: m.passedAttempts,
    passRate: m.attempts === 0 ? null : Math.round((m.passedAttempts / m.attempts) * 10_000) / 10_000,
  }));
}
