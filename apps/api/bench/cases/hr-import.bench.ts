import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { HrImportDetail } from '@brevet/contracts';
import { ClsService } from 'nestjs-cls';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AppModule } from '../../src/app.module';
import { AppConfig } from '../../src/config/app-config';
import { HrImportService } from '../../src/hr-import/hr-import.service';
import { InProcessJobQueue } from '../../src/jobs/in-process-job-queue';
import { JobOutbox } from '../../src/jobs/job-outbox.service';
import { JobQueue } from '../../src/jobs/job-queue.port';
import { measure, result, type BenchCaseResult, type BenchContext, type BenchSuite } from '../support/bench';
import { BENCH_BRANCHES, BENCH_ROLES, branchCode, roleCode } from '../support/seed';

const ROWS = 100_000;
const HEADER = [
  'employee_number',
  'given_name',
  'family_name',
  'email',
  'preferred_language',
  'branch_code',
  'job_role_codes',
  'manager_employee_number',
  'hire_date',
  'status',
];

const GIVEN = [
  'Jürgen',
  'Anna',
  'Özlem',
  'Łukasz',
  'Marie',
  'Sören',
  'Zofia',
  'Jörg',
  'Maximilian',
  'Hannah',
];
const FAMILY = [
  'Müller',
  'Schmidt',
  'Weiß',
  'Nowak',
  'Groß',
  'Köhler',
  'Wiśniewska',
  'Bauer',
  'Fuchs',
  'Yılmaz',
];

