import type { Award, StaffDetail } from '@brevet/contracts';
import { makeBranch, makeJobRole, makeRegion, staffBody } from '../support/factories';
import { makePublishedCredential } from '../support/credential-factories';
import { agentFor, createTestUser, type SignedInAgent } from '../support/auth';
import type { TestApp } from '../support/test-app';

/** A completion day a month ago: in the past wherever the branch is, and still valid. */
export function monthAgo(): string {
  return new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Two branches in different regions, for "who sees what":
 *
 * ```
 * North (RX) ── X  (sx, the employee se)        South (RY) ── Y  (sy)
 * ```
 *
 * Each person holds one award of one published credential: `ax`, `ae`, `ay`. Users: an employee linked to
 * `se`; a branch manager of X; a regional manager of North; an auditor; an HR admin.
 */
export interface AccessWorld {
  regions: { x: string; y: string };
  branches: { x: string; y: string };
  staff: { x: string; y: string; own: string };
  awards: { x: string; y: string; own: string };
  credentialId: string;
  jobRoleId: string;
  users: Record<'employee' | 'branch_manager' | 'regional_manager' | 'auditor' | 'hr_admin', string>;
  admin: SignedInAgent;
}

export async function arrangeAccessWorld(t: TestApp, admin: SignedInAgent): Promise<AccessWorld> {
  const north = await makeRegion(t.dataSource, { name: 'North' });
  const south = await makeRegion(t.dataSource, { name: 'South' });
  const x = await makeBranch(t.dataSource, north.id, { name: 'Hamburg' });
  const y = await makeBranch(t.dataSource, south.id, { name: 'München' });
  const role = await makeJobRole(t.dataSource, `ACCESS-${Math.random().toString(36).slice(2, 8)}`);
  const person = async (branchId: string, overrides: Record<string, unknown> = {}) =>
    (
      (await admin
        .post('/api/v1/staff')
        .send(staffBody(branchId, [role.id], overrides))
        .expect(201)) as { body: StaffDetail }
    ).body.id;
  const sx = await person(x.id, { givenName: 'Xaver' });
  const se = await person(x.id, { givenName: 'Emma', preferredLanguage: 'de' });
  const sy = await person(y.id, { givenName: 'Yvonne' });
  const credential = await makePublishedCredential(admin);
  const award = async (staffId: string) =>
    (
      (await admin
        .post('/api/v1/awards')
        .send({ staffId, definitionId: credential.id, completedOn: monthAgo(), issuer: 'Access test' })
        .expect(201)) as { body: Award }
    ).body.id;
  return {
    regions: { x: north.id, y: south.id },
    branches: { x: x.id, y: y.id },
    staff: { x: sx, y: sy, own: se },
    awards: { x: await award(sx), y: await award(sy), own: await award(se) },
    credentialId: credential.id,
    jobRoleId: role.id,
    users: {
      employee: await createTestUser(t, 'employee', { staffId: se }),
      branch_manager: await createTestUser(t, 'branch_manager', { branchIds: [x.id] }),
      regional_manager: await createTestUser(t, 'regional_manager', { regionIds: [north.id] }),
      auditor: await createTestUser(t, 'auditor'),
      hr_admin: await createTestUser(t, 'hr_admin'),
    },
    admin,
  };
}

/** A fresh session of one of the world's users. */
export function agentOf(t: TestApp, world: AccessWorld, who: keyof AccessWorld['users']) {
  return agentFor(t, world.users[who]);
}
