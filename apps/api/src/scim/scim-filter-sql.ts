import { ScimUrn } from './scim.constants';
import { ScimException } from './scim.exception';
import type { AttrPath, CompareOp, FilterValue, ScimFilter } from './scim-filter';
import {
  attributeDef,
  canonicalUrn,
  isCaseExact,
  isExtensionUrn,
  subAttributeDef,
  USER_SCHEMAS,
  type ResourceSchemas,
} from './scim-schema';

/**
 * Compiles a parsed SCIM filter to a SQL condition. Values always travel as bind parameters; JSON paths
 * are built from names the parser has checked (letters, digits, `_`, `-`, `$`; URNs) and are bound too.
 * Every leaf yields true or false, never NULL, so that `not (…)` means what it says.
 */
export class SqlParams {
  readonly values: unknown[] = [];
  private aliases = 0;

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  alias(prefix: string): string {
    this.aliases += 1;
    return `${prefix}${this.aliases}`;
  }
}

export interface SqlColumn {
  sql: string;
  type: 'text' | 'boolean' | 'timestamp' | 'uuid';
  caseExact: boolean;
}

/** A multi-valued attribute kept in a table (group members): `EXISTS (… WHERE condition)`. Never nested. */
export interface SqlCollection {
  exists(condition: string): string;
  context: FilterSqlContext;
}

export interface FilterSqlContext {
  /** For error messages: what is being filtered. */
  resource: string;
  column(path: AttrPath): SqlColumn | undefined;
  /** The JSON document holding every other attribute; absent: they cannot be filtered. */
  json?: { doc: string; caseExact(path: AttrPath): boolean; jsonPath(path: AttrPath): string };
  collection?(attr: string): SqlCollection | undefined;
}

const SQL_OP: Partial<Record<CompareOp, string>> = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' };

function pathText(path: AttrPath): string {
  return `${path.schema ? `${path.schema}:` : ''}${path.attr}${path.sub ? `.${path.sub}` : ''}`;
}

function unsupported(path: AttrPath, op: string, ctx: FilterSqlContext): ScimException {
  return ScimException.invalidFilter(
    `Filtering ${ctx.resource} with "${pathText(path)} ${op}" is not supported.`,
  );
}

export function compileFilter(filter: ScimFilter, ctx: FilterSqlContext, params: SqlParams): string {
  switch (filter.kind) {
    case 'and':
      return `(${compileFilter(filter.left, ctx, params)} AND ${compileFilter(filter.right, ctx, params)})`;
    case 'or':
      return `(${compileFilter(filter.left, ctx, params)} OR ${compileFilter(filter.right, ctx, params)})`;
    case 'not':
      return `(NOT ${compileFilter(filter.filter, ctx, params)})`;
    case 'valuePath': {
      const collection = ctx.collection?.(filter.path.attr);
      if (collection) return collection.exists(compileFilter(filter.filter, collection.context, params));
      if (!ctx.json) throw unsupported(filter.path, '[…]', ctx);
      const alias = params.alias('e');
      const path = params.add(ctx.json.jsonPath({ ...filter.path, sub: undefined }));
      const element = elementContext(`${alias}.v`, ctx.resource);
      return `EXISTS (SELECT 1 FROM jsonb_path_query(${ctx.json.doc}, ${path}::jsonpath) AS ${alias}(v)
        WHERE jsonb_typeof(${alias}.v) = 'object' AND ${compileFilter(filter.filter, element, params)})`;
    }
    case 'present':
    case 'compare': {
      const collection = ctx.collection?.(filter.path.attr);
      if (collection && !filter.path.schema) {
        // `members.value eq "x"` is `members[value eq "x"]`; `members pr` is "has any".
        if (!filter.path.sub) {
          if (filter.kind === 'present') return collection.exists('TRUE');
          throw unsupported(filter.path, filter.op, ctx);
        }
        const inner: ScimFilter = { ...filter, path: { attr: filter.path.sub } };
        return collection.exists(compileFilter(inner, collection.context, params));
      }
      const column = ctx.column(filter.path);
      if (column) return compileColumn(filter, column, params, ctx);
      if (ctx.json) return compileJson(filter, ctx.json, params, ctx);
      throw unsupported(filter.path, filter.kind === 'present' ? 'pr' : filter.op, ctx);
    }
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function likePattern(op: CompareOp, value: string): string | undefined {
  if (op === 'co') return `%${escapeLike(value)}%`;
  if (op === 'sw') return `${escapeLike(value)}%`;
  if (op === 'ew') return `%${escapeLike(value)}`;
  return undefined;
}

/** Comparison of a text expression; `ne` is the negation of `eq`. */
function textCondition(
  expr: string,
  op: CompareOp,
  value: string,
  caseExact: boolean,
  params: SqlParams,
): string {
  const pattern = likePattern(op, value);
  if (pattern !== undefined)
    return `COALESCE(${expr} ${caseExact ? 'LIKE' : 'ILIKE'} ${params.add(pattern)}, false)`;
  const p = params.add(value);
  const [lhs, rhs] = caseExact ? [expr, p] : [`lower(${expr})`, `lower(${p})`];
  if (op === 'ne') return `(NOT COALESCE(${lhs} = ${rhs}, false))`;
  return `COALESCE(${lhs} ${SQL_OP[op]} ${rhs}, false)`;
}

function booleanValue(value: FilterValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))
    return value.trim().toLowerCase() === 'true';
  return undefined;
}

