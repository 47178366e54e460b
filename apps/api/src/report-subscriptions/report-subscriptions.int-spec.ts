import type {
  ProblemDetails,
  ReportSubscription,
  ReportSubscriptionPage,
  StaffDetail,
} from '@brevet/contracts';
import * as ExcelJS from 'exceljs';
import { signInAs, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { makeBranch, makeRegion, staffBody } from '../../test/support/factories';
import { TestSmtpServer } from '../../test/mail/smtp-test-server';
import {
  createTestApp,
  resetDatabase,
  settleJobs as settleOnce,
  type TestApp,
} from '../../test/support/test-app';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { ReportScheduleTicker } from './report-schedule.ticker';

/** Sunday 1 November 2026, 12:00 in Berlin: the next Monday 07:00 slot is 2 Nov 06:00 UTC. */
const SUNDAY = new Date('2026-11-01T11:00:00Z');
const FIRST_SLOT = new Date('2026-11-02T06:00:00Z');
const SUBSCRIPTIONS = '/api/v1/report-subscriptions';

/** Runs the jobs, then the mail deliveries those jobs requested. */
async function settleJobs(t: TestApp): Promise<void> {
  await settleOnce(t);
  await settleOnce(t);
}

describe('scheduled reports (real SMTP, real PostgreSQL)', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let now: Date;
  let admin: SignedInAgent;
  let manager: SignedInAgent;
  let inX: StaffDetail;
  let inY: StaffDetail;
  let branchX: string;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createTestApp(smtp.env({ PUBLIC_URL: 'https://brevet.example' }));
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => now);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(async () => {
    now = SUNDAY;
    await resetDatabase(t);
    smtp.arrived.length = 0;
    (t.app.get(AppConfig).reports as { attachmentMaxBytes: number }).attachmentMaxBytes = 5 * 1024 * 1024;
    admin = await signInAsAdmin(t);
    const region = await makeRegion(t.dataSource);
    const x = await makeBranch(t.dataSource, region.id, { timezone: 'Europe/Berlin' });
    const y = await makeBranch(t.dataSource, region.id, { timezone: 'America/New_York' });
    inX = (await admin.post('/api/v1/staff').send(staffBody(x.id, [])).expect(201)).body as StaffDetail;
    inY = (await admin.post('/api/v1/staff').send(staffBody(y.id, [])).expect(201)).body as StaffDetail;
    const credential = await makePublishedCredential(admin);
    for (const person of [inX, inY])
      await admin
        .post('/api/v1/awards')
        .send({
          staffId: person.id,
          definitionId: credential.id,
          completedOn: '2026-10-01',
          issuer: 'HR admin',
        })
        .expect(201);
    branchX = x.id;
    manager = await signInAs(t, 'branch_manager', {
      branchIds: [x.id],
      email: 'maria.manager@test.example',
      displayName: 'Maria Manager',
    });
  });

  const subscribe = async (agent: SignedInAgent, extra: object = {}) =>
    (
      await agent
        .post(SUBSCRIPTIONS)
        .send({ kind: 'awards', format: 'xlsx', every: 'weekly', weekday: 1, time: '07:00', ...extra })
        .expect(201)
    ).body as ReportSubscription;
  const ticker = () => t.app.get(ReportScheduleTicker);
  const runCount = async () =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM report_subscription_run`))[0].n);

  async function sheetText(content: Buffer): Promise<string> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(content as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    return cells.join('|');
  }

  it('mails the report as an XLSX attachment built with the subscriber’s scope, once per slot', async () => {
    const created = await subscribe(manager);
    expect(created.cadence).toEqual({
      every: 'weekly',
      weekday: 1,
      time: '07:00',
      timeZone: 'Europe/Berlin',
    });
    expect(created.nextRunAt).toBe(FIRST_SLOT.toISOString());

    now = new Date('2026-11-02T06:00:30Z');
    // Two scheduler checks race for the slot: exactly one claims it.
    const claims = await Promise.all([ticker().check(), ticker().check(), ticker().check()]);
    expect(claims.reduce((a, b) => a + b, 0)).toBe(1);
    await settleJobs(t);
    expect(await ticker().check()).toBe(0);
    await settleJobs(t);

    expect(smtp.arrived).toHaveLength(1);
    const mail = smtp.arrived[0].parsed;
    expect(smtp.arrived[0].to).toEqual(['maria.manager@test.example']);
    expect(mail.subject).toBe('Your scheduled report: Awarded certificates (2 November 2026)');
    expect(mail.text).toContain('The report is attached as a XLSX file.');
    expect(mail.attachments).toHaveLength(1);
    const [file] = mail.attachments;
    expect(file.filename).toMatch(/^awards-2026-11-02\.xlsx$/);
    expect(file.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const text = await sheetText(file.content);
    expect(text).toContain(inX.employeeNumber);
    expect(text).not.toContain(inY.employeeNumber);

    const list = (await manager.get(SUBSCRIPTIONS).expect(200)).body as ReportSubscriptionPage;
    expect(list.items[0]).toMatchObject({
      lastRun: { slotAt: FIRST_SLOT.toISOString(), status: 'sent', detail: 'attached' },
      nextRunAt: '2026-11-09T06:00:00.000Z',
    });
  });

  it('mails the training report of the 12 months up to the slot; fixed days are refused', async () => {
    const refused = await manager
      .post(SUBSCRIPTIONS)
      .send({
        kind: 'training-report',
        format: 'csv',
        every: 'daily',
        time: '07:00',
        filters: { from: '2026-01-01' },
      })
      .expect(400);
    expect((refused.body as ProblemDetails).errors?.map((e) => e.field)).toEqual(['filters.from']);
    await subscribe(manager, { kind: 'training-report', format: 'xlsx' });

    now = new Date('2026-11-02T06:00:30Z');
    expect(await ticker().check()).toBe(1);
    await settleJobs(t);
    const [arrived, ...more] = smtp.arrived;
    expect(more).toEqual([]);
    expect(arrived.parsed.subject).toBe('Your scheduled report: Training report (2 November 2026)');
    const [file] = arrived.parsed.attachments;
    expect(file.filename).toBe('training-report-2026-11-02.xlsx');
    const exported = await t.dataSource.query(
      `SELECT e.filters FROM export_run e JOIN report_subscription_run r ON r.export_id = e.id`,
    );
    expect(exported).toEqual([{ filters: {} }]);
    expect(await sheetText(file.content)).toMatch(/Month/);
  });

  it('uses the scope the subscriber has when the report runs, not when they subscribed', async () => {
    await subscribe(manager);
    // Moved from branch X to branch Y after subscribing.
    await t.dataSource.query(
      `UPDATE user_role_grant SET branch_id = (SELECT branch_id FROM staff WHERE id = $2) WHERE user_id = $1`,
      [manager.userId, inY.id],
    );
    now = new Date('2026-11-02T06:30:00Z');
    expect(await ticker().check()).toBe(1);
    await settleJobs(t);
    expect(smtp.arrived).toHaveLength(1);
    const text = await sheetText(smtp.arrived[0].parsed.attachments[0].content);
    expect(text).toContain(inY.employeeNumber);
    expect(text).not.toContain(inX.employeeNumber);
  });

  it('never runs a slot twice, even when a restarted process sees it due again', async () => {
    const created = await subscribe(manager);
    now = new Date('2026-11-02T06:01:00Z');
    expect(await ticker().check()).toBe(1);
    await settleJobs(t);
    // As if a process restarted before it saved the next slot: the slot is due again, the key refuses it.
    await t.dataSource.query(`UPDATE report_subscription SET next_run_at = $2 WHERE id = $1`, [
      created.id,
      FIRST_SLOT,
    ]);
    expect(await Promise.all([ticker().check(), ticker().check()])).toEqual([0, 0]);
    await settleJobs(t);
    expect(await runCount()).toBe(1);
    expect(smtp.arrived).toHaveLength(1);
  });

  it('after downtime runs only the latest missed slot, once', async () => {
    await subscribe(manager, { language: 'de' });
    now = new Date('2026-11-18T09:00:00Z'); // Mondays 2, 9 and 16 November were missed
    expect(await ticker().check()).toBe(1);
    await settleJobs(t);
    expect(await ticker().check()).toBe(0);
    await settleJobs(t);
    expect(smtp.arrived).toHaveLength(1);
    expect(smtp.arrived[0].parsed.subject).toBe(
      'Ihr geplanter Bericht: Ausgestellte Zertifikate (16. November 2026)',
    );
    const [run] = await t.dataSource.query(`SELECT slot_at FROM report_subscription_run`);
    expect(new Date(run.slot_at).toISOString()).toBe('2026-11-16T06:00:00.000Z');
  });

  it('sends a link instead of a file that is too large', async () => {
    (t.app.get(AppConfig).reports as { attachmentMaxBytes: number }).attachmentMaxBytes = 100;
    await subscribe(manager, { format: 'csv' });
    now = new Date('2026-11-02T07:00:00Z');
    await ticker().check();
    await settleJobs(t);
    expect(smtp.arrived).toHaveLength(1);
    expect(smtp.arrived[0].parsed.attachments).toHaveLength(0);
    expect(smtp.arrived[0].parsed.text).toContain('https://brevet.example/exports');
  });

  it('a paused subscription sends nothing; resuming continues with the next slot', async () => {
    const created = await subscribe(manager);
    await manager.patch(`${SUBSCRIPTIONS}/${created.id}`).send({ paused: true }).expect(200);
    now = new Date('2026-11-02T06:30:00Z');
    expect(await ticker().check()).toBe(0);
    const resumed = (
      await manager.patch(`${SUBSCRIPTIONS}/${created.id}`).send({ paused: false }).expect(200)
    ).body as ReportSubscription;
    expect(resumed.nextRunAt).toBe('2026-11-09T06:00:00.000Z');
    expect(await ticker().check()).toBe(0);
    await settleJobs(t);
    expect(smtp.arrived).toHaveLength(0);
  });

  it('skips a run when the subscriber may no longer export', async () => {
    await subscribe(manager);
    await t.dataSource.query(`DELETE FROM user_role_grant WHERE user_id = $1`, [manager.userId]);
    now = new Date('2026-11-02T06:30:00Z');
    expect(await ticker().check()).toBe(1);
    await settleJobs(t);
    expect(smtp.arrived).toHaveLength(0);
    const [run] = await t.dataSource.query(`SELECT status, detail FROM report_subscription_run`);
    expect(run).toEqual({ status: 'skipped', detail: 'no longer allowed to export this report' });
  });

  it('managers see and change only their own subscriptions; HR admins see everyone’s', async () => {
    const mine = await subscribe(manager);
    const other = await signInAs(t, 'branch_manager', { branchIds: [branchX], email: 'o@test.example' });
    const theirs = await subscribe(other, {
      every: 'daily',
      weekday: undefined,
      time: '06:00',
      timeZone: 'UTC',
    });
    expect(
      ((await manager.get(SUBSCRIPTIONS).expect(200)).body as ReportSubscriptionPage).items.map((s) => s.id),
    ).toEqual([mine.id]);
    for (const res of [
      await manager.get(`${SUBSCRIPTIONS}/${theirs.id}`),
      await manager.patch(`${SUBSCRIPTIONS}/${theirs.id}`).send({ paused: true }),
      await manager.delete(`${SUBSCRIPTIONS}/${theirs.id}`),
    ]) {
      expect(res.status).toBe(404);
      expect((res.body as ProblemDetails).code).toBe('report-subscription.not_found');
    }
    const all = (await admin.get(SUBSCRIPTIONS).expect(200)).body as ReportSubscriptionPage;
    expect(all.items.map((s) => s.id).sort()).toEqual([mine.id, theirs.id].sort());
    await admin.delete(`${SUBSCRIPTIONS}/${theirs.id}`).expect(204);
  });

  it('validates the cadence', async () => {
    const res = await manager
      .post(SUBSCRIPTIONS)
      .send({ kind: 'awards', format: 'pdf', every: 'monthly', time: '25:00', timeZone: 'Mars/Olympus' })
      .expect(400);
    expect((res.body as ProblemDetails).errors?.map((e) => e.field).sort()).toEqual([
      'dayOfMonth',
      'format',
      'time',
      'timeZone',
    ]);
  });
});
