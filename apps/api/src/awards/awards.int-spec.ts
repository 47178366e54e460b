import type {
  Award,
  AwardPage,
  AwardPreview,
  CertificateStatus,
  CredentialDetail,
  ProblemDetails,
  StaffCredentials,
  StaffDetail,
} from '@brevet/contracts';
import { makePeople, makePublishedCredential } from '../../test/support/credential-factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { Clock } from '../common/clock';
import { AwardRepository } from './award.repository';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

/** "Now" for every test: 1 November 2026, late morning in Berlin. */
const NOW = new Date('2026-11-01T10:00:00Z');

describe('awards over HTTP (real PostgreSQL)', () => {
  let t: TestApp;
  let http: SignedInAgent;
  let now: Date;

  beforeAll(async () => {
    t = await createTestApp();
    http = await signInAsAdmin(t);
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => now);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    now = NOW;
    await resetDatabase(t);
    http = await signInAsAdmin(t);
  });

  const issue = (staffId: string, definitionId: string, completedOn: string, extra: object = {}) =>
    http.post('/api/v1/awards').send({ staffId, definitionId, completedOn, issuer: 'HR admin', ...extra });
  const issued = async (staffId: string, definitionId: string, completedOn: string) =>
    (await issue(staffId, definitionId, completedOn).expect(201)).body as Award;
  const award = async (id: string) => (await http.get(`/api/v1/awards/${id}`).expect(200)).body as Award;
  const validity = (
    validityMonths: number | null,
    basis: 'completion' | 'expiry' | 'fixed',
    window = { months: 2 },
  ) => ({
    validity: {
      validityMonths,
      recertification: {
        window,
        expiryBasis: basis,
        fixedExpiry: basis === 'fixed' ? { month: 3, day: 31 } : null,
      },
    },
  });

  describe('issuing and renewing', () => {
    let person: StaffDetail;
    beforeEach(async () => {
      person = (await makePeople(t.dataSource, http, 1)).people[0];
    });

    it('issues a first award valid for the validity from completion, with its window and a status list index', async () => {
      const credential = await makePublishedCredential(http, validity(12, 'completion'));
      const res = await issue(person.id, credential.id, '2026-01-31', {
        assessmentResult: { score: 92.5, passed: true, grade: 'sehr gut' },
        evidenceId: '6f1c1f1e-5d3b-4c1a-9e8f-0a1b2c3d4e5f',
      }).expect(201);
      const a = res.body as Award;
      expect(a).toMatchObject({
        issuedOn: '2026-01-31',
        validUntil: '2027-01-31',
        renewalWindow: { opensOn: '2026-11-30', closesOn: '2027-01-31' },
        countsFrom: 'completion',
        timing: 'first_award',
        recordStatus: 'active',
        status: 'valid',
        today: '2026-11-01',
        daysLeft: 91,
        issuer: 'HR admin',
        source: 'single',
        assessmentResult: { score: 92.5, passed: true, grade: 'sehr gut' },
        evidenceId: '6f1c1f1e-5d3b-4c1a-9e8f-0a1b2c3d4e5f',
        renewalOfId: null,
        staff: { id: person.id, employeeNumber: person.employeeNumber },
        credential: { id: credential.id, code: credential.code, version: 1 },
      });
      expect(a.statusListIndex).toEqual(expect.any(Number));
      now = new Date('2026-12-01T10:00:00Z');
      expect((await award(a.id)).status).toBe('expiring');
      now = new Date('2027-02-01T10:00:00Z');
      expect((await award(a.id)).status).toBe('expired');
    });

    it('renews on the expiry basis from the old expiry inside the window, from completion otherwise', async () => {
      const credential = await makePublishedCredential(http, validity(12, 'expiry'));
      const first = await issued(person.id, credential.id, '2025-03-31');
      expect(first.validUntil).toBe('2026-03-31');

      // Before the window (opens 2026-01-31): counts from completion.
      const early = await issued(person.id, credential.id, '2026-01-30');
      expect(early).toMatchObject({
        validUntil: '2027-01-30',
        timing: 'before_window',
        countsFrom: 'completion',
        renewalOfId: first.id,
      });
      expect(await award(first.id)).toMatchObject({
        recordStatus: 'superseded',
        status: 'superseded',
        supersededById: early.id,
      });

      // Inside the window of the award valid until 2027-01-30 (opens 2026-11-30): from the old expiry.
      now = new Date('2026-12-15T10:00:00Z');
      const inside = await issued(person.id, credential.id, '2026-12-10');
      expect(inside).toMatchObject({
        validUntil: '2028-01-30',
        timing: 'inside_window',
        countsFrom: 'previous_expiry',
      });

      // After it expired: from completion again.
      now = new Date('2028-03-01T10:00:00Z');
      const late = await issued(person.id, credential.id, '2028-02-15');
      expect(late).toMatchObject({
        validUntil: '2029-02-15',
        timing: 'after_expiry',
        countsFrom: 'completion',
        renewalOfId: inside.id,
      });

      const history = (await http.get(`/api/v1/awards?staffId=${person.id}`).expect(200)).body as AwardPage;
      expect(history.items.map((a) => [a.issuedOn, a.recordStatus])).toEqual([
        ['2028-02-15', 'active'],
        ['2026-12-10', 'superseded'],
        ['2026-01-30', 'superseded'],
        ['2025-03-31', 'superseded'],
      ]);
    });

    it('follows the fixed-date rule and never-expiring credentials', async () => {
      const fixed = await makePublishedCredential(http, validity(12, 'fixed'));
      // The worked examples in docs/credentials-rules.md, one person each.
      const { people } = await makePeople(t.dataSource, http, 3);
      expect((await issued(people[0].id, fixed.id, '2026-01-30')).validUntil).toBe('2026-03-31');
      expect((await issued(people[1].id, fixed.id, '2026-01-31')).validUntil).toBe('2027-03-31');
      const a = await issued(people[2].id, fixed.id, '2026-04-01');
      expect(a).toMatchObject({ validUntil: '2027-03-31', countsFrom: 'fixed_date' });

      const forever = await makePublishedCredential(http, validity(null, 'completion', { months: 0 }));
      const b = await issued(person.id, forever.id, '2019-05-01');
      expect(b).toMatchObject({
        validUntil: null,
        renewalWindow: null,
        countsFrom: 'never_expires',
        status: 'valid',
        daysLeft: null,
      });
      const again = await issued(person.id, forever.id, '2026-05-01');
      expect(again).toMatchObject({ timing: 'previous_never_expires', validUntil: null, renewalOfId: b.id });
    });

    it('answers a repeated completion with the same award, and refuses older and future completions', async () => {
      const credential = await makePublishedCredential(http);
      const first = await issued(person.id, credential.id, '2026-06-01');
      const repeat = await issue(person.id, credential.id, '2026-06-01').expect(200);
      expect((repeat.body as Award).id).toBe(first.id);

      const older = await issue(person.id, credential.id, '2026-05-01').expect(409);
      expect(older.body as ProblemDetails).toMatchObject({
        code: 'award.newer_award_exists',
        errors: [{ field: 'completedOn', message: "is before the current award's completion (2026-06-01)" }],
      });

      const future = await issue(person.id, credential.id, '2026-11-02').expect(400);
      expect((future.body as ProblemDetails).code).toBe('award.completed_in_future');
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM award`);
      expect(n).toBe(1);
    });

    it("judges 'today' in the branch's time zone", async () => {
      const credential = await makePublishedCredential(http);
      const {
        people: [ny],
      } = await makePeople(t.dataSource, http, 1, { timezone: 'America/New_York' });
      // 23:30 UTC on 1 November: already 2 November in Berlin, still 1 November in New York.
      now = new Date('2026-11-01T23:30:00Z');
      await issue(person.id, credential.id, '2026-11-02').expect(201);
      const refused = await issue(ny.id, credential.id, '2026-11-02').expect(400);
      expect((refused.body as ProblemDetails).detail).toContain('2026-11-01');
    });

    it('refuses failed assessments, people who left, unknown people and credentials, with field errors', async () => {
      const credential = await makePublishedCredential(http);
      const failed = await issue(person.id, credential.id, '2026-06-01', {
        assessmentResult: { passed: false },
      }).expect(400);
      expect((failed.body as ProblemDetails).code).toBe('award.assessment_failed');

      const unknownStaff = await issue(
        '00000000-0000-4000-8000-000000000000',
        credential.id,
        '2026-06-01',
      ).expect(400);
      expect(unknownStaff.body as ProblemDetails).toMatchObject({
        code: 'award.staff_unknown',
        errors: [{ field: 'staffId' }],
      });
      const unknownCredential = await issue(
        person.id,
        '00000000-0000-4000-8000-000000000000',
        '2026-06-01',
      ).expect(400);
      expect((unknownCredential.body as ProblemDetails).code).toBe('award.credential_unknown');

      const invalid = await http
        .post('/api/v1/awards')
        .send({
          staffId: 'x',
          definitionId: credential.id,
          completedOn: '2026-02-30',
          assessmentResult: { score: 101 },
        })
        .expect(400);
      expect((invalid.body as ProblemDetails).errors?.map((e) => e.field).sort()).toEqual(
        ['assessmentResult.score', 'completedOn', 'issuer', 'staffId'].sort(),
      );

      await http
        .patch(`/api/v1/staff/${person.id}`)
        .send({ status: 'left', effectiveFrom: '2026-10-01' })
        .expect(200);
      const left = await issue(person.id, credential.id, '2026-06-01').expect(409);
      expect((left.body as ProblemDetails).code).toBe('award.staff_left');
    });

    it('renews an active award through its own endpoint, and not a superseded or revoked one', async () => {
      const credential = await makePublishedCredential(http);
      const first = await issued(person.id, credential.id, '2025-12-01');
      const renewed = (
        await http
          .post(`/api/v1/awards/${first.id}/renew`)
          .send({ completedOn: '2026-10-20', issuer: 'Trainer' })
          .expect(201)
      ).body as Award;
      expect(renewed).toMatchObject({ renewalOfId: first.id, issuer: 'Trainer', validUntil: '2027-10-20' });
      const again = await http
        .post(`/api/v1/awards/${first.id}/renew`)
        .send({ completedOn: '2026-10-21', issuer: 'x' })
        .expect(409);
      expect((again.body as ProblemDetails).code).toBe('award.not_renewable');
      await http
        .post('/api/v1/awards/00000000-0000-4000-8000-000000000000/renew')
        .send({ completedOn: '2026-10-21', issuer: 'x' })
        .expect(404);
    });

    it('revokes with a required reason; revoked awards do not count for renewals', async () => {
      const credential = await makePublishedCredential(http, validity(12, 'expiry'));
      const old = await issued(person.id, credential.id, '2025-03-01');
      const current = await issued(person.id, credential.id, '2026-02-15');
      await http.post(`/api/v1/awards/${current.id}/revoke`).send({}).expect(400);
      await http.post(`/api/v1/awards/${current.id}/revoke`).send({ reason: '  ' }).expect(400);

      const revoked = (
        await http
          .post(`/api/v1/awards/${current.id}/revoke`)
          .send({ reason: 'Practical test was not taken', revokedBy: 'HR admin' })
          .expect(200)
      ).body as Award;
      expect(revoked).toMatchObject({
        recordStatus: 'revoked',
        status: 'revoked',
        revokeReason: 'Practical test was not taken',
        revokedBy: 'HR admin',
        revokedAt: NOW.toISOString(),
      });
      const twice = await http
        .post(`/api/v1/awards/${current.id}/revoke`)
        .send({ reason: 'again' })
        .expect(409);
      expect((twice.body as ProblemDetails).code).toBe('award.not_revocable');
      await http.post(`/api/v1/awards/${old.id}/revoke`).send({ reason: 'superseded one' }).expect(409);
      await http
        .post('/api/v1/awards/00000000-0000-4000-8000-000000000000/revoke')
        .send({ reason: 'x-x' })
        .expect(404);

      // The earlier award is not reinstated; a new completion is a first award again.
      expect((await award(old.id)).recordStatus).toBe('superseded');
      const fresh = await issued(person.id, credential.id, '2026-03-01');
      expect(fresh).toMatchObject({ timing: 'first_award', renewalOfId: null, validUntil: '2027-03-01' });
      // One by one, the revoked day may be issued again deliberately.
      const {
        people: [other],
      } = await makePeople(t.dataSource, http, 1);
      const wrong = await issued(other.id, credential.id, '2026-04-01');
      await http.post(`/api/v1/awards/${wrong.id}/revoke`).send({ reason: 'wrong person' }).expect(200);
      await issue(other.id, credential.id, '2026-04-01').expect(201);
    });

    it('previews what issuing would give, and why, without saving anything', async () => {
      const credential = await makePublishedCredential(http, validity(12, 'expiry'));
      const first = await issued(person.id, credential.id, '2025-12-15');
      const preview = (
        await http
          .get(
            `/api/v1/awards/preview?staffId=${person.id}&definitionId=${credential.id}&completedOn=2026-10-30`,
          )
          .expect(200)
      ).body as AwardPreview;
      expect(preview).toMatchObject({
        outcome: 'renew',
        version: 1,
        previous: { id: first.id, validUntil: '2026-12-15', status: 'expiring' },
        renewal: {
          timing: 'inside_window',
          countsFrom: 'previous_expiry',
          validUntil: '2027-12-15',
          window: { opensOn: '2026-10-15', closesOn: '2026-12-15' },
        },
      });
      const same = (
        await http
          .get(
            `/api/v1/awards/preview?staffId=${person.id}&definitionId=${credential.id}&completedOn=2025-12-15`,
          )
          .expect(200)
      ).body as AwardPreview;
      expect(same).toMatchObject({ outcome: 'unchanged', renewal: { validUntil: '2026-12-15' } });
      await http
        .get(
          `/api/v1/awards/preview?staffId=${person.id}&definitionId=${credential.id}&completedOn=2025-01-01`,
        )
        .expect(409);
      await http.get(`/api/v1/awards/preview?staffId=${person.id}&definitionId=${credential.id}`).expect(400);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM award`);
      expect(n).toBe(1);
    });
  });

  describe('lists, effective status and scope', () => {
    let north: { branchId: string; people: StaffDetail[] };
    let south: { branchId: string; people: StaffDetail[] };
    let forklift: CredentialDetail;
    let firstAid: CredentialDetail;
    const ids: Record<string, string> = {};

    beforeEach(async () => {
      north = await makePeople(t.dataSource, http, 4);
      south = await makePeople(t.dataSource, http, 2, { timezone: 'Europe/Vienna' });
      forklift = await makePublishedCredential(http, { code: 'FORKLIFT', ...validity(12, 'completion') });
      firstAid = await makePublishedCredential(http, {
        code: 'FIRST-AID',
        ...validity(24, 'completion', { months: 3 }),
      });
      const [a, b, c, d] = north.people;
      ids['valid'] = (await issued(a.id, forklift.id, '2026-06-01')).id; // until 2027-06-01
      ids['expiring'] = (await issued(b.id, forklift.id, '2025-12-10')).id; // until 2026-12-10, window from 2026-10-10
      ids['expired'] = (await issued(c.id, forklift.id, '2025-10-01')).id; // until 2026-10-01
      ids['revoked'] = (await issued(d.id, forklift.id, '2026-05-01')).id;
      await http
        .post(`/api/v1/awards/${ids['revoked']}/revoke`)
        .send({ reason: 'issued in error' })
        .expect(200);
      ids['superseded'] = (await issued(a.id, firstAid.id, '2024-01-15')).id;
      ids['renewal'] = (await issued(a.id, firstAid.id, '2025-12-01')).id; // until 2027-12-01
      ids['south'] = (await issued(south.people[0].id, forklift.id, '2025-11-20')).id; // until 2026-11-20
    });

    it('filters by effective status in SQL, and agrees with the domain rule on every award', async () => {
      const expected: Record<CertificateStatus, string[]> = {
        valid: [ids['valid'], ids['renewal']],
        expiring: [ids['expiring'], ids['south']],
        expired: [ids['expired']],
        revoked: [ids['revoked']],
        superseded: [ids['superseded']],
        not_yet_valid: [],
      };
      for (const [status, wanted] of Object.entries(expected)) {
        const page = (await http.get(`/api/v1/awards?status=${status}`).expect(200)).body as AwardPage;
        expect({ status, ids: page.items.map((a) => a.id).sort() }).toEqual({
          status,
          ids: [...wanted].sort(),
        });
        expect(page.items.every((a) => a.status === status)).toBe(true);
      }
      const all = (await http.get('/api/v1/awards?pageSize=100').expect(200)).body as AwardPage;
      expect(all.total).toBe(7);
    });

    it('filters by expiry within N days, person, credential and branch, and pages and sorts', async () => {
      const within = async (days: number) =>
        (
          (await http.get(`/api/v1/awards?expiringWithinDays=${days}&sort=validUntil`).expect(200))
            .body as AwardPage
        ).items.map((a) => a.id);
      expect(await within(18)).toEqual([]);
      expect(await within(19)).toEqual([ids['south']]);
      expect(await within(60)).toEqual([ids['south'], ids['expiring']]);

      const byBranch = (await http.get(`/api/v1/awards?branchId=${south.branchId}`).expect(200))
        .body as AwardPage;
      expect(byBranch.items.map((a) => a.id)).toEqual([ids['south']]);
      const byCredential = (await http.get(`/api/v1/awards?definitionId=${firstAid.id}`).expect(200))
        .body as AwardPage;
      expect(byCredential.items.map((a) => a.id)).toEqual([ids['renewal'], ids['superseded']]);
      const page2 = (await http.get('/api/v1/awards?pageSize=3&page=3&sort=issuedOn').expect(200))
        .body as AwardPage;
      expect(page2).toMatchObject({ total: 7, page: 3, pageSize: 3 });
      expect(page2.items.map((a) => a.id)).toEqual([ids['valid']]);
      const past = (await http.get('/api/v1/awards?page=9').expect(200)).body as AwardPage;
      expect(past).toMatchObject({ items: [], total: 7 });

      await http.get('/api/v1/awards?status=lost').expect(400);
      await http.get('/api/v1/awards?expiringWithinDays=-1').expect(400);
      const missing = await http.get('/api/v1/awards/00000000-0000-4000-8000-000000000000').expect(404);
      expect((missing.body as ProblemDetails).code).toBe('award.not_found');
    });

    it("shows a person's certificates with effective status and history", async () => {
      const mine = (await http.get(`/api/v1/staff/${north.people[0].id}/credentials`).expect(200))
        .body as StaffCredentials;
      expect(mine.today).toBe('2026-11-01');
      expect(
        mine.items.map((i) => ({
          code: i.credential.code,
          status: i.status,
          award: i.award.id,
          history: i.history.map((h) => h.id),
        })),
      ).toEqual([
        {
          code: 'FIRST-AID',
          status: 'valid',
          award: ids['renewal'],
          history: [ids['renewal'], ids['superseded']],
        },
        { code: 'FORKLIFT', status: 'valid', award: ids['valid'], history: [ids['valid']] },
      ]);
      const revoked = (await http.get(`/api/v1/staff/${north.people[3].id}/credentials`).expect(200))
        .body as StaffCredentials;
      expect(revoked.items.map((i) => [i.credential.code, i.status])).toEqual([['FORKLIFT', 'revoked']]);
      const none = (await http.get(`/api/v1/staff/${south.people[1].id}/credentials`).expect(200))
        .body as StaffCredentials;
      expect(none.items).toEqual([]);
      const unknown = await http
        .get('/api/v1/staff/00000000-0000-4000-8000-000000000000/credentials')
        .expect(404);
      expect((unknown.body as ProblemDetails).code).toBe('staff.not_found');
    });

    it('applies a branch scope in the repository queries', async () => {
      const repo = t.app.get(AwardRepository);
      const query = {
        page: 1,
        pageSize: 100,
        sort: { field: 'issuedOn' as const, direction: 'asc' as const },
        now: NOW,
      };
      const southOnly = await repo.findPage(query, { all: false, branchIds: [south.branchId] });
      expect(southOnly).toMatchObject({ total: 1, rows: [{ id: ids['south'] }] });
      const both = await repo.findPage(query, { all: false, branchIds: [south.branchId, north.branchId] });
      expect(both.total).toBe(7);
      expect((await repo.findPage(query, { all: false, branchIds: [] })).total).toBe(0);
      expect(
        (
          await repo.findPage({ ...query, status: 'expiring' }, { all: false, branchIds: [north.branchId] })
        ).rows.map((r) => r.id),
      ).toEqual([ids['expiring']]);

      expect(await repo.findRow(ids['valid'], { all: false, branchIds: [south.branchId] })).toBeNull();
      expect((await repo.findRow(ids['valid'], { all: false, branchIds: [north.branchId] }))?.id).toBe(
        ids['valid'],
      );
      expect(await repo.rowsOfStaff(north.people[0].id, { all: false, branchIds: [south.branchId] })).toEqual(
        [],
      );
      expect(
        await repo.rowsOfStaff(north.people[0].id, { all: false, branchIds: [north.branchId] }),
      ).toHaveLength(3);
      expect(
        await repo.findStaff(north.people[0].id, { all: false, branchIds: [south.branchId] }),
      ).toBeNull();
      expect((await repo.findStaff(north.people[0].id, { all: true }))?.timezone).toBe('Europe/Berlin');
    });
  });
});
