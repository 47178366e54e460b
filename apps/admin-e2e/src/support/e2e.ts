import { WORKSPACE_ROOT, type BrevetProcess } from '@brevet/testing';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(WORKSPACE_ROOT, 'docs/screenshots');
export const DESKTOP = { width: 1440, height: 1100 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** Debian's Chromium, headless; no browser download involved. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: apt-get update && apt-get install -y chromium`);
  }
  if (!fs.existsSync(path.join(WORKSPACE_ROOT, 'dist/apps/admin/browser/index.html'))) {
    throw new Error('dist/apps/admin/browser is missing: npx nx run-many -t build -p api admin');
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface AppPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page; a test expects none. */
  errors: string[];
}

/** A fresh browser context (no stored language) on the app, English unless `locale` says otherwise. */
export async function openApp(
  browser: Browser,
  brevet: BrevetProcess,
  options: { path?: string; viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<AppPage> {
  const context = await browser.newContext({
    baseURL: brevet.url,
    viewport: options.viewport ?? DESKTOP,
    locale: options.locale ?? 'en-US',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(options.path ?? '/branches');
  return { context, page, errors };
}

/** Waits until the branch list has finished loading. */
export async function listLoaded(page: Page): Promise<void> {
  await page.locator('section[aria-busy="false"]').waitFor();
}

/** Reads JSON from the running API, to check what a UI action really stored. */
export async function apiGet<T>(brevet: BrevetProcess, route: string): Promise<T> {
  const response = await fetch(`${brevet.url}${route}`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${route} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Writes through the running API (e.g. to change something behind the UI's back). */
export async function apiSend<T>(
  brevet: BrevetProcess,
  method: 'POST' | 'PATCH',
  route: string,
  body: unknown,
): Promise<T> {
  const response = await fetch(`${brevet.url}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Today on this machine's calendar as `YYYY-MM-DD`: what the browser's date inputs mean by "today". */
export function localToday(offsetDays = 0): string {
  const date = new Date();
  date.setDate(date.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A calendar day as the UI shows it in `language` ("Nov 28, 2026", "28.11.2026"). */
export function shownDay(isoDay: string, language: 'en' | 'de'): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${isoDay}T00:00:00Z`),
  );
}

/** Stops the server and removes its temporary data directory. */
export async function stopBrevet(brevet: BrevetProcess | undefined): Promise<void> {
  if (!brevet) return;
  await brevet.stop();
  fs.rmSync(brevet.dataDir, { recursive: true, force: true });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), animations: 'disabled', caret: 'hide' });
}
