import type {
  ComplianceRequirementPage,
  Me,
  MyCredentials,
  MyProfile,
  MyRequirements,
  ProblemDetails,
} from '@brevet/contracts';
import request from 'supertest';
import { agentOf, arrangeAccessWorld, monthAgo, type AccessWorld } from '../../test/access/access-fixtures';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { signInAs, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';

describe('self-service: /api/v1/me (real PostgreSQL)', () => {
  let t: TestApp;
  let world: AccessWorld;
  let employee: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t);
    world = await arrangeAccessWorld(t, await signInAsAdmin(t));
    employee = await agentOf(t, world, 'employee');
  });
  afterAll(() => t.close());

  it("answers with the employee's own record, texts in their language", async () => {
    const profile = (await employee.get('/api/v1/me/profile').expect(200)).body as MyProfile;
    expect(profile).toMatchObject({
      staffId: world.staff.own,
      givenName: 'Emma',
      language: 'de',
      status: 'active',
      branch: { id: world.branches.x, name: 'Hamburg' },
    });
    expect(profile.jobRoles).toEqual([
      { id: world.jobRoleId, code: expect.any(String), name: expect.stringMatching(/\(de\)$/) },
    ]);
  });

  it('has no way to ask for someone else: the ID comes from the session', async () => {
    const withQuery = await employee.get(`/api/v1/me/profile?staffId=${world.staff.y}`).expect(200);
    expect((withQuery.body as MyProfile).staffId).toBe(world.staff.own);
    await employee.get(`/api/v1/me/profile/${world.staff.y}`).expect(404);
  });

  it('lists the own certificates with status, validity and working links', async () => {
    const mine = (await employee.get('/api/v1/me/credentials').expect(200)).body as MyCredentials;
    expect(mine).toMatchObject({ staffId: world.staff.own, language: 'de' });
    expect(mine.items).toHaveLength(1);
    const [item] = mine.items;
    expect(item).toMatchObject({
      awardId: world.awards.own,
      status: 'valid',
      credential: { id: world.credentialId, title: expect.stringMatching(/^Nachweis /) },
      links: {
        certificatePdf: `/api/v1/open-badges/credentials/${world.awards.own}/certificate.pdf`,
        openBadge: `/api/v1/open-badges/credentials/${world.awards.own}`,
        verifyPage: `/verify/${world.awards.own}`,
      },
    });
    expect(item.validUntil).not.toBeNull();
    await employee.get(item.links.openBadge).expect(200);
    const pdf = await employee.get(item.links.certificatePdf).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // Someone else's award, even in the same branch, is not the employee's to download.
    await employee.get(`/api/v1/open-badges/credentials/${world.awards.x}`).expect(404);
    await employee.get(`/api/v1/open-badges/credentials/${world.awards.x}/certificate.pdf`).expect(404);
  });

  it('shares each certificate: absolute verification URL, its QR code and the LinkedIn link', async () => {
    const [item] = ((await employee.get('/api/v1/me/credentials').expect(200)).body as MyCredentials).items;
    expect(item.share.url).toMatch(new RegExp(`^https?://[^/]+/verify/${item.awardId}$`));
    expect(item.share.qr.size).toBeGreaterThanOrEqual(21);
    expect(item.share.qr.path).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    const linkedIn = new URL(item.share.linkedIn);
    expect(linkedIn.origin + linkedIn.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(linkedIn.searchParams.get('certUrl')).toBe(item.share.url);
    expect(linkedIn.searchParams.get('certId')).toBe(item.awardId);
    expect(linkedIn.searchParams.get('name')).toBe(item.credential.title);
  });

  describe('what I must obtain', () => {
    let missing: string;

    beforeAll(async () => {
      // A second credential nobody in branch X holds; only Yvonne (branch Y) gets it. Both are required of
      // everyone, so each person has two requirements and their statuses differ between people.
      missing = (await makePublishedCredential(world.admin)).id;
      for (const definitionId of [world.credentialId, missing]) {
        await world.admin
          .post('/api/v1/compliance/rules')
          .send({
            definitionId,
            jobRoleId: null,
            area: 'company',
            dueDays: 30,
            warningDays: 30,
            effectiveFrom: '2020-01-01',
          })
          .expect(201);
      }
      await world.admin
        .post('/api/v1/awards')
        .send({ staffId: world.staff.y, definitionId: missing, completedOn: monthAgo(), issuer: 'Test' })
        .expect(201);
    });

    it('lists only the own requirements, most urgent first, in the own language', async () => {
      const mine = (await employee.get('/api/v1/me/requirements').expect(200)).body as MyRequirements;
      expect(mine).toMatchObject({ staffId: world.staff.own, language: 'de' });
      const asHr = (
        await world.admin
          .get(`/api/v1/compliance/requirements?staffId=${world.staff.own}&pageSize=100`)
          .expect(200)
      ).body as ComplianceRequirementPage;
      expect(mine.items).toHaveLength(asHr.total);
      expect(mine.items.map((i) => [i.credential.id, i.status])).toEqual([
        [missing, 'missing_overdue'],
        [world.credentialId, 'compliant'],
      ]);
      const [first] = mine.items;
      expect(first.daysLeft).toBeLessThan(0);
      expect(first.award).toBeNull();
      expect(first.credential.title).toMatch(/^Nachweis /);
      expect(mine.items[1].award).toMatchObject({ id: world.awards.own });
    });

    it("never answers with another person's requirements, whatever the request says", async () => {
      const all = (await world.admin.get('/api/v1/compliance/requirements?pageSize=100').expect(200))
        .body as ComplianceRequirementPage;
      expect(all.total).toBeGreaterThan(2);
      for (const query of [`?staffId=${world.staff.y}`, `?branchId=${world.branches.y}`]) {
        const res = (await employee.get(`/api/v1/me/requirements${query}`).expect(200))
          .body as MyRequirements;
        expect(res.staffId).toBe(world.staff.own);
        // Yvonne holds the second credential; the employee does not.
        expect(res.items.find((i) => i.credential.id === missing)?.status).toBe('missing_overdue');
        expect(res.items).toHaveLength(2);
      }
    });
  });

  describe('my language', () => {
    it('keeps the chosen language on the record: the next sign-in starts in it', async () => {
      const saved = (await employee.put('/api/v1/me/language').send({ language: 'en' }).expect(200))
        .body as MyProfile;
      expect(saved).toMatchObject({ staffId: world.staff.own, language: 'en' });
      // A new session, as from another device.
      const elsewhere = await agentOf(t, world, 'employee');
      expect(((await elsewhere.get('/api/v1/auth/me').expect(200)).body as Me).language).toBe('en');
      const creds = (await elsewhere.get('/api/v1/me/credentials').expect(200)).body as MyCredentials;
      expect(creds.language).toBe('en');
      await elsewhere.put('/api/v1/me/language').send({ language: 'de' }).expect(200);
      expect(((await employee.get('/api/v1/auth/me').expect(200)).body as Me).language).toBe('de');
    });

    it('changes only the own record, and only to a language of the UI', async () => {
      const before = (await world.admin.get(`/api/v1/staff/${world.staff.x}`).expect(200)).body as {
        preferredLanguage: string;
      };
      await employee.put('/api/v1/me/language').send({ language: 'fr' }).expect(400);
      await employee
        .put(`/api/v1/me/language?staffId=${world.staff.x}`)
        .send({ language: before.preferredLanguage === 'de' ? 'en' : 'de', staffId: world.staff.x })
        .expect((res) => expect([200, 400]).toContain(res.status));
      const after = (await world.admin.get(`/api/v1/staff/${world.staff.x}`).expect(200)).body as {
        preferredLanguage: string;
      };
      expect(after.preferredLanguage).toBe(before.preferredLanguage);
      await employee.put('/api/v1/me/language').send({ language: 'de' }).expect(200);
    });

    it('refuses an account without a staff record', async () => {
      const unlinked = await signInAs(t, 'auditor');
      await unlinked.put('/api/v1/me/language').send({ language: 'en' }).expect(404);
    });
  });

  it('explains, with 404, that an account without a staff record has no own pages', async () => {
    const unlinked = await signInAs(t, 'auditor');
    for (const path of ['/api/v1/me/profile', '/api/v1/me/credentials', '/api/v1/me/requirements']) {
      const res = await unlinked.get(path).expect(404);
      expect(res.body as ProblemDetails).toMatchObject({
        code: 'self.not_linked',
        detail: expect.stringContaining('ask HR'),
      });
    }
  });

  it('is for signed-in people only', async () => {
    const anonymous = t.app.getHttpServer();
    await request(anonymous).get('/api/v1/me/profile').expect(401);
    await request(anonymous).get('/api/v1/me/credentials').expect(401);
    await request(anonymous).get('/api/v1/me/requirements').expect(401);
    await request(anonymous).put('/api/v1/me/language').send({ language: 'en' }).expect(401);
  });
});
