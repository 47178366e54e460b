import { ScimUrn } from './scim.constants';
import { ScimException } from './scim.exception';
import {
  elementFromFilter,
  evaluateFilter,
  parseAttrPath,
  parsePatchPath,
  type PatchPath,
} from './scim-filter';
import {
  attributeDef,
  canonicalizeResource,
  canonicalUrn,
  findKey,
  isCaseExact,
  isExtensionUrn,
  isJsonObject,
  type Json,
  type JsonObject,
  type ResourceSchemas,
} from './scim-schema';

export type PatchOpName = 'add' | 'replace' | 'remove';

export interface PatchOperation {
  op: PatchOpName;
  path?: string;
  value?: Json;
}

const MAX_OPERATIONS = 1_000;
/** Written by the server only; a PATCH that names them is ignored, as for PUT (RFC 7643 §2.2). */
const READ_ONLY = new Set(['id', 'meta', 'groups', 'schemas']);

/**
 * Validates a PatchOp request body. Real clients differ: `op` in any case ("Replace"), `Operations` in
 * any case, a missing `schemas`. Those are accepted; anything else is 400 `invalidSyntax`.
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isJsonObject(body)) throw ScimException.invalidSyntax('The body must be a PatchOp JSON object.');
  const schemasKey = findKey(body, 'schemas');
  const schemas = schemasKey === undefined ? undefined : body[schemasKey];
  if (
    schemas !== undefined &&
    !(
      Array.isArray(schemas) &&
      schemas.some((s) => typeof s === 'string' && s.toLowerCase() === ScimUrn.PatchOp.toLowerCase())
    )
  ) {
    throw ScimException.invalidSyntax(`"schemas" must contain "${ScimUrn.PatchOp}".`);
  }
  const opsKey = findKey(body, 'Operations');
  const operations = opsKey === undefined ? undefined : body[opsKey];
  if (!Array.isArray(operations) || operations.length === 0) {
    throw ScimException.invalidSyntax('"Operations" must be a non-empty array.');
  }
  if (operations.length > MAX_OPERATIONS) {
    throw ScimException.invalidSyntax(`At most ${MAX_OPERATIONS} operations per request.`);
  }
  return operations.map((raw, index) => {
    if (!isJsonObject(raw)) throw ScimException.invalidSyntax(`Operation ${index + 1} is not an object.`);
    const get = (name: string): Json | undefined => {
      const key = findKey(raw, name);
      return key === undefined ? undefined : raw[key];
    };
    const op = get('op');
    const name = typeof op === 'string' ? op.trim().toLowerCase() : '';
    if (name !== 'add' && name !== 'replace' && name !== 'remove') {
      throw ScimException.invalidSyntax(
        `Operation ${index + 1}: "op" must be add, replace or remove, not ${JSON.stringify(op ?? null)}.`,
      );
    }
    const path = get('path');
    if (path !== undefined && path !== null && typeof path !== 'string') {
      throw ScimException.invalidPath(`Operation ${index + 1}: "path" must be a string.`);
    }
    const value = get('value');
    if (name !== 'remove' && value === undefined) {
      throw ScimException.invalidSyntax(`Operation ${index + 1}: "${name}" needs a "value".`);
    }
    return { op: name, path: typeof path === 'string' && path.trim() !== '' ? path : undefined, value };
  });
}

/**
 * Applies PATCH operations to a resource document and returns the new document (the input is not
 * changed). Follows RFC 7644 §3.5.2, with the tolerance provisioning clients need: values may be
 * "True"/"False" strings; `{op: "replace", value: {active: false, "name.givenName": "Anna"}}` without
 * a path; `{op: "remove", path: "members", value: [{value: id}]}` removes just those members; and a
 * value filter that matches nothing (`emails[type eq "work"].value`) creates the element it describes.
 */
export function applyPatch(
  doc: JsonObject,
  operations: readonly PatchOperation[],
  schemas: ResourceSchemas,
): JsonObject {
  const result = structuredClone(doc);
  for (const operation of operations) {
    applyOperation(result, operation.op, operation.path, operation.value, schemas);
  }
  return canonicalizeResource(result, schemas);
}

