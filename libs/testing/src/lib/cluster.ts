import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Client } from 'pg';
import { startBrevet, WORKSPACE_ROOT, type BrevetProcess } from './brevet-process';
import { ChildLoadBalancer, LoadBalancer, type Balancer } from './load-balancer';

/**
 * Brevet as it runs in production, on loopback: a fresh PostgreSQL database migrated by the explicit deploy
 * step (`migrate.js`), then several API processes behind a load balancer and several worker processes, all on
 * the machine's PostgreSQL and Redis (their own Redis key prefix). Every process gets the same configuration,
 * as replicas do; the first API seeds the demo company (or the processes start on a database given).
 */
export interface Cluster {
  /** In this process (tests read its stats and state) unless `balancerProcess`. */
  balancer: Balancer;
  /** The balancer's URL: what users reach (PUBLIC_URL of every process). */
  url: string;
  apis: BrevetProcess[];
  workers: BrevetProcess[];
  env: Record<string, string>;
  databaseUrl: string;
  /** Starts a replacement for API `index` (after it was stopped) and puts it behind the balancer again. */
  restartApi(index: number): Promise<BrevetProcess>;
  startWorker(): Promise<BrevetProcess>;
  /** A client on the cluster's database, for checking what was stored. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** A PostgreSQL URL with the right to create databases (e.g. the test database of the machine). */
  adminDatabaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** The KEY_ENCRYPTION_SECRET every process shares. */
  keyEncryptionSecret: string;
  /** Use this migrated database (e.g. filled by `seed:scale`) instead of a fresh one; it is left in place. */
  databaseUrl?: string;
  /** The first API seeds the demo company into the fresh database (default: true without `databaseUrl`). */
  seedDemo?: boolean;
  apis?: number;
  workers?: number;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Run the balancer as a process of its own (load tests), not in this one. */
  balancerProcess?: boolean;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  let dbName: string | null = null;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    dbName = `brevet_cluster_${Date.now().toString(36)}_${process.pid}`;
    const admin = new Client({ connectionString: options.adminDatabaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(options.adminDatabaseUrl);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const seedDemo = options.seedDemo ?? !options.databaseUrl;

  let balancer: Balancer;
  if (options.balancerProcess) balancer = await ChildLoadBalancer.start();
  else {
    // Checks readiness like Caddy or a Kubernetes Service, so a stopping API leaves the rotation before it closes.
    const inProcess = new LoadBalancer({ healthCheck: { path: '/api/ready', intervalMs: 200 } });
    await inProcess.listen();
    balancer = inProcess;
  }
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.redisPrefix,
    KEY_ENCRYPTION_SECRET: options.keyEncryptionSecret,
    PUBLIC_URL: balancer.url,
    RUN_MIGRATIONS: 'false',
    DEMO_IDP: String(seedDemo),
    SEED_DEMO: 'false',
    // An API on SIGTERM reports "stopping" and serves on for 2 s: several of the balancer's readiness checks.
    SHUTDOWN_DELAY_SECONDS: '2',
    ...options.env,
  };
  await migrate(env);

  const apis: BrevetProcess[] = [];
  const workers: BrevetProcess[] = [];
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();

  const startApi = (seed: boolean) =>
    startBrevet({ env: { ...env, SEED_DEMO: String(seed) }, timeoutMs: 180_000 });
  const startWorker = async () => {
    const worker = await startBrevet({ entry: 'worker', env, timeoutMs: 120_000 });
    workers.push(worker);
    return worker;
  };

  // The first API seeds the demo company; the others start on the seeded database, like later replicas.
  apis.push(await startApi(seedDemo));
  for (let i = 1; i < (options.apis ?? 2); i += 1) apis.push(await startApi(false));
  apis.forEach((api) => balancer.add(api.url));
  await Promise.all(Array.from({ length: options.workers ?? 2 }, () => startWorker()));

  return {
    balancer,
    url: balancer.url,
    apis,
    workers,
    env,
    databaseUrl,
    async restartApi(index) {
      const api = await startApi(false);
      apis[index] = api;
      balancer.revive(index, api.url);
      return api;
    },
    startWorker,
    async query(sql, params) {
      return (await client.query(sql, params)).rows;
    },
    async stop() {
      await Promise.all([...apis, ...workers].map((p) => p.stop('SIGKILL')));
      await balancer.close();
      await client.end();
      if (!dbName) return;
      const dropper = new Client({ connectionString: options.adminDatabaseUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** The deploy step: `node dist/apps/api/migrate.js`, once, before any replica starts. */
async function migrate(env: Record<string, string>): Promise<void> {
  const script = path.join(WORKSPACE_ROOT, 'dist/apps/api/migrate.js');
  const child = spawn(process.execPath, [script], {
    cwd: WORKSPACE_ROOT,
    env: { PATH: process.env['PATH'], HOME: process.env['HOME'], LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`migrate.js exited with ${code}:\n${output}`);
}
