import { DEFAULT_SCIM_MAPPING, type ScimMappingSettings } from '@brevet/contracts';
import {
  extractStaffFields,
  uiLanguage,
  validEmail,
  validEmployeeNumber,
  validHireDate,
  validName,
} from './scim-user-fields';
import { canonicalizeResource, USER_SCHEMAS, type JsonObject } from './scim-schema';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const user = (extra: JsonObject = {}): JsonObject =>
  canonicalizeResource(
    {
      userName: 'anna@example.com',
      name: { givenName: ' Anna ', familyName: 'Müller' },
      title: 'Lagerist',
      preferredLanguage: 'de-AT',
      emails: [
        { value: 'private@home.example', type: 'home' },
        { value: 'Anna@Example.com', type: 'work' },
      ],
      addresses: [
        { type: 'home', locality: 'Potsdam' },
        { type: 'work', locality: 'DE-BER-01' },
      ],
      [ENTERPRISE]: { employeeNumber: '100234', department: 'DE-HAM-01', manager: { value: 'm-1' } },
      ...extra,
    },
    USER_SCHEMAS,
  );

describe('extractStaffFields', () => {
  it('reads the defaults: department as branch, title as role, enterprise employee number and manager', () => {
    expect(extractStaffFields(user(), DEFAULT_SCIM_MAPPING)).toEqual({
      employeeNumber: '100234',
      givenName: 'Anna',
      familyName: 'Müller',
      email: 'Anna@Example.com',
      preferredLanguage: 'de',
      branch: 'DE-HAM-01',
      jobRoles: ['Lagerist'],
      managerId: 'm-1',
      hireDate: undefined,
    });
  });

  it('follows a configured mapping, including value filters and custom extensions', () => {
    const mapping: ScimMappingSettings = {
      ...DEFAULT_SCIM_MAPPING,
      branchAttribute: 'addresses[type eq "work"].locality',
      jobRoleAttribute: 'urn:example:brevet:1.0:User:roles',
      hireDateAttribute: 'urn:example:brevet:1.0:User:hireDate',
    };
    const fields = extractStaffFields(
      user({ 'urn:example:brevet:1.0:User': { roles: ['WAREHOUSE', 'FORKLIFT'], hireDate: '2024-03-01' } }),
      mapping,
    );
    expect(fields).toMatchObject({
      branch: 'DE-BER-01',
      jobRoles: ['WAREHOUSE', 'FORKLIFT'],
      hireDate: '2024-03-01',
    });
    expect(extractStaffFields(user(), { ...mapping, jobRoleAttribute: null }).jobRoles).toBeUndefined();
  });

  it('prefers the primary email, then a work email', () => {
    const primary = user({
      emails: [
        { value: 'w@x.de', type: 'work' },
        { value: 'p@x.de', primary: 'True' },
      ],
    });
    expect(extractStaffFields(primary, DEFAULT_SCIM_MAPPING).email).toBe('p@x.de');
    expect(extractStaffFields(user({ emails: [] }), DEFAULT_SCIM_MAPPING).email).toBeUndefined();
  });

  it('takes names from displayName when name is missing', () => {
    const doc = user();
    delete doc['name'];
    doc['displayName'] = 'Anna Maria Müller';
    expect(extractStaffFields(doc, DEFAULT_SCIM_MAPPING)).toMatchObject({
      givenName: 'Anna',
      familyName: 'Maria Müller',
    });
  });
});

describe('validation', () => {
  it('maps locales to UI languages', () => {
    expect(uiLanguage('de-AT')).toBe('de');
    expect(uiLanguage('en_US')).toBe('en');
    expect(uiLanguage('EN')).toBe('en');
    expect(uiLanguage('fr-FR')).toBeUndefined();
    expect(uiLanguage(undefined)).toBeUndefined();
  });

  it('requires a well-formed employee number and names, naming the attribute', () => {
    expect(() => validEmployeeNumber(undefined)).toThrow(/employeeNumber" is required/);
    expect(() => validEmployeeNumber('a b')).toThrow(/"a b" is not valid/);
    expect(validEmployeeNumber('DE-1/2')).toBe('DE-1/2');
    expect(() => validName(undefined, 'name.familyName')).toThrow(
      expect.objectContaining({ scimType: 'invalidValue' }),
    );
    expect(() => validName('x'.repeat(101), 'name.givenName')).toThrow(/longer than 100/);
  });

  it('lower-cases emails and rejects what is not one', () => {
    expect(validEmail('Anna@Example.com')).toBe('anna@example.com');
    expect(validEmail(undefined)).toBeNull();
    expect(() => validEmail('not-an-email')).toThrow(/"not-an-email" is not an email address/);
  });

  it('reads hire dates as days or timestamps', () => {
    expect(validHireDate('2024-03-01', 'x')).toBe('2024-03-01');
    expect(validHireDate('2024-03-01T00:00:00Z', 'x')).toBe('2024-03-01');
    expect(() => validHireDate('2024-02-30', 'hire')).toThrow(/"hire" "2024-02-30"/);
    expect(() => validHireDate('01.03.2024', 'hire')).toThrow(expect.objectContaining({ status: 400 }));
  });
});
