import type { ReportSubscriptionPage, WebhookDeliveryPage, WebhookEndpoint } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser } from 'playwright-core';
import {
  apiGet,
  launchChromium,
  listLoaded,
  openApp,
  screenshot,
  stopBrevet,
  type AppPage,
  startDemoBrevet,
} from './support/e2e';

/**
 * Webhooks and scheduled reports in the admin console. The endpoint points at a closed loopback port (private hosts
 * allowed for this run, one attempt per delivery), so every delivery fails at once and the log shows why.
 */
describe('webhooks and scheduled reports', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  let app: AppPage | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    brevet = await startDemoBrevet({
      env: { WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true', WEBHOOK_MAX_ATTEMPTS: '1' },
    });
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

  it('registers an endpoint, shows its secret once, sends a test event and redelivers it', async () => {
    app = await openApp(browser, brevet, { path: '/webhooks' });
    const { page } = app;
    await listLoaded(page);
    await page.getByText('No endpoints yet').waitFor();

    await page.getByRole('button', { name: 'New endpoint' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('URL').fill('https://127.0.0.1:9/brevet');
    await dialog.getByLabel('Description').fill('HR system');
    await dialog.getByRole('checkbox', { name: 'Certificate revoked' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'The endpoint’s secret' });
    const secret =
      (await secretDialog.getByTestId('webhook-secret').locator('code').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    await expect(secretDialog.getByRole('button', { name: /^Copy/ }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'webhooks-secret.png');
    await secretDialog.getByRole('button', { name: 'I have copied it' }).click();

    const [endpoint] = await apiGet<WebhookEndpoint[]>(brevet, '/api/v1/webhooks');
    expect(endpoint).toMatchObject({
      url: 'https://127.0.0.1:9/brevet',
      events: ['credential.issued', 'credential.revoked'],
      enabled: true,
      secretHint: secret.slice(-4),
    });
    // The secret is never shown again.
    await expect(page.content()).resolves.not.toContain(secret);

    await page.getByRole('link', { name: 'HR system' }).click();
    await page.getByRole('heading', { level: 1, name: 'HR system' }).waitFor();
    await page.getByText('Nothing sent yet').waitFor();
    await page.getByRole('button', { name: 'Send test event' }).click();
    const failed = page
      .locator('mat-expansion-panel')
      .filter({ hasText: 'Test event' })
      .filter({ hasText: 'Failed' });
    await failed.first().waitFor({ timeout: 20_000 });
    await failed.first().locator('mat-expansion-panel-header').click();
    await failed
      .first()
      .getByText(/ECONNREFUSED|connect/)
      .waitFor();
    await screenshot(page, 'webhooks-delivery-log.png');

    await failed.first().getByRole('button', { name: 'Redeliver' }).click();
    await page.getByText('Sent again.').waitFor();
    const deliveries = async () =>
      (await apiGet<WebhookDeliveryPage>(brevet, `/api/v1/webhooks/${endpoint.id}/deliveries`)).items;
    for (let i = 0; i < 50 && (await deliveries()).length < 2; i++)
      await new Promise((r) => setTimeout(r, 200));
    const items = await deliveries();
    expect(items).toHaveLength(2);
    expect(items[0].redeliveryOf).toBe(items[1].id);

    // Disable it from the list: nothing more is sent to it.
    await page.getByRole('link', { name: 'All endpoints' }).click();
    await page.getByRole('switch', { name: 'Enabled: https://127.0.0.1:9/brevet' }).click();
    await page.getByText('The endpoint is disabled.').waitFor();
    expect((await apiGet<WebhookEndpoint[]>(brevet, '/api/v1/webhooks'))[0].enabled).toBe(false);
  });

  it('subscribes to a scheduled report, pauses it and deletes it', async () => {
    app = await openApp(browser, brevet, { path: '/exports' });
    const { page } = app;
    await page.getByRole('link', { name: 'Scheduled reports' }).click();
    await page.waitForURL(/\/exports\/scheduled$/);
    await page.getByText('No scheduled reports yet').waitFor();
    await page.getByRole('button', { name: 'New scheduled report' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Time', { exact: true }).fill('06:30');
    await dialog.getByLabel('Time zone').fill('Europe/Vienna');
    await dialog.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByText('Scheduled report saved.').waitFor();
    const row = page.locator('li.subscription').first();
    await row.getByText('Every Monday at 06:30').waitFor();
    await row.getByText('Time zone Europe/Vienna').waitFor();
    await screenshot(page, 'scheduled-reports.png');

    await row.getByRole('button', { name: /^Pause / }).click();
    await row.getByText('Paused').waitFor();
    const [paused] = (await apiGet<ReportSubscriptionPage>(brevet, '/api/v1/report-subscriptions')).items;
    expect(paused).toMatchObject({ paused: true, nextRunAt: null, format: 'xlsx' });

    await row.getByRole('button', { name: /^Delete / }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No scheduled reports yet').waitFor();
  });
});
