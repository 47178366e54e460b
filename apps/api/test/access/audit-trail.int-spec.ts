import type {
  Award,
  AuditAction,
  AuditVerifyResult,
  CreatedScimToken,
  CredentialDetail,
  IdentityProvider,
  StaffDetail,
} from '@brevet/contracts';
import request from 'supertest';
import {
  applyImport,
  csv,
  ENGLISH_HEADER,
  person,
  seedOrg,
  uploadAndValidate,
} from '../fixtures/hr-import/hr-import.fixtures';
import {
  configureIdp,
  newTestIdp,
  PUBLIC_URL,
  startLogin,
  updateIdp,
  validResponse,
} from '../../src/sso/testing/saml-sp-harness';
import type { TestIdp } from '../saml/test-idp';
import { signInAs, type SignedInAgent } from '../support/auth';
import { credentialBody, makePublishedCredential } from '../support/credential-factories';
import { makeBranch, makeJobRole, makeRegion, staffBody } from '../support/factories';
import { createBreakGlassAdmin, freshClientAddress } from '../support/password-accounts';
import { createTestApp, resetDatabase, type TestApp } from '../support/test-app';
import { monthAgo } from './access-fixtures';

/**
 * A6: every sensitive act leaves exactly one audit entry, saying who (user ID and label), what (action), when
 * and from where (the client address), with its text encoded: no raw CR or LF in anything stored, whatever
 * a person typed or an identity provider sent. A refused change leaves nothing, and the chain still verifies
 * after all of it. Each act comes from its own client address (X-Forwarded-For from the trusted loopback
 * proxy), so "from where" is checked exactly.
 */

interface StoredEntry {
  sequence: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_label: string;
  action: AuditAction;
  outcome: string;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

jest.setTimeout(60_000);

let t: TestApp;
let admin: SignedInAgent;
let adminUserId: string;

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL });
  await resetDatabase(t);
  admin = await signInAs(t, 'hr_admin', { displayName: 'Hanna Admin' });
  adminUserId = admin.userId;
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.dataSource.query(`DELETE FROM shared_state_entry WHERE key LIKE 'rl:%'`);
});

const http = () => request(t.app.getHttpServer());

async function head(): Promise<string> {
  const [row] = (await t.dataSource.query(
    `SELECT COALESCE(MAX(sequence), 0)::text AS s FROM audit_entry`,
  )) as Array<{ s: string }>;
  return row.s;
}

async function entriesAfter(sequence: string): Promise<StoredEntry[]> {
  return (await t.dataSource.query(`SELECT * FROM audit_entry WHERE sequence > $1 ORDER BY sequence`, [
    sequence,
  ])) as StoredEntry[];
}

/** Runs `act` and returns what it answered and the entries it appended. */
async function audited<T>(act: () => Promise<T>): Promise<{ result: T; entries: StoredEntry[] }> {
  const before = await head();
  const result = await act();
  return { result, entries: await entriesAfter(before) };
}

/** Exactly one entry, of `action`; returns it. */
function onlyEntry(entries: StoredEntry[], action: AuditAction): StoredEntry {
  expect(entries.map((e) => e.action)).toEqual([action]);
  return entries[0];
}

