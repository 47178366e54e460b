import { ScimUrn } from './scim.constants';

/** An attribute definition as RFC 7643 §7 describes it (served by `/Schemas`). */
export interface ScimAttributeDef {
  name: string;
  type: 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex' | 'binary';
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  subAttributes?: ScimAttributeDef[];
  referenceTypes?: string[];
  canonicalValues?: string[];
}

export interface ScimSchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: ScimAttributeDef[];
}

type Options = Partial<Omit<ScimAttributeDef, 'name' | 'type' | 'subAttributes'>>;

function attr(
  name: string,
  type: ScimAttributeDef['type'],
  description: string,
  options: Options = {},
): ScimAttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

function complex(
  name: string,
  description: string,
  subAttributes: ScimAttributeDef[],
  options: Options = {},
): ScimAttributeDef {
  return { ...attr(name, 'complex', description, options), subAttributes };
}

const str = (name: string, description: string, options?: Options) =>
  attr(name, 'string', description, options);

/** `value`, `display`, `type`, `primary`: the sub-attributes of emails, phone numbers and the like. */
function multiValuedStrings(name: string, description: string, types: string[]): ScimAttributeDef {
  return complex(
    name,
    description,
    [
      str('value', `The ${name} value.`),
      str('display', 'A human-readable name, primarily used for display purposes.'),
      str('type', 'A label indicating the function, e.g. "work" or "home".', { canonicalValues: types }),
      attr('primary', 'boolean', 'Whether this is the preferred value.'),
    ],
    { multiValued: true },
  );
}

export const USER_SCHEMA: ScimSchemaDef = {
  id: ScimUrn.User,
  name: 'User',
  description: 'User Account',
  attributes: [
    str('userName', 'Unique identifier for the User, typically the sign-in name. Unique ignoring case.', {
      required: true,
      uniqueness: 'server',
    }),
    complex('name', "The components of the user's real name.", [
      str('formatted', 'The full name, formatted for display.'),
      str('familyName', 'The family name (last name).'),
      str('givenName', 'The given name (first name).'),
      str('middleName', 'The middle name(s).'),
      str('honorificPrefix', 'Honorific prefix, e.g. "Dr.".'),
      str('honorificSuffix', 'Honorific suffix, e.g. "III".'),
    ]),
    str('displayName', 'The name of the User, suitable for display to end-users.'),
    str('nickName', 'The casual way to address the user.'),
    attr('profileUrl', 'reference', "A URI to the user's online profile.", { referenceTypes: ['external'] }),
    str('title', "The user's title, e.g. 'Lagerist'. By default mapped to job roles."),
    str('userType', 'The relationship between the organization and the user, e.g. "Employee".'),
    str('preferredLanguage', "The user's preferred written or spoken language, e.g. 'de-AT'."),
    str('locale', "The user's default location, e.g. 'de-AT'."),
    str('timezone', "The user's time zone, e.g. 'Europe/Vienna'."),
    attr('active', 'boolean', "The user's administrative status. false: the person has left."),
    str('password', 'Not stored by Brevet: accepted and discarded.', {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    multiValuedStrings('emails', 'Email addresses for the user.', ['work', 'home', 'other']),
    multiValuedStrings('phoneNumbers', 'Phone numbers for the user.', [
      'work',
      'home',
      'mobile',
      'fax',
      'pager',
      'other',
    ]),
    multiValuedStrings('ims', 'Instant messaging addresses for the user.', []),
    multiValuedStrings('photos', 'URLs of photos of the user.', ['photo', 'thumbnail']),
    complex(
      'addresses',
      'A physical mailing address for this user.',
      [
        str('formatted', 'The full mailing address, formatted for display.'),
        str('streetAddress', 'The full street address component.'),
        str('locality', 'The city or locality component.'),
        str('region', 'The state or region component.'),
        str('postalCode', 'The zip code or postal code component.'),
        str('country', 'The country name component (ISO 3166-1 alpha-2).'),
        str('type', 'A label indicating the function, e.g. "work".', {
          canonicalValues: ['work', 'home', 'other'],
        }),
        attr('primary', 'boolean', 'Whether this is the preferred address.'),
      ],
      { multiValued: true },
    ),
    complex(
      'groups',
      'The groups the user belongs to. Managed through /Groups.',
      [
        str('value', 'The id of the group.', { mutability: 'readOnly' }),
        attr('$ref', 'reference', 'The URI of the group.', {
          mutability: 'readOnly',
          referenceTypes: ['Group'],
        }),
        str('display', 'The group name.', { mutability: 'readOnly' }),
        str('type', 'Direct or indirect membership.', { mutability: 'readOnly' }),
      ],
      { multiValued: true, mutability: 'readOnly' },
    ),
    multiValuedStrings('entitlements', 'A list of entitlements for the user.', []),
    multiValuedStrings('roles', 'A list of roles for the user.', []),
    multiValuedStrings('x509Certificates', 'A list of certificates issued to the user.', []),
  ],
};

export const ENTERPRISE_USER_SCHEMA: ScimSchemaDef = {
  id: ScimUrn.EnterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    str('employeeNumber', 'The employee number: the identity key of a person in Brevet. Cannot change.', {
      required: true,
    }),
    str('costCenter', 'Identifies the name of a cost center.'),
    str('organization', 'Identifies the name of an organization.'),
    str('division', 'Identifies the name of a division.'),
    str('department', 'Identifies the name of a department. By default the branch code.'),
    complex('manager', "The user's manager.", [
      str('value', 'The id of the SCIM User who is the manager.'),
      attr('$ref', 'reference', 'The URI of the manager.', { referenceTypes: ['User'] }),
      str('displayName', 'The displayName of the manager.', { mutability: 'readOnly' }),
    ]),
  ],
};

export const GROUP_SCHEMA: ScimSchemaDef = {
  id: ScimUrn.Group,
  name: 'Group',
  description: 'Group',
  attributes: [
    str('displayName', 'A human-readable name for the Group. Unique ignoring case.', {
      required: true,
      uniqueness: 'server',
    }),
    complex(
      'members',
      'A list of members of the Group (Users only).',
      [
        str('value', 'The id of the member User.', { mutability: 'immutable', caseExact: true }),
        attr('$ref', 'reference', 'The URI of the member.', {
          mutability: 'immutable',
          referenceTypes: ['User'],
        }),
        str('display', 'The member name.', { mutability: 'readOnly' }),
        str('type', 'The type of member: "User".', { mutability: 'immutable', canonicalValues: ['User'] }),
      ],
      { multiValued: true },
    ),
  ],
};

export const ALL_SCHEMAS: readonly ScimSchemaDef[] = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA];

