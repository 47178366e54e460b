import type { Role } from '@brevet/contracts';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { SessionService } from '../../src/auth/session.service';
import type { TestApp } from './test-app';

export interface TestUserOptions {
  displayName?: string;
  email?: string;
  /** Link the account to this staff record (the person's own data). */
  staffId?: string | null;
  /** Branch manager grants. */
  branchIds?: string[];
  /** Regional manager grants. */
  regionIds?: string[];
}

export type SignedInAgent = TestAgent & { userId: string; token: string };

/**
 * Creates a user with `role` (grants as given) and a real session in the app's session store, and returns
 * a supertest agent that sends its cookie. `role: 'employee'` needs `staffId`; `'none'` is a signed-in user
 * with no role at all. Goes through the same store and guard as a real sign-in.
 */
export async function signInAs(
  t: TestApp,
  role: Role | 'none',
  options: TestUserOptions = {},
): Promise<SignedInAgent> {
  const userId = await createTestUser(t, role, options);
  return agentFor(t, userId);
}

export async function createTestUser(t: TestApp, role: Role | 'none', options: TestUserOptions = {}) {
  const [user] = (await t.dataSource.query(
    `INSERT INTO user_account (email, display_name, staff_id) VALUES ($1, $2, $3) RETURNING id`,
    [
      options.email ?? `${role}-${Math.random().toString(36).slice(2, 8)}@test.example`,
      options.displayName ?? `Test ${role}`,
      options.staffId ?? null,
    ],
  )) as Array<{ id: string }>;
  const grants: Array<[string, string | null, string | null]> =
    role === 'branch_manager'
      ? (options.branchIds ?? []).map((b) => [role, b, null])
      : role === 'regional_manager'
        ? (options.regionIds ?? []).map((r) => [role, null, r])
        : role === 'hr_admin' || role === 'auditor'
          ? [[role, null, null]]
          : [];
  for (const [r, branchId, regionId] of grants) {
    await t.dataSource.query(
      `INSERT INTO user_role_grant (user_id, role, branch_id, region_id, source) VALUES ($1, $2, $3, $4, 'manual')`,
      [user.id, r, branchId, regionId],
    );
  }
  return user.id;
}

/** A supertest agent carrying a fresh session of an existing user. */
export async function agentFor(t: TestApp, userId: string): Promise<SignedInAgent> {
  const { token } = await t.app
    .get(SessionService)
    .start(userId, { kind: 'password' }, { ip: '127.0.0.1', userAgent: 'supertest' });
  const agent = request.agent(t.app.getHttpServer());
  agent.set('Cookie', `brevet_session=${token}`);
  return Object.assign(agent, { userId, token });
}

/** The common case: an HR admin, who may do everything. */
export function signInAsAdmin(t: TestApp): Promise<SignedInAgent> {
  return signInAs(t, 'hr_admin', { displayName: 'Test HR admin' });
}
