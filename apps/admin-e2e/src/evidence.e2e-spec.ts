import type {
  Evidence,
  EvidenceCredentialOption,
  Me,
  MyCredentials,
  MyEvidencePage,
  MyProfile,
} from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import PDFDocument from 'pdfkit';
import type { Browser, Page } from 'playwright-core';
import {
  NO_SIDEWAYS_SCROLL,
  PHONE,
  SESSION_COOKIE,
  apiGet,
  launchChromium,
  localToday,
  openApp,
  screenshot,
  shownDay,
  sidewaysScroll,
  stopBrevet,
  type AppPage,
  type Session,
  startDemoBrevet,
} from './support/e2e';

/** A real one-page PDF, as a training provider would send it. */
function certificatePdf(name: string, title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: title } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(24).text('Certificate of completion', { align: 'center' });
    doc.moveDown().fontSize(16).text(name, { align: 'center' });
    doc.moveDown().fontSize(14).text(title, { align: 'center' });
    doc.end();
  });
}

/**
 * Evidence and approval, end to end in Chromium: an employee sends in an external certificate from their
 * phone; a branch manager of the employee's branch approves it in the approvals inbox; the employee then
 * holds the certificate. Both sign in through the demo identity provider (SAML), as in
 * demo-sign-in.e2e-spec.ts.
 */
