import type {
  MailMessageSummary,
  Me,
  MyProfile,
  SessionStaffOption,
  StaffCredentials,
  TrainingSessionDetail,
} from '@brevet/contracts';
import { type BrevetProcess } from '@brevet/testing';
import type { Browser, Page } from 'playwright-core';
import {
  NO_SIDEWAYS_SCROLL,
  PHONE,
  SESSION_COOKIE,
  apiFetch,
  apiGet,
  launchChromium,
  localToday,
  openApp,
  screenshot,
  sidewaysScroll,
  stopBrevet,
  type AppPage,
  type Session,
  startDemoBrevet,
} from './support/e2e';

/**
 * On-site training sessions in Chromium: a branch manager enrols a colleague in a session of their branch; the
 * session's instructor, on a phone, marks attendance and results and issues the certificates, which then appear
 * among the person's certificates. People sign in through the demo identity provider, as in evidence.e2e-spec.ts.
 */
describe('training sessions: enrol, mark attendance, certify', () => {
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

  /** Schedules a first-aid session as the HR admin, through the API. */
  async function schedule(branchId: string, instructorStaffId: string, startsAt: Date, capacity: number) {
    const page = await apiGet<{ items: Array<{ id: string; code: string }> }>(
      brevet,
      '/api/v1/credentials?q=FIRST-AID&status=published',
    );
    const firstAid = page.items.find((c) => c.code === 'FIRST-AID');
    if (!firstAid) throw new Error('the demo catalogue has no FIRST-AID credential');
    const response = await apiFetch(brevet, '/api/v1/training-sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        definitionId: firstAid.id,
        branchId,
        location: 'Ausbildungsraum 2, Erdgeschoss',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 7 * 3_600_000).toISOString(),
        instructorStaffId,
        capacity,
      }),
    });
    if (response.status !== 201)
      throw new Error(`scheduling answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as TrainingSessionDetail).id;
  }

  it('a branch manager enrols staff; the instructor marks attendance on a phone and the awards appear', async () => {
    const employee = await signIn(/Employee ·/, PHONE);
    const profile = await apiGet<MyProfile>(brevet, '/api/v1/me/profile', employee.session);
    const manager = await signIn(/Branch manager ·/);
    const me = await apiGet<Me>(brevet, '/api/v1/auth/me', manager.session);
    if (me.scope.all) throw new Error('a branch manager must not see every branch');
    const branchId = profile.branch.id;
    expect(me.scope.branchIds).toContain(branchId);

    // ── The manager schedules a session at their branch with the dialog, then enrols a colleague ─────
    const colleagues = await apiGet<SessionStaffOption[]>(
      brevet,
      '/api/v1/training-sessions/people',
      manager.session,
    );
    const colleague = colleagues.find((p) => p.id !== profile.staffId && p.id !== me.staffId);
    if (!colleague) throw new Error('nobody to enrol');
    const instructorName = `${profile.givenName} ${profile.familyName}`;

    const { page } = manager;
    await page.goto(`/sessions?branchId=${branchId}`);
    await page.getByRole('heading', { name: 'Training sessions', level: 1 }).waitFor();
    await page.locator('section[aria-busy="false"]').waitFor();
    const menuEntry = page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Sessions', exact: true });
    expect(await menuEntry.getAttribute('aria-current')).toBe('page');

    await page.getByRole('button', { name: 'New session' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'New training session' }).waitFor();
    await dialog.getByRole('combobox', { name: 'Certificate it trains for' }).click();
    await page.getByRole('option', { name: /\(FIRST-AID\)/ }).click();
    await dialog.getByRole('combobox', { name: 'Branch' }).click();
    await page.getByRole('option', { name: profile.branch.name }).click();
    await dialog.getByLabel('Place').fill('Ausbildungsraum 2, Erdgeschoss');
    const day = localToday(6);
    await dialog.getByLabel('Starts').fill(`${day}T09:00`);
    await dialog.getByLabel('Ends').fill(`${day}T16:30`);
    await dialog.getByLabel('Instructor').fill(profile.familyName);
    await page
      .getByRole('option', { name: new RegExp(instructorName) })
      .first()
      .click();
    await dialog.getByLabel('Seats').fill('8');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    const upcoming = page.url().split('/').pop() as string;
    const created = await apiGet<TrainingSessionDetail>(
      brevet,
      `/api/v1/training-sessions/${upcoming}`,
      manager.session,
    );
    expect(created).toMatchObject({
      branchId,
      capacity: 8,
      location: 'Ausbildungsraum 2, Erdgeschoss',
      instructor: { staffId: profile.staffId },
      definitionCode: 'FIRST-AID',
    });
    // 09:00 on the branch's clocks, stored as an instant.
    expect(
      new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        minute: '2-digit',
        timeZone: created.timeZone,
      }).format(new Date(created.startsAt)),
    ).toBe('09:00');
    await page.getByRole('heading', { name: 'Enrol staff', level: 2 }).waitFor();
    await screenshot(page, 'training-session-manager.png');

    const search = page.getByLabel('Person (name or employee number)');
    await search.fill(colleague.employeeNumber);
    await page.getByRole('option', { name: new RegExp(colleague.employeeNumber) }).click();
    await page
      .getByRole('region', { name: 'Enrol staff' })
      .getByRole('button', { name: 'Enrol', exact: true })
      .click();
    await page.getByText(`${colleague.name} is enrolled.`).waitFor();
    const participants = page.getByRole('region', { name: 'Participants' });
    await participants.getByText(colleague.name).waitFor();
    const enrolled = await apiGet<TrainingSessionDetail>(
      brevet,
      `/api/v1/training-sessions/${upcoming}`,
      manager.session,
    );
    expect(enrolled.participants.map((p) => p.staffId)).toContain(colleague.id);
    // The colleague got a confirmation email (recorded in the outbox).
    const mail = await apiGet<{ items: MailMessageSummary[] }>(
      brevet,
      '/api/v1/mail/messages?reason=session.enrolled',
    );
    expect(mail.items.some((m) => m.recipient.name === colleague.name)).toBe(true);

    // ── A session about to start, taught by the employee, with two people enrolled ───────────────────
    const startsAt = new Date(Date.now() + 4_000);
    const today = await schedule(branchId, profile.staffId, startsAt, 4);
    const [passer, absentee] = colleagues
      .filter((p) => p.id !== profile.staffId && p.id !== me.staffId)
      .slice(1, 3);
    const enrol = await apiFetch(brevet, `/api/v1/training-sessions/${today}/enrolments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ staffIds: [passer.id, absentee.id] }),
    });
    expect(enrol.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startsAt.getTime() - Date.now() + 500)));

    // ── The instructor, on a phone ──────────────────────────────────────────────────────────────────
    const phone = employee.page;
    await phone.goto('/sessions/mine');
    await phone.getByRole('heading', { name: 'Sessions you teach', level: 2 }).waitFor();
    await phone.locator(`a[href="/sessions/${today}"]`).first().click();
    await phone.getByRole('heading', { name: 'Participants (2)', level: 2 }).waitFor();
    const passerRow = phone.locator('li.person', { hasText: passer.name });
    await passerRow.getByRole('checkbox', { name: 'Attended' }).check();
    await passerRow.getByRole('checkbox', { name: 'Passed' }).check();
    await phone.getByRole('button', { name: 'Save attendance' }).click();
    await phone.getByText('Attendance saved.').waitFor();
    expect(await sidewaysScroll(phone)).toEqual(NO_SIDEWAYS_SCROLL);
    await screenshot(phone, 'training-session-attendance-phone.png');

    await phone.getByRole('button', { name: 'Issue 1 certificate' }).click();
    const confirm = phone.getByRole('dialog');
    await confirm.getByRole('button', { name: 'Issue certificates' }).click();
    await phone.getByText('1 certificate issued.').waitFor();
    await passerRow.getByText('Certificate issued').waitFor();

    // ── The award is the person's certificate now; the absentee got none ───────────────────────────
    const held = await apiGet<StaffCredentials>(brevet, `/api/v1/staff/${passer.id}/credentials`);
    const firstAid = held.items.find((i) => i.credential.code === 'FIRST-AID');
    expect(firstAid?.status).toBe('valid');
    const done = await apiGet<TrainingSessionDetail>(
      brevet,
      `/api/v1/training-sessions/${today}`,
      manager.session,
    );
    expect(done.status).toBe('completed');
    const byId = new Map(done.participants.map((p) => [p.staffId, p]));
    expect(byId.get(passer.id)?.awardId).toBe(firstAid?.award?.id);
    expect(byId.get(absentee.id)).toMatchObject({ attended: false, passed: false, awardId: null });

    // The manager sees it on the colleague's person page.
    await page.goto(`/staff/${passer.id}`);
    await page.getByRole('heading', { name: passer.name, level: 1 }).waitFor();
    await page
      .getByText(firstAid?.credential.title.en ?? 'no title')
      .first()
      .waitFor();
  });
});
