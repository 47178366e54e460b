import { applyPatch, parsePatchRequest, type PatchOperation } from './scim-patch';
import { canonicalizeResource, GROUP_SCHEMAS, USER_SCHEMAS, type JsonObject } from './scim-schema';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const anna = (): JsonObject => ({
  userName: 'anna@example.com',
  active: true,
  name: { givenName: 'Anna', familyName: 'Müller' },
  title: 'Lagerist',
  emails: [{ value: 'anna@example.com', type: 'work', primary: true }],
  [ENTERPRISE]: { employeeNumber: '100234', department: 'DE-BER-01' },
});

const patchUser = (doc: JsonObject, ...operations: object[]) =>
  applyPatch(doc, parsePatchRequest({ schemas: [PATCH_OP], Operations: operations }), USER_SCHEMAS);

describe('parsePatchRequest', () => {
  it('accepts op in any case and a missing schemas, as real clients send', () => {
    expect(parsePatchRequest({ operations: [{ OP: 'Replace', Path: 'active', Value: 'False' }] })).toEqual<
      PatchOperation[]
    >([{ op: 'replace', path: 'active', value: 'False' }]);
    expect(parsePatchRequest({ Operations: [{ op: 'REMOVE', path: 'title' }] })[0].op).toBe('remove');
  });

  it.each([
    [[], 'PatchOp JSON object', 'invalidSyntax'],
    [{ Operations: [] }, 'non-empty', 'invalidSyntax'],
    [{ schemas: ['urn:wrong'], Operations: [{ op: 'add', value: {} }] }, 'PatchOp', 'invalidSyntax'],
    [{ Operations: [{ op: 'move', path: 'a' }] }, 'add, replace or remove', 'invalidSyntax'],
    [{ Operations: [{ op: 'add', path: 'title' }] }, 'needs a "value"', 'invalidSyntax'],
    [{ Operations: [{ op: 'add', path: 5, value: 1 }] }, 'must be a string', 'invalidPath'],
  ])('rejects %j', (body, message, scimType) => {
    expect(() => parsePatchRequest(body)).toThrow(
      expect.objectContaining({ status: 400, ...(scimType ? { scimType } : {}) }),
    );
    expect(() => parsePatchRequest(body)).toThrow(message);
  });
});

