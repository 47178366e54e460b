import {
  SCIM_ENTERPRISE_USER_SCHEMA,
  UI_LANGUAGES,
  type ScimMappingSettings,
  type UiLanguage,
} from '@brevet/contracts';
import { isIsoDay } from '@brevet/domain';
import { isEmail } from 'class-validator';
import { EMPLOYEE_NUMBER_PATTERN } from '../staff/staff.dto';
import { ScimException } from './scim.exception';
import { elementsAt, evaluateFilter, parsePatchPath, valuesAt, type PatchPath } from './scim-filter';
import { findKey, isJsonObject, type Json, type JsonObject } from './scim-schema';

export const EMPLOYEE_NUMBER_ATTRIBUTE = `${SCIM_ENTERPRISE_USER_SCHEMA}:employeeNumber`;
export const MANAGER_ATTRIBUTE = `${SCIM_ENTERPRISE_USER_SCHEMA}:manager`;

/**
 * What a SCIM user says about the person, before validation and lookup: plain strings as the identity
 * provider sent them. Undefined means "not given". Computed for the old and the new representation, so
 * that only what changed is written to the person.
 */
export interface ScimStaffFields {
  employeeNumber?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  preferredLanguage?: UiLanguage;
  /** The value of the branch attribute (a code or a key of `branchValues`). */
  branch?: string;
  /** The values of the job role attribute; undefined when no attribute is configured. */
  jobRoles?: string[];
  /** The SCIM id of the manager. */
  managerId?: string;
  /** The value of the hire date attribute, unvalidated. */
  hireDate?: string;
}

/** Reads the person's fields from a (canonical) SCIM user document, following the mapping. */
export function extractStaffFields(doc: JsonObject, mapping: ScimMappingSettings): ScimStaffFields {
  const displayName = firstString(doc, 'displayName')?.split(/\s+/);
  const givenName = firstString(doc, 'name.givenName') ?? displayName?.[0];
  const familyName =
    firstString(doc, 'name.familyName') ??
    (displayName && displayName.length > 1 ? displayName.slice(1).join(' ') : undefined);
  return {
    employeeNumber: firstString(doc, EMPLOYEE_NUMBER_ATTRIBUTE),
    givenName,
    familyName,
    email: workEmail(doc),
    preferredLanguage: uiLanguage(firstString(doc, 'preferredLanguage') ?? firstString(doc, 'locale')),
    branch: firstString(doc, mapping.branchAttribute),
    jobRoles: mapping.jobRoleAttribute === null ? undefined : strings(doc, mapping.jobRoleAttribute),
    managerId: firstString(doc, `${MANAGER_ATTRIBUTE}.value`),
    hireDate: mapping.hireDateAttribute === null ? undefined : firstString(doc, mapping.hireDateAttribute),
  };
}

/** The string values at a SCIM path, trimmed, empty ones dropped. Paths may carry a value filter. */
export function strings(doc: JsonObject, pathText: string): string[] {
  const path = parsePatchPath(pathText);
  return valuesAtPath(doc, path)
    .map((v) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : ''))
    .filter((v) => v !== '');
}

function firstString(doc: JsonObject, pathText: string): string | undefined {
  return strings(doc, pathText)[0];
}

function valuesAtPath(doc: JsonObject, path: PatchPath): Json[] {
  if (path.attr === null) return [];
  const filter = path.filter;
  if (!filter) return valuesAt(doc, { schema: path.schema, attr: path.attr, sub: path.sub });
  const matching = elementsAt(doc, { schema: path.schema, attr: path.attr }).filter(
    (e): e is JsonObject => isJsonObject(e) && evaluateFilter(filter, e, () => false),
  );
  if (path.sub === undefined) return matching;
  const sub = path.sub;
  return matching.flatMap((e) => {
    const key = findKey(e, sub);
    return key === undefined ? [] : [e[key]];
  });
}

/** The primary email, else the first work email, else the first one. */
function workEmail(doc: JsonObject): string | undefined {
  return (
    firstString(doc, 'emails[primary eq true].value') ??
    firstString(doc, 'emails[type eq "work"].value') ??
    firstString(doc, 'emails.value')
  );
}

/** `de-AT`, `de_AT` and `DE` mean German; languages Brevet has no UI for give undefined. */
export function uiLanguage(value: string | undefined): UiLanguage | undefined {
  const language = value?.split(/[-_]/)[0]?.toLowerCase();
  return (UI_LANGUAGES as readonly string[]).includes(language ?? '') ? (language as UiLanguage) : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Validation: each failure is 400 invalidValue naming the SCIM attribute and the value.

export function validEmployeeNumber(value: string | undefined): string {
  if (value === undefined) {
    throw ScimException.invalidValue(
      `"${EMPLOYEE_NUMBER_ATTRIBUTE}" is required: Brevet identifies people by their employee number.`,
    );
  }
  if (!EMPLOYEE_NUMBER_PATTERN.test(value)) {
    throw ScimException.invalidValue(
      `"${EMPLOYEE_NUMBER_ATTRIBUTE}" "${value}" is not valid: use 1–64 letters, digits, . _ / or -.`,
    );
  }
  return value;
}

export function validName(
  value: string | undefined,
  attribute: 'name.givenName' | 'name.familyName',
): string {
  if (value === undefined) {
    throw ScimException.invalidValue(`"${attribute}" is required (or a "displayName" to take it from).`);
  }
  if (value.length > 100) throw ScimException.invalidValue(`"${attribute}" is longer than 100 characters.`);
  return value;
}

export function validEmail(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (value.length > 254 || !isEmail(value)) {
    throw ScimException.invalidValue(`"emails" value "${value}" is not an email address.`);
  }
  return value.toLowerCase();
}

/** `2024-03-01` or an ISO timestamp such as `2024-03-01T00:00:00Z` (its date part is used). */
export function validHireDate(value: string, attribute: string): string {
  const day = /^\d{4}-\d{2}-\d{2}(?:$|T)/.test(value) ? value.slice(0, 10) : '';
  if (!isIsoDay(day)) {
    throw ScimException.invalidValue(`"${attribute}" "${value}" is not a date such as 2024-03-01.`);
  }
  return day;
}
