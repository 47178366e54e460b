import { ComplianceRoutes, EvidenceRoutes } from '@brevet/contracts';
import { passwordSessionCookie, startBrevet, WORKSPACE_ROOT, type BrevetProcess } from '@brevet/testing';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { Client } from 'pg';
import { chromium, type Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { seedScaleData } from '../../src/seed/scale/seed-scale';
import {
  percentiles,
  result,
  type BenchCaseResult,
  type BenchContext,
  type BenchSuite,
} from '../support/bench';

const ADMIN_DIST = path.join(WORKSPACE_ROOT, 'dist/apps/admin/browser');
const API_DIST = path.join(WORKSPACE_ROOT, 'dist/apps/api');
const ADMIN = { email: 'bench-admin@brevet.bench', password: 'bench-admin-password-1' };
const KEY_SECRET = 'portal-bench-only-secret-0123456789abcdef-01';
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const log = (message: string) => process.stderr.write(`bench: portal: ${message}\n`);

/**
 * The admin portal (issue 8, "Speed"): the JavaScript a first visit loads before the first route, compressed,
 * and the time from navigation to a usable compliance dashboard on the scale data in headless Chromium. Needs the
 * built API and admin (`npm run bench` builds both first).
 */
export const portalSuite: BenchSuite = {
  name: 'portal',
  async run(context: BenchContext): Promise<BenchCaseResult[]> {
    for (const built of [path.join(ADMIN_DIST, 'index.html'), path.join(API_DIST, 'main.js')])
      if (!fs.existsSync(built)) throw new Error(`${built} is missing: build first (npm run build)`);
    const cases = [initialJavaScript()];
    const database = await scaleDatabase(context);
    try {
      cases.push(await dashboardUsable(database.url, context.options.size));
    } finally {
      await database.drop();
    }
    return cases;
  },
};

/** The scripts index.html loads (entry and module preloads): what a first visit downloads before any route. */
function initialJavaScript(): BenchCaseResult {
  const html = fs.readFileSync(path.join(ADMIN_DIST, 'index.html'), 'utf8');
  // The entry and its modulepreload hints, then every chunk they import statically, transitively: the CLI
  // writes at most ten preload hints, so the hints alone miss chunks. `import("…")` (a lazy route) is not followed.
  const pending = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1]);
  const files = new Set<string>();
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    const code = fs.readFileSync(path.join(ADMIN_DIST, file), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["']\.\/([^"']+\.js)["']/g)) pending.push(m[1]);
  }
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const content = fs.readFileSync(path.join(ADMIN_DIST, file));
    raw += content.length;
    gzip += zlib.gzipSync(content, { level: 9 }).length;
    brotli += zlib.brotliCompressSync(content).length;
  }
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
  log(`initial JavaScript: ${files.size} files, ${kb(raw)} kB, ${kb(gzip)} kB gzip, ${kb(brotli)} kB brotli`);
  return {
    ...result({
      name: 'portal-initial-javascript',
      rows: files.size,
      seconds: 0,
      baselineSeconds: null,
      targetSeconds: null,
      targetRatio: null,
      peakRssMb: 0,
      note:
        `the scripts loaded before the first route (entry, preloads and their static imports): ${kb(raw)} kB raw, ` +
        `${kb(gzip)} kB gzip -9, ${kb(brotli)} kB brotli; target ≤ 400 kB compressed (gzip). Sizes in phases (kB).`,
    }),
    phases: { rawKb: kb(raw), gzipKb: kb(gzip), brotliKb: kb(brotli) },
    pass: gzip <= 400 * 1024,
  };
}