function applyOperation(
  doc: JsonObject,
  op: PatchOpName,
  rawPath: string | undefined,
  value: Json | undefined,
  schemas: ResourceSchemas,
): void {
  if (rawPath === undefined) {
    if (op === 'remove') throw ScimException.noTarget('"remove" needs a "path".');
    if (!isJsonObject(value)) {
      throw ScimException.invalidValue(`"${op}" without a "path" needs an object as its "value".`);
    }
    // Each key is itself a path: "active", "name.givenName", "urn:…:enterprise:2.0:User:department",
    // or an extension with its attributes: "urn:…:enterprise:2.0:User": {…}.
    for (const [key, item] of Object.entries(value)) {
      if (isExtensionKey(key, item, schemas)) applyToExtension(doc, op, key, item, schemas);
      else applyOperation(doc, op, key, item, schemas);
    }
    return;
  }
  const path = parsePatchPath(rawPath);
  if (path.attr === null || isExtensionInDocument(doc, path)) {
    const urn = path.attr === null ? (path.schema ?? '') : `${path.schema}:${path.attr}`;
    applyToExtension(doc, op, urn, value, schemas);
    return;
  }
  if (path.schema === undefined || !isExtensionUrn(schemas, path.schema)) {
    if (READ_ONLY.has(path.attr.toLowerCase())) return;
  }
  const container = containerOf(doc, path, schemas, op !== 'remove');
  if (!container) return;
  const key = findKey(container, path.attr) ?? canonicalName(schemas, path);
  if (path.filter) applyToFilteredValues(container, key, path, op, value, schemas);
  else if (path.sub !== undefined) applyToSubAttribute(container, key, path.sub, op, value);
  else applyToAttribute(container, key, path, op, value, schemas);
  prune(doc, container, key);
}

/** A URN key with an object value is an extension, unless it names a known extension attribute. */
function isExtensionKey(key: string, value: Json, schemas: ResourceSchemas): boolean {
  if (!/^urn:/i.test(key) || !isJsonObject(value)) return false;
  const path = parseAttrPath(key);
  return !path?.schema || attributeDef(schemas, path.schema, path.attr) === undefined;
}

/** `urn:example:custom:1.0:User` names a custom extension the resource has, not its attribute "User". */
function isExtensionInDocument(doc: JsonObject, path: PatchPath): boolean {
  if (path.schema === undefined || path.sub !== undefined || path.filter || path.attr === null) return false;
  const key = findKey(doc, `${path.schema}:${path.attr}`);
  return key !== undefined && isJsonObject(doc[key]);
}

function applyToExtension(
  doc: JsonObject,
  op: PatchOpName,
  urn: string,
  value: Json | undefined,
  schemas: ResourceSchemas,
): void {
  const key = findKey(doc, urn) ?? canonicalUrn(schemas, urn);
  if (op === 'remove') {
    delete doc[key];
    return;
  }
  if (!isJsonObject(value)) throw ScimException.invalidValue(`"${urn}" needs an object as its value.`);
  for (const [name, item] of Object.entries(value)) applyOperation(doc, op, `${key}:${name}`, item, schemas);
}

function containerOf(
  doc: JsonObject,
  path: PatchPath,
  schemas: ResourceSchemas,
  create: boolean,
): JsonObject | undefined {
  if (!isExtensionUrn(schemas, path.schema)) return doc;
  const key = findKey(doc, path.schema) ?? canonicalUrn(schemas, path.schema);
  const existing = doc[key];
  if (isJsonObject(existing)) return existing;
  if (!create) return undefined;
  const fresh: JsonObject = {};
  doc[key] = fresh;
  return fresh;
}

function canonicalName(schemas: ResourceSchemas, path: PatchPath): string {
  return attributeDef(schemas, path.schema, path.attr ?? '')?.name ?? path.attr ?? '';
}

function isMultiValued(schemas: ResourceSchemas, path: PatchPath, current: Json | undefined): boolean {
  const def = attributeDef(schemas, path.schema, path.attr ?? '');
  return def ? def.multiValued : Array.isArray(current);
}

function applyToAttribute(
  container: JsonObject,
  key: string,
  path: PatchPath,
  op: PatchOpName,
  value: Json | undefined,
  schemas: ResourceSchemas,
): void {
  const current = container[key];
  if (op === 'remove') {
    if (value !== undefined && value !== null && Array.isArray(current)) {
      const unwanted = asArray(value);
      container[key] = current.filter((item) => !unwanted.some((u) => sameValue(item, u)));
    } else {
      delete container[key];
    }
    return;
  }
  if (value === undefined) return;
  if (isMultiValued(schemas, path, current)) {
    const incoming = asArray(value);
    container[key] = withoutDuplicates(op === 'add' ? [...asArray(current), ...incoming] : incoming);
    return;
  }
  // A complex attribute: the given sub-attributes are added or replaced, the others stay (§3.5.2.3).
  if (isJsonObject(value) && isJsonObject(current)) {
    for (const [name, item] of Object.entries(value)) current[findKey(current, name) ?? name] = item;
    return;
  }
  container[key] = value;
}

