import type { SsoAttributeMapping, SsoGroupRoleRule } from '@brevet/contracts';
import {
  attributesForDisplay,
  codesOf,
  displayNameOf,
  encodeUnsafe,
  mapAttributes,
  resolveGrants,
  wantedGrants,
} from './sso-mapping.util';

const mapping: SsoAttributeMapping = {
  employeeNumber: 'emp',
  email: 'mail',
  givenName: 'given',
  familyName: 'sn',
  displayName: 'cn',
  branchCode: 'branch',
  jobRole: 'title',
  groups: 'groups',
};
const attrs = (values: Record<string, string | string[]>) =>
  Object.entries(values).map(([name, v]) => ({ name, values: Array.isArray(v) ? v : [v] }));

describe('mapAttributes', () => {
  it('reads mapped fields, ignores unknown attributes', () => {
    const { user, notes } = mapAttributes(
      attrs({
        emp: '100482',
        mail: 'Anna@Corp.Example',
        given: 'Anna',
        sn: 'Müller',
        branch: 'DE-HAM-01',
        other: 'x',
      }),
      mapping,
    );
    expect(user).toEqual({
      employeeNumber: '100482',
      email: 'anna@corp.example',
      givenName: 'Anna',
      familyName: 'Müller',
      displayName: null,
      branchCode: 'DE-HAM-01',
      jobRole: null,
      groups: [],
    });
    expect(notes).toEqual([]);
  });

  it.each<[string, Record<string, string | string[]>, string]>([
    ['an email without @', { mail: 'anna.corp.example' }, 'email: the value of "mail" is not valid'],
    [
      'an email with a line break',
      { mail: 'a@b.example\nBcc: x@y.example' },
      'email: the value of "mail" is not valid',
    ],
    ['a name with CR/LF', { cn: 'Anna\r\nAdmin' }, 'displayName: the value of "cn" is not valid'],
    ['a name with a bidi override', { cn: 'Anna\u202eevil' }, 'displayName: the value of "cn" is not valid'],
    ['a code with spaces', { branch: 'DE HAM' }, 'branchCode: the value of "branch" is not valid'],
    ['an overlong code', { branch: 'A'.repeat(41) }, 'branchCode: the value of "branch" is not valid'],
    [
      'an employee number with a slash first',
      { emp: '/123' },
      'employeeNumber: the value of "emp" is not valid',
    ],
  ])('drops %s and notes it', (_label, values, note) => {
    const { user, notes } = mapAttributes(attrs(values), mapping);
    expect(Object.values(user).filter((v) => v !== null && !Array.isArray(v))).toEqual([]);
    expect(notes).toEqual([note]);
  });

  it('keeps valid groups once each and notes invalid ones', () => {
    const { user, notes } = mapAttributes(attrs({ groups: ['a', 'a', ' b ', 'bad\u0000group'] }), mapping);
    expect(user.groups).toEqual(['a', 'b']);
    expect(notes).toEqual(['groups: some values are not valid group names and were ignored']);
  });
});

describe('displayNameOf', () => {
  const base = mapAttributes([], mapping).user;
  it('prefers the display name, then given + family, then email, then the NameID', () => {
    expect(displayNameOf({ ...base, displayName: 'A M', givenName: 'A' }, 'n')).toBe('A M');
    expect(displayNameOf({ ...base, givenName: 'Anna', familyName: 'M' }, 'n')).toBe('Anna M');
    expect(displayNameOf({ ...base, email: 'a@b.example' }, 'n')).toBe('a@b.example');
    expect(displayNameOf(base, 'id\r\n1')).toBe('id\\u000d\\u000a1');
  });
});

describe('group rules', () => {
  const rules: SsoGroupRoleRule[] = [
    { group: 'hr', role: 'hr_admin' },
    { group: 'north', role: 'regional_manager', regionCodes: ['R-N', 'R-GONE'] },
    { group: 'ham', role: 'branch_manager', branchCodes: ['HAM'] },
    { group: 'own', role: 'branch_manager', branchFromAttribute: true },
    { group: 'hr2', role: 'hr_admin' },
  ];

  it('applies the rules of the groups held, with scope', () => {
    const { wanted, notes } = wantedGrants(rules, ['hr', 'hr2', 'north', 'own', 'other'], 'BRE');
    expect(notes).toEqual([]);
    expect(codesOf(wanted)).toEqual({ branchCodes: ['BRE'], regionCodes: ['R-N', 'R-GONE'] });
    const { grants, notes: unresolved } = resolveGrants(
      wanted,
      new Map([['BRE', 'b-bre']]),
      new Map([['R-N', 'r-n']]),
    );
    expect(grants).toEqual([
      { role: 'hr_admin', branchId: null, regionId: null },
      { role: 'regional_manager', branchId: null, regionId: 'r-n' },
      { role: 'branch_manager', branchId: 'b-bre', regionId: null },
    ]);
    expect(unresolved).toEqual(['unknown region code "R-GONE" ignored']);
  });

  it('notes a branch-from-attribute rule without a branch attribute', () => {
    expect(wantedGrants(rules, ['own'], null).notes).toEqual([
      'group "own": the user has no branch code attribute',
    ]);
  });

  it('gives nothing for groups without rules', () => {
    expect(wantedGrants(rules, ['HR', 'nobody'], null).wanted).toEqual([]);
  });
});

describe('encodeUnsafe and attributesForDisplay', () => {
  it('encodes control characters, line separators and bidi overrides', () => {
    expect(encodeUnsafe('a\r\nb\tc\u0000d\u2028e\u202ef')).toBe(
      'a\\u000d\\u000ab\\u0009c\\u0000d\\u2028e\\u202ef',
    );
    expect(encodeUnsafe('Müller')).toBe('Müller');
  });

  it('bounds what is stored', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ name: `a${i}`, values: ['x'.repeat(2000)] }));
    const shown = attributesForDisplay(many);
    expect(shown).toHaveLength(100);
    expect(shown[0].values[0]).toHaveLength(1000);
  });
});