/** The scale data of the run's size in a database of its own (or the one given with --compliance-database). */
async function scaleDatabase(context: BenchContext): Promise<{ url: string; drop(): Promise<void> }> {
  const given = context.options.complianceDatabaseUrl;
  if (given) return { url: given, drop: async () => undefined };
  const name = `brevet_bench_portal_${Date.now().toString(36)}_${process.pid}`;
  const admin = new Client({ connectionString: context.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(context.adminUrl);
  url.pathname = `/${name}`;
  const dataSource = new DataSource(dataSourceOptions(url.toString(), 1));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  const today = new Date().toISOString().slice(0, 10);
  await seedScaleData(client, { size: context.options.size, seed: 1, today }, (m) => log(`seed: ${m}`));
  await client.end();
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * From `page.goto('/dashboard')` until the dashboard is usable: the headline figures are shown (not busy) and the
 * heat map (or its table) has its rows, no skeleton left. Measured in one browser context, so the first run loads
 * the scripts and the others come from the HTTP cache, as for someone who opens the dashboard again. Baseline:
 * the dashboard's own API requests, sent in parallel with fetch.
 */
async function dashboardUsable(databaseUrl: string, size: string): Promise<BenchCaseResult> {
  // Jobs go to a Redis queue that no worker reads: the API's start (snapshots, reminders) does not compete.
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: `brevet-bench-portal-${process.pid}`,
    KEY_ENCRYPTION_SECRET: KEY_SECRET,
    RUN_MIGRATIONS: 'false',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
  };
  await createAdmin(env);
  const api: BrevetProcess = await startBrevet({ env, timeoutMs: 180_000 });
  let browser: Browser | undefined;
  try {
    const cookie = await passwordSessionCookie(api.url, ADMIN);
    const [name, value] = cookie.split('=');
    const baseline: number[] = [];
    const apiPaths = [
      ComplianceRoutes.summary,
      ComplianceRoutes.areas,
      `${ComplianceRoutes.expiring}?withinDays=30&pageSize=5`,
      `${ComplianceRoutes.rules}?pageSize=1`,
      `${EvidenceRoutes.inbox}?status=pending&pageSize=1`,
    ];
    for (let run = 0; run < 8; run += 1) {
      const started = performance.now();
      await Promise.all(
        apiPaths.map((p) => fetch(`${api.url}${p}`, { headers: { cookie } }).then((r) => r.text())),
      );
      if (run > 0) baseline.push((performance.now() - started) / 1000);
    }

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    const browserContext = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    await browserContext.addCookies([{ name, value, url: api.url }]);
    const times: number[] = [];
    for (let run = 0; run < 8; run += 1) {
      const page = await browserContext.newPage();
      const started = performance.now();
      await page.goto(`${api.url}/dashboard`);
      await page
        .waitForFunction(
          () =>
            document.querySelector('section.figures[aria-busy="false"]') !== null &&
            document.querySelector('.heat-skeleton') === null &&
            document.querySelectorAll('bv-heatmap .row:not(.head-row), bv-heatmap-table tbody tr').length > 0,
          undefined,
          { timeout: 60_000 },
        )
        .catch(async (error: unknown) => {
          const shot = path.join(WORKSPACE_ROOT, 'tmp/portal-bench-failure.png');
          fs.mkdirSync(path.dirname(shot), { recursive: true });
          await page.screenshot({ path: shot, fullPage: true });
          throw new Error(
            `the dashboard did not become usable at ${page.url()} (screenshot: ${shot}): ${String(error)}`,
          );
        });
      times.push((performance.now() - started) / 1000);
      await page.close();
    }
    const [first, ...warm] = times;
    const measured = percentiles(warm);
    const base = percentiles(baseline);
    log(
      `dashboard usable: first ${first.toFixed(2)} s, then median ${measured.median.toFixed(2)} s, ` +
        `p95 ${measured.p95.toFixed(2)} s; its API requests alone ${base.median.toFixed(2)} s`,
    );
    return {
      ...result({
        name: 'portal-dashboard-usable',
        rows: warm.length,
        seconds: measured.median,
        p95Seconds: measured.p95,
        baselineSeconds: base.median,
        targetSeconds: 2,
        targetOn: 'p95',
        targetRatio: null,
        peakRssMb: 0,
        note:
          `headless Chromium, ${size} data, one API process: from navigation to /dashboard until the figures and ` +
          `the heat map are shown. First visit (scripts downloaded) ${first.toFixed(2)} s is in phases; the median ` +
          `and p95 are of seven visits with the scripts cached. Baseline: the dashboard's five API requests in ` +
          `parallel with fetch. Target: usable within 2 s (p95, and the first visit).`,
      }),
      phases: { firstVisitSeconds: Math.round(first * 1000) / 1000 },
      pass: measured.p95 <= 2 && first <= 2,
    };
  } finally {
    await browser?.close();
    await api.stop();
  }
}

function createAdmin(env: Record<string, string>): Promise<void> {
  const child = spawn(
    process.execPath,
    [path.join(API_DIST, 'cli.js'), 'create-admin', '--email', ADMIN.email, '--name', 'Bench admin'],
    {
      cwd: WORKSPACE_ROOT,
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        ...env,
        BREVET_ADMIN_PASSWORD: ADMIN.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`create-admin: ${output}`)))),
  );
}
