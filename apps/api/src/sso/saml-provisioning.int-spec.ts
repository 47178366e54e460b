// Just-in-time provisioning after a verified sign-in (attribute mapping, staff link, group → role rules, the
// last received assertion), Brevet's SP metadata, and the rotation of Brevet's own keys without a restart.
import type { IdentityProvider, Me } from '@brevet/contracts';
import { DOMParser } from '@xmldom/xmldom';
import { createVerify } from 'node:crypto';
import request from 'supertest';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makeBranch, makeJobRole, makeRegion, staffBody } from '../../test/support/factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import type { TestIdp } from '../../test/saml/test-idp';
import {
  configureIdp,
  newTestIdp,
  postAcs,
  PUBLIC_URL,
  sessionCookie,
  spUrls,
  startLogin,
  updateIdp,
  validResponse,
} from './testing/saml-sp-harness';

jest.setTimeout(60_000);

let t: TestApp;
let admin: SignedInAgent;
let idp: TestIdp;
let config: IdentityProvider;
const codes = { north: 'R-NORTH', south: 'R-SOUTH', hamburg: 'DE-HAM-01', munich: 'DE-MUC-01' };
const ids = {} as Record<'north' | 'north2' | 'south' | 'hamburg' | 'bremen' | 'munich', string>;
let staffId: string;

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL });
  await resetDatabase(t);
  admin = await signInAsAdmin(t);
  const north = await makeRegion(t.dataSource, { code: codes.north });
  const north2 = await makeRegion(t.dataSource, { code: 'R-NORTH-2', parentId: north.id });
  const south = await makeRegion(t.dataSource, { code: codes.south });
  const hamburg = await makeBranch(t.dataSource, north.id, { code: codes.hamburg });
  const bremen = await makeBranch(t.dataSource, north2.id, { code: 'DE-BRE-01' });
  const munich = await makeBranch(t.dataSource, south.id, { code: codes.munich });
  Object.assign(ids, {
    north: north.id,
    north2: north2.id,
    south: south.id,
    hamburg: hamburg.id,
    bremen: bremen.id,
    munich: munich.id,
  });
  const role = await makeJobRole(t.dataSource, 'WAREHOUSE');
  const staff = await admin
    .post('/api/v1/staff')
    .send(
      staffBody(hamburg.id, [role.id], { employeeNumber: '100482', email: 'anna.mueller@nordwind.example' }),
    )
    .expect(201);
  staffId = staff.body.id;
  idp = newTestIdp('idp-jit');
  config = await configureIdp(admin, idp, 'idp-jit', {
    groupRoleRules: [
      { group: 'brevet-hr-admins', role: 'hr_admin' },
      { group: 'brevet-auditors', role: 'auditor' },
      { group: 'brevet-regional-north', role: 'regional_manager', regionCodes: [codes.north, 'R-GONE'] },
      { group: 'brevet-branch-managers-MUC', role: 'branch_manager', branchCodes: [codes.munich, 'XX-NONE'] },
      { group: 'brevet-branch-managers', role: 'branch_manager', branchFromAttribute: true },
    ],
  });
});

afterAll(async () => {
  await t?.close();
});

beforeEach(async () => {
  await t.dataSource.query(`DELETE FROM shared_state_entry WHERE key LIKE 'rl:%'`);
});

const http = () => request(t.app.getHttpServer());

async function signIn(
  attributes: Record<string, string | string[]>,
  nameId = 'persistent-id-0001',
  extra: Parameters<typeof validResponse>[3] = {},
): Promise<{ res: request.Response; me: Me }> {
  const login = await startLogin(t, 'idp-jit');
  const message = await validResponse(idp, 'idp-jit', login.requestId, { nameId, attributes, ...extra });
  const res = await postAcs(t, 'idp-jit', message.base64);
  expect(res.status).toBe(303);
  const me = await http()
    .get('/api/v1/auth/me')
    .set('Cookie', sessionCookie(res) ?? '')
    .expect(200);
  return { res, me: me.body as Me };
}

async function lastAssertion() {
  return (await admin.get(`/api/v1/sso/identity-providers/${config.id}/last-assertion`).expect(200)).body;
}