describe('evidence: send in, approve, hold', () => {
  let brevet: BrevetProcess;
  let browser: Browser;
  const opened: AppPage[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    brevet = await startDemoBrevet();
  });

  afterAll(async () => {
    for (const app of opened) await app.context.close();
    await browser?.close();
    await stopBrevet(brevet);
    expect(opened.flatMap((app) => app.errors)).toEqual([]);
  });

  /** A signed-out browser in English on the sign-in page, then the demo sign-in as the person for `role`. */
  async function signIn(
    role: RegExp,
    viewport?: { width: number; height: number },
  ): Promise<{ page: Page; session: Session }> {
    const app = await openApp(browser, brevet, {
      session: null,
      host: 'localhost',
      path: '/login',
      viewport,
    });
    opened.push(app);
    const { page } = app;
    await app.context.addInitScript(() => localStorage.setItem('brevet.language', 'en'));
    await page.reload();
    await page.getByRole('link', { name: 'Try the demo sign-in' }).click();
    await page.getByRole('button', { name: role }).click();
    await page.waitForURL((url) => url.pathname !== '/login' && !url.pathname.startsWith('/auth/'));
    const token = (await app.context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
    if (!token) throw new Error('no session after the demo sign-in');
    return { page, session: { token } };
  }

  it('an employee sends in a PDF on a phone, a branch manager approves it, the employee holds it', async () => {
    // ── The employee, on a phone ──────────────────────────────────────────────────────────────────────
    const employee = await signIn(/Employee ·/, PHONE);
    const profile = await apiGet<MyProfile>(brevet, '/api/v1/me/profile', employee.session);
    const name = `${profile.givenName} ${profile.familyName}`;
    // A certificate of the catalogue the employee does not hold yet.
    const held = await apiGet<MyCredentials>(brevet, '/api/v1/me/credentials', employee.session);
    const options = await apiGet<EvidenceCredentialOption[]>(
      brevet,
      '/api/v1/me/evidence/credentials',
      employee.session,
    );
    const heldIds = new Set(held.items.map((i) => i.credential.id));
    const credential = options.find((o) => !heldIds.has(o.id));
    if (!credential) throw new Error('the demo employee already holds every certificate');
    const title = credential.title.en;
    const issuedOn = localToday(-12);

    const { page } = employee;
    await page.goto('/me');
    await page.getByRole('heading', { name: 'My certificates', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Send in a certificate' }).click();
    await page.getByRole('heading', { name: 'Send in a certificate', level: 1 }).waitFor();
    await page.getByText('You have not sent anything yet.').waitFor();

    // Sending without a file and a certificate says what is missing, at the fields.
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Choose a certificate.').waitFor();
    await page.getByText('Choose a file.').waitFor();

    // Where a person taps: the field (its label lies over the empty select).
    const which = page.getByRole('combobox', { name: 'Which certificate is it?' });
    await page.locator('mat-form-field', { has: which }).click();
    await page.getByRole('option', { name: title, exact: true }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'certificate-scan.pdf',
      mimeType: 'application/pdf',
      buffer: await certificatePdf(name, title),
    });
    await page.getByText('certificate-scan.pdf').waitFor();
    await page.getByLabel('Date on the certificate').fill(issuedOn);
    await page.getByLabel('Note (optional)').fill('Course at the chamber of commerce.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Sent. Your manager will check it.').waitFor();

    const card = page.locator('li.card').filter({ hasText: title });
    await card.getByText('Waiting for approval').waitFor();
    await card.getByText(`Date on the certificate: ${shownDay(issuedOn, 'en')}`).waitFor();
    const mine = await apiGet<MyEvidencePage>(brevet, '/api/v1/me/evidence', employee.session);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      status: 'pending',
      issuedOn,
      credential: { id: credential.id },
      file: { name: 'certificate-scan.pdf', mediaType: 'application/pdf' },
      note: 'Course at the chamber of commerce.',
    });
    expect(await sidewaysScroll(page)).toEqual(NO_SIDEWAYS_SCROLL);
    await page.getByRole('button', { name: 'OK' }).click(); // the toast
    await page
      .getByRole('heading', { name: 'What you sent', level: 2 })
      .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'evidence-upload-phone.png');

    // ── A branch manager of the employee's branch ────────────────────────────────────────────────────
    const manager = await signIn(/Branch manager ·/);
    const me = await apiGet<Me>(brevet, '/api/v1/auth/me', manager.session);
    expect(me.roles).toContain('branch_manager');
    if (me.scope.all) throw new Error('a branch manager must not see every branch');
    expect(me.scope.branchIds).toContain(profile.branch.id);

    const inbox = manager.page;
    // The landing page (the dashboard) may still be settling its own URL; open the inbox by its address and
    // check that the menu has it.
    await inbox.goto('/approvals');
    await inbox.getByRole('heading', { name: 'Approvals', level: 1 }).waitFor();
    const menuEntry = inbox
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Approvals' });
    expect(await menuEntry.getAttribute('aria-current')).toBe('page');
    const item = inbox.locator('li.item').filter({ hasText: name });
    await item.getByRole('heading', { name }).waitFor();
    await item.getByText(title).waitFor();
    await item.getByText('Course at the chamber of commerce.').waitFor();
    await inbox.locator('section[aria-busy="false"]').waitFor();
    await screenshot(inbox, 'approvals-inbox.png');
    // The inbox works on a phone too: one column, nothing sideways (measured once the phone layout is shown).
    await inbox.setViewportSize(PHONE);
    expect(await sidewaysScroll(inbox)).toEqual(NO_SIDEWAYS_SCROLL);
    await screenshot(inbox, 'approvals-inbox-phone.png');

    await item.getByRole('button', { name: `Approve ${title} for ${name}` }).click();
    const confirm = inbox.getByRole('dialog');
    await confirm.getByText(`${name} gets “${title}”, counting from ${shownDay(issuedOn, 'en')}.`).waitFor();
    await confirm.getByRole('button', { name: 'Approve' }).click();
    await inbox.getByText(`${name} now holds “${title}”.`).waitFor();
    await item.waitFor({ state: 'detached' });

    const decided = await apiGet<MyEvidencePage>(brevet, '/api/v1/me/evidence', employee.session);
    const approved: Evidence = decided.items[0];
    expect(approved).toMatchObject({ status: 'approved', decidedBy: { userId: me.userId } });
    expect(approved.awardId).not.toBeNull();

    // ── The employee holds the certificate now ───────────────────────────────────────────────────────
    await page.goto('/me');
    // "My certificates" names them in the person's own language (from their staff record).
    const heldTitle = credential.title[profile.language];
    await page.getByRole('heading', { name: heldTitle, level: 3 }).waitFor();
    const now = await apiGet<MyCredentials>(brevet, '/api/v1/me/credentials', employee.session);
    const award = now.items.find((i) => i.credential.id === credential.id);
    expect(award).toMatchObject({ awardId: approved.awardId, issuedOn, status: 'valid' });
    await page
      .getByRole('link', { name: `Certificate (PDF): ${heldTitle}` })
      .first()
      .waitFor();
    await screenshot(page, 'evidence-approved-phone.png');

    // What they sent says so too, in German as well.
    await page.goto('/me/evidence');
    await page.locator('li.card').filter({ hasText: title }).getByText('Approved').waitFor();
    await page.getByRole('radio', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { name: 'Nachweis einreichen', level: 1 }).waitFor();
    const germanCard = page.locator('li.card').filter({ hasText: 'Angenommen' });
    await germanCard.getByText('Er steht jetzt bei Ihren Nachweisen.').waitFor();
    await page
      .getByRole('heading', { name: 'Ihre Einreichungen', level: 2 })
      .evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'evidence-upload-phone-de.png');
  });
});
