import type { DataSource } from 'typeorm';

/** One measured case, as printed in the benchmark's JSON. */
export interface BenchCaseResult {
  name: string;
  rows: number;
  seconds: number;
  /** The same rows loaded the fastest way PostgreSQL knows (COPY), in the same run; null without one. */
  baselineSeconds: number | null;
  /** `seconds / baselineSeconds`. */
  ratio: number | null;
  targetSeconds: number;
  targetRatio: number | null;
  pass: boolean;
  /** Highest resident set size of the process while the case ran. */
  peakRssMb: number;
  /** Where the time went, for the next engineer. */
  phases?: Record<string, number>;
}

/** What every suite gets: a fresh, migrated database with the bench organisation in it. */
export interface BenchContext {
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

/** Builds a result line, deciding `pass` from the targets. */
export function result(
  c: Omit<BenchCaseResult, 'ratio' | 'pass' | 'seconds' | 'baselineSeconds' | 'peakRssMb'> & {
    seconds: number;
    baselineSeconds: number | null;
    peakRssMb: number;
  },
): BenchCaseResult {
  const ratio = c.baselineSeconds ? c.seconds / c.baselineSeconds : null;
  const pass =
    c.seconds <= c.targetSeconds && (c.targetRatio === null || (ratio !== null && ratio <= c.targetRatio));
  return {
    name: c.name,
    rows: c.rows,
    seconds: round(c.seconds),
    baselineSeconds: c.baselineSeconds === null ? null : round(c.baselineSeconds),
    ratio: ratio === null ? null : round(ratio, 2),
    targetSeconds: c.targetSeconds,
    targetRatio: c.targetRatio,
    pass,
    peakRssMb: Math.round(c.peakRssMb),
    ...(c.phases
      ? { phases: Object.fromEntries(Object.entries(c.phases).map(([k, v]) => [k, round(v)])) }
      : {}),
  };
}