describe('JIT provisioning', () => {
  it('links to the staff record by employee number and maps name and email; unknown attributes are ignored', async () => {
    const { me } = await signIn({
      employeeNumber: '100482',
      email: 'Anna.Mueller@Nordwind.example',
      givenName: 'Anna',
      sn: 'Müller',
      'urn:example:unmapped': 'whatever',
    });
    expect(me.staffId).toBe(staffId);
    expect(me.roles).toEqual(['employee']);
    expect(me.displayName).toBe('Anna Müller');
    expect(me.email).toBe('anna.mueller@nordwind.example');
    const last = await lastAssertion();
    expect(last.outcome).toBe('accepted');
    expect(last.nameId).toBe('persistent-id-0001');
    expect(last.attributes).toContainEqual({ name: 'urn:example:unmapped', values: ['whatever'] });
  });

  it('links by email when the identity provider is set to, and not at all for an unknown number', async () => {
    await updateIdp(admin, config.id, { linkStaffBy: 'email' });
    try {
      const byEmail = await signIn({ email: 'anna.mueller@nordwind.example' }, 'persistent-id-0002');
      expect(byEmail.me.staffId).toBe(staffId);
    } finally {
      await updateIdp(admin, config.id, { linkStaffBy: 'employeeNumber' });
    }
    const unknown = await signIn({ employeeNumber: '999999' }, 'persistent-id-0003');
    expect(unknown.me.staffId).toBeNull();
    expect((await lastAssertion()).notes).toContain(
      'no single staff record with this employeeNumber: not linked',
    );
  });

  it('turns groups into roles with branch and region scope; unknown codes are ignored and noted', async () => {
    const { me } = await signIn(
      {
        employeeNumber: '100482',
        branch: codes.hamburg,
        groups: [
          'brevet-regional-north',
          'brevet-branch-managers-MUC',
          'brevet-branch-managers',
          'other-group',
        ],
      },
      'persistent-id-0004',
    );
    expect(me.roles.sort()).toEqual(['branch_manager', 'employee', 'regional_manager']);
    expect(me.grants).toEqual(
      expect.arrayContaining([
        { role: 'regional_manager', branchId: null, regionId: ids.north, source: 'sso' },
        { role: 'branch_manager', branchId: ids.munich, regionId: null, source: 'sso' },
        { role: 'branch_manager', branchId: ids.hamburg, regionId: null, source: 'sso' },
      ]),
    );
    expect(me.grants).toHaveLength(3);
    // The region grant reaches the regions below it.
    expect(me.scope).toEqual({
      all: false,
      branchIds: expect.arrayContaining([ids.hamburg, ids.bremen, ids.munich]),
    });
    const notes = (await lastAssertion()).notes as string[];
    expect(notes).toContain('unknown region code "R-GONE" ignored');
    expect(notes).toContain('unknown branch code "XX-NONE" ignored');
  });

  it('recomputes SSO roles at every sign-in and keeps roles granted by hand', async () => {
    const first = await signIn({ groups: ['brevet-hr-admins'] }, 'persistent-id-0005');
    expect(first.me.roles).toEqual(['hr_admin']);
    await t.dataSource.query(
      `INSERT INTO user_role_grant (user_id, role, source) VALUES ($1, 'auditor', 'manual')`,
      [first.me.userId],
    );
    const second = await signIn({ groups: [] }, 'persistent-id-0005');
    expect(second.me.userId).toBe(first.me.userId);
    expect(second.me.roles).toEqual(['auditor']);
    expect(second.me.grants).toEqual([{ role: 'auditor', branchId: null, regionId: null, source: 'manual' }]);
  });

  it('stores CR/LF in an attribute encoded, and never uses it as a name', async () => {
    const { me } = await signIn(
      { displayName: 'Anna\r\nadmin logged in', email: 'anna.crlf@nordwind.example' },
      'persistent-id-0006',
    );
    expect(me.displayName).toBe('anna.crlf@nordwind.example');
    const last = await lastAssertion();
    const stored = (last.attributes as Array<{ name: string; values: string[] }>).find(
      (a) => a.name === 'displayName',
    );
    // XML turns CR LF into LF on parsing (XML 1.0 §2.11); the LF that remains is stored as an escape.
    expect(stored?.values).toEqual(['Anna\\u000aadmin logged in']);
    expect(stored?.values[0]).not.toMatch(/[\r\n]/);
    expect(last.notes).toContain('displayName: the value of "displayName" is not valid');
  });

  it('refuses invalid values: a code with spaces, an email without @', async () => {
    const { me } = await signIn(
      { email: 'not-an-email', branch: 'DE HAM 01', groups: ['brevet-branch-managers'] },
      'persistent-id-0007',
    );
    expect(me.email).toBeNull();
    expect(me.roles).toEqual([]);
    const notes = (await lastAssertion()).notes as string[];
    expect(notes).toContain('email: the value of "email" is not valid');
    expect(notes).toContain('branchCode: the value of "branch" is not valid');
  });

  it('refuses a disabled account (401) after provisioning, with no session', async () => {
    const first = await signIn({}, 'persistent-id-0008');
    await t.dataSource.query(`UPDATE user_account SET status = 'disabled' WHERE id = $1`, [first.me.userId]);
    const login = await startLogin(t, 'idp-jit');
    const message = await validResponse(idp, 'idp-jit', login.requestId, { nameId: 'persistent-id-0008' });
    const res = await postAcs(t, 'idp-jit', message.base64);
    expect(res.status).toBe(401);
    expect(sessionCookie(res)).toBeNull();
    expect((await lastAssertion()).error).toBe('the account is disabled');
  });
});

