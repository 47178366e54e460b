import type { MailMessage, MailMessagePage, MailTransportInfo } from '@brevet/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';
import { signInAs, signInAsAdmin } from '../../test/support/auth';
import { createTestApp, resetDatabase, settleJobs, type TestApp } from '../../test/support/test-app';
import { TestSmtpServer } from '../../test/mail/smtp-test-server';
import { Clock } from '../common/clock';
import { JobOutbox } from '../jobs/job-outbox.service';
import { MailMessageEntity } from './mail.entity';
import { MailRepository } from './mail.repository';
import { Mailer, SENDING_LEASE_MS, type NewMail } from './mailer.service';

const NOW = new Date('2026-11-02T06:00:00Z');

let sequence = 0;
function newMail(overrides: Partial<NewMail> = {}): NewMail {
  sequence += 1;
  return {
    recipient: {
      key: `staff:test-${sequence}`,
      address: `anna.${sequence}@example.com`,
      name: 'Anna Müller',
    },
    reason: 'reminder.expiry',
    subjectKey: `definition-${sequence}.d30`,
    reasonDate: '2026-12-02',
    template: 'reminder-expiry',
    language: 'de',
    subject: 'Ihr Zertifikat „Staplerschein“ läuft am 2. Dezember 2026 ab',
    text: 'Hallo Anna,\n\nbitte erneuern Sie es rechtzeitig.\n',
    html: '<p>Hallo Anna,</p><p>bitte erneuern Sie es <b>rechtzeitig</b>.</p>',
    ...overrides,
  };
}

/** Claims and enqueues inside a transaction, as services do; resolves with the ID (null: claimed before). */
function queue(t: TestApp, mail: NewMail): Promise<string | null> {
  const txHost = t.app.get(TransactionHost);
  return t.app
    .get(ClsService)
    .run(() => txHost.withTransaction(() => t.app.get(Mailer).queue(mail)) as Promise<string | null>);
}

const row = (t: TestApp, id: string) => t.dataSource.getRepository(MailMessageEntity).findOneByOrFail({ id });

