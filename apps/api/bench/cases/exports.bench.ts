import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { ExportFormat } from '@brevet/contracts';
import { ClsService } from 'nestjs-cls';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { AppConfig } from '../../src/config/app-config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { inlineParameters } from '../../src/exports/export-copy.repository';
import { ExportRunRepository } from '../../src/exports/export-run.repository';
import { ExportSources } from '../../src/exports/export-sources';
import { ExportsService } from '../../src/exports/exports.service';
import { seedScaleData } from '../../src/seed/scale/seed-scale';
import {
  measure,
  percentiles,
  result,
  round,
  type BenchCaseResult,
  type BenchContext,
  type BenchSuite,
} from '../support/bench';

/**
 * The full people-level compliance export (every person × required credential) on scale data, through the real
 * export path (`ExportsService.run`: for CSV, PostgreSQL's COPY of the finished cells → BOM, header and CRLF →
 * file chunks stored in PostgreSQL; for XLSX, server-side cursor → row mapping and formula neutralising → XLSX
 * writer → chunks), against `COPY (the export's row statement) TO STDOUT` in the same run.
 * Targets (issue 7): CSV throughput at least half of COPY's (ratio ≤ 2), peak RSS of the process during the
 * export at most 300 MB. The XLSX of the same rows is measured for rate and RSS only. Seeds `--size` (default M)
 * into a database of its own, or uses `--compliance-database` (left as found, except its export rows).
 */

const log = (message: string) => process.stderr.write(`bench: exports: ${message}\n`);
const RSS_TARGET_MB = 300;

export const exportsSuite: BenchSuite = {
  name: 'exports',
  async run(context: BenchContext): Promise<BenchCaseResult[]> {
    let databaseUrl = context.options.complianceDatabaseUrl;
    let created: string | null = null;
    const admin = new Client({ connectionString: context.adminUrl });
    await admin.connect();
    try {
      if (databaseUrl === null) {
        created = `brevet_bench_exports_${Date.now().toString(36)}_${process.pid}`;
        await admin.query(`CREATE DATABASE ${created}`);
        const url = new URL(context.adminUrl);
        url.pathname = `/${created}`;
        databaseUrl = url.toString();
      }
      const dataSource = new DataSource(dataSourceOptions(databaseUrl, 2));
      await dataSource.initialize();
      try {
        await dataSource.runMigrations({ transaction: 'each' });
        if (created !== null) {
          const client = new Client({ connectionString: databaseUrl });
          await client.connect();
          try {
            const today = new Date().toISOString().slice(0, 10);
            await seedScaleData(client, { size: context.options.size, seed: 1, today }, (m) =>
              log(`seed: ${m}`),
            );
          } finally {
            await client.end();
          }
        }
        return await runCases(databaseUrl, context.options.skip);
      } finally {
        await dataSource.destroy();
      }
    } finally {
      if (created !== null) await admin.query(`DROP DATABASE IF EXISTS ${created} WITH (FORCE)`);
      await admin.end();
    }
  },
};

async function runCases(databaseUrl: string, skip: readonly string[]): Promise<BenchCaseResult[]> {
  const config = AppConfig.load({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DB_POOL_MAX: '4',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    RUN_MIGRATIONS: 'false',
    ADMIN_DIST_DIR: '/nonexistent',
    KEY_ENCRYPTION_SECRET: 'bench-only-secret-0123456789abcdefghij',
  });
  // The command-line role runs no jobs: the export runs here, called directly, as the worker's handler calls it.
  const app = await NestFactory.createApplicationContext(AppModule.register(config, 'cli'), {
    logger: false,
  });
  await app.init();
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  const cases: BenchCaseResult[] = [];
  try {
    const [user] = (
      await pg.query(
        `INSERT INTO user_account (email, display_name) VALUES ($1, 'Bench exporter') RETURNING id`,
        [`bench-export-${Date.now().toString(36)}@bench.example`],
      )
    ).rows as Array<{ id: string }>;
    const startRssMb = process.memoryUsage().rss / 2 ** 20;
    const csv = await exportRuns(app, pg, user.id, 'csv', 3);
    const copy = await copyRuns(app, pg, csv.runId, 3);
    log(
      `csv ${csv.rows} rows in ${round(csv.seconds)} s; COPY ${copy.rows} rows in ${round(copy.seconds)} s`,
    );
    const csvResult = result({
      name: 'export-compliance-people-csv',
      rows: csv.rows,
      seconds: csv.seconds,
      baselineSeconds: copy.seconds,
      targetSeconds: null,
      targetRatio: 2,
      runs: csv.runs,
      p95Seconds: csv.p95,
      peakRssMb: csv.peakRssMb,
      phases: { copySeconds: copy.seconds, rssGrowthMb: csv.growthMb },
      note:
        `ExportsService.run (CSV by COPY of finished cells → CRLF → chunks in PostgreSQL), ${rate(csv.rows, csv.seconds)} rows/s ` +
        `(${mb(csv.bytes)} MB) vs COPY (same statement) TO STDOUT CSV ${rate(copy.rows, copy.seconds)} rows/s ` +
        `(${mb(copy.bytes)} MB): ${round(copy.seconds / csv.seconds, 2)}× of COPY's throughput (target ≥ 0.5×); ` +
        `peak RSS ${Math.round(csv.peakRssMb)} MB of the whole bench process (${Math.round(startRssMb)} MB ` +
        `before the first export: SWC, Nest, the seed), of which the export grew it by at most ` +
        `${Math.round(csv.growthMb)} MB (target ≤ ${RSS_TARGET_MB} MB, judged on this growth); ` +
        `medians of ${csv.runs} runs after one warm-up`,
    });
    cases.push({ ...csvResult, pass: csvResult.pass && csv.growthMb <= RSS_TARGET_MB });
    await deleteRun(pg, csv.runId);

    if (!skip.includes('export-compliance-people-xlsx')) {
      const xlsx = await exportRuns(app, pg, user.id, 'xlsx', 2);
      log(`xlsx ${xlsx.rows} rows in ${round(xlsx.seconds)} s`);
      cases.push(
        result({
          name: 'export-compliance-people-xlsx',
          rows: xlsx.rows,
          seconds: xlsx.seconds,
          runs: xlsx.runs,
          p95Seconds: xlsx.p95,
          baselineSeconds: copy.seconds,
          targetSeconds: null,
          targetRatio: null,
          peakRssMb: xlsx.peakRssMb,
          phases: { rssGrowthMb: xlsx.growthMb },
          note:
            `the same rows as XLSX (streaming writer, typed cells): ${rate(xlsx.rows, xlsx.seconds)} rows/s, ` +
            `${mb(xlsx.bytes)} MB file, status ${xlsx.status}; no target (rate and peak RSS reported)`,
        }),
      );
      await deleteRun(pg, xlsx.runId);
    }
    await pg.query(`DELETE FROM user_account WHERE id = $1`, [user.id]);
  } finally {
    await pg.end();
    await app.close();
  }
  return cases;
}

