import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { hrImportSuite } from './cases/hr-import.bench';
import type { BenchCaseResult, BenchSuite } from './support/bench';
import { seedBenchOrganisation } from './support/seed';

/**
 * `npm run bench`: speed benchmarks against the machine's PostgreSQL (TEST_PG_URL, as for the tests). Creates
 * a fresh database, migrates it, seeds the bench organisation, runs every suite and drops the database.
 * Prints one JSON object on stdout; progress goes to stderr. Not a test: nothing fails on a slow run.
 */
const SUITES: BenchSuite[] = [hrImportSuite];

const ADMIN_URL = process.env['TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function main(): Promise<void> {
  const name = `brevet_bench_${Date.now().toString(36)}_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  const pgVersion = ((await admin.query('SHOW server_version')).rows[0] as { server_version: string })
    .server_version;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-bench-'));
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, 2));
  const cases: BenchCaseResult[] = [];
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await seedBenchOrganisation(dataSource);
    for (const suite of SUITES) {
      process.stderr.write(`bench: ${suite.name}…\n`);
      cases.push(...(await suite.run({ databaseUrl, dataSource, tmpDir })));
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  const report = {
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      pg: pgVersion,
    },
    cases,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
