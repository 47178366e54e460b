import { startBrevet, WORKSPACE_ROOT, type BrevetProcess, type StartOptions } from '@brevet/testing';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

/** The demo company's break-glass HR admin (seeded in embedded mode). */
export const ADMIN = { email: 'admin@nordwind.example', password: 'nordwind-demo' } as const;
export const SESSION_COOKIE = 'brevet_session';

/** A signed-in session: the value of the HttpOnly session cookie. */
export interface Session {
  token: string;
}

/** Signs in through the API's password endpoint, the way the sign-in form does, and returns the session. */
export async function passwordSession(
  brevet: BrevetProcess,
  email: string = ADMIN.email,
  password: string = ADMIN.password,
): Promise<Session> {
  const response = await fetch(`${brevet.url}/api/v1/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 204) throw new Error(`sign-in as ${email} answered ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const token = cookie?.slice(SESSION_COOKIE.length + 1).split(';')[0];
  if (!token) throw new Error('sign-in set no session cookie');
  return { token };
}

const adminSessions = new Map<string, Promise<Session>>();

/**
 * The HR admin's session on this server, signed in once and shared by every browser context and API call of
 * the test file (sign-in is rate limited, and hashing the password is deliberately slow).
 */
export function adminSession(brevet: BrevetProcess): Promise<Session> {
  let session = adminSessions.get(brevet.url);
  if (!session) {
    session = passwordSession(brevet);
    session.catch(() => adminSessions.delete(brevet.url));
    adminSessions.set(brevet.url, session);
  }
  return session;
}

/** Puts `session` into a browser context, as if its sign-in had happened there. */
export async function useSession(context: BrowserContext, baseUrl: string, session: Session): Promise<void> {
  await context.addCookies([
    { name: SESSION_COOKIE, value: session.token, url: baseUrl, httpOnly: true, sameSite: 'Lax' },
  ]);
}

export interface OpenOptions {
  path?: string;
  viewport?: { width: number; height: number };
  locale?: string;
  /** Whose session the browser has: the HR admin's (default), another one, or none (`null`: signed out). */
  session?: Session | null;
  /** `localhost` instead of `127.0.0.1`: the host of the server's default `PUBLIC_URL`, which SAML needs. */
  host?: '127.0.0.1' | 'localhost';
}

/**
 * A fresh browser context (no stored language) on the app, English unless `locale` says otherwise, signed in
 * as the HR admin unless `session` says otherwise.
 */
export async function openApp(
  browser: Browser,
  brevet: BrevetProcess,
  options: OpenOptions = {},
): Promise<AppPage> {
  const baseURL = options.host === 'localhost' ? brevet.url.replace('127.0.0.1', 'localhost') : brevet.url;
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? DESKTOP,
    locale: options.locale ?? 'en-US',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  const session = options.session === undefined ? await adminSession(brevet) : options.session;
  if (session) await useSession(context, baseURL, session);
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

/** A request to the running API as the HR admin (or as `session`). */
export async function apiFetch(
  brevet: BrevetProcess,
  route: string,
  init: RequestInit = {},
  session?: Session,
): Promise<Response> {
  const { token } = session ?? (await adminSession(brevet));
  const headers = new Headers(init.headers);
  headers.set('cookie', `${SESSION_COOKIE}=${token}`);
  return fetch(`${brevet.url}${route}`, { ...init, headers, signal: AbortSignal.timeout(10_000) });
}

/** Reads JSON from the running API, to check what a UI action really stored. */
export async function apiGet<T>(brevet: BrevetProcess, route: string, session?: Session): Promise<T> {
  const response = await apiFetch(brevet, route, {}, session);
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
  const response = await apiFetch(brevet, route, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
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

/**
 * Starts the built app as `npm start` does (embedded PostgreSQL, demo company), in a data directory of its own.
 * The directory is a copy of one seeded once per build, day and settings: migrating and seeding PGlite takes
 * about 9 s, opening a copy about 2 s, and every browser spec starts the app.
 */
export async function startDemoBrevet(options: Pick<StartOptions, 'env'> = {}): Promise<BrevetProcess> {
  const template = await seededTemplate(options.env ?? {});
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-data-'));
  fs.cpSync(template, dataDir, { recursive: true });
  return startBrevet({ ...options, dataDir });
}

/** The seeded data directory for these settings, made by a first start that is then stopped cleanly. */
async function seededTemplate(env: Record<string, string | undefined>): Promise<string> {
  const build = fs.statSync(path.join(WORKSPACE_ROOT, 'dist/apps/api/main.js')).mtimeMs;
  const key = createHash('sha256')
    .update(JSON.stringify({ env, build, day: localToday() }))
    .digest('hex')
    .slice(0, 16);
  const template = path.join(os.tmpdir(), `brevet-e2e-template-${key}`);
  if (fs.existsSync(template)) return template;
  const seeding = await startBrevet({ env, dataDir: fs.mkdtempSync(`${template}-seeding-`) });
  const code = await seeding.stop('SIGTERM');
  if (code !== 0) throw new Error(`seeding the demo data directory ended with ${code}:\n${seeding.output()}`);
  try {
    fs.renameSync(seeding.dataDir, template);
  } catch (error) {
    // Another run made the same template meanwhile: use that one.
    if (!fs.existsSync(template)) throw error;
    fs.rmSync(seeding.dataDir, { recursive: true, force: true });
  }
  return template;
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

/** The width below which the side navigation is a menu (as `Viewport.compact` in apps/admin). */
const COMPACT_QUERY = '(max-width: 959.98px)';

/** Sideways scroll in px of the document, the body and the shell's scrolling content area (0: it fits). */
export interface SidewaysScroll {
  document: number;
  body: number;
  content: number;
}

export const NO_SIDEWAYS_SCROLL: SidewaysScroll = { document: 0, body: 0, content: 0 };

/**
 * How far the page scrolls sideways, measured once the shell's layout fits the window width.
 *
 * The app learns of a new width from the CDK breakpoint observer a task after the resize, and renders the other
 * layout in the change detection after that. Until then, right after `setViewportSize(PHONE)`, the desktop top
 * bar (tagline, name, sign-out button: about 570 px) sticks out of a 390 px window, and the content still has the
 * side nav's margin. So this first waits until the side nav is in the mode for the current width (a menu that
 * lies over the page below 960 px, with no margin left for it) and then measures. Pages without the shell (signed
 * out) have no layout to switch.
 */
export async function sidewaysScroll(page: Page): Promise<SidewaysScroll> {
  await page.waitForFunction((query) => {
    const nav = document.querySelector('bv-shell mat-sidenav');
    if (!nav) return true;
    if (!window.matchMedia(query).matches) return nav.classList.contains('mat-drawer-side');
    const content = document.querySelector<HTMLElement>('bv-shell mat-sidenav-content');
    return nav.classList.contains('mat-drawer-over') && !content?.style.marginLeft;
  }, COMPACT_QUERY);
  return page.evaluate(() => {
    const overflow = (el: Element | null) => (el ? el.scrollWidth - el.clientWidth : 0);
    return {
      document: overflow(document.documentElement),
      body: overflow(document.body),
      content: overflow(document.querySelector('mat-sidenav-content')),
    };
  });
}
