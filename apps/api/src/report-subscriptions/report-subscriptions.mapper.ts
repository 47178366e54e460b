import type { ReportCadence, ReportSubscription } from '@brevet/contracts';
import type { ReportSubscriptionEntity } from './report-subscription.entity';
import type { SubscriptionRow } from './report-subscriptions.repository';

export function cadenceOf(
  s: Pick<ReportSubscriptionEntity, 'every' | 'weekday' | 'dayOfMonth' | 'time' | 'timeZone'>,
): ReportCadence {
  switch (s.every) {
    case 'daily':
      return { every: 'daily', time: s.time, timeZone: s.timeZone };
    case 'weekly':
      return { every: 'weekly', weekday: s.weekday ?? 1, time: s.time, timeZone: s.timeZone };
    case 'monthly':
      return { every: 'monthly', dayOfMonth: s.dayOfMonth ?? 1, time: s.time, timeZone: s.timeZone };
  }
}

export function mapReportSubscription(row: SubscriptionRow): ReportSubscription {
  return {
    id: row.id,
    subscriber: { userId: row.userId, name: row.subscriberName, email: row.subscriberEmail },
    kind: row.kind,
    format: row.format,
    filters: row.filters,
    language: row.language,
    cadence: cadenceOf(row),
    paused: row.paused,
    nextRunAt: row.paused ? null : (row.nextRunAt?.toISOString() ?? null),
    lastRun:
      row.lastSlotAt && row.lastStatus
        ? { slotAt: row.lastSlotAt.toISOString(), status: row.lastStatus, detail: row.lastDetail }
        : null,
    createdAt: row.createdAt.toISOString(),
  };
}
