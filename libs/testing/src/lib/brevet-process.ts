import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './free-port';

export const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');
const DIST = path.join(WORKSPACE_ROOT, 'dist/apps/api');

export interface BrevetProcess {
  /** `http://127.0.0.1:<port>` for the API; empty for a worker. */
  url: string;
  child: ChildProcess;
  dataDir: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  entry?: 'main' | 'worker';
  env?: Record<string, string | undefined>;
  /** Reuse a data directory (embedded mode); a fresh temporary one by default. */
  dataDir?: string;
  timeoutMs?: number;
}

/**
 * Starts the built API (`dist/apps/api/main.js`) or worker as a real child process, the way `npm start`
 * does, and waits until it is ready: `/api/health` answers for the API, the start line for a worker.
 */
export async function startBrevet(options: StartOptions = {}): Promise<BrevetProcess> {
  const entry = options.entry ?? 'main';
  const script = path.join(DIST, `${entry}.js`);
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: build first (npx nx build api)`);
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-data-'));
  const port = entry === 'main' ? await freePort() : 0;
  const env: Record<string, string | undefined> = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ADMIN_DIST_DIR: path.join(WORKSPACE_ROOT, 'dist/apps/admin/browser'),
    ...options.env,
  };
  const child = spawn(process.execPath, [script], {
    cwd: WORKSPACE_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = entry === 'main' ? `http://127.0.0.1:${port}` : '';

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not become ready in time:\n${output}`);
    }
    if (entry === 'worker' ? output.includes('Brevet worker started') : await answers(`${url}/api/health`))
      break;
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    url,
    child,
    dataDir,
    output: () => output,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The demo company's break-glass HR admin (seeded with the demo data only). */
export const DEMO_ADMIN_LOGIN = { email: 'admin@nordwind.example', password: 'nordwind-demo' } as const;

/**
 * Signs in to a running Brevet with a password account and returns the `Cookie` header value of the session,
 * for tests that talk to a real process with `fetch`.
 */
export async function passwordSessionCookie(
  baseUrl: string,
  login: { email: string; password: string } = DEMO_ADMIN_LOGIN,
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(login),
  });
  if (res.status !== 204)
    throw new Error(`sign-in as ${login.email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('sign-in answered without a session cookie');
  return cookie;
}
