import type { DataSource } from 'typeorm';

/** One measured case, as printed in the benchmark's JSON. */
export interface BenchCaseResult {
  name: string;
  rows: number;
  /** How often the case was measured: `seconds` is the median of the runs, `p95Seconds` the 95th percentile. */
  runs: number;
  seconds: number;
  p95Seconds: number;
  /**
   * The baseline's median, measured in the same run: the fastest way PostgreSQL knows to do the same work
   * (COPY, hand-written SQL with `pg`), or what the case is compared with (see the case's `note`); null without.
   */
  baselineSeconds: number | null;
  /** `seconds / baselineSeconds`. */
  ratio: number | null;
  /** Null: no time target (a case measured for comparison only). */
  targetSeconds: number | null;
  /** Which figure `targetSeconds` applies to. */
  targetOn: 'median' | 'p95';
  targetRatio: number | null;
  pass: boolean;
  /** Highest resident set size of the process while the case ran. */
  peakRssMb: number;
  /** Where the time went, for the next engineer. */
  phases?: Record<string, number>;
  /** What exactly was measured, and against what. */
  note?: string;
}

/** Command-line options of `npm run bench -- …` (see bench/run.ts). */
export interface BenchOptions {
  /** Suites to run (all when empty). */
  only: string[];
  /** Size of the scale data the compliance suite seeds (S, M or L). */
  size: 'S' | 'M' | 'L';
  /** An already seeded database (`npm run seed:scale`) for the compliance suite, instead of seeding one. */
  complianceDatabaseUrl: string | null;
  /** Cases not to run, by name (e.g. the slow naive case on L). */
  skip: string[];
}

/** What every suite gets: a fresh, migrated database with the bench organisation in it. */
export interface BenchContext {
  /** The server's admin connection (TEST_PG_URL), for suites that need a database of their own. */
  adminUrl: string;
  options: BenchOptions;
  databaseUrl: string;
  /** A connection for setup and baselines (not for the measured work). */
  dataSource: DataSource;
  /** A scratch directory, removed afterwards. */
  tmpDir: string;
}

/** A group of cases, e.g. the HR import. Add one to `SUITES` in bench/run.ts. */
export interface BenchSuite {
  name: string;
  run(context: BenchContext): Promise<BenchCaseResult[]>;
}

/** Runs `work`, measuring its wall time and the peak RSS while it runs (sampled every 25 ms). */
export async function measure<T>(
  work: () => Promise<T>,
): Promise<{ value: T; seconds: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const started = process.hrtime.bigint();
  try {
    const value = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, seconds, peakRssMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

export const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** The median and the 95th percentile (nearest rank) of some durations. */
export function percentiles(seconds: readonly number[]): { median: number; p95: number } {
  const sorted = [...seconds].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const mid = sorted.length / 2;
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, p95: at(0.95) };
}

/**
 * Runs `work` `warmup` times unmeasured, then `runs` times measured one after the other; returns the median,
 * the 95th percentile, the peak RSS and the last value.
 */
export async function measureRuns<T>(
  runs: number,
  warmup: number,
  work: (run: number) => Promise<T>,
): Promise<{ value: T; median: number; p95: number; runs: number; peakRssMb: number; all: number[] }> {
  for (let i = 0; i < warmup; i++) await work(-1 - i);
  const all: number[] = [];
  let peakRssMb = 0;
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const m = await measure(() => work(i));
    all.push(m.seconds);
    peakRssMb = Math.max(peakRssMb, m.peakRssMb);
    value = m.value;
  }
  return { value: value as T, ...percentiles(all), runs, peakRssMb, all };
}

/** Builds a result line, deciding `pass` from the targets. */
export function result(
  c: Omit<
    BenchCaseResult,
    'ratio' | 'pass' | 'seconds' | 'baselineSeconds' | 'peakRssMb' | 'runs' | 'p95Seconds' | 'targetOn'
  > & {
    seconds: number;
    baselineSeconds: number | null;
    peakRssMb: number;
    /** Default 1 (a single run: the p95 is that run). */
    runs?: number;
    p95Seconds?: number;
    targetOn?: 'median' | 'p95';
  },
): BenchCaseResult {
  const ratio = c.baselineSeconds ? c.seconds / c.baselineSeconds : null;
  const p95 = c.p95Seconds ?? c.seconds;
  const targetOn = c.targetOn ?? 'median';
  const measured = targetOn === 'p95' ? p95 : c.seconds;
  const pass =
    (c.targetSeconds === null || measured <= c.targetSeconds) &&
    (c.targetRatio === null || (ratio !== null && ratio <= c.targetRatio));
  return {
    name: c.name,
    rows: c.rows,
    runs: c.runs ?? 1,
    seconds: round(c.seconds, 4),
    p95Seconds: round(p95, 4),
    baselineSeconds: c.baselineSeconds === null ? null : round(c.baselineSeconds, 4),
    ratio: ratio === null ? null : round(ratio, 2),
    targetSeconds: c.targetSeconds,
    targetOn,
    targetRatio: c.targetRatio,
    pass,
    peakRssMb: Math.round(c.peakRssMb),
    ...(c.phases
      ? { phases: Object.fromEntries(Object.entries(c.phases).map(([k, v]) => [k, round(v, 4)])) }
      : {}),
    ...(c.note ? { note: c.note } : {}),
  };
}
