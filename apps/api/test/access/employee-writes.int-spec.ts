import type { Award, ProblemDetails, StaffDetail } from '@brevet/contracts';
import { signInAsAdmin, type SignedInAgent } from '../support/auth';
import { createTestApp, resetDatabase, type TestApp } from '../support/test-app';
import { agentOf, arrangeAccessWorld, monthAgo, type AccessWorld } from './access-fixtures';

/**
 * A2 (field level): an employee cannot change their own branch, roles, status or awards through the API, and
 * managers cannot write at all (they have no write permission today). Each attempt is refused by the guard
 * with 403 and changes nothing.
 */
describe('employees and managers cannot write (A2)', () => {
  let t: TestApp;
  let world: AccessWorld;
  let admin: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
    world = await arrangeAccessWorld(t, admin);
  });
  afterAll(() => t.close());

  const forbidden = (res: { status: number; body: unknown }) => {
    expect({ status: res.status, code: (res.body as ProblemDetails).code }).toEqual({
      status: 403,
      code: 'auth.forbidden',
    });
  };
  const person = async (id: string) =>
    (await admin.get(`/api/v1/staff/${id}`).expect(200)).body as StaffDetail;
  const award = async (id: string) => (await admin.get(`/api/v1/awards/${id}`).expect(200)).body as Award;

  it("refuses an employee's change to their own branch, roles and status, and keeps the record as it was", async () => {
    const employee = await agentOf(t, world, 'employee');
    const before = await person(world.staff.own);
    for (const change of [
      { branchId: world.branches.y },
      { jobRoleIds: [] },
      { status: 'left' },
      { managerId: world.staff.x },
      { givenName: 'Mallory', version: before.version },
    ]) {
      forbidden(await employee.patch(`/api/v1/staff/${world.staff.own}`).send(change));
    }
    expect(await person(world.staff.own)).toEqual(before);
  });

  it('refuses an employee who awards, renews or revokes their own certificates', async () => {
    const employee = await agentOf(t, world, 'employee');
    const own = { staffId: world.staff.own, definitionId: world.credentialId, issuer: 'Me' };
    const before = await award(world.awards.own);
    forbidden(await employee.post('/api/v1/awards').send({ ...own, completedOn: monthAgo() }));
    forbidden(
      await employee.post('/api/v1/awards/bulk').send({
        definitionId: world.credentialId,
        staffIds: [world.staff.own],
        completedOn: monthAgo(),
        issuer: 'Me',
      }),
    );
    forbidden(
      await employee
        .post(`/api/v1/awards/${world.awards.own}/renew`)
        .send({ completedOn: monthAgo(), issuer: 'Me' }),
    );
    forbidden(await employee.post(`/api/v1/awards/${world.awards.own}/revoke`).send({ reason: 'Mine' }));
    expect(await award(world.awards.own)).toEqual(before);
    const page = (await admin.get(`/api/v1/awards?staffId=${world.staff.own}&pageSize=100`).expect(200))
      .body as { total: number };
    expect(page.total).toBe(1);
  });

  it('refuses an employee who edits the organisation, the catalogue or sign-in settings', async () => {
    const employee = await agentOf(t, world, 'employee');
    forbidden(await employee.patch(`/api/v1/branches/${world.branches.x}`).send({ name: 'Mine now' }));
    forbidden(await employee.post('/api/v1/staff').send({}));
    forbidden(await employee.patch(`/api/v1/credentials/${world.credentialId}`).send({}));
    forbidden(await employee.get('/api/v1/scim/tokens'));
    forbidden(await employee.get('/api/v1/open-badges/keys'));
  });

  it("refuses managers' writes, in their own branch and outside it", async () => {
    for (const who of ['branch_manager', 'regional_manager'] as const) {
      const manager = await agentOf(t, world, who);
      for (const staffId of [world.staff.x, world.staff.y]) {
        forbidden(await manager.patch(`/api/v1/staff/${staffId}`).send({ givenName: 'Changed' }));
      }
      for (const awardId of [world.awards.x, world.awards.y]) {
        forbidden(await manager.post(`/api/v1/awards/${awardId}/revoke`).send({ reason: 'Because' }));
      }
      forbidden(
        await manager.post('/api/v1/awards').send({
          staffId: world.staff.x,
          definitionId: world.credentialId,
          completedOn: monthAgo(),
          issuer: 'M',
        }),
      );
      forbidden(await manager.patch(`/api/v1/branches/${world.branches.x}`).send({ name: 'Renamed' }));
    }
    expect((await person(world.staff.x)).givenName).toBe('Xaver');
    expect((await award(world.awards.x)).recordStatus).toBe('active');
  });
});
