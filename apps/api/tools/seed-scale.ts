import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { ComplianceService } from '../src/compliance/compliance.service';
import { AppConfig, ConfigError } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { seedScaleData, type SeedScaleOptions } from '../src/seed/scale/seed-scale';
import { SCALE_SIZES, type ScaleSize } from '../src/seed/scale/scale-organisation';

/**
 * `npm run seed:scale -- --size S|M|L [--seed N] [--today YYYY-MM-DD] [--reset]`
 *
 * Fills the PostgreSQL database of DATABASE_URL with a generated organisation for benchmarks (docs/performance.md):
 * applies the migrations, refuses a database that already has data unless `--reset` (which empties every table),
 * loads everything with COPY and builds the compliance aggregates. The same --seed and --today give the same data.
 */
const USAGE = 'usage: npm run seed:scale -- --size S|M|L [--seed N] [--today YYYY-MM-DD] [--reset]';

function parseArgs(argv: readonly string[]): SeedScaleOptions & { reset: boolean } {
  let size: ScaleSize | undefined;
  let seed = 1;
  let today = new Date().toISOString().slice(0, 10);
  let reset = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === '--size') {
      const v = value().toUpperCase();
      if (!(v in SCALE_SIZES)) throw new Error(`--size must be S, M or L\n${USAGE}`);
      size = v as ScaleSize;
    } else if (arg === '--seed') {
      seed = Number(value());
      if (!Number.isSafeInteger(seed) || seed < 0)
        throw new Error(`--seed must be a whole number ≥ 0\n${USAGE}`);
    } else if (arg === '--today') {
      today = value();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`--today must be YYYY-MM-DD\n${USAGE}`);
    } else if (arg === '--reset') {
      reset = true;
    } else {
      throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  if (!size) throw new Error(USAGE);
  return { size, seed, today, reset };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  let config: AppConfig;
  try {
    config = AppConfig.load(process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new Error(error.message);
    throw error;
  }
  const url = config.database.url;
  if (config.database.mode !== 'postgres' || !url)
    throw new Error(
      'seed:scale writes to PostgreSQL: set DATABASE_URL (the embedded database is too small for it)',
    );
  const progress = (message: string) => process.stderr.write(`seed:scale ${options.size}: ${message}\n`);

  // The same migration runner as the deploy step (migrate.ts).
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) progress(`applied ${applied.length} migration(s)`);
    const tables = dataSource.entityMetadatas.map((m) => m.tableName);
    const [{ used }] = (await dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM region) OR EXISTS (SELECT 1 FROM branch) OR EXISTS (SELECT 1 FROM staff)
           OR EXISTS (SELECT 1 FROM credential_definition) OR EXISTS (SELECT 1 FROM award) AS used`,
    )) as Array<{ used: boolean }>;
    if (used && !options.reset)
      throw new Error(`the database already has data; run with --reset to empty it first (${redact(url)})`);
    if (used) {
      progress('emptying every table (--reset)');
      await dataSource.transaction(async (manager) => {
        // audit_entry refuses TRUNCATE unless this is set for the transaction (see the AuditLog migration).
        await manager.query(`SELECT set_config('brevet.allow_audit_truncate', 'on', true)`);
        await manager.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
      });
    }
  } finally {
    await dataSource.destroy();
  }

  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await seedScaleData(client, options, progress);
  } finally {
    await client.end();
  }

  // The compliance aggregates, built now rather than by the first reader (docs/compliance.md).
  progress('building the compliance aggregates');
  const started = Date.now();
  const appConfig = AppConfig.load({
    ...process.env,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    RUN_MIGRATIONS: 'false',
  });
  // As the admin command line: no HTTP, no jobs.
  const app = await NestFactory.createApplicationContext(AppModule.register(appConfig, 'cli'), {
    logger: false,
  });
  try {
    await app.init();
    await app.get(ClsService).run(() => app.get(ComplianceService).catchUp(new Date(), true));
  } finally {
    await app.close();
  }
  progress(`compliance aggregates built in ${((Date.now() - started) / 1000).toFixed(1)} s; done`);
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

main().catch((error: unknown) => {
  process.stderr.write(`seed:scale failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
