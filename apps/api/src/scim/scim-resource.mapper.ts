import { ScimUrn, SCIM_DEFAULT_COUNT, SCIM_MAX_RESULTS } from './scim.constants';
import type { ScimGroupEntity, ScimUserEntity } from './scim.entity';
import { parseAttrPath } from './scim-filter';
import type { GroupMemberRow } from './scim-group.repository';
import { findKey, isJsonObject, type Json, type JsonObject } from './scim-schema';

/** A SCIM resource as served: `schemas`, `id`, attributes, `meta`. */
export type ScimResource = JsonObject & { id: string; meta: ScimMeta };

export interface ScimMeta extends JsonObject {
  resourceType: string;
  created: string;
  lastModified: string;
  location: string;
  version: string;
}

export interface ScimListResponse {
  schemas: string[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: JsonObject[];
}

/** `startIndex` (1-based), `count`, `filter`, `attributes`, `excludedAttributes`, tolerantly read. */
export interface ScimListQuery {
  filter?: string;
  startIndex: number;
  count: number;
  projection: ScimProjection;
}

export interface ScimProjection {
  attributes?: string[];
  excludedAttributes?: string[];
}

function param(query: Record<string, unknown>, name: string): string | undefined {
  const key = Object.keys(query).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : query[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

function list(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items && items.length > 0 ? items : undefined;
}

export function readProjection(query: Record<string, unknown>): ScimProjection {
  return {
    attributes: list(param(query, 'attributes')),
    excludedAttributes: list(param(query, 'excludedAttributes')),
  };
}

/**
 * RFC 7644 §3.4.2.4: a `startIndex` below 1 means 1; a negative `count` means 0; more than the maximum
 * is capped. Values that are not numbers fall back to the defaults, as lenient servers do.
 */
export function readListQuery(query: Record<string, unknown>): ScimListQuery {
  const number = (name: string) => {
    const raw = param(query, name);
    const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
    return Number.isFinite(n) ? Math.trunc(n) : undefined;
  };
  const filter = param(query, 'filter');
  return {
    filter: filter !== undefined && filter.trim() !== '' ? filter : undefined,
    startIndex: Math.max(1, number('startIndex') ?? 1),
    count: Math.min(SCIM_MAX_RESULTS, Math.max(0, number('count') ?? SCIM_DEFAULT_COUNT)),
    projection: readProjection(query),
  };
}

export function listResponse(resources: JsonObject[], total: number, startIndex: number): ScimListResponse {
  return {
    schemas: [ScimUrn.ListResponse],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

function meta(
  resourceType: string,
  entity: { createdAt: Date; updatedAt: Date; version: number },
  location: string,
): ScimMeta {
  return {
    resourceType,
    created: entity.createdAt.toISOString(),
    lastModified: entity.updatedAt.toISOString(),
    location,
    version: `W/"${entity.version}"`,
  };
}

/** The User resource: what the identity provider sent, with Brevet's id, userName, active and meta. */
export function mapScimUser(user: ScimUserEntity, baseUrl: string): ScimResource {
  const raw: JsonObject = isJsonObject(user.raw) ? (user.raw as JsonObject) : {};
  const extensions = Object.keys(raw).filter((k) => /^urn:/i.test(k));
  return {
    schemas: [ScimUrn.User, ...extensions],
    id: user.id,
    ...(user.externalId !== null ? { externalId: user.externalId } : {}),
    userName: user.userName,
    ...raw,
    active: user.active,
    meta: meta('User', user, `${baseUrl}/Users/${user.id}`),
  };
}

export function mapScimGroup(
  group: ScimGroupEntity,
  members: readonly GroupMemberRow[] | undefined,
  baseUrl: string,
): ScimResource {
  return {
    schemas: [ScimUrn.Group],
    id: group.id,
    ...(group.externalId !== null ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    ...(members && members.length > 0
      ? {
          members: members.map((m) => ({
            value: m.userId,
            display: m.displayName ?? m.userName,
            $ref: `${baseUrl}/Users/${m.userId}`,
            type: 'User',
          })),
        }
      : {}),
    meta: meta('Group', group, `${baseUrl}/Groups/${group.id}`),
  };
}

const ALWAYS_RETURNED = ['schemas', 'id', 'meta'];

/** Whether a top-level attribute survives `attributes`/`excludedAttributes` (e.g. a group's `members`). */
export function isReturned(projection: ScimProjection, name: string): boolean {
  const matches = (list: string[] | undefined) =>
    list?.some(
      (a) => parseAttrPath(a)?.attr.toLowerCase() === name.toLowerCase() && !parseAttrPath(a)?.schema,
    );
  if (projection.attributes) return matches(projection.attributes) ?? false;
  return !(matches(projection.excludedAttributes) ?? false);
}

/**
 * Applies `attributes` (only these, plus `schemas`, `id` and `meta`) or `excludedAttributes`, at the level
 * of attributes and extension attributes (RFC 7644 §3.4.2.5).
 */
export function projectResource(resource: JsonObject, projection: ScimProjection): JsonObject {
  const { attributes, excludedAttributes } = projection;
  if (attributes) {
    const out: JsonObject = {};
    for (const key of ALWAYS_RETURNED) if (key in resource) out[key] = resource[key];
    for (const text of attributes) copyPath(resource, out, text);
    return out;
  }
  if (excludedAttributes) {
    const out = structuredClone(resource);
    for (const text of excludedAttributes) removePath(out, text);
    return out;
  }
  return resource;
}

function locate(
  doc: JsonObject,
  text: string,
): { container: JsonObject; key: string; urn?: string } | undefined {
  const path = parseAttrPath(text);
  if (!path) return undefined;
  let container = doc;
  let urn: string | undefined;
  if (path.schema && !/:core:2\.0:/i.test(path.schema)) {
    urn = findKey(doc, path.schema);
    const nested = urn === undefined ? undefined : doc[urn];
    if (!isJsonObject(nested)) return undefined;
    container = nested;
  }
  const key = findKey(container, path.attr);
  return key === undefined ? undefined : { container, key, urn };
}

function copyPath(from: JsonObject, to: JsonObject, text: string): void {
  const found = locate(from, text);
  if (!found) {
    // A whole extension: `attributes=urn:…:enterprise:2.0:User`.
    const urn = findKey(from, text);
    if (urn !== undefined && /^urn:/i.test(urn)) to[urn] = from[urn];
    return;
  }
  const value: Json = found.container[found.key];
  if (found.urn === undefined) {
    to[found.key] = value;
    return;
  }
  const target = isJsonObject(to[found.urn]) ? (to[found.urn] as JsonObject) : {};
  target[found.key] = value;
  to[found.urn] = target;
}

function removePath(doc: JsonObject, text: string): void {
  const found = locate(doc, text);
  if (!found || ALWAYS_RETURNED.includes(found.key)) return;
  delete found.container[found.key];
}
