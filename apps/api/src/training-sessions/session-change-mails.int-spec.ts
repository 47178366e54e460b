import type { StaffDetail, TrainingSessionDetail } from '@brevet/contracts';
import { arrangeAccessWorld, type AccessWorld } from '../../test/access/access-fixtures';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { staffBody } from '../../test/support/factories';
import { TestSmtpServer, type ArrivedMail } from '../../test/mail/smtp-test-server';
import { createTestApp, resetDatabase, settleJobs, type TestApp } from '../../test/support/test-app';
import { AuditEntryEntity } from '../audit/audit.entity';

/** A whole hour (UTC) on the day `days` from now. */
const inDays = (days: number, hourUtc: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d;
};

const calendarOf = (mail: ArrivedMail) => {
  const file = mail.parsed.attachments.find((a) => a.filename === 'training-session.ics');
  expect(file?.contentType).toBe('text/calendar');
  return (file as { content: Buffer }).content.toString('utf8').replace(/\r\n /g, '');
};

/**
 * Emails when a session's date, time, place or instructor changes or it is called off (to everyone enrolled or
 * waiting), through a real SMTP server on loopback, each in the person's language with the calendar file.
 */
describe('training sessions: change and cancellation emails (real SMTP)', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let world: AccessWorld;
  let admin: SignedInAgent;
  let session: TrainingSessionDetail;
  let emmaEmail: string;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    t = await createTestApp(smtp.env({ PUBLIC_URL: 'https://brevet.example' }));
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const hire = async (givenName: string, email: string, preferredLanguage: 'en' | 'de') =>
    (
      (
        await admin
          .post('/api/v1/staff')
          .send(staffBody(world.branches.x, [], { givenName, email, preferredLanguage }))
          .expect(201)
      ).body as StaffDetail
    ).id;

  beforeEach(async () => {
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
    world = await arrangeAccessWorld(t, admin);
    const firstAid = await makePublishedCredential(admin, { title: { en: 'First aid', de: 'Erste Hilfe' } });
    const ella = await hire('Ella', 'ella@example.com', 'en');
    const otto = await hire('Otto', 'otto@example.com', 'en');
    const startsAt = inDays(14, 8);
    session = (
      await admin
        .post('/api/v1/training-sessions')
        .send({
          definitionId: firstAid.id,
          branchId: world.branches.x,
          location: 'Hafenstraße 1, room 2',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
          instructorStaffId: world.staff.x,
          capacity: 2,
        })
        .expect(201)
    ).body as TrainingSessionDetail;
    // Emma (German) and Ella (English) take the two seats; Otto waits.
    await admin
      .post(`/api/v1/training-sessions/${session.id}/enrolments`)
      .send({ staffIds: [world.staff.own, ella, otto] })
      .expect(200);
    emmaEmail = ((await admin.get(`/api/v1/staff/${world.staff.own}`).expect(200)).body as StaffDetail)
      .email as string;
    await settleJobs(t);
    smtp.arrived.length = 0;
  });

  it('tells everyone enrolled about a new date and place, in their language, with the updated calendar file', async () => {
    const startsAt = inDays(21, 12);
    await admin
      .patch(`/api/v1/training-sessions/${session.id}`)
      .send({
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
        location: 'Kaistraße 9, hall B',
      })
      .expect(200);
    await settleJobs(t);

    const [ella, ...moreElla] = smtp.to('ella@example.com');
    expect(moreElla).toEqual([]);
    expect(ella.parsed.subject).toMatch(/^Changed: First aid on /);
    expect(ella.parsed.text).toContain('The training session “First aid” has changed.');
    expect(ella.parsed.text).toContain('Where: Kaistraße 9, hall B');
    const ics = calendarOf(ella);
    expect(ics).toContain('LOCATION:Kaistraße 9\\, hall B');
    expect(ics).toContain(`DTSTART:${startsAt.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`);
    expect(ics).toContain('SEQUENCE:1');

    const [emma, ...moreEmma] = smtp.to(emmaEmail);
    expect(moreEmma).toEqual([]);
    expect(emma.parsed.subject).toMatch(/^Geändert: Erste Hilfe am /);
    expect(emma.parsed.text).toContain('Die Schulung „Erste Hilfe“ hat sich geändert.');
    expect(emma.parsed.text).toContain('Wo: Kaistraße 9, hall B');
    // Otto waits for a seat: he hears of the change too, and that his place is kept.
    const [otto, ...moreOtto] = smtp.to('otto@example.com');
    expect(moreOtto).toEqual([]);
    expect(otto.parsed.subject).toMatch(/^Changed: First aid on /);
    expect(otto.parsed.text).toContain('You are still number 1 on the waiting list.');
    expect(ella.parsed.text).not.toContain('waiting list');

    // Only the capacity changes: nobody is written to.
    const before = smtp.arrived.length;
    await admin.patch(`/api/v1/training-sessions/${session.id}`).send({ capacity: 2 }).expect(200);
    await admin
      .patch(`/api/v1/training-sessions/${session.id}`)
      .send({ location: 'Kaistraße 9, hall B' })
      .expect(200);
    await settleJobs(t);
    expect(smtp.arrived).toHaveLength(before);
  });

  it('tells everyone when another instructor takes the session', async () => {
    const ivo = await hire('Ivo', 'ivo@example.com', 'en');
    const ivoName = ((await admin.get(`/api/v1/staff/${ivo}`).expect(200)).body as StaffDetail).familyName;
    await admin.patch(`/api/v1/training-sessions/${session.id}`).send({ instructorStaffId: ivo }).expect(200);
    await settleJobs(t);
    const [ella] = smtp.to('ella@example.com');
    expect(ella.parsed.text).toMatch(new RegExp(`Instructor: Ivo ${ivoName}`));
    expect(smtp.to(emmaEmail)).toHaveLength(1);
    expect(smtp.to('otto@example.com')).toHaveLength(1);
  });

  it('tells everyone enrolled or waiting that the session is cancelled, once, and audits it', async () => {
    await admin.post(`/api/v1/training-sessions/${session.id}/cancel`).expect(200);
    await admin.post(`/api/v1/training-sessions/${session.id}/cancel`).expect(200);
    await settleJobs(t);

    const ella = smtp.to('ella@example.com');
    const otto = smtp.to('otto@example.com');
    const emma = smtp.to(emmaEmail);
    expect([ella.length, otto.length, emma.length]).toEqual([1, 1, 1]);
    expect(ella[0].parsed.subject).toMatch(/^Cancelled: First aid on /);
    expect(otto[0].parsed.text).toContain('The training session “First aid” is cancelled.');
    expect(emma[0].parsed.subject).toMatch(/^Abgesagt: Erste Hilfe am /);
    expect(emma[0].parsed.text).toContain('Die Schulung „Erste Hilfe“ fällt aus.');
    expect(calendarOf(emma[0])).toContain('STATUS:CANCELLED');
    expect(smtp.arrived).toHaveLength(3);

    const audit = await t.dataSource.getRepository(AuditEntryEntity).find({
      where: { action: 'training-session.changed', targetId: session.id },
    });
    expect(audit.filter((a) => (a.details as { event?: string }).event === 'cancelled')).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ event: 'cancelled', notified: 3 }) }),
    ]);
  });
});