describe('applyPatch on users', () => {
  it('replaces with "False" strings and capitalised ops as Entra ID sends them', () => {
    const result = patchUser(
      anna(),
      { op: 'Replace', path: 'active', value: 'False' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'anna.m@example.com' },
      { op: 'Replace', path: 'name.familyName', value: 'Schmidt' },
      { op: 'Add', path: `${ENTERPRISE}:manager`, value: 'manager-id' },
    );
    expect(result).toMatchObject({
      active: false,
      name: { givenName: 'Anna', familyName: 'Schmidt' },
      emails: [{ value: 'anna.m@example.com', type: 'work', primary: true }],
      [ENTERPRISE]: { employeeNumber: '100234', manager: { value: 'manager-id' } },
    });
  });

  it('takes a value object without a path, with dotted and URN keys', () => {
    const result = patchUser(anna(), {
      op: 'replace',
      value: {
        active: 'FALSE',
        'name.givenName': 'Anne',
        [`${ENTERPRISE}:department`]: 'DE-HAM-01',
        displayName: 'Anne Müller',
      },
    });
    expect(result).toMatchObject({
      active: false,
      displayName: 'Anne Müller',
      name: { givenName: 'Anne', familyName: 'Müller' },
      [ENTERPRISE]: { employeeNumber: '100234', department: 'DE-HAM-01' },
    });
  });

  it('merges complex values and replaces multi-valued ones', () => {
    const result = patchUser(
      anna(),
      { op: 'replace', path: 'name', value: { familyName: 'Meyer' } },
      { op: 'add', path: 'emails', value: [{ value: 'second@example.com', type: 'home' }] },
    );
    expect(result['name']).toEqual({ givenName: 'Anna', familyName: 'Meyer' });
    expect(result['emails']).toHaveLength(2);
    const replaced = patchUser(result, { op: 'replace', path: 'emails', value: [{ value: 'only@x.de' }] });
    expect(replaced['emails']).toEqual([{ value: 'only@x.de' }]);
  });

  it('creates the element a value filter describes when none matches', () => {
    const result = patchUser(anna(), {
      op: 'replace',
      path: 'addresses[type eq "work"].locality',
      value: 'Berlin',
    });
    expect(result['addresses']).toEqual([{ type: 'work', locality: 'Berlin' }]);
  });

  it('removes attributes, extension attributes and filtered values', () => {
    const result = patchUser(
      anna(),
      { op: 'remove', path: 'title' },
      { op: 'Remove', path: `${ENTERPRISE}:department` },
      { op: 'remove', path: 'emails[type eq "work"]' },
    );
    expect(result).not.toHaveProperty('title');
    expect(result).not.toHaveProperty('emails');
    expect(result[ENTERPRISE]).toEqual({ employeeNumber: '100234' });
  });

  it('adds to and removes whole extensions, known or custom', () => {
    const custom = 'urn:example:brevet:1.0:User';
    const added = patchUser(
      anna(),
      { op: 'add', path: ENTERPRISE, value: { costCenter: 'K-4711' } },
      { op: 'add', value: { [custom]: { hireDate: '2024-03-01' } } },
    );
    expect(added[ENTERPRISE]).toEqual({
      employeeNumber: '100234',
      department: 'DE-BER-01',
      costCenter: 'K-4711',
    });
    expect(added[custom]).toEqual({ hireDate: '2024-03-01' });
    const removed = patchUser(added, { op: 'remove', path: custom }, { op: 'remove', path: ENTERPRISE });
    expect(removed).not.toHaveProperty(custom);
    expect(removed).not.toHaveProperty(ENTERPRISE);
  });

  it('ignores attempts to change read-only attributes and matches names ignoring case', () => {
    const result = patchUser(
      anna(),
      { op: 'replace', path: 'id', value: 'evil' },
      { op: 'replace', path: 'meta', value: { version: 'x' } },
      { op: 'replace', path: 'NAME.GIVENNAME', value: 'Ann' },
      { op: 'replace', path: 'USERNAME', value: 'ann@example.com' },
    );
    expect(result).not.toHaveProperty('id');
    expect(result).not.toHaveProperty('meta');
    expect(result['name']).toMatchObject({ givenName: 'Ann' });
    expect(result['userName']).toBe('ann@example.com');
  });

  it('does not change its input', () => {
    const doc = anna();
    patchUser(doc, { op: 'remove', path: 'name' });
    expect(doc).toEqual(anna());
  });

  it('answers noTarget for remove without a path and for a filter it cannot satisfy', () => {
    expect(() => patchUser(anna(), { op: 'remove' })).toThrow(
      expect.objectContaining({ scimType: 'noTarget' }),
    );
    expect(() =>
      patchUser(anna(), { op: 'replace', path: 'emails[value co "zzz"].type', value: 'home' }),
    ).toThrow(expect.objectContaining({ scimType: 'noTarget' }));
  });
});

describe('applyPatch on groups', () => {
  const group = (): JsonObject => ({ displayName: 'Lager', members: [{ value: 'u1' }, { value: 'u2' }] });
  const patchGroup = (doc: JsonObject, ...operations: object[]) =>
    applyPatch(doc, parsePatchRequest({ Operations: operations }), GROUP_SCHEMAS);

  it('adds members without duplicates', () => {
    const result = patchGroup(group(), {
      op: 'Add',
      path: 'members',
      value: [{ value: 'u2' }, { value: 'u3', display: 'Carl' }],
    });
    expect(result['members']).toEqual([{ value: 'u1' }, { value: 'u2' }, { value: 'u3', display: 'Carl' }]);
  });

  it('removes members by value filter and by value list (Entra ID)', () => {
    expect(patchGroup(group(), { op: 'remove', path: 'members[value eq "u1"]' })['members']).toEqual([
      { value: 'u2' },
    ]);
    expect(
      patchGroup(group(), { op: 'Remove', path: 'members', value: [{ value: 'u2' }] })['members'],
    ).toEqual([{ value: 'u1' }]);
    expect(patchGroup(group(), { op: 'remove', path: 'members' })).toEqual({ displayName: 'Lager' });
  });

  it('renames', () => {
    expect(patchGroup(group(), { op: 'replace', value: { displayName: 'Lager Nord' } })).toMatchObject({
      displayName: 'Lager Nord',
    });
  });
});

describe('canonicalizeResource', () => {
  it('fixes attribute case, coerces boolean strings, wraps single values and drops nulls', () => {
    expect(
      canonicalizeResource(
        {
          USERNAME: 'a',
          Active: 'True',
          emails: { value: 'a@b.c', Primary: 'false' },
          nickName: null,
          custom: 'kept',
          [ENTERPRISE.toLowerCase()]: { EmployeeNumber: '1', manager: 'm' },
        },
        USER_SCHEMAS,
      ),
    ).toEqual({
      userName: 'a',
      active: true,
      emails: [{ value: 'a@b.c', primary: false }],
      custom: 'kept',
      [ENTERPRISE]: { employeeNumber: '1', manager: { value: 'm' } },
    });
  });
});
