import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/bootstrap/configure-app';
import { AppConfig } from '../../src/config/app-config';
import { InProcessJobQueue } from '../../src/jobs/in-process-job-queue';
import { JobOutbox } from '../../src/jobs/job-outbox.service';
import { JobQueue } from '../../src/jobs/job-queue.port';
import type { ProcessRole } from '../../src/process-role';
import { TEST_KEY_ENCRYPTION_SECRET, testDatabaseUrl } from './test-env';

export interface TestApp {
  app: INestApplication;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real application module on the run's PostgreSQL database, with real HTTP through supertest.
 * Jobs run in-process unless `env.REDIS_URL` is given.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  role: ProcessRole = 'api',
): Promise<TestApp> {
  const config = AppConfig.load({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    DB_POOL_MAX: '5',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    RUN_MIGRATIONS: 'false',
    ADMIN_DIST_DIR: '/nonexistent',
    KEY_ENCRYPTION_SECRET: TEST_KEY_ENCRYPTION_SECRET,
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config, role)] }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  configureApp(app, config);
  try {
    await app.init();
  } catch (error) {
    // An app that fails to start (a test expects it) must not keep relaying the run's outbox or running jobs
    // after its test file has ended.
    await app.close().catch(() => undefined);
    throw error;
  }
  const dataSource = app.get<DataSource>(getDataSourceToken());
  return { app, dataSource, config, close: () => app.close() };
}

/** Waits until every job requested so far has been relayed and (in-process) run. */
export async function settleJobs(t: TestApp): Promise<void> {
  await t.app.get(JobOutbox).flush();
  const queue = t.app.get(JobQueue);
  if (queue instanceof InProcessJobQueue) await queue.drain();
}

/** Lets running jobs finish, then empties every table (the schema stays). */
export async function resetDatabase(t: TestApp): Promise<void> {
  await settleJobs(t);
  const tables = t.dataSource.entityMetadatas.map((m) => `"${m.tableName}"`).join(', ');
  // audit_entry is append-only: its trigger refuses TRUNCATE unless the session has set
  // brevet.allow_audit_truncate (see the AuditLog migration). Set it transaction-locally, on the connection
  // that truncates, so it never lingers on a pooled connection; the application itself never sets it.
  // A background check of the app (recurring jobs, scheduled reports) may hold row locks in another order at
  // that moment; PostgreSQL then cancels one side with a deadlock. The TRUNCATE is tried again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await t.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT set_config('brevet.allow_audit_truncate', 'on', true)`);
        await manager.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
      });
      return;
    } catch (error) {
      const code = (error as { driverError?: { code?: string } }).driverError?.code;
      if (code !== '40P01' || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

/** Polls `check` until it returns a truthy value or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