function applyToSubAttribute(
  container: JsonObject,
  key: string,
  sub: string,
  op: PatchOpName,
  value: Json | undefined,
): void {
  const current = container[key];
  if (Array.isArray(current)) {
    // `emails.value` without a filter: every element.
    if (op === 'remove') {
      for (const item of current) if (isJsonObject(item)) deleteKey(item, sub);
    } else if (value !== undefined) {
      if (current.length === 0) container[key] = [{ [sub]: value }];
      for (const item of current) if (isJsonObject(item)) item[findKey(item, sub) ?? sub] = value;
    }
    return;
  }
  if (op === 'remove') {
    if (isJsonObject(current)) deleteKey(current, sub);
    return;
  }
  if (value === undefined) return;
  const target = isJsonObject(current) ? current : {};
  target[findKey(target, sub) ?? sub] = value;
  container[key] = target;
}

function applyToFilteredValues(
  container: JsonObject,
  key: string,
  path: PatchPath,
  op: PatchOpName,
  value: Json | undefined,
  schemas: ResourceSchemas,
): void {
  const filter = path.filter;
  if (!filter) return;
  const elements = asArray(container[key]);
  const caseExact = (p: { attr: string; sub?: string }) =>
    isCaseExact(schemas, path.schema, path.attr ?? '', p.attr);
  const matches = elements.filter(
    (e): e is JsonObject => isJsonObject(e) && evaluateFilter(filter, e, caseExact),
  );
  if (op === 'remove') {
    if (path.sub !== undefined) {
      const sub = path.sub;
      matches.forEach((e) => deleteKey(e, sub));
    } else {
      container[key] = elements.filter((e) => !matches.includes(e as JsonObject));
    }
    return;
  }
  if (value === undefined) return;
  if (matches.length === 0) {
    const seed = elementFromFilter(filter);
    if (!seed) throw ScimException.noTarget(`No value of "${path.attr}" matches the filter.`);
    const element: JsonObject =
      path.sub !== undefined
        ? { ...seed, [path.sub]: value }
        : { ...seed, ...(isJsonObject(value) ? value : { value }) };
    container[key] = [...elements, element];
    return;
  }
  for (const element of matches) {
    if (path.sub !== undefined) {
      element[findKey(element, path.sub) ?? path.sub] = value;
    } else if (isJsonObject(value)) {
      if (op === 'replace') for (const k of Object.keys(element)) delete element[k];
      Object.assign(element, value);
    } else {
      throw ScimException.invalidValue(`"${path.attr}[…]" needs an object as its value.`);
    }
  }
}

function deleteKey(obj: JsonObject, name: string): void {
  const key = findKey(obj, name);
  if (key !== undefined) delete obj[key];
}

/** Drops what became empty, so that "unassigned" has one representation. */
function prune(doc: JsonObject, container: JsonObject, key: string): void {
  const value = container[key];
  if (value === null || (Array.isArray(value) && value.length === 0)) delete container[key];
  if (isJsonObject(value) && Object.keys(value).length === 0) delete container[key];
  if (container !== doc && Object.keys(container).length === 0) {
    for (const [k, v] of Object.entries(doc)) if (v === container) delete doc[k];
  }
}

function asArray(value: Json | undefined): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Two values of a multi-valued attribute are the same when their `value`s are (else when equal). */
function sameValue(a: Json, b: Json): boolean {
  if (isJsonObject(a) && isJsonObject(b)) {
    const ka = findKey(a, 'value');
    const kb = findKey(b, 'value');
    if (ka !== undefined && kb !== undefined) return jsonEqual(a[ka], b[kb]);
  }
  return jsonEqual(a, b);
}

function withoutDuplicates(values: Json[]): Json[] {
  const out: Json[] = [];
  for (const v of values) if (!out.some((o) => sameValue(o, v))) out.push(v);
  return out;
}

export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const keys = Object.keys(ao);
  return keys.length === Object.keys(bo).length && keys.every((k) => k in bo && jsonEqual(ao[k], bo[k]));
}
