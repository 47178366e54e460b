import type { Me, ScimTokenSummary } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousViolations } from './support/axe';
import { demoSession } from './support/demo';
import {
  apiGet,
  apiSend,
  launchChromium,
  openApp,
  screenshot,
  stopBrevet,
  type AppPage,
  startDemoBrevet,
} from './support/e2e';

/**
 * The SCIM tokens page: an HR admin creates a token, sees its secret once, an identity provider (here: plain
 * HTTP) provisions with it, and revoking it locks that caller out at once. Branch managers have no access.
 */
describe('SCIM tokens', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  let app: AppPage | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    brevet = await startDemoBrevet();
  });

  afterAll(async () => {
    await browser?.close();
    await stopBrevet(brevet);
  });

  afterEach(async () => {
    const errors = app?.errors;
    await app?.context.close();
    app = undefined;
    expect(errors).toEqual([]);
  });

  /** What an identity provider's first request looks like: list users, with the bearer token. */
  async function listUsers(token: string): Promise<number> {
    const response = await fetch(`${brevet.url}/scim/v2/Users?count=1`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/scim+json' },
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return response.status;
  }

  async function tokensLoaded(page: Page): Promise<void> {
    await page.locator('section[aria-labelledby="scim-tokens-heading"][aria-busy="false"]').waitFor();
  }

  it('creates a token, shows it once, and revoking it locks the identity provider out', async () => {
    app = await openApp(browser, brevet, { path: '/dashboard' });
    const { page } = app;
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    await navigation.getByRole('link', { name: 'SCIM', exact: true }).click();
    await page.waitForURL(/\/settings\/scim$/);
    await page.getByRole('heading', { level: 1, name: 'SCIM provisioning' }).waitFor();
    await expect(page.title()).resolves.toBe('SCIM provisioning · Brevet');
    await tokensLoaded(page);

    // The empty state says what SCIM is for; the base URL to paste into the identity provider is there.
    await page.getByText('No tokens yet').waitFor();
    await page.getByText(/Entra ID or Okta/).waitFor();
    const baseUrl = (await page.getByTestId('scim-base-url').locator('code').textContent())?.trim();
    expect(baseUrl).toBe(`${brevet.url}/scim/v2`);
    await expectNoSeriousViolations(page, '/settings/scim (empty)');

    await page.getByRole('button', { name: 'Create token' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Create a SCIM token' });
    await dialog.getByLabel('Name').fill('Entra ID production');
    await dialog.getByRole('button', { name: 'Create token' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Copy the token now' });
    await secretDialog.getByText(/only time the token is shown/).waitFor();
    const secret =
      (await secretDialog.getByTestId('scim-token-secret').locator('code').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^brvt_scim_[A-Za-z0-9_-]{40,}$/);
    await expect(secretDialog.getByRole('button', { name: /^Copy/ }).isVisible()).resolves.toBe(true);
    await expectNoSeriousViolations(page, '/settings/scim (secret dialog)');
    await screenshot(page, 'scim-token-secret.png');
    // Escape does not dismiss the secret by accident.
    await page.keyboard.press('Escape');
    await expect(secretDialog.isVisible()).resolves.toBe(true);
    await secretDialog.getByRole('button', { name: 'I have copied it' }).click();
    await secretDialog.waitFor({ state: 'hidden' });

    const [token] = await apiGet<ScimTokenSummary[]>(brevet, '/api/v1/scim/tokens');
    expect(token).toMatchObject({ name: 'Entra ID production', revokedAt: null });
    expect(secret.startsWith(token.prefix)).toBe(true);
    const row = page.locator(`tr[data-scim-token-id="${token.id}"]`);
    await row.getByText('Entra ID production').waitFor();
    await row.getByText('Active').waitFor();
    await row.getByText('Never').waitFor();
    // Who created it: the signed-in HR admin.
    const me = await apiGet<Me>(brevet, '/api/v1/auth/me');
    expect(token.createdBy).toEqual({ id: me.userId, displayName: me.displayName });
    await row.getByRole('cell', { name: me.displayName, exact: true }).waitFor();
    // Shown once: neither the page nor a reload has the secret again.
    await expect(page.content()).resolves.not.toContain(secret);
    await page.reload();
    await tokensLoaded(page);
    await row.waitFor();
    await expect(page.content()).resolves.not.toContain(secret);

    // The identity provider provisions with it, over real HTTP.
    expect(await listUsers(secret)).toBe(200);
    await expectNoSeriousViolations(page, '/settings/scim (one token)');
    await screenshot(page, 'scim-tokens.png');

    await row.getByRole('button', { name: 'Revoke Entra ID production' }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText(/can no longer provision/).waitFor();
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked', { exact: true }).waitFor();
    expect(await row.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);

    // The same call is refused at once.
    expect(await listUsers(secret)).toBe(401);
    const [revoked] = await apiGet<ScimTokenSummary[]>(brevet, '/api/v1/scim/tokens');
    expect(revoked.revokedAt).not.toBeNull();
  });

  it('sorts the tokens by name and by status', async () => {
    for (const name of ['Okta staging', 'Alpha test'])
      await apiSend<ScimTokenSummary>(brevet, 'POST', '/api/v1/scim/tokens', { name });
    app = await openApp(browser, brevet, { path: '/settings/scim' });
    const { page } = app;
    await tokensLoaded(page);
    // Sorting re-renders after the click: wait for the order rather than reading it at once.
    const order = (expected: string[]) =>
      page.waitForFunction(
        (want) =>
          JSON.stringify(
            Array.from(document.querySelectorAll('tbody tr td:first-child .name'), (e) =>
              e.textContent?.trim(),
            ),
          ) === JSON.stringify(want),
        expected,
        { timeout: 5_000 },
      );
    // Newest first by default.
    await order(['Alpha test', 'Okta staging', 'Entra ID production']);
    await page.getByRole('columnheader', { name: 'Name', exact: true }).click();
    await order(['Alpha test', 'Entra ID production', 'Okta staging']);
    await page.getByRole('columnheader', { name: 'Name', exact: true }).click();
    await order(['Okta staging', 'Entra ID production', 'Alpha test']);
    // Active before revoked; among equals, the newest first.
    await page.getByRole('columnheader', { name: 'Status', exact: true }).click();
    await order(['Alpha test', 'Okta staging', 'Entra ID production']);
    await page.getByRole('columnheader', { name: 'Status', exact: true }).click();
    await order(['Entra ID production', 'Alpha test', 'Okta staging']);
  });

  it('saves the attribute mapping and shows the server’s complaints at the fields', async () => {
    app = await openApp(browser, brevet, { path: '/settings/scim' });
    const { page } = app;
    const form = page.getByTestId('scim-mapping');
    await form.waitFor();
    await expect(form.getByLabel('Branch attribute').inputValue()).resolves.toBe(
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
    );
    await form.getByLabel('Job role attribute').fill('');
    await form.getByRole('button', { name: 'Add translation' }).first().click();
    await form.getByLabel('Value from the identity provider').fill('Lager Nirgendwo');
    await form.getByLabel('Branch code').fill('NO-SUCH-BRANCH');
    await form.getByRole('button', { name: 'Save mapping' }).click();
    await form.getByText('No branch has this code.').waitFor();

    await form.getByRole('button', { name: 'Remove translation Lager Nirgendwo' }).click();
    await form.getByLabel('Hire date attribute').fill('urn:example:brevet:1.0:User:hireDate');
    await form.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByText('Attribute mapping saved.').waitFor();
    const saved = await apiGet<Record<string, unknown>>(brevet, '/api/v1/scim/settings');
    expect(saved).toMatchObject({
      jobRoleAttribute: null,
      branchValues: [],
      hireDateAttribute: 'urn:example:brevet:1.0:User:hireDate',
    });
  });

  it('a branch manager has no menu entry and gets the forbidden page on the URL', async () => {
    const session = await demoSession(browser, brevet, 'Branch manager');
    app = await openApp(browser, brevet, { session, host: 'localhost', path: '/api/health' });
    const { page } = app;
    await app.context.addInitScript(() => localStorage.setItem('brevet.language', 'en'));
    await page.goto('/dashboard');
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    await navigation.getByRole('link', { name: 'Staff', exact: true }).waitFor();
    expect(await navigation.getByRole('link', { name: 'SCIM', exact: true }).count()).toBe(0);

    await page.goto('/settings/scim');
    await page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings/scim');
    expect(await page.getByRole('heading', { name: 'SCIM provisioning' }).count()).toBe(0);
  });
});