/** The schemas of one resource type: its core schema and its extensions. */
export interface ResourceSchemas {
  core: ScimSchemaDef;
  extensions: readonly ScimSchemaDef[];
}

export const USER_SCHEMAS: ResourceSchemas = { core: USER_SCHEMA, extensions: [ENTERPRISE_USER_SCHEMA] };
export const GROUP_SCHEMAS: ResourceSchemas = { core: GROUP_SCHEMA, extensions: [] };

/** Attributes every resource has (RFC 7643 §3.1), not listed in the schemas. */
const COMMON_ATTRIBUTES: readonly ScimAttributeDef[] = [
  str('id', 'Unique identifier of the resource, assigned by Brevet.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  str('externalId', "The identity provider's identifier.", { caseExact: true }),
  attr('schemas', 'reference', 'The schemas of the resource.', { multiValued: true, caseExact: true }),
  complex(
    'meta',
    'Resource metadata.',
    [
      str('resourceType', 'The resource type.', { mutability: 'readOnly', caseExact: true }),
      attr('created', 'dateTime', 'When the resource was created.', { mutability: 'readOnly' }),
      attr('lastModified', 'dateTime', 'When the resource was last changed.', { mutability: 'readOnly' }),
      attr('location', 'reference', 'The URI of the resource.', { mutability: 'readOnly' }),
      str('version', 'The version (weak ETag) of the resource.', {
        mutability: 'readOnly',
        caseExact: true,
      }),
    ],
    { mutability: 'readOnly' },
  ),
];

const lower = (s: string) => s.toLowerCase();

function findDef(defs: readonly ScimAttributeDef[] | undefined, name: string): ScimAttributeDef | undefined {
  const wanted = lower(name);
  return defs?.find((d) => lower(d.name) === wanted);
}

/** The schema an attribute path names: the core schema when none is given or the core URN is used. */
export function schemaFor(schemas: ResourceSchemas, urn: string | undefined): ScimSchemaDef | undefined {
  if (urn === undefined || lower(urn) === lower(schemas.core.id)) return schemas.core;
  return schemas.extensions.find((s) => lower(s.id) === lower(urn));
}

/** True when `urn` names an extension whose attributes live in an object under the URN key. */
export function isExtensionUrn(schemas: ResourceSchemas, urn: string | undefined): urn is string {
  return urn !== undefined && lower(urn) !== lower(schemas.core.id);
}

/** The canonical spelling of an extension URN (unknown extensions keep the client's spelling). */
export function canonicalUrn(schemas: ResourceSchemas, urn: string): string {
  return schemas.extensions.find((s) => lower(s.id) === lower(urn))?.id ?? urn;
}

/** The definition of `attr` (and `sub`) in `urn`'s schema, or of a common attribute. */
export function attributeDef(
  schemas: ResourceSchemas,
  urn: string | undefined,
  name: string,
  sub?: string,
): ScimAttributeDef | undefined {
  const schema = schemaFor(schemas, urn);
  const top =
    findDef(schema?.attributes, name) ?? (urn === undefined ? findDef(COMMON_ATTRIBUTES, name) : undefined);
  return sub === undefined ? top : findDef(top?.subAttributes, sub);
}

export function subAttributeDef(
  parent: ScimAttributeDef | undefined,
  name: string,
): ScimAttributeDef | undefined {
  return findDef(parent?.subAttributes, name);
}

/** Whether string comparisons on the attribute respect case (unknown attributes: no, like most of SCIM). */
export function isCaseExact(schemas: ResourceSchemas, urn: string | undefined, name: string, sub?: string) {
  return attributeDef(schemas, urn, name, sub)?.caseExact ?? false;
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The key of `obj` that equals `name` ignoring case (SCIM attribute names are case-insensitive). */
export function findKey(obj: JsonObject, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return name;
  const wanted = lower(name);
  return Object.keys(obj).find((k) => lower(k) === wanted);
}

/** "True", "FALSE" and friends, as Entra ID sends them, become booleans. Anything else stays as it is. */
export function coerceBoolean(value: Json): Json {
  if (typeof value !== 'string') return value;
  const v = lower(value.trim());
  return v === 'true' ? true : v === 'false' ? false : value;
}

function canonicalValue(def: ScimAttributeDef | undefined, value: Json): Json | undefined {
  if (value === null) return undefined;
  if (def?.multiValued) {
    const items = (Array.isArray(value) ? value : [value])
      .map((item) => canonicalValue({ ...def, multiValued: false }, item))
      .filter((item): item is Json => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (def?.type === 'boolean') return coerceBoolean(value);
  if (def?.type === 'complex') {
    // Entra ID sends `manager` as a bare id; a complex attribute with a `value` takes it as that.
    if (typeof value === 'string' && subAttributeDef(def, 'value'))
      return value === '' ? undefined : { value };
    if (isJsonObject(value)) return canonicalObject(value, def.subAttributes ?? []);
  }
  return value;
}

function canonicalObject(obj: JsonObject, defs: readonly ScimAttributeDef[]): JsonObject | undefined {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) {
    const def = findDef(defs, key);
    const canonical = canonicalValue(def, value);
    if (canonical !== undefined) out[def?.name ?? key] = canonical;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Normalises a resource as clients send it: attribute names in their defined spelling, extension URNs
 * in theirs, boolean strings as booleans, single values of multi-valued attributes as arrays, and null
 * (unassigned) attributes removed. Unknown attributes are kept as sent.
 */
export function canonicalizeResource(doc: JsonObject, schemas: ResourceSchemas): JsonObject {
  const out: JsonObject = {};
  const coreDefs = [...schemas.core.attributes, ...COMMON_ATTRIBUTES];
  for (const [key, value] of Object.entries(doc)) {
    if (/^urn:/i.test(key) && isExtensionUrn(schemas, key)) {
      const urn = canonicalUrn(schemas, key);
      const ext = schemaFor(schemas, urn);
      const merged = isJsonObject(out[urn]) ? (out[urn] as JsonObject) : {};
      const canonical = isJsonObject(value) ? canonicalObject(value, ext?.attributes ?? []) : undefined;
      if (canonical) out[urn] = { ...merged, ...canonical };
      continue;
    }
    const def = findDef(coreDefs, key);
    const canonical = canonicalValue(def, value);
    if (canonical !== undefined) out[def?.name ?? key] = canonical;
  }
  return out;
}
