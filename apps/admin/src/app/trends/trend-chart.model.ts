import type { ComplianceTrend, ComplianceTrendPoint } from '@brevet/contracts';

/** One line of the chart: a label for the legend and the table, and the API's answer for it. */
export interface TrendSeries {
  /** E.g. "All branches", a region's or a credential's name. */
  label: string;
  /** `GET /api/v1/compliance/trends` for this line. */
  trend: ComplianceTrend;
}

export interface ChartBox {
  width: number;
  height: number;
}

export interface Tick {
  /** Pixel position along its axis. */
  at: number;
  label: string;
}

export interface ChartLine {
  /** SVG path data, one `M … L …` run per unbroken stretch of days. */
  path: string;
  /** Points with no neighbour on either side, drawn as dots so they stay visible. */
  dots: Array<{ x: number; y: number }>;
}

export interface ChartModel {
  plot: { left: number; top: number; right: number; bottom: number };
  yTicks: Tick[];
  xTicks: Tick[];
  lines: ChartLine[];
  /** The target's reference line, if any. */
  targetY: number | null;
  /** Every day with a point in any line, oldest first, with its x position. */
  days: Array<{ day: string; x: number }>;
  /** Lowest rate on the y axis (0…1). */
  floor: number;
  /** The y position of a rate. */
  yOf(rate: number): number;
}

export interface ChartFormat {
  percent(rate: number): string;
  /** A tick label for a day; `withYear` on the first tick and on each January. */
  tick(day: string, withYear: boolean, kind: 'month' | 'day'): string;
}

const DAY_MS = 86_400_000;
const MARGIN = { top: 12, right: 16, bottom: 28, left: 48 };

export const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * The geometry of the chart in pixels: axes, ticks and one path per series. Lines break where the series has
 * no figure (a day never computed, or nothing due: rate null), so a gap never reads as a trend.
 */
export function chartModel(
  series: readonly TrendSeries[],
  box: ChartBox,
  format: ChartFormat,
  target: number | null = null,
): ChartModel {
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    right: Math.max(MARGIN.left + 40, box.width - MARGIN.right),
    bottom: Math.max(MARGIN.top + 40, box.height - MARGIN.bottom),
  };
  const allDays = [...new Set(series.flatMap((s) => s.trend.points.map((p) => p.date)))].sort();
  const rates = series
    .flatMap((s) => s.trend.points.map((p) => p.rate))
    .filter((r): r is number => r !== null);
  const floor = yFloor([...rates, ...(target === null ? [] : [target])]);

  const first = allDays.length > 0 ? dayNumber(allDays[0]) : 0;
  const last = allDays.length > 0 ? dayNumber(allDays[allDays.length - 1]) : 1;
  const span = Math.max(1, last - first);
  const x = (day: string) =>
    allDays.length === 1
      ? (plot.left + plot.right) / 2
      : plot.left + ((dayNumber(day) - first) / span) * (plot.right - plot.left);
  const y = (rate: number) =>
    plot.bottom - ((Math.max(floor, rate) - floor) / (1 - floor)) * (plot.bottom - plot.top);

  const yStep = 1 - floor > 0.5 ? 0.2 : 0.1;
  const yTicks: Tick[] = [];
  for (let r = 1; r >= floor - 1e-9; r -= yStep) {
    yTicks.push({ at: y(r), label: format.percent(Math.round(r * 100) / 100) });
  }

  return {
    plot,
    yTicks,
    xTicks: allDays.length > 0 ? xTicks(first, last, plot, x, format) : [],
    lines: series.map((s) => line(s.trend, x, y)),
    targetY: target === null ? null : y(target),
    days: allDays.map((day) => ({ day, x: x(day) })),
    floor,
    yOf: y,
  };
}

/** The y axis starts at a round 10 % step below the lowest figure, showing at least the top 20 %. */
function yFloor(values: readonly number[]): number {
  if (values.length === 0) return 0.8;
  const lowest = Math.min(...values);
  const floor = Math.floor((lowest - 0.02) * 10) / 10;
  return Math.max(0, Math.min(0.8, floor));
}

function line(trend: ComplianceTrend, x: (day: string) => number, y: (rate: number) => number): ChartLine {
  const step = trend.granularity === 'week' ? 7 : 1;
  const runs: ComplianceTrendPoint[][] = [];
  let run: ComplianceTrendPoint[] = [];
  let previous: ComplianceTrendPoint | null = null;
  for (const point of trend.points) {
    const follows = previous !== null && dayNumber(point.date) - dayNumber(previous.date) <= step;
    if (point.rate === null || !follows) {
      if (run.length > 0) runs.push(run);
      run = [];
    }
    if (point.rate !== null) run.push(point);
    previous = point;
  }
  if (run.length > 0) runs.push(run);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    path: runs
      .filter((r) => r.length > 1)
      .map((r) =>
        r.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(x(p.date))},${round(y(p.rate as number))}`).join(''),
      )
      .join(''),
    dots: runs.filter((r) => r.length === 1).map(([p]) => ({ x: x(p.date), y: y(p.rate as number) })),
  };
}

/** Month starts for long ranges (thinned out to fit), every week for short ones. */
function xTicks(
  first: number,
  last: number,
  plot: ChartModel['plot'],
  x: (day: string) => number,
  format: ChartFormat,
): Tick[] {
  const room = Math.max(2, Math.floor((plot.right - plot.left) / 64));
  if (last - first <= 45) {
    const every = Math.max(7, Math.ceil((last - first + 1) / room / 7) * 7);
    const ticks: Tick[] = [];
    for (let n = first; n <= last; n += every) {
      const day = dayOf(n);
      ticks.push({ at: x(day), label: format.tick(day, ticks.length === 0, 'day') });
    }
    return ticks;
  }
  const months: string[] = [];
  const start = new Date(first * DAY_MS);
  for (let m = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)); ;) {
    const day = m.toISOString().slice(0, 10);
    if (dayNumber(day) > last) break;
    months.push(day);
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
  }
  const every = [1, 2, 3, 6, 12].find((n) => Math.ceil(months.length / n) <= room) ?? 12;
  return months
    .filter((day) => (Number(day.slice(5, 7)) - 1) % every === 0)
    .map((day, i) => ({ at: x(day), label: format.tick(day, i === 0 || day.slice(5, 7) === '01', 'month') }));
}

/** The point of each series on `day` (or undefined when it has none). */
export function pointsOn(
  series: readonly TrendSeries[],
  day: string,
): Array<ComplianceTrendPoint | undefined> {
  return series.map((s) => s.trend.points.find((p) => p.date === day));
}

/** First, last, lowest and highest figure of a series, for its text summary; null without any figure. */
export function seriesSummary(points: readonly ComplianceTrendPoint[]): {
  first: ComplianceTrendPoint;
  last: ComplianceTrendPoint;
  lowest: ComplianceTrendPoint;
  highest: ComplianceTrendPoint;
} | null {
  const rated = points.filter((p) => p.rate !== null);
  if (rated.length === 0) return null;
  const byRate = (pick: (a: number, b: number) => boolean) =>
    rated.reduce((best, p) => (pick(p.rate as number, best.rate as number) ? p : best));
  return {
    first: rated[0],
    last: rated[rated.length - 1],
    lowest: byRate((a, b) => a < b),
    highest: byRate((a, b) => a > b),
  };
}
