import type { MyCredentials, MyProfile, ProblemDetails } from '@brevet/contracts';
import request from 'supertest';
import { agentOf, arrangeAccessWorld, type AccessWorld } from '../../test/access/access-fixtures';
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

  it('explains, with 404, that an account without a staff record has no own pages', async () => {
    const unlinked = await signInAs(t, 'auditor');
    for (const path of ['/api/v1/me/profile', '/api/v1/me/credentials']) {
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
  });
});
