// From a verified assertion's attributes to a Brevet user: the per-identity-provider attribute mapping, value
// validation, group → role rules, and the safe copy kept as "last received assertion". Pure functions.
import {
  SSO_CODE_PATTERN,
  type ReceivedAttribute,
  type RoleGrant,
  type SsoAttributeMapping,
  type SsoGroupRoleRule,
} from '@brevet/contracts';

/** Mapped and validated values of one sign-in; null where unmapped, absent or invalid. */
export interface MappedUser {
  employeeNumber: string | null;
  email: string | null;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  branchCode: string | null;
  jobRole: string | null;
  groups: string[];
}

const EMPLOYEE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const EMAIL =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
// Control characters (C0, DEL, C1), line and paragraph separators, bidirectional overrides.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- group names must not carry control characters
const GROUP = /^[^\u0000-\u001f\u007f]{1,256}$/;

/** Limits on what is read and stored from one assertion. */
export const ATTRIBUTE_LIMITS = { attributes: 100, valuesPerAttribute: 500, valueChars: 1000 } as const;

/** Shows control characters and other invisible troublemakers as `\u000d` escapes, so stored text is inert. */
export function encodeUnsafe(value: string): string {
  return value.replace(UNSAFE_CHARACTERS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The attributes as received, bounded in count and length and with control characters encoded. */
export function attributesForDisplay(
  attributes: ReadonlyArray<{ name: string; values: readonly string[] }>,
): ReceivedAttribute[] {
  return attributes.slice(0, ATTRIBUTE_LIMITS.attributes).map((a) => ({
    name: encodeUnsafe(a.name.slice(0, 500)),
    values: a.values
      .slice(0, ATTRIBUTE_LIMITS.valuesPerAttribute)
      .map((v) => encodeUnsafe(v.slice(0, ATTRIBUTE_LIMITS.valueChars))),
  }));
}

function single(
  attributes: ReadonlyArray<{ name: string; values: readonly string[] }>,
  name: string | null,
): string | null {
  if (!name) return null;
  const value = attributes.find((a) => a.name === name)?.values[0];
  return value === undefined ? null : value.trim();
}

/** Plain text for a name field: no control characters, bounded; otherwise null. */
function personName(value: string | null, max: number): string | null {
  if (value === null || value.length === 0 || value.length > max) return null;
  return value.search(UNSAFE_CHARACTERS) >= 0 ? null : value;
}

/**
 * Reads the mapped fields. Unknown attributes are ignored; an invalid value is dropped and noted (never
 * guessed at): a display name with a line break, an email without `@`, a code with spaces.
 */
export function mapAttributes(
  attributes: ReadonlyArray<{ name: string; values: readonly string[] }>,
  mapping: SsoAttributeMapping,
): { user: MappedUser; notes: string[] } {
  const notes: string[] = [];
  const checked = (field: keyof SsoAttributeMapping, valid: (v: string) => string | null): string | null => {
    const raw = single(attributes, mapping[field]);
    if (raw === null || raw === '') return null;
    const value = valid(raw);
    if (value === null)
      notes.push(`${field}: the value of "${encodeUnsafe(mapping[field] ?? '')}" is not valid`);
    return value;
  };
  const employeeNumber = checked('employeeNumber', (v) => (EMPLOYEE_NUMBER.test(v) ? v : null));
  const email = checked('email', (v) => (v.length <= 254 && EMAIL.test(v) ? v.toLowerCase() : null));
  const givenName = checked('givenName', (v) => personName(v, 100));
  const familyName = checked('familyName', (v) => personName(v, 100));
  const displayName = checked('displayName', (v) => personName(v, 200));
  const code = (v: string) => (v.length <= 40 && SSO_CODE_PATTERN.test(v) ? v : null);
  const branchCode = checked('branchCode', code);
  const jobRole = checked('jobRole', (v) => personName(v, 200));
  const groupValues = mapping.groups ? (attributes.find((a) => a.name === mapping.groups)?.values ?? []) : [];
  const groups = [...new Set(groupValues.map((g) => g.trim()).filter((g) => GROUP.test(g)))];
  if (groups.length < groupValues.filter((g) => g.trim() !== '').length)
    notes.push('groups: some values are not valid group names and were ignored');
  return {
    user: { employeeNumber, email, givenName, familyName, displayName, branchCode, jobRole, groups },
    notes,
  };
}

/** The name shown in Brevet: the display name, else given and family name, else the email, else the NameID. */
export function displayNameOf(user: MappedUser, nameId: string): string {
  const joined = [user.givenName, user.familyName].filter(Boolean).join(' ');
  return (user.displayName ?? (joined || null) ?? user.email ?? encodeUnsafe(nameId)).slice(0, 200);
}

/** A role a rule gives, with the codes its scope names (resolved to IDs by the caller). */
export interface WantedGrant {
  role: SsoGroupRoleRule['role'];
  branchCodes: string[];
  regionCodes: string[];
}

/** The rules that apply to the user's groups. `branchFromAttribute` takes the user's branch code attribute. */
export function wantedGrants(
  rules: readonly SsoGroupRoleRule[],
  groups: readonly string[],
  userBranchCode: string | null,
): { wanted: WantedGrant[]; notes: string[] } {
  const notes: string[] = [];
  const wanted: WantedGrant[] = [];
  for (const rule of rules) {
    if (!groups.includes(rule.group)) continue;
    const branchCodes = [...(rule.branchCodes ?? [])];
    if (rule.branchFromAttribute) {
      if (userBranchCode) branchCodes.push(userBranchCode);
      else notes.push(`group "${encodeUnsafe(rule.group)}": the user has no branch code attribute`);
    }
    wanted.push({ role: rule.role, branchCodes, regionCodes: [...(rule.regionCodes ?? [])] });
  }
  return { wanted, notes };
}

/** Every branch and region code the wanted grants name, for one lookup. */
export function codesOf(wanted: readonly WantedGrant[]): { branchCodes: string[]; regionCodes: string[] } {
  return {
    branchCodes: [...new Set(wanted.flatMap((w) => w.branchCodes))],
    regionCodes: [...new Set(wanted.flatMap((w) => w.regionCodes))],
  };
}

/**
 * Grants with codes resolved to IDs. Unknown codes are ignored and noted; a branch or regional manager rule
 * whose codes are all unknown gives nothing. Duplicates collapse.
 */
export function resolveGrants(
  wanted: readonly WantedGrant[],
  branchIds: ReadonlyMap<string, string>,
  regionIds: ReadonlyMap<string, string>,
): { grants: Array<Omit<RoleGrant, 'source'>>; notes: string[] } {
  const notes = new Set<string>();
  const grants = new Map<string, Omit<RoleGrant, 'source'>>();
  const add = (grant: Omit<RoleGrant, 'source'>) =>
    grants.set(`${grant.role}|${grant.branchId ?? ''}|${grant.regionId ?? ''}`, grant);
  for (const w of wanted) {
    switch (w.role) {
      case 'hr_admin':
      case 'auditor':
        add({ role: w.role, branchId: null, regionId: null });
        break;
      case 'branch_manager':
        for (const code of w.branchCodes) {
          const id = branchIds.get(code);
          if (id) add({ role: w.role, branchId: id, regionId: null });
          else notes.add(`unknown branch code "${encodeUnsafe(code)}" ignored`);
        }
        break;
      case 'regional_manager':
        for (const code of w.regionCodes) {
          const id = regionIds.get(code);
          if (id) add({ role: w.role, branchId: null, regionId: id });
          else notes.add(`unknown region code "${encodeUnsafe(code)}" ignored`);
        }
        break;
    }
  }
  return { grants: [...grants.values()], notes: [...notes] };
}
