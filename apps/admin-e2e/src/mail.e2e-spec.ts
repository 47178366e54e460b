import type { MailMessagePage, ManagerDigestPreferencePage, ReminderSettingsView } from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser } from 'playwright-core';
import {
  PHONE,
  apiGet,
  launchChromium,
  listLoaded,
  openApp,
  screenshot,
  stopBrevet,
  type AppPage,
  startDemoBrevet,
} from './support/e2e';

/** The mail outbox and the reminder settings, in embedded mode (no SMTP: every email stays in the outbox). */
describe('mail outbox and reminder settings', () => {
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

  /**
   * Waits until a reminder run has finished and every email it queued is in the outbox: expiry reminders and
   * digests exist, nothing is pending, and the count holds still.
   */
  async function outboxSettled(): Promise<void> {
    const deadline = Date.now() + 90_000;
    let last = -1;
    for (;;) {
      const [expiry, digest, pending, all, settings] = await Promise.all([
        apiGet<MailMessagePage>(brevet, '/api/v1/mail/messages?reason=reminder.expiry&pageSize=1'),
        apiGet<MailMessagePage>(brevet, '/api/v1/mail/messages?reason=reminder.digest&pageSize=1'),
        apiGet<MailMessagePage>(brevet, '/api/v1/mail/messages?status=pending&pageSize=1'),
        apiGet<MailMessagePage>(brevet, '/api/v1/mail/messages?pageSize=1'),
        apiGet<ReminderSettingsView>(brevet, '/api/v1/reminders/settings'),
      ]);
      const ready = settings.lastRun && expiry.total > 0 && digest.total > 0 && pending.total === 0;
      if (ready && all.total === last) return;
      last = ready ? all.total : -1;
      if (Date.now() > deadline) throw new Error('the reminder run did not settle');
      await new Promise((r) => setTimeout(r, 1_000));
    }
  }

  /**
   * Signs in once through the demo identity provider as the demo person whose role line matches `role`: that
   * creates their account with its manager grant, so they get a digest.
   */
  async function demoSignIn(role: RegExp): Promise<void> {
    const visitor = await openApp(browser, brevet, { path: '/login', session: null });
    try {
      await visitor.page.getByRole('link', { name: 'Try the demo sign-in' }).click();
      await visitor.page.getByRole('button', { name: role }).click();
      await visitor.page.waitForURL((url) => url.pathname !== '/login' && !url.pathname.startsWith('/auth/'));
    } finally {
      await visitor.context.close();
    }
  }

  it('sends due reminders from the settings page, and shows them in the outbox with their content', async () => {
    await demoSignIn(/Branch manager ·/);
    await demoSignIn(/Regional manager ·/);
    app = await openApp(browser, brevet, { path: '/mail/settings' });
    const { page } = app;
    await page.getByRole('heading', { name: 'Reminder settings', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Send due reminders now' }).click();
    await page.getByText('Reminders are on their way.').waitFor();
    await outboxSettled();

    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Mail' })
      .click();
    await page.waitForURL(/\/mail$/);
    await page.getByRole('heading', { name: 'Mail', level: 1 }).waitFor();
    await page.getByText('No mail server (SMTP) is set up').waitFor();
    await listLoaded(page);
    const total = (await apiGet<MailMessagePage>(brevet, '/api/v1/mail/messages')).total;
    await page.getByText(`${total} emails`).waitFor();
    await page.getByRole('cell', { name: 'In outbox' }).first().waitFor();

    // Filter: the managers' digests only; the filter lives in the URL.
    await page.getByRole('combobox', { name: 'Reason' }).click();
    await page.getByRole('option', { name: 'Manager digest' }).click();
    await page.waitForURL(/reason=reminder\.digest/);
    await listLoaded(page);
    const digests = await apiGet<MailMessagePage>(brevet, '/api/v1/mail/messages?reason=reminder.digest');
    await page.getByText(`${digests.total} email`).first().waitFor();
    await screenshot(page, 'mail-outbox-en.png');

    // Open the first digest: facts, the text, then the formatted version in a sandboxed frame.
    const first = digests.items[0];
    await page
      .getByRole('button', { name: `Show the email to ${first.recipient.name}` })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: `Email to ${first.recipient.name}` });
    await dialog.getByText(first.subject).waitFor();
    await dialog.getByText('Kept here, because no mail server is set up.').waitFor();
    await dialog
      .locator('pre')
      .getByText(/overview|Übersicht/)
      .waitFor();
    await dialog.getByText('Formatted', { exact: true }).click();
    const frame = dialog.locator('iframe');
    expect(await frame.getAttribute('sandbox')).toBe('');
    await dialog.frameLocator('iframe').getByRole('link').first().waitFor();
    await screenshot(page, 'mail-message-en.png');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Nothing failed: the empty state for a filter without matches.
    await page.goto('/mail?status=failed');
    await page.getByRole('heading', { name: 'No email matches' }).waitFor();
  });

  it('changes the offsets and one manager’s digest', async () => {
    app = await openApp(browser, brevet, { path: '/mail/settings' });
    const { page } = app;
    const offsets = page.getByLabel('Remind before expiry (days)');
    await offsets.waitFor();
    expect(await offsets.inputValue()).toBe('60, 30, 7');
    await offsets.fill('7, 90, 7');
    await offsets.blur();
    await page.getByText('Whole days from 0 to 365, each only once, at most 6').waitFor();
    await offsets.fill('14, 90, 30');
    const assignmentEmails = page.getByRole('checkbox', {
      name: 'Email people the course or session they are assigned',
    });
    expect(await assignmentEmails.isChecked()).toBe(true);
    await assignmentEmails.uncheck();
    await page.getByRole('combobox', { name: 'Digest for managers' }).click();
    await page.getByRole('option', { name: 'Daily' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Reminder settings saved').waitFor();
    const saved = await apiGet<ReminderSettingsView>(brevet, '/api/v1/reminders/settings');
    expect(saved).toMatchObject({
      offsetsDays: [90, 30, 14],
      digest: { frequency: 'daily' },
      trainingAssignments: false,
    });

    const managers = await apiGet<ManagerDigestPreferencePage>(brevet, '/api/v1/reminders/managers');
    expect(managers.total).toBeGreaterThan(0);
    const manager = managers.items[0];
    await page.getByRole('combobox', { name: `Digest for ${manager.displayName}` }).click();
    await page.getByRole('option', { name: 'Off' }).click();
    await page.getByText(`Digest for ${manager.displayName}: Off`).waitFor();
    const after = await apiGet<ManagerDigestPreferencePage>(
      brevet,
      `/api/v1/reminders/managers?q=${encodeURIComponent(manager.displayName)}`,
    );
    expect(after.items.find((m) => m.userId === manager.userId)).toMatchObject({
      frequency: 'off',
      effective: 'off',
    });
    await screenshot(page, 'mail-settings-en.png');
  });

  it('works on a phone, in German', async () => {
    app = await openApp(browser, brevet, { path: '/mail', viewport: PHONE, locale: 'de-DE' });
    const { page } = app;
    await page.getByRole('heading', { name: 'E-Mails', level: 1 }).waitFor();
    await listLoaded(page);
    await page.getByText('Im Postausgang').first().waitFor();
    await screenshot(page, 'mail-outbox-phone-de.png');
  });
});
