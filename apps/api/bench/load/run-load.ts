import 'reflect-metadata';
import type { ExportRun, HrImportDetail } from '@brevet/contracts';
import {
  passwordSessionCookie,
  startCluster,
  startRedisServer,
  WORKSPACE_ROOT,
  type BrevetProcess,
  type Cluster,
} from '@brevet/testing';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { seedScaleData } from '../../src/seed/scale/seed-scale';

/**
 * `npm run bench:load [-- --size S|M|L] [--duration SECONDS] [--connections N] [--database URL] [--no-faults]`
 *
 * A load test of Brevet as production runs it (docs/performance.md, "Load"): scale data seeded into a fresh
 * database, two API processes behind a round-robin balancer and two workers on a Redis of its own, then
 * `--connections` concurrent users (default 200) for `--duration` seconds (default 300) with a realistic mix:
 * dashboard views, branch drill-downs, public verification pages, awards issued, one HR import and one export.
 * During the run it restarts Redis, terminates every PostgreSQL connection of the processes and kills a worker.
 * Afterwards it checks that nothing accepted was lost. Prints one JSON report on stdout; progress on stderr.
 */

const ADMIN_DATABASE_URL = process.env['TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const KEY_SECRET = 'load-bench-only-secret-0123456789abcdef-0123';
const ADMIN = { email: 'load-admin@brevet.bench', password: 'load-bench-password-1' };
/** A fault's window: errors within this many seconds after it count as what users saw of it. */
const FAULT_WINDOW_S = 20;

interface Options {
  size: 'S' | 'M' | 'L';
  durationS: number;
  connections: number;
  databaseUrl: string | null;
  faults: boolean;
}

const log = (message: string) => process.stderr.write(`bench:load: ${message}\n`);

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { size: 'M', durationS: 300, connections: 200, databaseUrl: null, faults: true };
  for (let i = 0; i < argv.length; i++) {
    const value = () => argv[++i] ?? '';
    const arg = argv[i];
    if (arg === '--size') options.size = value().toUpperCase() as Options['size'];
    else if (arg === '--duration') options.durationS = Number(value());
    else if (arg === '--connections') options.connections = Number(value());
    else if (arg === '--database') options.databaseUrl = value();
    else if (arg === '--no-faults') options.faults = false;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!['S', 'M', 'L'].includes(options.size)) throw new Error('--size must be S, M or L');
  if (!(options.durationS >= 10)) throw new Error('--duration must be at least 10 seconds');
  if (!(options.connections >= 4)) throw new Error('--connections must be at least 4');
  return options;
}

/** Per second of the run and per scenario: responses and failures (non-2xx, errors, timeouts). */
class Timeline {
  private readonly started = Date.now();
  readonly buckets = new Map<string, Map<number, { ok: number; failed: number; latencies: number[] }>>();

  record(scenario: string, ok: boolean, latencyMs: number): void {
    const second = Math.floor((Date.now() - this.started) / 1000);
    const byScenario = this.buckets.get(scenario) ?? new Map();
    this.buckets.set(scenario, byScenario);
    const bucket = byScenario.get(second) ?? { ok: 0, failed: 0, latencies: [] };
    byScenario.set(second, bucket);
    if (ok) bucket.ok += 1;
    else bucket.failed += 1;
    bucket.latencies.push(latencyMs);
  }

  elapsedS(): number {
    return (Date.now() - this.started) / 1000;
  }

  /** Failures and latency percentiles of every scenario between two seconds of the run. */
  window(fromS: number, toS: number): { failed: number; answered: number; p99Ms: number | null } {
    let failed = 0;
    let answered = 0;
    const latencies: number[] = [];
    for (const byScenario of this.buckets.values())
      for (const [second, bucket] of byScenario)
        if (second >= fromS && second < toS) {
          failed += bucket.failed;
          answered += bucket.ok + bucket.failed;
          latencies.push(...bucket.latencies);
        }
    latencies.sort((a, b) => a - b);
    const p99 = latencies.length
      ? latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]
      : null;
    return { failed, answered, p99Ms: p99 };
  }
}

