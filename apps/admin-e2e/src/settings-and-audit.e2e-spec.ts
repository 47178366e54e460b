import type { AuditPage, IdentityProvider, IdentityProviderSummary, SignInOptions } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser, Page } from 'playwright-core';
import {
  apiFetch,
  apiGet,
  launchChromium,
  openApp,
  screenshot,
  stopBrevet,
  type AppPage,
  startDemoBrevet,
} from './support/e2e';
import { idpMetadataXml, testCertificate } from './support/idp-metadata';

describe('single sign-on settings and the audit log', () => {
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

  async function provider(slug: string): Promise<IdentityProvider> {
    const list = await apiGet<IdentityProviderSummary[]>(brevet, '/api/v1/sso/identity-providers');
    const found = list.find((p) => p.slug === slug);
    if (!found) throw new Error(`no identity provider ${slug}`);
    return apiGet<IdentityProvider>(brevet, `/api/v1/sso/identity-providers/${found.id}`);
  }

  async function confirm(page: Page, button: string): Promise<void> {
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  it('adds an identity provider from its metadata file, maps it, and switches it on', async () => {
    app = await openApp(browser, brevet, { path: '/settings/sso' });
    const { page } = app;
    await page.getByRole('heading', { name: 'Single sign-on', level: 1 }).waitFor();
    // Embedded mode may have registered its demo identity provider; otherwise the list starts empty.
    const existing = await apiGet<IdentityProviderSummary[]>(brevet, '/api/v1/sso/identity-providers');
    if (existing.length === 0)
      await page.getByRole('heading', { name: 'No identity provider yet' }).waitFor();
    else await page.getByRole('link', { name: existing[0].displayName }).waitFor();

    const first = testCertificate('idp.e2e.example signing 2026');
    await page.getByRole('button', { name: 'Add identity provider' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add identity provider' });
    await dialog.getByLabel('Name on the sign-in page').fill('E2E Company');
    expect(await dialog.getByLabel('Slug').inputValue()).toBe('e2e-company');
    await dialog.getByRole('radio', { name: 'Metadata file' }).check();
    await dialog.locator('input[type="file"]').setInputFiles({
      name: 'idp-metadata.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(idpMetadataXml(first)),
    });
    await dialog.getByText('idp-metadata.xml').waitFor();
    await dialog.getByRole('button', { name: 'Check metadata' }).click();
    await dialog.getByText('Brevet can read this metadata:').waitFor();
    await dialog.getByText('https://idp.e2e.example/saml').waitFor();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.waitForURL(/\/settings\/sso\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'E2E Company', level: 1 }).waitFor();
    await page.getByText('This identity provider is switched off').waitFor();
    const acs = page.getByText(/\/auth\/saml\/e2e-company\/acs$/);
    await acs.waitFor();
    await page.getByRole('button', { name: /^Copy Assertion consumer service URL/ }).waitFor();
    await page.getByText('Nothing received yet.').waitFor();

    // Attribute mapping.
    const mapping = page.getByRole('region', { name: 'Attribute mapping' });
    await mapping.getByRole('combobox', { name: 'Employee number' }).fill('employeeNumber');
    await mapping.getByRole('combobox', { name: 'Groups' }).fill('groups');
    await mapping.getByRole('button', { name: 'Save mapping' }).click();
    await page.getByText('Mapping saved.').waitFor();
    expect((await provider('e2e-company')).attributeMapping).toMatchObject({
      employeeNumber: 'employeeNumber',
      groups: 'groups',
    });

    // A group rule: the managers of one branch.
    const rules = page.getByRole('region', { name: 'Groups and roles' });
    await rules.getByRole('button', { name: 'Add rule' }).click();
    await rules.getByLabel('Group', { exact: true }).fill('hamburg-managers');
    await rules.getByRole('checkbox', { name: /own branch/ }).uncheck();
    await rules.getByLabel('Branch codes').fill('DE-HAM-01');
    await rules.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Rules saved.').waitFor();
    expect((await provider('e2e-company')).groupRoleRules).toEqual([
      { group: 'hamburg-managers', role: 'branch_manager', branchCodes: ['DE-HAM-01'] },
    ]);

    // Certificate rollover: add the new one, remove the old one.
    const certificates = page.getByRole('region', { name: 'Signing certificates' });
    await certificates.getByRole('button', { name: 'Add certificate' }).click();
    const add = page.getByRole('dialog', { name: 'Add signing certificate' });
    await add.getByLabel('Certificate').fill(testCertificate('idp.e2e.example signing 2027').pem);
    await add.getByRole('button', { name: 'Add certificate' }).click();
    await add.waitFor({ state: 'detached' });
    await certificates.getByText('idp.e2e.example signing 2027').waitFor();
    await certificates.getByRole('button', { name: /Remove certificate .*signing 2026/ }).click();
    await confirm(page, 'Remove');
    await page.getByText('Certificate removed.').waitFor();
    expect((await provider('e2e-company')).signingCertificates.map((c) => c.subject)).toEqual([
      expect.stringContaining('signing 2027'),
    ]);
    expect(await certificates.getByRole('button', { name: /Remove certificate/ }).isDisabled()).toBe(true);

    // Brevet's keys: step 1 of a rotation.
    const keys = page.getByRole('region', { name: "Brevet's keys" });
    await keys.getByRole('button', { name: 'Create next keys' }).click();
    await confirm(page, 'Create');
    await keys.getByText('Next', { exact: true }).waitFor();
    expect((await provider('e2e-company')).spKeys.next).not.toBeNull();

    await page.getByRole('button', { name: 'Switch on' }).click();
    await page.getByText('Switched on. People can now sign in with it.').waitFor();
    expect((await provider('e2e-company')).enabled).toBe(true);
    await screenshot(page, 'sso-settings-en.png');

    const options = await apiGet<SignInOptions>(brevet, '/api/v1/auth/options');
    expect(options.identityProviders.map((p) => p.slug)).toContain('e2e-company');
    const signIn = await openApp(browser, brevet, { session: null, path: '/login?returnTo=/staff' });
    try {
      const button = signIn.page.getByRole('link', { name: 'Sign in with E2E Company' });
      await button.waitFor();
      expect(await button.getAttribute('href')).toBe('/auth/saml/e2e-company/login?RelayState=%2Fstaff');
    } finally {
      await signIn.context.close();
    }
  });

  it('filters the audit log, shows an entry, exports what is shown, and verifies the chain', async () => {
    app = await openApp(browser, brevet, { path: '/audit' });
    const { page } = app;
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.locator('section[aria-busy="false"]').waitFor();
    await page.getByRole('row').nth(1).waitFor();

    await page.getByRole('combobox', { name: 'Actions' }).click();
    await page.getByRole('option', { name: 'Signed in', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL(/[?&]action=auth\.login\.succeeded/);
    await page.locator('section[aria-busy="false"]').waitFor();
    const expected = await apiGet<AuditPage>(brevet, '/api/v1/audit?action=auth.login.succeeded');
    expect(expected.total).toBeGreaterThan(0);
    await page.getByText(`${expected.total} ${expected.total === 1 ? 'entry' : 'entries'}`).waitFor();
    const actions = await page.locator('tbody > tr:first-child > td:nth-child(4)').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action.trim()).toBe('Signed in');

    const newest = expected.items[0];
    await page.getByRole('button', { name: `Details of entry ${newest.sequence}` }).click();
    const details = page.locator(`#audit-entry-${newest.sequence}`);
    await details.getByText(newest.hash).waitFor();
    await details.getByRole('heading', { name: 'More details' }).waitFor();
    expect(
      await page
        .getByRole('button', { name: `Details of entry ${newest.sequence}` })
        .getAttribute('aria-expanded'),
    ).toBe('true');

    const href = (await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')) ?? '';
    expect(href).toBe('/api/v1/audit/export.csv?action=auth.login.succeeded');
    const csv = await (await apiFetch(brevet, href)).text();
    expect(csv).toContain('auth.login.succeeded');
    expect(csv).not.toContain('sso.provider.changed');

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/^The chain is intact: all \d+ entries checked\.$/).waitFor();
    await page.locator('section[aria-busy="false"]').waitFor();
    await screenshot(page, 'audit-en.png');
  });
});