describe('SP metadata', () => {
  const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');
  const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';

  it('names the entity ID, ACS, single logout (both bindings) and one signing and one encryption certificate', async () => {
    const res = await http().get('/auth/saml/idp-jit/metadata').expect(200);
    expect(res.headers['content-type']).toContain('application/samlmetadata+xml');
    const doc = parse(res.text);
    const root = doc.documentElement as Element;
    expect(root.getAttribute('entityID')).toBe(spUrls('idp-jit').entityId);
    const sp = doc.getElementsByTagNameNS(MD, 'SPSSODescriptor')[0];
    expect(sp.getAttribute('AuthnRequestsSigned')).toBe('true');
    expect(sp.getAttribute('WantAssertionsSigned')).toBe('true');
    const acs = doc.getElementsByTagNameNS(MD, 'AssertionConsumerService')[0];
    expect(acs.getAttribute('Location')).toBe(spUrls('idp-jit').acsUrl);
    expect(acs.getAttribute('Binding')).toBe('urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
    const slo = Array.from(doc.getElementsByTagNameNS(MD, 'SingleLogoutService') as unknown as Element[]);
    expect(slo.map((e) => e.getAttribute('Binding'))).toEqual([
      'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
      'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
    ]);
    expect(slo.every((e) => e.getAttribute('Location') === spUrls('idp-jit').sloUrl)).toBe(true);
    const uses = Array.from(doc.getElementsByTagNameNS(MD, 'KeyDescriptor') as unknown as Element[]).map(
      (k) => k.getAttribute('use'),
    );
    expect(uses).toEqual(['signing', 'encryption']);
    expect(res.text).not.toMatch(/PRIVATE KEY/);
  });
});

describe("rotation of Brevet's own keys, without restart", () => {
  let rot: TestIdp;
  let current: IdentityProvider;

  beforeAll(async () => {
    rot = newTestIdp('idp-sp-rot');
    current = await configureIdp(admin, rot, 'idp-sp-rot');
  });

  async function signInEncryptedFor(pem: string) {
    const login = await startLogin(t, 'idp-sp-rot');
    const message = await validResponse(rot, 'idp-sp-rot', login.requestId, { encryptFor: pem });
    return postAcs(t, 'idp-sp-rot', message.base64);
  }

  it('generate next → both in the metadata and both decrypt → promote (signs with it) → drop old', async () => {
    const base = `/api/v1/sso/identity-providers/${current.id}/sp-keys`;
    const oldSet = current.spKeys.current;
    const generated = (await admin.post(`${base}/next`).expect(201)).body as IdentityProvider;
    const nextSet = generated.spKeys.next;
    expect(nextSet).not.toBeNull();
    await admin.post(`${base}/next`).expect(409);

    const metadata = (await http().get('/auth/saml/idp-sp-rot/metadata').expect(200)).text;
    const bare = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, '');
    for (const pem of [
      oldSet.signing.pem,
      oldSet.encryption.pem,
      nextSet!.signing.pem,
      nextSet!.encryption.pem,
    ])
      expect(metadata).toContain(bare(pem));

    expect((await signInEncryptedFor(oldSet.encryption.pem)).status).toBe(303);
    expect((await signInEncryptedFor(nextSet!.encryption.pem)).status).toBe(303);

    const promoted = (await admin.post(`${base}/promote`).expect(200)).body as IdentityProvider;
    expect(promoted.spKeys.current.signing.fingerprint).toBe(nextSet!.signing.fingerprint);
    expect(promoted.spKeys.previous?.signing.fingerprint).toBe(oldSet.signing.fingerprint);
    const login = await startLogin(t, 'idp-sp-rot');
    const signedPart = login.location.search
      .slice(1)
      .split('&')
      .filter((p) => !p.startsWith('Signature='))
      .join('&');
    const signature = login.location.searchParams.get('Signature') ?? '';
    expect(
      createVerify('RSA-SHA256').update(signedPart).verify(nextSet!.signing.pem, signature, 'base64'),
    ).toBe(true);
    expect((await signInEncryptedFor(oldSet.encryption.pem)).status).toBe(303);

    const dropped = (await admin.delete(`${base}/previous`).expect(200)).body as IdentityProvider;
    expect(dropped.spKeys.previous).toBeNull();
    expect((await http().get('/auth/saml/idp-sp-rot/metadata').expect(200)).text).not.toContain(
      bare(oldSet.encryption.pem),
    );
    expect((await signInEncryptedFor(oldSet.encryption.pem)).status).toBe(401);
    expect((await signInEncryptedFor(nextSet!.encryption.pem)).status).toBe(303);
  });
});