function compileColumn(
  filter: Extract<ScimFilter, { kind: 'present' | 'compare' }>,
  column: SqlColumn,
  params: SqlParams,
  ctx: FilterSqlContext,
): string {
  const col = column.sql;
  if (filter.kind === 'present') {
    return column.type === 'text' ? `(${col} IS NOT NULL AND ${col} <> '')` : `(${col} IS NOT NULL)`;
  }
  const { op, value, path } = filter;
  if (value === null) {
    if (op === 'eq') return `(${col} IS NULL)`;
    if (op === 'ne') return `(${col} IS NOT NULL)`;
    throw unsupported(path, op, ctx);
  }
  switch (column.type) {
    case 'boolean': {
      const b = booleanValue(value);
      if (b === undefined || (op !== 'eq' && op !== 'ne')) throw unsupported(path, op, ctx);
      return `(${col} ${op === 'eq' ? '=' : '<>'} ${params.add(b)})`;
    }
    case 'timestamp': {
      const sqlOp = op === 'ne' ? '<>' : SQL_OP[op];
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !sqlOp) {
        throw unsupported(path, op, ctx);
      }
      return `COALESCE(${col} ${sqlOp} ${params.add(new Date(value).toISOString())}::timestamptz, false)`;
    }
    case 'uuid':
      return textCondition(`${col}::text`, op, String(value).toLowerCase(), true, params);
    case 'text':
      return textCondition(col, op, String(value), column.caseExact, params);
  }
}

function compileJson(
  filter: Extract<ScimFilter, { kind: 'present' | 'compare' }>,
  json: NonNullable<FilterSqlContext['json']>,
  params: SqlParams,
  ctx: FilterSqlContext,
): string {
  const alias = params.alias('v');
  const from = `jsonb_path_query(${json.doc}, ${params.add(json.jsonPath(filter.path))}::jsonpath) AS ${alias}(v)`;
  const present = `EXISTS (SELECT 1 FROM ${from}
    WHERE ${alias}.v NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb))`;
  if (filter.kind === 'present') return present;
  const { op, value, path } = filter;
  // A complex value compared as a whole stands for its "value" sub-attribute.
  const leaf = `(CASE WHEN jsonb_typeof(${alias}.v) = 'object' THEN ${alias}.v -> 'value' ELSE ${alias}.v END)`;
  const text = `(${leaf} #>> '{}')`;
  let condition: string;
  if (value === null) {
    if (op === 'eq') return `(NOT ${present})`;
    if (op === 'ne') return present;
    throw unsupported(path, op, ctx);
  } else if (typeof value === 'boolean') {
    if (op !== 'eq' && op !== 'ne') throw unsupported(path, op, ctx);
    // Matches JSON true and the strings "True"/"true" alike.
    condition = `COALESCE(lower(${text}) = ${params.add(String(value))}, false)`;
  } else if (typeof value === 'number') {
    const sqlOp = SQL_OP[op === 'ne' ? 'eq' : op];
    if (!sqlOp) throw unsupported(path, op, ctx);
    condition = `(jsonb_typeof(${leaf}) = 'number' AND (${text})::numeric ${sqlOp} ${params.add(value)}::numeric)`;
  } else {
    const positive = textCondition(text, op === 'ne' ? 'eq' : op, value, json.caseExact(path), params);
    condition = `(jsonb_typeof(${leaf}) = 'string' AND ${positive})`;
  }
  const exists = `EXISTS (SELECT 1 FROM ${from} WHERE ${condition})`;
  return op === 'ne' ? `(NOT ${exists})` : exists;
}

