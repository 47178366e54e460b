import { freePort } from '@brevet/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { TEST_KEY_ENCRYPTION_SECRET } from '../support/test-env';

const WORKSPACE = path.resolve(__dirname, '../../../..');

export interface SourceProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` of an API; empty for a worker. */
  url: string;
  output(): string;
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Sends `signal` (default SIGTERM) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * The real API or worker entry (`apps/api/src/main.ts` / `worker.ts`, compiled on the fly by SWC, as
 * test/mail/mail-crash.int-spec.ts does) as a child process, so a fault test can SIGKILL or SIGTERM it. No
 * build of dist/ is needed, so the test always runs the code of the tree. `wait: false` returns at once
 * (for a process that is expected to fail at boot).
 */
export async function startFromSource(
  entry: 'main' | 'worker',
  env: Record<string, string>,
  options: { wait?: boolean; timeoutMs?: number } = {},
): Promise<SourceProcess> {
  const port = entry === 'main' ? await freePort() : 0;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/api/src/${entry}.ts`], {
    cwd: WORKSPACE,
    env: {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      SWC_NODE_PROJECT: 'apps/api/tsconfig.spec.json',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DB_POOL_MAX: '3',
      RUN_MIGRATIONS: 'false',
      SEED_DEMO: 'false',
      ADMIN_DIST_DIR: '/nonexistent',
      KEY_ENCRYPTION_SECRET: TEST_KEY_ENCRYPTION_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = entry === 'main' ? `http://127.0.0.1:${port}` : '';
  const started: SourceProcess = {
    child,
    url,
    output: () => output,
    exited,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  if (options.wait === false) return started;
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not start in time:\n${output}`);
    }
    if (entry === 'worker' ? output.includes('Brevet worker started') : await answers(`${url}/api/health`))
      return started;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

/** The run's database URL with an `application_name`, so a test can find (and terminate) one process's connections. */
export function withApplicationName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', name);
  return url.toString();
}