/** Every string anywhere in a stored entry, JSON values included (as parsed back from jsonb). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value instanceof Date || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap(strings);
  return Object.entries(value).flatMap(([key, item]) => [key, ...strings(item)]);
}

function expectWhoWhenWhere(entry: StoredEntry, who: { userId: string | null; label: string }, from: string) {
  expect(entry.actor_user_id).toBe(who.userId);
  expect(entry.actor_label).toBe(who.label);
  expect(entry.ip).toBe(from);
  expect(Date.now() - entry.occurred_at.getTime()).toBeLessThan(60_000);
}

describe('A6: one audit entry per sensitive act', () => {
  let staffId: string;
  let definitionId: string;
  let awardId: string;

  beforeAll(async () => {
    const region = await makeRegion(t.dataSource);
    const branch = await makeBranch(t.dataSource, region.id);
    const role = await makeJobRole(t.dataSource, 'AUDIT-TRAIL');
    staffId = (
      (
        await admin
          .post('/api/v1/staff')
          .send(staffBody(branch.id, [role.id]))
          .expect(201)
      ).body as StaffDetail
    ).id;
    definitionId = (await makePublishedCredential(admin)).id;
  });

  it('records a password sign-in that works, with the person as actor', async () => {
    const account = await createBreakGlassAdmin(t, 'audit.ok@brevet.test');
    const from = freshClientAddress();
    const { entries } = await audited(() =>
      http()
        .post('/api/v1/auth/password')
        .set('X-Forwarded-For', from)
        .send({ email: account.email, password: account.password })
        .expect(204),
    );
    const entry = onlyEntry(entries, 'auth.login.succeeded');
    expectWhoWhenWhere(entry, { userId: account.userId, label: 'Admin audit.ok@brevet.test' }, from);
    expect(entry).toMatchObject({ outcome: 'success', target_type: 'user', target_id: account.userId });
  });

  it('records a failed sign-in, with what was typed encoded (CR/LF cannot forge a second line)', async () => {
    const from = freshClientAddress();
    const typed = 'nobody@brevet.test\r\n2026-01-01 auth.login.succeeded admin';
    const { entries } = await audited(() =>
      http()
        .post('/api/v1/auth/password')
        .set('X-Forwarded-For', from)
        .send({ email: typed, password: 'whatever' })
        .expect(401),
    );
    const entry = onlyEntry(entries, 'auth.login.failed');
    expectWhoWhenWhere(
      entry,
      { userId: null, label: 'nobody@brevet.test\\r\\n2026-01-01 auth.login.succeeded admin' },
      from,
    );
    expect(entry.outcome).toBe('failure');
    expect(strings(entry).join('')).not.toMatch(/[\r\n]/);
  });

  it('records access denied, with the refused person as actor', async () => {
    const auditor = await signInAs(t, 'auditor', { displayName: 'Otto Auditor' });
    const from = freshClientAddress();
    const { entries } = await audited(() =>
      auditor
        .post('/api/v1/awards')
        .set('X-Forwarded-For', from)
        .send({ staffId, definitionId, completedOn: monthAgo(), issuer: 'Nobody' })
        .expect(403),
    );
    const entry = onlyEntry(entries, 'auth.access-denied');
    expectWhoWhenWhere(entry, { userId: auditor.userId, label: 'Otto Auditor' }, from);
    expect(entry).toMatchObject({
      outcome: 'denied',
      target_type: 'route',
      target_id: 'POST /api/v1/awards',
    });
  });

  it('records an award, with the award as target', async () => {
    const from = freshClientAddress();
    const { result, entries } = await audited(() =>
      admin
        .post('/api/v1/awards')
        .set('X-Forwarded-For', from)
        .send({ staffId, definitionId, completedOn: monthAgo(), issuer: 'Safety team' })
        .expect(201),
    );
    const award = result.body as Award;
    awardId = award.id;
    const entry = onlyEntry(entries, 'award.issued');
    expectWhoWhenWhere(entry, { userId: adminUserId, label: 'Hanna Admin' }, from);
    expect(entry).toMatchObject({
      outcome: 'success',
      target_type: 'award',
      target_id: award.id,
      target_label: `${award.credential.code} for ${award.staff.employeeNumber}`,
      after: { awardId: award.id, staffId, definitionId, issuedOn: monthAgo() },
      details: { source: 'single', outcome: 'issue', issuer: 'Safety team' },
    });
    expect(entry.request_id).toBeTruthy();
  });

  it('leaves no entry for an award that is refused (validation error), in the DTO or in the rules', async () => {
    const future = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const { entries } = await audited(async () => {
      await admin.post('/api/v1/awards').send({ staffId, definitionId, issuer: 'No date' }).expect(400);
      const refused = await admin
        .post('/api/v1/awards')
        .send({ staffId, definitionId, completedOn: future, issuer: 'Too early' });
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
    });
    expect(entries).toEqual([]);
  });

  it('records a revocation with its reason', async () => {
    const from = freshClientAddress();
    const { entries } = await audited(() =>
      admin
        .post(`/api/v1/awards/${awardId}/revoke`)
        .set('X-Forwarded-For', from)
        .send({ reason: 'Issued in error' })
        .expect(200),
    );
    const entry = onlyEntry(entries, 'award.revoked');
    expectWhoWhenWhere(entry, { userId: adminUserId, label: 'Hanna Admin' }, from);
    expect(entry).toMatchObject({
      target_type: 'award',
      target_id: awardId,
      before: { status: 'active' },
      after: { status: 'revoked' },
      details: { reason: 'Issued in error' },
    });
  });

  it('records an export (the HR import result CSV) before it streams, and the apply with its counts', async () => {
    await seedOrg(t.dataSource);
    const validated = await uploadAndValidate(t, admin, csv([ENGLISH_HEADER, person('7001')]), {
      fileName: 'audit-trail.csv',
    });
    const from = freshClientAddress();
    const exported = await audited(() =>
      admin.get(`/api/v1/hr-imports/${validated.id}/result.csv`).set('X-Forwarded-For', from).expect(200),
    );
    const entry = onlyEntry(exported.entries, 'export.created');
    expectWhoWhenWhere(entry, { userId: adminUserId, label: 'Hanna Admin' }, from);
    expect(entry).toMatchObject({
      target_type: 'hr-import',
      target_id: validated.id,
      target_label: 'audit-trail.csv',
    });

    const applied = await audited(() => applyImport(t, admin, validated.id));
    expect(applied.result.status).toBe('applied');
    const apply = onlyEntry(applied.entries, 'import.applied');
    // Applied by the job, in the name of whoever asked for it.
    expect(apply).toMatchObject({
      actor_user_id: adminUserId,
      actor_label: 'Hanna Admin',
      target_id: validated.id,
      details: { counts: { created: 1 } },
    });
    expect(apply.request_id).toBeTruthy();
  });
});

describe('A6: role changes and CR/LF through SAML sign-in', () => {
  const slug = 'idp-audit';
  let idp: TestIdp;
  let config: IdentityProvider;

  beforeAll(async () => {
    idp = newTestIdp(slug);
    config = await configureIdp(admin, idp, slug, {
      groupRoleRules: [
        { group: 'brevet-auditors', role: 'auditor' },
        { group: 'brevet-hr-admins', role: 'hr_admin' },
      ],
    });
  });

  async function samlSignIn(nameId: string, attributes: Record<string, string | string[]>, from: string) {
    const login = await startLogin(t, slug);
    const message = await validResponse(idp, slug, login.requestId, { nameId, attributes });
    return http()
      .post(`/auth/saml/${slug}/acs`)
      .set('Accept', 'application/json')
      .set('X-Forwarded-For', from)
      .type('form')
      .send({ SAMLResponse: message.base64 })
      .expect(303);
  }

  it('records changed grants once (before and after), and nothing when they stay the same', async () => {
    const attributes = (groups: string[]) => ({
      displayName: 'Rita Role',
      email: 'rita@nordwind.example',
      groups,
    });
    const first = await audited(() =>
      samlSignIn('rita-0001', attributes(['brevet-auditors']), freshClientAddress()),
    );
    expect(first.entries.map((e) => e.action)).toEqual(['role.changed', 'auth.login.succeeded']);
    const userId = first.entries[1].actor_user_id as string;

    const from = freshClientAddress();
    const changed = await audited(() => samlSignIn('rita-0001', attributes(['brevet-hr-admins']), from));
    expect(changed.entries.map((e) => e.action)).toEqual(['role.changed', 'auth.login.succeeded']);
    const [role, login] = changed.entries;
    expectWhoWhenWhere(role, { userId: null, label: `sso: ${slug}` }, from);
    expect(role).toMatchObject({
      target_type: 'user',
      target_id: userId,
      target_label: 'Rita Role',
      before: { grants: [{ role: 'auditor', branchId: null, regionId: null }] },
      after: { grants: [{ role: 'hr_admin', branchId: null, regionId: null }] },
      details: { source: 'sso', identityProviderId: config.id },
    });
    expectWhoWhenWhere(login, { userId, label: 'Rita Role' }, from);

    const same = await audited(() =>
      samlSignIn('rita-0001', attributes(['brevet-hr-admins']), freshClientAddress()),
    );
    expect(same.entries.map((e) => e.action)).toEqual(['auth.login.succeeded']);
  });

  it('stores CR/LF in a SAML attribute encoded: one sign-in, one entry, no raw CR or LF', async () => {
    const from = freshClientAddress();
    const { entries } = await audited(() =>
      samlSignIn(
        'crlf-0001',
        {
          displayName: 'Eve\r\nauth.login.succeeded admin',
          givenName: 'Eve\r\n',
          email: 'eve@nordwind.example',
        },
        from,
      ),
    );
    const entry = onlyEntry(entries, 'auth.login.succeeded');
    expect(entry.ip).toBe(from);
    expect(entry.actor_user_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(strings(entry).join('')).not.toMatch(/[\r\n]/);
  });

  it('records identity provider changes without keys or certificates in clear', async () => {
    const { entries } = await audited(() =>
      updateIdp(admin, config.id, { displayName: 'Audit IdP (renamed)' }),
    );
    const entry = onlyEntry(entries, 'sso.provider.changed');
    expect(entry).toMatchObject({
      actor_user_id: adminUserId,
      target_id: config.id,
      before: { displayName: `${slug} IdP` },
      after: { displayName: 'Audit IdP (renamed)' },
    });
    const rotated = await audited(() =>
      admin.post(`/api/v1/sso/identity-providers/${config.id}/sp-keys/next`).expect(201),
    );
    const keys = onlyEntry(rotated.entries, 'sso.provider.changed');
    expect(JSON.stringify(keys)).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
    expect(keys.after).toMatchObject({
      spKeys: { next: { signing: expect.stringMatching(/^[0-9A-F:]+$/) } },
    });
  });
});

describe('every other sensitive write leaves one entry', () => {
  it('staff: create and update record the changed fields', async () => {
    const region = await makeRegion(t.dataSource);
    const branch = await makeBranch(t.dataSource, region.id);
    const role = await makeJobRole(t.dataSource, 'AUDIT-STAFF');
    const created = await audited(() =>
      admin
        .post('/api/v1/staff')
        .send(staffBody(branch.id, [role.id]))
        .expect(201),
    );
    const person = created.result.body as StaffDetail;
    expect(onlyEntry(created.entries, 'staff.changed')).toMatchObject({
      target_type: 'staff',
      target_id: person.id,
      after: { employeeNumber: person.employeeNumber, jobRoleIds: [role.id] },
      details: { event: 'created' },
    });
    const updated = await audited(() =>
      admin
        .patch(`/api/v1/staff/${person.id}`)
        .send({ familyName: 'Renamed', status: 'on_leave' })
        .expect(200),
    );
    const entry = onlyEntry(updated.entries, 'staff.changed');
    expect(entry.before).toEqual({ familyName: person.familyName, status: 'active' });
    expect(entry.after).toEqual({ familyName: 'Renamed', status: 'on_leave' });
    const unchanged = await audited(() =>
      admin.patch(`/api/v1/staff/${person.id}`).send({ familyName: 'Renamed' }).expect(200),
    );
    expect(unchanged.entries).toEqual([]);
  });

  it('SCIM: the token is the actor; token creation is a settings change without the secret', async () => {
    const made = await audited(() =>
      admin.post('/api/v1/scim/tokens').send({ name: 'Entra audit' }).expect(201),
    );
    const token = made.result.body as CreatedScimToken;
    const tokenEntry = onlyEntry(made.entries, 'settings.changed');
    expect(tokenEntry).toMatchObject({ target_type: 'scim-token', target_label: 'Entra audit' });
    expect(JSON.stringify(tokenEntry)).not.toContain(token.token);

    const region = await makeRegion(t.dataSource);
    const branch = await makeBranch(t.dataSource, region.id, { code: 'DE-SCIM-AUD' });
    await makeJobRole(t.dataSource, 'LAGERIST');
    const from = freshClientAddress();
    const created = await audited(() =>
      http()
        .post('/scim/v2/Users')
        .set('Authorization', `Bearer ${token.token}`)
        .set('X-Forwarded-For', from)
        .send({
          schemas: [
            'urn:ietf:params:scim:schemas:core:2.0:User',
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
          ],
          userName: 'scim.audit@example.com',
          name: { givenName: 'Sven', familyName: 'Scim' },
          title: 'Lagerist',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
            employeeNumber: 'E-SCIM-1',
            department: branch.code,
          },
        })
        .expect(201),
    );
    const entry = onlyEntry(created.entries, 'scim.changed');
    expectWhoWhenWhere(entry, { userId: null, label: 'scim: Entra audit' }, from);
    expect(entry).toMatchObject({
      target_type: 'scim-user',
      target_label: 'scim.audit@example.com',
      after: { userName: 'scim.audit@example.com', active: true, staff: { employeeNumber: 'E-SCIM-1' } },
      details: { operation: 'create' },
    });
  });

  it('catalogue, signing keys, compliance rules and organisation settings', async () => {
    const created = await audited(() => admin.post('/api/v1/credentials').send(credentialBody()).expect(201));
    const credential = created.result.body as CredentialDetail;
    expect(onlyEntry(created.entries, 'credential.changed')).toMatchObject({
      target_id: credential.id,
      details: { event: 'created' },
    });
    const published = await audited(() =>
      admin.post(`/api/v1/credentials/${credential.id}/publish`).expect(200),
    );
    expect(onlyEntry(published.entries, 'credential.changed')).toMatchObject({
      before: { status: 'draft' },
      after: { status: 'published' },
    });

    const rotated = await audited(() => admin.post('/api/v1/open-badges/keys/rotate').expect(200));
    const keyEntry = onlyEntry(rotated.entries, 'settings.changed');
    expect(keyEntry.target_type).toBe('signing-key');
    expect(JSON.stringify(keyEntry)).not.toMatch(/PRIVATE|"d":/);

    const rule = await audited(() =>
      admin
        .post('/api/v1/compliance/rules')
        .send({
          definitionId: credential.id,
          jobRoleId: null,
          area: 'company',
          dueDays: 30,
          warningDays: 60,
          effectiveFrom: '2020-01-01',
        })
        .expect(201),
    );
    expect(onlyEntry(rule.entries, 'rule.changed')).toMatchObject({
      target_type: 'compliance-rule',
      target_label: `${credential.code} · all roles · company`,
      details: { event: 'created' },
    });

    const jobRole = await audited(() =>
      admin
        .post('/api/v1/job-roles')
        .send({ code: 'AUDIT-ROLE', names: { en: 'Audit', de: 'Prüfung' } })
        .expect(201),
    );
    expect(onlyEntry(jobRole.entries, 'settings.changed')).toMatchObject({
      target_type: 'job-role',
      target_label: 'AUDIT-ROLE',
    });
  });
});

describe('the chain after everything above', () => {
  it('verifies, and no stored string holds a raw CR or LF', async () => {
    const auditor = await signInAs(t, 'auditor');
    const result = (await auditor.get('/api/v1/audit/verify').expect(200)).body as AuditVerifyResult;
    expect(result.ok).toBe(true);
    expect(result.entriesChecked).toBeGreaterThan(20);
    const all = await entriesAfter('0');
    const raw = all.filter((e) => strings(e).some((s) => /[\r\n]/.test(s)));
    expect(raw.map((e) => e.sequence)).toEqual([]);
  });
});