describe('mail over SMTP (a real SMTP server on loopback)', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  /** Per test: refuse the next messages' DATA with this reply. */
  let refusals: Array<{ code: number; message: string }> = [];

  beforeAll(async () => {
    smtp = await TestSmtpServer.start({
      auth: { user: 'brevet', password: 's3cret' },
      refuseData: () => refusals.shift() ?? null,
      refuseRecipient: (address) =>
        address.startsWith('nobody@') ? { code: 550, message: 'No such user here' } : null,
    });
    t = await createTestApp(smtp.env({ SMTP_USER: 'brevet', SMTP_PASSWORD: 's3cret' }));
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => NOW);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(async () => {
    await resetDatabase(t);
    smtp.arrived.length = 0;
    refusals = [];
  });

  it('sends once, records the Message-ID the server accepted, and never sends the same key twice', async () => {
    const mail = newMail();
    const id = (await queue(t, mail)) as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await settleJobs(t);

    expect(smtp.arrived).toHaveLength(1);
    const [arrived] = smtp.arrived;
    expect(arrived.user).toBe('brevet');
    expect(arrived.from).toBe('brevet@brevet.test');
    expect(arrived.to).toEqual([mail.recipient.address]);
    expect(arrived.parsed.subject).toBe(mail.subject);
    expect(arrived.parsed.text).toBe(mail.text);
    expect(arrived.parsed.html).toContain('<b>rechtzeitig</b>');
    expect(arrived.parsed.to && 'text' in arrived.parsed.to ? arrived.parsed.to.text : '').toContain(
      'Anna Müller',
    );
    expect(arrived.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(arrived.parsed.headers.get('content-language')).toBe('de');

    const stored = await row(t, id);
    expect(stored).toMatchObject({
      status: 'sent',
      transport: 'smtp',
      attempts: 1,
      providerMessageId: `<${id}@brevet.test>`,
      lastError: null,
    });
    expect(arrived.messageId).toBe(stored.providerMessageId);
    expect(stored.providerResponse).toMatch(/^250 .*queued as T/);
    expect(stored.sentAt?.toISOString()).toBe(NOW.toISOString());

    // The same recipient, reason, subject and day: nothing is claimed, nothing is sent.
    expect(await queue(t, { ...mail, subject: 'Another subject' })).toBeNull();
    await settleJobs(t);
    expect(smtp.arrived).toHaveLength(1);
    expect(await t.dataSource.getRepository(MailMessageEntity).count()).toBe(1);
    // A different day for the same reminder is a different email.
    expect(await queue(t, { ...mail, reasonDate: '2027-12-02' })).not.toBeNull();
  });

  it('retries a temporary refusal with backoff; the message arrives once', async () => {
    refusals = [{ code: 451, message: 'Try again later' }];
    const id = (await queue(t, newMail())) as string;
    await settleJobs(t);
    expect(smtp.arrived).toHaveLength(1);
    expect(await row(t, id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('gives up at once on a permanent refusal, without retrying', async () => {
    const id = (await queue(
      t,
      newMail({ recipient: { key: 'staff:x', address: 'nobody@example.com', name: 'X' } }),
    ))!;
    await settleJobs(t);
    expect(smtp.arrived).toHaveLength(0);
    const stored = await row(t, id);
    expect(stored).toMatchObject({ status: 'failed', transport: 'smtp', attempts: 1 });
    expect(stored.lastError).toContain('550');
  });

  it('after a crash between claim and send: the pending message is sent once by the sweep', async () => {
    // A process that claims and then dies before delivering: the `cli` role runs no jobs, so the delivery job
    // it enqueued is lost with the process, exactly like an in-process queue at a crash.
    const dying = await createTestApp(smtp.env({ SMTP_USER: 'brevet', SMTP_PASSWORD: 's3cret' }), 'cli');
    const id = (await queue(dying, newMail()))!;
    // Its outbox hands the delivery job to its own queue, which never runs it; then the process is gone.
    await dying.app.get(JobOutbox).flush();
    await dying.close();
    expect(await row(t, id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(smtp.arrived).toHaveLength(0);

    const swept = await t.app.get(Mailer).sweep();
    expect(swept).toEqual({ requeued: 1, uncertain: 0 });
    await settleJobs(t);
    expect(smtp.arrived).toHaveLength(1);
    expect(await row(t, id)).toMatchObject({ status: 'sent', attempts: 1 });

    // Retries and sweeps after that send nothing more.
    await t.app.get(Mailer).deliver(id);
    expect(await t.app.get(Mailer).sweep()).toEqual({ requeued: 0, uncertain: 0 });
    await settleJobs(t);
    expect(smtp.arrived).toHaveLength(1);
  });

  it('after a crash during the hand-over: never sent again, marked uncertain (at most once)', async () => {
    const id = (await queue(
      t,
      newMail({ recipient: { key: 'staff:y', address: 'late@example.com', name: 'Y' } }),
    ))!;
    // Take the message out of the queue's hands the way a dying worker leaves it: `sending`, never finished.
    await t.app.get(MailRepository).startSending(id, NOW);
    await settleJobs(t); // its delivery job runs, finds the hand-over unfinished, and does not send
    expect(smtp.arrived).toHaveLength(0);
    expect(await row(t, id)).toMatchObject({ status: 'uncertain', attempts: 1 });

    // A hand-over left `sending` is settled by the sweep once its lease is over.
    const other = (await queue(
      t,
      newMail({ recipient: { key: 'staff:z', address: 'z@example.com', name: 'Z' } }),
    ))!;
    await settleJobs(t);
    await t.dataSource.query(`UPDATE mail_message SET status = 'sending', sending_at = $2 WHERE id = $1`, [
      other,
      NOW,
    ]);
    expect(await t.app.get(Mailer).sweep()).toEqual({ requeued: 0, uncertain: 0 });
    jest
      .spyOn(t.app.get(Clock), 'now')
      .mockImplementation(() => new Date(NOW.getTime() + SENDING_LEASE_MS + 1));
    try {
      expect(await t.app.get(Mailer).sweep()).toEqual({ requeued: 0, uncertain: 1 });
    } finally {
      jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => NOW);
    }
    expect((await row(t, other)).status).toBe('uncertain');
    expect(smtp.to('late@example.com')).toHaveLength(0);
    expect(smtp.to('z@example.com')).toHaveLength(1);
  });
});

describe('mail without SMTP: the local outbox, read by HR admins', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => NOW);
  });
  afterAll(() => t.close());
  beforeEach(() => resetDatabase(t));

  it('keeps every message in the outbox and lists it, pages it, filters it and shows its content', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await queue(t, newMail({ subject: `Reminder ${i}` })))!);
    ids.push(
      (await queue(
        t,
        newMail({ reason: 'reminder.digest', subject: 'Digest', html: null, subjectKey: 'digest' }),
      ))!,
    );
    await settleJobs(t);
    for (const id of ids) expect(await row(t, id)).toMatchObject({ status: 'outbox', transport: 'outbox' });

    const admin = await signInAsAdmin(t);
    expect((await admin.get('/api/v1/mail/transport').expect(200)).body as MailTransportInfo).toEqual({
      kind: 'outbox',
      from: null,
    });

    const page1 = (await admin.get('/api/v1/mail/messages?pageSize=3&sort=subject').expect(200))
      .body as MailMessagePage;
    expect(page1.total).toBe(4);
    expect(page1.items.map((m) => m.subject)).toEqual(['Digest', 'Reminder 0', 'Reminder 1']);
    expect(page1.items[0]).not.toHaveProperty('text');
    const page2 = (await admin.get('/api/v1/mail/messages?pageSize=3&page=2&sort=subject').expect(200))
      .body as MailMessagePage;
    expect(page2.items.map((m) => m.subject)).toEqual(['Reminder 2']);

    const digests = (await admin.get('/api/v1/mail/messages?reason=reminder.digest').expect(200))
      .body as MailMessagePage;
    expect(digests.items.map((m) => m.id)).toEqual([ids[3]]);
    const searched = (await admin.get('/api/v1/mail/messages?q=reminder%201').expect(200))
      .body as MailMessagePage;
    expect(searched.items.map((m) => m.id)).toEqual([ids[1]]);
    expect(
      ((await admin.get('/api/v1/mail/messages?status=sent').expect(200)).body as MailMessagePage).total,
    ).toBe(0);

    const one = (await admin.get(`/api/v1/mail/messages/${ids[0]}`).expect(200)).body as MailMessage;
    expect(one).toMatchObject({
      id: ids[0],
      status: 'outbox',
      transport: 'outbox',
      reason: 'reminder.expiry',
      reasonDate: '2026-12-02',
      language: 'de',
      text: 'Hallo Anna,\n\nbitte erneuern Sie es rechtzeitig.\n',
      providerMessageId: null,
      sentAt: NOW.toISOString(),
    });
    expect(one.html).toContain('<b>rechtzeitig</b>');
    await admin.get('/api/v1/mail/messages/00000000-0000-0000-0000-000000000000').expect(404);
    await admin.get('/api/v1/mail/messages?status=bogus').expect(400);
  });

  it('is for HR admins only: managers, auditors and employees are refused', async () => {
    for (const role of ['branch_manager', 'regional_manager', 'auditor'] as const) {
      const agent = await signInAs(t, role);
      const res = await agent.get('/api/v1/mail/messages').expect(403);
      expect(res.body.code).toBe('auth.forbidden');
    }
  });
});
