import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { complianceSuite } from './cases/compliance.bench';
import { exportsSuite } from './cases/exports.bench';
import { hrImportSuite } from './cases/hr-import.bench';
import { portalSuite } from './cases/portal.bench';
import type { BenchCaseResult, BenchOptions, BenchSuite } from './support/bench';
import { seedBenchOrganisation } from './support/seed';

/**
 * `npm run bench [-- --only compliance,hr-import] [--skip CASE,…] [--size S|M|L] [--compliance-database URL]`:
 * speed benchmarks
 * against the machine's PostgreSQL (TEST_PG_URL, as for the tests). Creates a fresh database, migrates it, seeds
 * the bench organisation, runs every suite (or those named) and drops the database. The compliance suite seeds
 * scale data of `--size` (default M) into a database of its own, or uses an already seeded one
 * (docs/performance.md). Prints one JSON object on stdout; progress goes to stderr. Not a test: nothing fails on
 * a slow run.
 */
const SUITES: BenchSuite[] = [hrImportSuite, complianceSuite, exportsSuite, portalSuite];

const USAGE =
  'usage: npm run bench -- [--only SUITE,…] [--skip CASE,…] [--size S|M|L] [--compliance-database URL]';

function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { only: [], size: 'M', complianceDatabaseUrl: null, skip: [] };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value\n${USAGE}`);
      return v;
    };
    const arg = argv[i];
    if (arg === '--only') options.only = value().split(',').filter(Boolean);
    else if (arg === '--skip') options.skip = value().split(',').filter(Boolean);
    else if (arg === '--size') {
      const size = value().toUpperCase();
      if (size !== 'S' && size !== 'M' && size !== 'L') throw new Error(`--size must be S, M or L\n${USAGE}`);
      options.size = size;
    } else if (arg === '--compliance-database') options.complianceDatabaseUrl = value();
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  const unknown = options.only.filter((name) => !SUITES.some((s) => s.name === name));
  if (unknown.length > 0)
    throw new Error(`unknown suite ${unknown.join(', ')}; known: ${SUITES.map((s) => s.name).join(', ')}`);
  return options;
}

const ADMIN_URL = process.env['TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const suites = SUITES.filter((s) => options.only.length === 0 || options.only.includes(s.name));
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
    for (const suite of suites) {
      process.stderr.write(`bench: ${suite.name}…\n`);
      cases.push(...(await suite.run({ adminUrl: ADMIN_URL, options, databaseUrl, dataSource, tmpDir })));
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
    options,
    cases,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