/** Peak and mean resident memory of each process, sampled every second from /proc. */
class MemorySampler {
  private readonly samples = new Map<string, number[]>();
  private timer?: NodeJS.Timeout;

  start(processes: () => Array<{ name: string; pid: number | undefined }>): void {
    this.timer = setInterval(() => {
      for (const { name, pid } of processes()) {
        if (!pid) continue;
        try {
          const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
          const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
          if (kb > 0) this.samples.set(name, [...(this.samples.get(name) ?? []), kb / 1024]);
        } catch {
          // the process is gone (killed by a fault); its samples so far stand
        }
      }
    }, 1000);
  }

  stop(): Record<string, { peakMb: number; meanMb: number }> {
    clearInterval(this.timer);
    const report: Record<string, { peakMb: number; meanMb: number }> = {};
    for (const [name, mb] of this.samples)
      report[name] = {
        peakMb: Math.round(Math.max(...mb)),
        meanMb: Math.round(mb.reduce((s, v) => s + v, 0) / mb.length),
      };
    return report;
  }
}

async function prepareDatabase(options: Options): Promise<{ url: string; created: string | null }> {
  if (options.databaseUrl) return { url: options.databaseUrl, created: null };
  const name = `brevet_load_${Date.now().toString(36)}_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const dataSource = new DataSource(dataSourceOptions(url.toString(), 1));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  const today = new Date().toISOString().slice(0, 10);
  await seedScaleData(client, { size: options.size, seed: 1, today }, (m) => log(`seed: ${m}`));
  await client.end();
  return { url: url.toString(), created: name };
}

function runCli(cluster: Cluster, args: string[], env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, [path.join(WORKSPACE_ROOT, 'dist/apps/api/cli.js'), ...args], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], LOG_LEVEL: 'warn', ...cluster.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`cli ${args[0]} exited ${code}: ${output}`)),
    ),
  );
}

const randomOf = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const randomAddress = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

interface Scenario {
  name: string;
  share: number;
  requests: autocannon.Request[];
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(path.join(WORKSPACE_ROOT, 'dist/apps/api/main.js')))
    throw new Error('dist/apps/api is missing: npm run bench:load builds it first');
  // Persistent like production's Redis (AOF): a restart keeps sessions and queued jobs.
  const redis = await startRedisServer({ appendOnly: true });
  const database = await prepareDatabase(options);
  log(`starting 2 API processes and 2 workers on ${database.url.replace(/\/\/[^@]*@/, '//')}`);
  const cluster = await startCluster({
    adminDatabaseUrl: ADMIN_DATABASE_URL,
    redisUrl: redis.url,
    redisPrefix: 'brevet-load',
    keyEncryptionSecret: KEY_SECRET,
    databaseUrl: database.url,
    seedDemo: false,
    balancerProcess: true,
    apis: 2,
    workers: 2,
    env: { JOB_STALLED_INTERVAL_MS: '5000', LOG_LEVEL: 'error' },
  });
  const memory = new MemorySampler();
  let spareWorkers = 0;
  memory.start(() => [
    ...cluster.apis.map((p: BrevetProcess, i) => ({ name: `api-${i + 1}`, pid: p.child.pid })),
    ...cluster.workers.map((p: BrevetProcess, i) => ({
      name: i < 2 ? `worker-${i + 1}` : `worker-${i + 1} (replacement)`,
      pid: p.child.pid,
    })),
    { name: 'load generator (this process)', pid: process.pid },
  ]);
  try {
    await runCli(cluster, ['create-admin', '--email', ADMIN.email, '--name', 'Load bench'], {
      BREVET_ADMIN_PASSWORD: ADMIN.password,
    });
    const cookie = await passwordSessionCookie(cluster.url, ADMIN);

    const branchIds = (await cluster.query<{ id: string }>(`SELECT id FROM branch`)).map((r) => r.id);
    const awardIds = (
      await cluster.query<{ id: string }>(
        `SELECT id FROM award WHERE status = 'active' ORDER BY random() LIMIT 5000`,
      )
    ).map((r) => r.id);
    const freshPairs = await cluster.query<{ staffId: string; definitionId: string }>(
      `SELECT s.id AS "staffId", d.id AS "definitionId"
         FROM staff s CROSS JOIN credential_definition d
        WHERE s.status = 'active' AND d.status = 'published'
          AND NOT EXISTS (SELECT 1 FROM award a WHERE a.staff_id = s.id AND a.definition_id = d.id)
        ORDER BY random() LIMIT 60000`,
    );
    log(
      `${branchIds.length} branches, ${awardIds.length} awards to verify, ${freshPairs.length} new awards possible`,
    );
    const accepted: string[] = [];
    /** The first answers other than 201 to an award, for the report. */
    const refusals: string[] = [];
    // Yesterday (UTC) has begun in every branch's time zone; today may not have yet (award.completed_in_future).
    const today = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const json = { 'content-type': 'application/json', cookie };

    const scenarios: Scenario[] = [
      {
        name: 'dashboard',
        share: 0.3,
        requests: [
          { method: 'GET', path: '/api/v1/compliance/summary', headers: { cookie } },
          { method: 'GET', path: '/api/v1/compliance/matrix?page=1&pageSize=25', headers: { cookie } },
          { method: 'GET', path: '/api/v1/compliance/trends', headers: { cookie } },
        ],
      },
      {
        name: 'drill-down',
        share: 0.25,
        requests: [
          {
            method: 'GET',
            headers: { cookie },
            setupRequest: (req) => ({
              ...req,
              path: `/api/v1/compliance/requirements?branchId=${randomOf(branchIds)}&page=1&pageSize=50`,
            }),
          },
        ],
      },
      {
        // Public: each request from another address, like employees' and recruiters' phones.
        name: 'verification page',
        share: 0.35,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => ({
              ...req,
              path: `/verify/${randomOf(awardIds)}`,
              headers: { 'x-forwarded-for': randomAddress() },
            }),
          },
        ],
      },
      {
        name: 'award issued',
        share: 0.1,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/awards',
            headers: json,
            setupRequest: (req) => {
              const pair = freshPairs.pop();
              if (!pair) throw new Error('ran out of new person × credential pairs');
              return { ...req, body: JSON.stringify({ ...pair, completedOn: today, issuer: 'Load bench' }) };
            },
            onResponse: (status, body) => {
              if (status === 201) accepted.push((JSON.parse(body) as { id: string }).id);
              else if (refusals.length < 5) refusals.push(`${status} ${body.slice(0, 300)}`);
            },
          },
        ],
      },
    ];

    const timeline = new Timeline();
    const faults: Array<{ name: string; atS: number }> = [];
    const instances = scenarios.map((scenario) => {
      const connections = Math.max(1, Math.round(options.connections * scenario.share));
      let instance!: autocannon.Instance;
      const done = new Promise<autocannon.Result>((resolve, reject) => {
        instance = autocannon(
          {
            url: cluster.url,
            connections,
            duration: options.durationS,
            timeout: 30,
            requests: scenario.requests,
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
      });
      instance.on('response', (_client, statusCode, _bytes, responseTime) =>
        timeline.record(scenario.name, statusCode >= 200 && statusCode < 400, responseTime),
      );
      instance.on('reqError', () => timeline.record(scenario.name, false, 0));
      return { scenario, connections, done };
    });
    log(`${options.connections} connections for ${options.durationS} s`);

    const at = (share: number) => sleep(Math.max(0, options.durationS * share - timeline.elapsedS()) * 1000);
    const sideWork = (async () => {
      await at(0.15);
      const importResult = await runImport(cluster, cookie);
      await at(0.3);
      const exportResult = await runExport(cluster, cookie);
      return { importResult, exportResult };
    })();
    const faultWork = (async () => {
      if (!options.faults) return;
      await at(0.4);
      log('fault: restarting Redis');
      faults.push({ name: 'Redis restarted (down 3 s, comes back empty)', atS: timeline.elapsedS() });
      await redis.stop();
      await sleep(3_000);
      await redis.start();
      await at(0.6);
      log('fault: terminating every PostgreSQL connection of the processes');
      faults.push({ name: 'PostgreSQL connections terminated', atS: timeline.elapsedS() });
      const own = (await cluster.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`))[0].pid;
      await cluster.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> $1`,
        [own],
      );
      await at(0.8);
      log('fault: SIGKILL to a worker (a replacement starts)');
      faults.push({ name: 'worker killed (SIGKILL), replacement started', atS: timeline.elapsedS() });
      await cluster.workers[0].stop('SIGKILL');
      spareWorkers += 1;
      await cluster.startWorker();
    })();

    const results = await Promise.all(instances.map((i) => i.done));
    const side = await sideWork;
    await faultWork;
    log(`load done; spare workers started: ${spareWorkers}; checking what was stored`);

    const endpoints = Object.fromEntries(
      instances.map(({ scenario, connections }, index) => {
        const r = results[index];
        const failures = r.non2xx + r.errors + r.timeouts;
        return [
          scenario.name,
          {
            connections,
            requests: r.requests.total,
            throughputPerSecond: Math.round(r.requests.average),
            latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
            non2xx: r.non2xx,
            errors: r.errors,
            timeouts: r.timeouts,
            failures,
            statusCodes: Object.fromEntries(
              Object.entries(r.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]),
            ),
          },
        ];
      }),
    );
    const faultReport = faults.map((f) => ({
      ...f,
      atS: Math.round(f.atS),
      ...timeline.window(Math.floor(f.atS), Math.floor(f.atS) + FAULT_WINDOW_S),
    }));
    const faultSeconds = (second: number) =>
      faults.some((f) => second >= Math.floor(f.atS) && second < Math.floor(f.atS) + FAULT_WINDOW_S);
    let steadyFailures = 0;
    let steadyAnswered = 0;
    for (const byScenario of timeline.buckets.values())
      for (const [second, bucket] of byScenario)
        if (!faultSeconds(second)) {
          steadyFailures += bucket.failed;
          steadyAnswered += bucket.ok + bucket.failed;
        }

    const check = await checkNothingLost(cluster, accepted, side.importResult);
    const audit = JSON.parse(
      await runCli(cluster, ['audit:verify']).catch((e: Error) => `{"error":${JSON.stringify(e.message)}}`),
    ) as unknown;
    const report = {
      benchmark: 'load',
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      options: { ...options, databaseUrl: options.databaseUrl ? '(given)' : '(fresh, seeded)' },
      endpoints,
      awardRefusals: refusals,
      steadyState: { answered: steadyAnswered, failures: steadyFailures, pass: steadyFailures === 0 },
      faults: faultReport,
      sideWork: {
        import: { ...side.importResult, changedNumbers: undefined },
        export: side.exportResult,
      },
      memory: memory.stop(),
      dataCheck: { ...check, auditChain: audit },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    memory.stop();
    await cluster.stop();
    await redis.stop();
    if (database.created) {
      const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database.created} WITH (FORCE)`);
      await admin.end();
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function api<T>(
  cluster: Cluster,
  cookie: string,
  pathname: string,
  init: RequestInit = {},
): Promise<T> {
  const res = await fetch(`${cluster.url}${pathname}`, {
    ...init,
    headers: { cookie, ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${pathname}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

async function poll<T>(
  fetchOnce: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fetchOnce().catch(() => null);
    if (value !== null && done(value)) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(1_000);
  }
}

interface ImportResult {
  rows: number;
  seconds: number;
  status: string;
  changedNumbers: string[];
  newFamilyName: string;
}

/** An HR import during the load: 1,000 people get another family name (upload, dry run, apply). */
async function runImport(cluster: Cluster, cookie: string): Promise<ImportResult> {
  const started = Date.now();
  const newFamilyName = `Loadtest-${Date.now().toString(36)}`;
  const people = await cluster.query<Record<string, string>>(
    `SELECT s.employee_number, s.given_name, s.email, s.preferred_language, b.code AS branch_code,
            coalesce((SELECT string_agg(r.code, '|') FROM staff_role_period p JOIN job_role r ON r.id = p.job_role_id
                       WHERE p.staff_id = s.id AND p.valid_to IS NULL), '') AS job_role_codes,
            coalesce(m.employee_number, '') AS manager_employee_number, s.hire_date::text AS hire_date, s.status
       FROM staff s JOIN branch b ON b.id = s.branch_id LEFT JOIN staff m ON m.id = s.manager_id
      WHERE s.status = 'active' ORDER BY s.employee_number LIMIT 1000`,
  );
  const header =
    'employee_number;given_name;family_name;email;preferred_language;branch_code;job_role_codes;manager_employee_number;hire_date;status';
  const lines = people.map((p) =>
    [
      p.employee_number,
      p.given_name,
      newFamilyName,
      p.email,
      p.preferred_language,
      p.branch_code,
      p.job_role_codes,
      p.manager_employee_number,
      p.hire_date,
      p.status,
    ].join(';'),
  );
  const form = new FormData();
  form.append('file', new Blob([`${header}\r\n${lines.join('\r\n')}\r\n`], { type: 'text/csv' }), 'load.csv');
  const uploaded = await api<HrImportDetail>(cluster, cookie, '/api/v1/hr-imports', {
    method: 'POST',
    body: form,
  });
  const validated = await poll(
    () => api<HrImportDetail>(cluster, cookie, `/api/v1/hr-imports/${uploaded.id}`),
    (d) => d.status !== 'receiving' && d.status !== 'uploaded' && d.status !== 'validating',
    300_000,
  );
  if (!validated.canApply) throw new Error(`the load import cannot be applied: ${JSON.stringify(validated)}`);
  await api(cluster, cookie, `/api/v1/hr-imports/${uploaded.id}/apply`, { method: 'POST' });
  const applied = await poll(
    () => api<HrImportDetail>(cluster, cookie, `/api/v1/hr-imports/${uploaded.id}`),
    (d) => d.status === 'applied' || d.status === 'failed',
    300_000,
  );
  log(`import ${applied.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return {
    rows: people.length,
    seconds: (Date.now() - started) / 1000,
    status: applied.status,
    changedNumbers: people.map((p) => p.employee_number),
    newFamilyName,
  };
}

/** A people-level compliance CSV export during the load, built by a worker. */
async function runExport(
  cluster: Cluster,
  cookie: string,
): Promise<{ seconds: number; status: string; bytes: number }> {
  const started = Date.now();
  const created = await api<ExportRun>(cluster, cookie, '/api/v1/exports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'compliance-people', format: 'csv' }),
  });
  const finished = await poll(
    () => api<ExportRun>(cluster, cookie, `/api/v1/exports/${created.id}`),
    (e) => e.status === 'ready' || e.status === 'failed',
    600_000,
  );
  let bytes = 0;
  if (finished.status === 'ready') {
    const file = await fetch(`${cluster.url}/api/v1/exports/${created.id}/file`, { headers: { cookie } });
    bytes = (await file.arrayBuffer()).byteLength;
  }
  log(`export ${finished.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { seconds: (Date.now() - started) / 1000, status: finished.status, bytes };
}

/** Every accepted award is stored with its audit entry; every imported change is there. */
async function checkNothingLost(cluster: Cluster, accepted: readonly string[], imported: ImportResult) {
  const stored = await cluster.query<{ n: string }>(
    `SELECT count(*) AS n FROM award WHERE id = ANY($1::uuid[])`,
    [accepted],
  );
  const audited = await cluster.query<{ n: string }>(
    `SELECT count(DISTINCT target_id) AS n FROM audit_entry WHERE action = 'award.issued' AND target_id = ANY($1::text[])`,
    [accepted],
  );
  const renamed = await cluster.query<{ n: string }>(
    `SELECT count(*) AS n FROM staff WHERE employee_number = ANY($1::text[]) AND family_name = $2`,
    [imported.changedNumbers, imported.newFamilyName],
  );
  const result = {
    awardsAccepted: accepted.length,
    awardsStored: Number(stored[0].n),
    awardsAudited: Number(audited[0].n),
    importRows: imported.rows,
    importRowsPresent: Number(renamed[0].n),
  };
  return {
    ...result,
    pass:
      result.awardsStored === result.awardsAccepted &&
      result.awardsAudited === result.awardsAccepted &&
      result.importRowsPresent === result.importRows,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