/** One person row; `variant` > 0 gives the 1% that the re-import changes (name, branch or roles). */
function row(i: number, variant: number): string {
  const number = 1_000_000 + i;
  const manager = i % 20 === 0 ? (i === 0 ? '' : String(1_000_000)) : String(1_000_000 + i - (i % 20));
  const roles = [roleCode(i % BENCH_ROLES), ...(i % 3 === 0 ? [roleCode((i * 7 + 1) % BENCH_ROLES)] : [])];
  const given = GIVEN[i % GIVEN.length];
  const family = FAMILY[(i >> 3) % FAMILY.length] + (variant === 1 ? '-Neu' : '');
  const branch = branchCode((i + (variant === 2 ? 1 : 0)) % BENCH_BRANCHES);
  if (variant === 3) roles.splice(0, roles.length, roleCode((i + 11) % BENCH_ROLES));
  const hire = `20${String(10 + (i % 15)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  return [
    number,
    given,
    family,
    `p${number}@example.com`,
    i % 7 === 0 ? 'en' : 'de',
    branch,
    [...new Set(roles)].sort().join('|'),
    manager,
    hire,
    'active',
  ].join(';');
}

/** Writes the file in the shape German Excel exports (`;`, UTF-8), streaming. */
export async function writeBenchFile(file: string, changedEvery: number): Promise<void> {
  const out = fs.createWriteStream(file);
  let batch = HEADER.join(';') + '\r\n';
  for (let i = 0; i < ROWS; i++) {
    // 1% changed: a third each get a new family name, a new branch or new roles; never the managers.
    const changed = changedEvery > 0 && i % changedEvery === 7;
    batch += row(i, changed ? 1 + (Math.floor(i / changedEvery) % 3) : 0) + '\r\n';
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
}

/**
 * The hand-written baseline: COPY of the same file into a table with the file's columns, typed as in
 * `staff`, with the same kind of keys and indexes (unique employee number, email, manager, branch+status).
 */
async function copyBaseline(context: BenchContext, file: string): Promise<number> {
  const client = new Client({ connectionString: context.databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_copy_baseline`);
    await client.query(
      `CREATE TABLE bench_copy_baseline (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         employee_number varchar(64) NOT NULL UNIQUE, given_name varchar(100) NOT NULL,
         family_name varchar(100) NOT NULL, email varchar(254), preferred_language varchar(8) NOT NULL,
         branch_code varchar(16) NOT NULL, job_role_codes text NOT NULL, manager_employee_number varchar(64),
         hire_date date NOT NULL, status varchar(16) NOT NULL,
         version integer NOT NULL DEFAULT 1, created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now())`,
    );
    await client.query(`CREATE INDEX ON bench_copy_baseline (email)`);
    await client.query(`CREATE INDEX ON bench_copy_baseline (manager_employee_number)`);
    await client.query(`CREATE INDEX ON bench_copy_baseline (branch_code, status)`);
    const { seconds } = await measure(() =>
      pipeline(
        fs.createReadStream(file),
        client.query(
          copyFrom(
            `COPY bench_copy_baseline (${HEADER.join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';')`,
          ),
        ),
      ),
    );
    const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM bench_copy_baseline`)).rows;
    if (n !== ROWS) throw new Error(`baseline copied ${n} rows, expected ${ROWS}`);
    await client.query(`DROP TABLE bench_copy_baseline`);
    return seconds;
  } finally {
    await client.end();
  }
}

/** Upload → dry run → apply, through the service and the jobs as in production (in-process queue). */
async function importFile(app: INestApplicationContext, file: string) {
  const service = app.get(HrImportService);
  const cls = app.get(ClsService);
  const outbox = app.get(JobOutbox);
  const queue = app.get(JobQueue) as InProcessJobQueue;
  const settle = async () => {
    await outbox.flush();
    await queue.drain();
  };
  const phases: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = process.hrtime.bigint();
    const value = await work();
    phases[name] = Number(process.hrtime.bigint() - started) / 1e9;
    return value;
  };
  const uploaded = await timed('upload', () =>
    cls.run(() =>
      service.upload({
        fileName: path.basename(file),
        content: fs.createReadStream(file, { highWaterMark: 256 * 1024 }),
        fields: Promise.resolve({ fullExport: 'true' }),
        discard: () => undefined,
      }),
    ),
  );
  const validated = await timed('validate', async () => {
    await settle();
    return cls.run(() => service.get(uploaded.id));
  });
  if (validated.status !== 'validated')
    throw new Error(`validation ended ${validated.status}: ${JSON.stringify(validated.issues.slice(0, 3))}`);
  const applied: HrImportDetail = await timed('apply', async () => {
    await cls.run(() => service.requestApply(uploaded.id));
    await settle();
    return cls.run(() => service.get(uploaded.id));
  });
  if (applied.status !== 'applied') throw new Error(`apply ended ${applied.status}: ${applied.failure}`);
  return { preview: validated.preview, result: applied.result, phases };
}

export const hrImportSuite: BenchSuite = {
  name: 'hr-import',
  async run(context: BenchContext): Promise<BenchCaseResult[]> {
    const first = path.join(context.tmpDir, 'hr-100k.csv');
    const second = path.join(context.tmpDir, 'hr-100k-1pct.csv');
    await writeBenchFile(first, 0);
    await writeBenchFile(second, 100);

    const config = AppConfig.load({
      NODE_ENV: 'production',
      DATABASE_URL: context.databaseUrl,
      DB_POOL_MAX: '4',
      LOG_LEVEL: 'silent',
      SEED_DEMO: 'false',
      RUN_MIGRATIONS: 'false',
      ADMIN_DIST_DIR: '/nonexistent',
      // Production requires a secret for the signing keys; the bench database is thrown away.
      KEY_ENCRYPTION_SECRET: 'bench-only-secret-0123456789abcdefghij',
    });
    const app = await NestFactory.createApplicationContext(AppModule.register(config, 'api'), {
      logger: false,
    });
    await app.init();
    try {
      const baselineSeconds = await copyBaseline(context, first);

      const initial = await measure(() => importFile(app, first));
      const created = initial.value.result;
      if (created?.created !== ROWS) throw new Error(`import created ${created?.created}, expected ${ROWS}`);

      const again = await measure(() => importFile(app, second));
      const changed = again.value.result;
      if (changed?.updated !== ROWS / 100 || changed.unchanged !== ROWS - ROWS / 100)
        throw new Error(`re-import: ${JSON.stringify(changed)}`);

      return [
        result({
          name: 'import-100k',
          rows: ROWS,
          seconds: initial.seconds,
          baselineSeconds,
          targetSeconds: 15,
          targetRatio: 3,
          peakRssMb: initial.peakRssMb,
          phases: initial.value.phases,
        }),
        result({
          name: 'reimport-1pct-changed',
          rows: ROWS,
          seconds: again.seconds,
          baselineSeconds,
          targetSeconds: 10,
          targetRatio: null,
          peakRssMb: again.peakRssMb,
          phases: again.value.phases,
        }),
      ];
    } finally {
      await app.close();
    }
  },
};
