import type { ComplianceTrend, ComplianceTrendGranularity } from '@brevet/contracts';
import { mapCounts } from './compliance.mapper';
import type { TrendRow } from './compliance-snapshot.repository';

export function mapTrend(
  rows: readonly TrendRow[],
  range: { from: string; to: string; granularity: ComplianceTrendGranularity; latestDay: string | null },
): ComplianceTrend {
  return {
    from: range.from,
    to: range.to,
    granularity: range.granularity,
    latestDay: range.latestDay,
    points: rows.map((row) => ({ date: row.day, ...mapCounts(row.counts) })),
  };
}