interface ExportMeasurement {
  runId: string;
  rows: number;
  bytes: number;
  status: string;
  seconds: number;
  peakRssMb: number;
  /** Peak RSS during the export minus the RSS just before it: the memory the export itself took. */
  growthMb: number;
}

/** `runs` measured exports after one warm-up; the median time, the highest RSS, the last run kept. */
async function exportRuns(
  app: INestApplicationContext,
  pg: Client,
  userId: string,
  format: ExportFormat,
  runs: number,
): Promise<ExportMeasurement & { runs: number; p95: number }> {
  await deleteRun(pg, (await exportOnce(app, pg, userId, format)).runId);
  const all: ExportMeasurement[] = [];
  for (let i = 0; i < runs; i++) {
    const m = await exportOnce(app, pg, userId, format);
    all.push(m);
    if (i < runs - 1) await deleteRun(pg, m.runId);
  }
  const { median, p95 } = percentiles(all.map((m) => m.seconds));
  const last = all[all.length - 1];
  return {
    ...last,
    seconds: median,
    p95,
    runs,
    peakRssMb: Math.max(...all.map((m) => m.peakRssMb)),
    growthMb: Math.max(...all.map((m) => m.growthMb)),
  };
}

async function copyRuns(
  app: INestApplicationContext,
  pg: Client,
  runId: string,
  runs: number,
): Promise<{ rows: number; bytes: number; seconds: number }> {
  await copyBaseline(app, pg, runId);
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await copyBaseline(app, pg, runId));
  return { ...all[all.length - 1], seconds: percentiles(all.map((c) => c.seconds)).median };
}

/** One company-wide export of `format`, run the way the worker runs it; RSS sampled every 25 ms. */
async function exportOnce(
  app: INestApplicationContext,
  pg: Client,
  userId: string,
  format: ExportFormat,
): Promise<ExportMeasurement> {
  const cls = app.get(ClsService);
  const runs = app.get(ExportRunRepository);
  const txHost = app.get(TransactionHost);
  const run = await cls.run(() =>
    txHost.withTransaction(() =>
      runs.create({
        requestedBy: userId,
        kind: 'compliance-people',
        format,
        delimiter: format === 'csv' ? ',' : null,
        language: 'en',
        filters: {},
        scope: { all: true },
        asOf: new Date(),
      }),
    ),
  );
  global.gc?.();
  const before = process.memoryUsage().rss / 2 ** 20;
  const measured = await measure(() => cls.run(() => app.get(ExportsService).run(run.id)));
  const row = (await pg.query(`SELECT status, rows_total, file_size FROM export_run WHERE id = $1`, [run.id]))
    .rows[0] as { status: string; rows_total: number | null; file_size: string | null };
  if (row.status !== 'ready') log(`${format} export ended ${row.status}`);
  return {
    runId: run.id,
    rows: Number(row.rows_total ?? 0),
    bytes: Number(row.file_size ?? 0),
    status: row.status,
    seconds: measured.seconds,
    peakRssMb: measured.peakRssMb,
    growthMb: measured.peakRssMb - before,
  };
}

/** `COPY (<the export's own statement, parameters inlined>) TO STDOUT` as CSV, read and thrown away. */
async function copyBaseline(
  app: INestApplicationContext,
  pg: Client,
  runId: string,
): Promise<{ rows: number; bytes: number; seconds: number }> {
  const entity = await app.get(ExportRunRepository).findOwn(runId, await requester(pg, runId), new Date());
  if (!entity) throw new Error(`export ${runId} is gone`);
  const statement = (await app.get(ExportSources).table(entity, null)).statement;
  const sql = inlineParameters(pg, statement.text, statement.values);
  let bytes = 0;
  let rows = 0;
  const measured = await measure(async () => {
    const stream = pg.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`));
    await pipeline(
      stream,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) rows += 1;
          done();
        },
      }),
    );
  });
  return { rows, bytes, seconds: measured.seconds };
}

async function requester(pg: Client, runId: string): Promise<string> {
  return (
    (await pg.query(`SELECT requested_by FROM export_run WHERE id = $1`, [runId])).rows[0] as {
      requested_by: string;
    }
  ).requested_by;
}

async function deleteRun(pg: Client, runId: string): Promise<void> {
  await pg.query(`DELETE FROM export_run WHERE id = $1`, [runId]);
}

const rate = (rows: number, seconds: number) => Math.round(rows / seconds).toLocaleString('en');
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);
