import type {
  Award,
  ManagerDigestPreference,
  ManagerDigestPreferencePage,
  ReminderSettingsView,
  StaffDetail,
} from '@brevet/contracts';
import { addDays } from '@brevet/domain';
import { ClsService } from 'nestjs-cls';
import { createTestUser, signInAs, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { makeBranch, makeRegion, staffBody } from '../../test/support/factories';
import { TestSmtpServer, type ArrivedMail } from '../../test/mail/smtp-test-server';
import { createTestApp, resetDatabase, settleJobs, type TestApp } from '../../test/support/test-app';
import { Clock } from '../common/clock';
import { JobName } from '../jobs/job-names';
import { RecurringJobScheduler } from '../jobs/recurring-job-scheduler';
import { MailMessageEntity } from '../mail/mail.entity';
import { RemindersService } from './reminders.service';

/** Monday 2 November 2026, 07:00 in Berlin: "today" is 2026-11-02 everywhere in this test. */
const MONDAY = new Date('2026-11-02T06:00:00Z');
const TODAY = '2026-11-02';

describe('reminders: employees before expiry and when overdue, managers in one digest (real SMTP)', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let now: Date;
  let admin: SignedInAgent;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createTestApp(smtp.env({ PUBLIC_URL: 'https://brevet.example' }));
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => now);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** One reminder run, as the daily job does it, then every delivery job. */
  async function run() {
    const summary = await t.app.get(ClsService).run(() => t.app.get(RemindersService).run());
    await settleJobs(t);
    return summary;
  }

  const hire = async (branchId: string, overrides: Record<string, unknown> = {}) =>
    (
      await admin
        .post('/api/v1/staff')
        .send(staffBody(branchId, [], { hireDate: '2020-01-01', ...overrides }))
        .expect(201)
    ).body as StaffDetail;

  /** Issues an award whose last valid day is `daysFromToday` away (12-month validity, from completion). */
  async function awardEndingIn(staffId: string, definitionId: string, daysFromToday: number): Promise<Award> {
    const validUntil = addDays(TODAY, daysFromToday);
    const completedOn = `${Number(validUntil.slice(0, 4)) - 1}${validUntil.slice(4)}`;
    const award = (
      await admin
        .post('/api/v1/awards')
        .send({ staffId, definitionId, completedOn, issuer: 'HR' })
        .expect(201)
    ).body as Award;
    expect(award.validUntil).toBe(validUntil);
    return award;
  }

  const subjects = (mails: ArrivedMail[]) => mails.map((m) => m.parsed.subject).sort();

  let world: {
    ham: string;
    bre: string;
    muc: string;
    empty: string;
    north: string;
    forklift: { id: string };
    firstAid: { id: string };
    people: Record<string, StaffDetail>;
    managers: { hamManager: string; northManager: string; mucManager: string; emptyManager: string };
  };

  beforeEach(async () => {
    now = MONDAY;
    await resetDatabase(t);
    smtp.arrived.length = 0;
    admin = await signInAsAdmin(t);
    const db = t.dataSource;
    const north = await makeRegion(db, { code: 'NORTH' });
    const south = await makeRegion(db, { code: 'SOUTH' });
    const ham = (await makeBranch(db, north.id, { code: 'HAM', name: 'Hamburg' })).id;
    const bre = (await makeBranch(db, north.id, { code: 'BRE', name: 'Bremen' })).id;
    const muc = (await makeBranch(db, south.id, { code: 'MUC', name: 'München' })).id;
    const empty = (await makeBranch(db, south.id, { code: 'NUE', name: 'Nürnberg' })).id;
    const forklift = await makePublishedCredential(admin, {
      title: { en: 'Forklift licence', de: 'Staplerschein' },
    });
    const firstAid = await makePublishedCredential(admin, { title: { en: 'First aid', de: 'Erste Hilfe' } });
    for (const definitionId of [forklift.id, firstAid.id]) {
      await admin
        .post('/api/v1/compliance/rules')
        .send({
          definitionId,
          jobRoleId: null,
          area: 'company',
          dueDays: 30,
          warningDays: 60,
          effectiveFrom: '2020-01-01',
        })
        .expect(201);
    }
    const person = (
      branchId: string,
      familyName: string,
      language: 'en' | 'de',
      extra: Record<string, unknown> = {},
    ) =>
      hire(branchId, {
        givenName: familyName.slice(0, 3),
        familyName,
        preferredLanguage: language,
        email: `${familyName.toLowerCase()}@example.com`,
        ...extra,
      });
    const people = {
      in30: await person(ham, 'Thirty', 'en'),
      in60: await person(ham, 'Sixty', 'de'),
      in45: await person(ham, 'Fortyfive', 'de'),
      in61: await person(ham, 'Sixtyone', 'en'),
      in7: await person(bre, 'Seven', 'de'),
      expired: await person(muc, 'Lapsed', 'en'),
      missing: await person(bre, 'Missing', 'de'),
      noEmail: await person(ham, 'Noaddress', 'en', { email: null }),
      onLeave: await person(ham, 'Away', 'en'),
    };
    // Each person holds first aid for a long time yet, except where a test needs otherwise.
    for (const p of Object.values(people)) await awardEndingIn(p.id, firstAid.id, 200);
    await awardEndingIn(people.in30.id, forklift.id, 30);
    await awardEndingIn(people.in60.id, forklift.id, 60);
    await awardEndingIn(people.in45.id, forklift.id, 45);
    await awardEndingIn(people.in61.id, forklift.id, 61);
    await awardEndingIn(people.in7.id, forklift.id, 7);
    await awardEndingIn(people.expired.id, forklift.id, -10);
    await awardEndingIn(people.noEmail.id, forklift.id, 30);
    await awardEndingIn(people.onLeave.id, forklift.id, 30);
    await db.query(`UPDATE staff SET status = 'on_leave' WHERE id = $1`, [people.onLeave.id]);
    // `missing` never had the forklift licence: overdue since the day after 2020-01-31.

    const managerLinkedTo = await person(ham, 'Managerin', 'de');
    const managers = {
      hamManager: await createTestUser(t, 'branch_manager', {
        branchIds: [ham],
        email: 'ham.manager@example.com',
        displayName: 'Maria Managerin',
        staffId: managerLinkedTo.id,
      }),
      northManager: await createTestUser(t, 'regional_manager', {
        regionIds: [north.id],
        email: 'north.manager@example.com',
        displayName: 'Nora North',
      }),
      mucManager: await createTestUser(t, 'branch_manager', {
        branchIds: [muc],
        email: 'muc.manager@example.com',
        displayName: 'Moritz Süd',
      }),
      emptyManager: await createTestUser(t, 'branch_manager', {
        branchIds: [empty],
        email: 'nue.manager@example.com',
        displayName: 'Nina Leer',
      }),
    };
    // The manager's own record holds everything for long.
    await awardEndingIn(managerLinkedTo.id, forklift.id, 300);
    await awardEndingIn(managerLinkedTo.id, firstAid.id, 300);
    world = { ham, bre, muc, empty, north: north.id, forklift, firstAid, people, managers };
    smtp.arrived.length = 0;
  });

  it('emails each employee the reminder due at the offsets, in their language, with their links', async () => {
    const summary = await run();
    const to = (p: StaffDetail) => smtp.to(p.email as string);
    const { people } = world;

    expect(subjects(to(people.in30))).toEqual([
      'Your certificate “Forklift licence” expires on 2 December 2026',
    ]);
    const in30 = to(people.in30)[0];
    expect(in30.parsed.text).toContain('That is in 30 days.');
    expect(in30.parsed.text).toContain('https://brevet.example/me\n');
    expect(in30.parsed.text).toContain(
      `https://brevet.example/me/evidence?definitionId=${world.forklift.id}`,
    );
    expect(in30.parsed.headers.get('content-language')).toBe('en');

    expect(subjects(to(people.in60))).toEqual(['Ihr Nachweis „Staplerschein“ läuft am 1. Januar 2027 ab']);
    expect(to(people.in60)[0].parsed.text).toContain('Das ist in 60 Tagen.');
    expect(to(people.in60)[0].parsed.headers.get('content-language')).toBe('de');
    // 45 days left: the 60-day reminder is due (it was not sent before), saying how many days are left.
    expect(to(people.in45)[0].parsed.text).toContain('Das ist in 45 Tagen.');
    expect(to(people.in61)).toEqual([]);
    expect(subjects(to(people.in7))).toEqual(['Ihr Nachweis „Staplerschein“ läuft am 9. November 2026 ab']);
    expect(subjects(to(people.expired))).toEqual(['Your certificate “Forklift licence” has expired']);
    expect(to(people.expired)[0].parsed.text).toContain('was valid until 23 October 2026');
    expect(subjects(to(people.missing))).toEqual(['Ihnen fehlt noch der Nachweis „Staplerschein“']);
    expect(to(people.onLeave)).toEqual([]);

    const rows = await t.dataSource.getRepository(MailMessageEntity).find();
    const keyOf = (p: StaffDetail) =>
      rows
        .filter((r) => r.recipientKey === `staff:${p.id}`)
        .map((r) => `${r.reason} ${r.subjectKey.replace(world.forklift.id, 'forklift')} ${r.reasonDate}`);
    expect(keyOf(people.in30)).toEqual(['reminder.expiry forklift.d30 2026-12-02']);
    expect(keyOf(people.in45)).toEqual(['reminder.expiry forklift.d60 2026-12-17']);
    expect(keyOf(people.expired)).toEqual(['reminder.overdue forklift 2026-10-24']);
    expect(keyOf(people.missing)).toEqual(['reminder.overdue forklift 2020-02-01']);
    expect(rows.every((r) => r.status === 'sent' && r.providerMessageId !== null)).toBe(true);
    expect(summary).toMatchObject({ expiry: 4, overdue: 2, skipped: 2 }); // no address; on leave
  });

  it('sends each manager one digest of their own scope only, grouped by branch, in their language', async () => {
    await admin
      .put(`/api/v1/reminders/managers/${world.managers.northManager}`)
      .send({ frequency: 'daily' })
      .expect(200);
    await admin
      .put(`/api/v1/reminders/managers/${world.managers.mucManager}`)
      .send({ frequency: 'off' })
      .expect(200);
    const summary = await run();
    expect(summary.digests).toBe(2);

    const ham = smtp.to('ham.manager@example.com');
    expect(ham).toHaveLength(1);
    // Hamburg: in30, in60, in45, no address and on leave are expiring (within the rule's 60 warning days).
    expect(ham[0].parsed.subject).toBe('Nachweise in Ihrem Bereich: 0 überfällig, 5 laufen bald ab');
    const hamText = ham[0].parsed.text as string;
    expect(hamText).toContain('wöchentliche Übersicht');
    expect(hamText).toContain('Hamburg (HAM)');
    for (const name of ['Thirty', 'Sixty', 'Fortyfive', 'Noaddress', 'Away']) expect(hamText).toContain(name);
    for (const name of ['Sixtyone', 'Seven', 'Lapsed', 'Missing', 'Bremen', 'München'])
      expect(hamText).not.toContain(name);
    expect(hamText).toContain(`https://brevet.example/staff/${world.people.in30.id}`);
    expect(hamText).toContain('Staplerschein: gültig bis 2. Dezember 2026');

    const north = smtp.to('north.manager@example.com');
    expect(north).toHaveLength(1);
    expect(north[0].parsed.subject).toBe('Certificates in your area: 1 overdue, 6 expiring soon');
    const northText = north[0].parsed.text as string;
    expect(northText).toContain('daily overview');
    expect(northText.indexOf('Bremen (BRE)')).toBeLessThan(northText.indexOf('Hamburg (HAM)'));
    expect(northText).toContain('Forklift licence: missing, was due on 31 January 2020');
    expect(northText).not.toContain('Lapsed'); // München is another region
    expect(north[0].parsed.headers.get('content-language')).toBe('en'); // no linked person: English

    expect(smtp.to('muc.manager@example.com')).toEqual([]); // off
    expect(smtp.to('nue.manager@example.com')).toEqual([]); // nothing in scope
  });

  it('sends nothing twice: a second run, the next days, and after the week', async () => {
    await admin
      .put(`/api/v1/reminders/managers/${world.managers.northManager}`)
      .send({ frequency: 'daily' })
      .expect(200);
    await run();
    const first = smtp.arrived.length;
    expect(first).toBe(6 + 3); // 6 employee emails, digests for Hamburg, North and München

    const again = await run();
    expect(again).toMatchObject({ expiry: 0, overdue: 0, digests: 0 });
    expect(smtp.arrived).toHaveLength(first);
    expect(await t.dataSource.getRepository(MailMessageEntity).count()).toBe(first);

    // Tuesday: the daily digest, and "in61" now has 60 days left. The weekly digests belong to Monday's week.
    now = new Date(MONDAY.getTime() + 24 * 3600_000);
    await run();
    expect(
      smtp.arrived
        .slice(first)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(['north.manager@example.com', 'sixtyone@example.com']);

    // 23 days on, 7 days left for "in30": its 7-day reminder; the weekly digests of that week too.
    now = new Date(MONDAY.getTime() + 23 * 24 * 3600_000); // Wednesday 25 November
    const before = smtp.arrived.length;
    await run();
    const later = smtp.arrived.slice(before);
    expect(subjects(later.filter((m) => m.to[0] === 'thirty@example.com'))).toEqual([
      'Your certificate “Forklift licence” expires on 2 December 2026',
    ]);
    expect(later.find((m) => m.to[0] === 'thirty@example.com')?.parsed.text).toContain('That is in 7 days.');
    expect(later.filter((m) => m.to[0] === 'ham.manager@example.com')).toHaveLength(1);
    const rows = await t.dataSource.getRepository(MailMessageEntity).find();
    expect(
      rows
        .filter((r) => r.recipientKey === `user:${world.managers.hamManager}`)
        .map((r) => r.reasonDate)
        .sort(),
    ).toEqual(['2026-11-02', '2026-11-23']);
  });

  it('keeps reminders in the outbox when SMTP is not set up', async () => {
    const outbox = await createTestApp({ PUBLIC_URL: 'https://brevet.example' });
    try {
      // Its start-up may have run the day's scheduled reminders on the real clock: start from an empty outbox.
      await settleJobs(outbox);
      await outbox.dataSource.query('DELETE FROM mail_message');
      jest.spyOn(outbox.app.get(Clock), 'now').mockImplementation(() => now);
      const summary = await outbox.app.get(ClsService).run(() => outbox.app.get(RemindersService).run());
      await settleJobs(outbox);
      expect(summary.expiry + summary.overdue + summary.digests).toBeGreaterThan(0);
      const rows = await outbox.dataSource.getRepository(MailMessageEntity).find();
      expect(rows.length).toBe(summary.expiry + summary.overdue + summary.digests);
      expect(rows.every((r) => r.status === 'outbox' && r.transport === 'outbox')).toBe(true);
      expect(smtp.arrived).toEqual([]);
    } finally {
      await outbox.close();
    }
  });

  it("lets HR admins change the offsets and a manager's digest, audited; others may not", async () => {
    const view = (await admin.get('/api/v1/reminders/settings').expect(200)).body as ReminderSettingsView;
    expect(view).toMatchObject({
      offsetsDays: [60, 30, 7],
      overdue: true,
      digest: { frequency: 'weekly', weekday: 1 },
      timeZone: 'Europe/Berlin',
      lastRun: null,
    });
    const saved = (
      await admin
        .put('/api/v1/reminders/settings')
        .send({
          offsetsDays: [14, 90],
          overdue: false,
          digest: { frequency: 'off', weekday: 5 },
          timeZone: 'Europe/Vienna',
        })
        .expect(200)
    ).body as ReminderSettingsView;
    expect(saved).toMatchObject({
      offsetsDays: [90, 14],
      overdue: false,
      digest: { frequency: 'off', weekday: 5 },
    });
    const bad = await admin
      .put('/api/v1/reminders/settings')
      .send({
        offsetsDays: [30, 30],
        overdue: true,
        digest: { frequency: 'hourly', weekday: 9 },
        timeZone: 'CET',
      })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      expect.arrayContaining(['digest.frequency', 'digest.weekday', 'offsetsDays', 'timeZone']),
    );

    // With offsets 90 and 14, no overdue mails and no digests: "in60" and "in45" get the 90-day reminder only.
    const summary = await run();
    expect(summary).toMatchObject({ overdue: 0, digests: 0 });
    expect(smtp.to('sixty@example.com')[0].parsed.text).toContain('Das ist in 60 Tagen.');
    expect(smtp.to('lapsed@example.com')).toEqual([]);
    expect(
      ((await admin.get('/api/v1/reminders/settings').expect(200)).body as ReminderSettingsView).lastRun,
    ).toMatchObject({
      at: MONDAY.toISOString(),
      expiry: summary.expiry,
    });

    const managers = (await admin.get('/api/v1/reminders/managers?pageSize=2').expect(200))
      .body as ManagerDigestPreferencePage;
    expect(managers.total).toBe(4);
    expect(managers.items.map((m) => m.displayName)).toEqual(['Maria Managerin', 'Moritz Süd']);
    const changed = (
      await admin
        .put(`/api/v1/reminders/managers/${world.managers.hamManager}`)
        .send({ frequency: 'daily' })
        .expect(200)
    ).body as ManagerDigestPreference;
    expect(changed).toMatchObject({ frequency: 'daily', effective: 'daily', roles: ['branch_manager'] });
    const reset = (
      await admin
        .put(`/api/v1/reminders/managers/${world.managers.hamManager}`)
        .send({ frequency: null })
        .expect(200)
    ).body as ManagerDigestPreference;
    expect(reset).toMatchObject({ frequency: null, effective: 'off' });
    // An account that is not a manager is not found, like an unknown one.
    const employeeUser = await createTestUser(t, 'none', { staffId: world.people.in30.id });
    await admin.put(`/api/v1/reminders/managers/${employeeUser}`).send({ frequency: 'daily' }).expect(404);

    const audit = await t.dataSource.query(
      `SELECT target_type, target_id FROM audit_entry WHERE action = 'settings.changed' ORDER BY sequence`,
    );
    expect(audit).toEqual([
      { target_type: 'setting', target_id: 'reminders' },
      { target_type: 'user', target_id: world.managers.hamManager },
      { target_type: 'user', target_id: world.managers.hamManager },
    ]);

    const manager = await signInAs(t, 'branch_manager', { branchIds: [world.ham] });
    await manager.get('/api/v1/reminders/settings').expect(403);
    await manager
      .put(`/api/v1/reminders/managers/${world.managers.hamManager}`)
      .send({ frequency: 'off' })
      .expect(403);
  });

  it('runs every day at 06:00 in Berlin through the recurring-job scheduler, once per slot', async () => {
    const scheduler = t.app.get(RecurringJobScheduler);
    const reminderSlots = (claimed: Awaited<ReturnType<RecurringJobScheduler['tick']>>) =>
      claimed.filter((c) => c.job === JobName.RunReminders).map((c) => c.jobId);
    expect(reminderSlots(await scheduler.tick(MONDAY))).toEqual(['reminders.run.20261102T0500Z']);
    await settleJobs(t); // the run
    await settleJobs(t); // its deliveries
    expect(smtp.to('thirty@example.com')).toHaveLength(1);
    expect(reminderSlots(await scheduler.tick(new Date(MONDAY.getTime() + 3_600_000)))).toEqual([]);
  });

  it('runs through the job queue: "run now" queues the job that sends the reminders', async () => {
    const res = await admin.post('/api/v1/reminders/run').expect(202);
    expect(res.body.jobId).toMatch(/^reminders\.manual\./);
    await settleJobs(t); // relays the run job and runs it
    await settleJobs(t); // then the deliveries it queued
    expect(smtp.to('thirty@example.com')).toHaveLength(1);
  });
});