/** Inside `emails[…]`: attributes are keys of the element. */
function elementContext(doc: string, resource: string): FilterSqlContext {
  return {
    resource,
    column: () => undefined,
    json: {
      doc,
      caseExact: () => false,
      jsonPath: (p) =>
        `$${[p.attr, p.sub]
          .filter((s): s is string => !!s)
          .map(jsonKey)
          .join('')}`,
    },
  };
}

function jsonKey(name: string): string {
  // Names passed the parser's grammar (no quotes or backslashes); quoting keeps ":" and "." literal.
  return `."${name}"[*]`;
}

function jsonPathIn(schemas: ResourceSchemas, path: AttrPath): string {
  const segments: string[] = [];
  if (isExtensionUrn(schemas, path.schema)) segments.push(canonicalUrn(schemas, path.schema));
  const def = attributeDef(schemas, path.schema, path.attr);
  segments.push(def?.name ?? path.attr);
  if (path.sub) segments.push(subAttributeDef(def, path.sub)?.name ?? path.sub);
  return `$${segments.map(jsonKey).join('')}`;
}

const isCore = (path: AttrPath, urn: string) =>
  path.schema === undefined || path.schema.toLowerCase() === urn.toLowerCase();

const meta = (path: AttrPath, created: string, updated: string): SqlColumn | undefined => {
  if (path.attr.toLowerCase() !== 'meta') return undefined;
  const sub = path.sub?.toLowerCase();
  if (sub === 'created') return { sql: created, type: 'timestamp', caseExact: true };
  if (sub === 'lastmodified') return { sql: updated, type: 'timestamp', caseExact: true };
  return undefined;
};

/** Users: `u` is scim_user, `s` is staff; everything not in a column is looked up in `u.raw`. */
export const USER_FILTER_CONTEXT: FilterSqlContext = {
  resource: 'Users',
  column(path) {
    if (
      path.schema?.toLowerCase() === ScimUrn.EnterpriseUser.toLowerCase() &&
      path.attr.toLowerCase() === 'employeenumber' &&
      !path.sub
    ) {
      return { sql: 's.employee_number', type: 'text', caseExact: false };
    }
    if (!isCore(path, ScimUrn.User)) return undefined;
    if (path.sub) return meta(path, 'u.created_at', 'u.updated_at');
    switch (path.attr.toLowerCase()) {
      case 'id':
        return { sql: 'u.id', type: 'uuid', caseExact: true };
      case 'username':
        return { sql: 'u.user_name', type: 'text', caseExact: false };
      case 'externalid':
        return { sql: 'u.external_id', type: 'text', caseExact: true };
      case 'active':
        return { sql: 'u.active', type: 'boolean', caseExact: true };
      default:
        return undefined;
    }
  },
  json: {
    doc: 'u.raw',
    caseExact: (p) => isCaseExact(USER_SCHEMAS, p.schema, p.attr, p.sub),
    jsonPath: (p) => jsonPathIn(USER_SCHEMAS, p),
  },
  collection(attr) {
    if (attr.toLowerCase() !== 'groups') return undefined;
    return {
      exists: (condition) =>
        `EXISTS (SELECT 1 FROM scim_group_member gm WHERE gm.user_id = u.id AND ${condition})`,
      context: {
        resource: 'Users',
        column: (p) =>
          p.attr.toLowerCase() === 'value' && !p.sub
            ? { sql: 'gm.group_id', type: 'uuid', caseExact: true }
            : undefined,
      },
    };
  },
};

/** Groups: `g` is scim_group; members live in scim_group_member. */
export const GROUP_FILTER_CONTEXT: FilterSqlContext = {
  resource: 'Groups',
  column(path) {
    if (!isCore(path, ScimUrn.Group)) return undefined;
    if (path.sub) return meta(path, 'g.created_at', 'g.updated_at');
    switch (path.attr.toLowerCase()) {
      case 'id':
        return { sql: 'g.id', type: 'uuid', caseExact: true };
      case 'displayname':
        return { sql: 'g.display_name', type: 'text', caseExact: false };
      case 'externalid':
        return { sql: 'g.external_id', type: 'text', caseExact: true };
      default:
        return undefined;
    }
  },
  collection(attr) {
    if (attr.toLowerCase() !== 'members') return undefined;
    return {
      exists: (condition) =>
        `EXISTS (SELECT 1 FROM scim_group_member m JOIN scim_user mu ON mu.id = m.user_id AND mu.deleted_at IS NULL
          WHERE m.group_id = g.id AND ${condition})`,
      context: {
        resource: 'Groups',
        column: (p) =>
          p.attr.toLowerCase() === 'value' && !p.sub
            ? { sql: 'm.user_id', type: 'uuid', caseExact: true }
            : undefined,
      },
    };
  },
};
