import { ScimException } from './scim.exception';
import { ALL_SCHEMAS, findKey, isJsonObject, type Json, type JsonObject } from './scim-schema';

/**
 * The SCIM filter language (RFC 7644 §3.4.2.2) and attribute paths (§3.5.2), parsed into a small tree
 * that can be evaluated in memory (PATCH value filters, attribute mapping) or compiled to SQL (lists).
 */

export const COMPARE_OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];
export type FilterValue = string | number | boolean | null;

/** `[urn ":"] attr ["." sub]`, names as the client wrote them. */
export interface AttrPath {
  schema?: string;
  attr: string;
  sub?: string;
}

export type ScimFilter =
  | { kind: 'compare'; path: AttrPath; op: CompareOp; value: FilterValue }
  | { kind: 'present'; path: AttrPath }
  | { kind: 'and' | 'or'; left: ScimFilter; right: ScimFilter }
  | { kind: 'not'; filter: ScimFilter }
  | { kind: 'valuePath'; path: AttrPath; filter: ScimFilter };

/**
 * A PATCH target: an attribute (`name.givenName`), a filtered multi-valued attribute with an optional
 * sub-attribute (`emails[type eq "work"].value`), or a whole extension (`attr` null).
 */
export interface PatchPath {
  schema?: string;
  attr: string | null;
  sub?: string;
  filter?: ScimFilter;
}

const MAX_FILTER_LENGTH = 4_000;
const MAX_DEPTH = 32;
const NAME = /^[A-Za-z$][\w$-]*$/;
const URN = /^urn:[A-Za-z0-9][\w.:-]*$/i;

type Token =
  | { type: '(' | ')' | '[' | ']'; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: 'word'; value: string; pos: number };

function tokenize(input: string, fail: (message: string) => ScimException): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ type: c, pos: i });
      i += 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < input.length && input[j] !== '"') j += input[j] === '\\' ? 2 : 1;
      if (j >= input.length) throw fail(`unterminated string starting at position ${i + 1}`);
      try {
        tokens.push({ type: 'string', value: JSON.parse(input.slice(i, j + 1)) as string, pos: i });
      } catch {
        throw fail(`invalid string at position ${i + 1}`);
      }
      i = j + 1;
    } else {
      let j = i;
      while (j < input.length && !/[\s()[\]"]/.test(input[j])) j += 1;
      tokens.push({ type: 'word', value: input.slice(i, j), pos: i });
      i = j;
    }
  }
  return tokens;
}

/** Parses `[urn:…:]attr[.sub]`; returns undefined when it is not one. */
export function parseAttrPath(text: string): AttrPath | undefined {
  let schema: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const colon = text.lastIndexOf(':');
    schema = text.slice(0, colon);
    rest = text.slice(colon + 1);
    if (!URN.test(schema)) return undefined;
  }
  const parts = rest.split('.');
  if (parts.length > 2 || !parts.every((p) => NAME.test(p))) return undefined;
  return { schema, attr: parts[0], sub: parts[1] };
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly fail: (message: string) => ScimException,
  ) {}

  parseAll(): ScimFilter {
    if (this.tokens.length === 0) throw this.fail('the filter is empty');
    const filter = this.parseOr();
    const extra = this.peek();
    if (extra) throw this.fail(`unexpected ${describe(extra)} at position ${extra.pos + 1}`);
    return filter;
  }

  parseOr(): ScimFilter {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      this.index += 1;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): ScimFilter {
    let left = this.parseUnary();
    while (this.isKeyword('and')) {
      this.index += 1;
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): ScimFilter {
    if (this.isKeyword('not')) {
      this.index += 1;
      return { kind: 'not', filter: this.parseGroup() };
    }
    if (this.peek()?.type === '(') return this.parseGroup();
    return this.parseAttrExpression();
  }

  private parseGroup(): ScimFilter {
    this.expect('(');
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw this.fail('the filter is nested too deeply');
    const inner = this.parseOr();
    this.depth -= 1;
    this.expect(')');
    return inner;
  }

  private parseAttrExpression(): ScimFilter {
    const token = this.next();
    if (token?.type !== 'word') throw this.fail(`expected an attribute name, found ${describe(token)}`);
    const path = parseAttrPath(token.value);
    if (!path) throw this.fail(`"${token.value}" is not an attribute path`);
    if (this.peek()?.type === '[') {
      this.index += 1;
      this.depth += 1;
      if (this.depth > MAX_DEPTH) throw this.fail('the filter is nested too deeply');
      const filter = this.parseOr();
      this.depth -= 1;
      this.expect(']');
      if (path.sub) throw this.fail(`"${token.value}[…]": a value filter applies to a whole attribute`);
      return { kind: 'valuePath', path, filter };
    }
    const opToken = this.next();
    if (opToken?.type !== 'word') throw this.fail(`expected an operator after "${token.value}"`);
    const op = opToken.value.toLowerCase();
    if (op === 'pr') return { kind: 'present', path };
    if (!(COMPARE_OPS as readonly string[]).includes(op)) {
      throw this.fail(`unknown operator "${opToken.value}" (use eq, ne, co, sw, ew, gt, lt, ge, le or pr)`);
    }
    return { kind: 'compare', path, op: op as CompareOp, value: this.parseValue() };
  }

  private parseValue(): FilterValue {
    const token = this.next();
    if (token?.type === 'string') return token.value;
    if (token?.type === 'word') {
      const word = token.value.toLowerCase();
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
      if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(token.value)) return Number(token.value);
    }
    throw this.fail(`expected a value (a "string", a number, true, false or null), found ${describe(token)}`);
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.value.toLowerCase() === word;
  }

  private expect(type: '(' | ')' | ']'): void {
    const token = this.next();
    if (token?.type !== type) throw this.fail(`expected "${type}", found ${describe(token)}`);
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token | undefined {
    const token = this.tokens[this.index];
    this.index += 1;
    return token;
  }
}

function describe(token: Token | undefined): string {
  if (!token) return 'the end of the filter';
  if (token.type === 'string') return `"${token.value}"`;
  if (token.type === 'word') return `"${token.value}"`;
  return `"${token.type}"`;
}

/** Parses a `filter` query parameter; errors are 400 `invalidFilter` naming what is wrong. */
export function parseFilter(input: string): ScimFilter {
  const fail = (message: string) => ScimException.invalidFilter(`Invalid filter: ${message}.`);
  if (input.length > MAX_FILTER_LENGTH) throw fail(`longer than ${MAX_FILTER_LENGTH} characters`);
  return new Parser(tokenize(input, fail), fail).parseAll();
}

/** Parses a PATCH `path` (or a mapping attribute); errors are 400 `invalidPath`. */
export function parsePatchPath(input: string): PatchPath {
  const fail = (message: string) => ScimException.invalidPath(`Invalid path "${input}": ${message}.`);
  const text = input.trim();
  if (text === '' || text.length > MAX_FILTER_LENGTH) throw fail('empty or too long');
  const bracket = text.indexOf('[');
  if (bracket < 0) {
    // A known schema URN addresses the whole extension object, not an attribute named "User".
    const schema = ALL_SCHEMAS.find((s) => s.id.toLowerCase() === text.toLowerCase());
    if (schema) return { schema: schema.id, attr: null };
    const path = parseAttrPath(text);
    if (path) return path;
    // A bare extension URN addresses the whole extension object.
    if (URN.test(text) && !text.endsWith(':')) return { schema: text, attr: null };
    throw fail('not an attribute path');
  }
  const head = parseAttrPath(text.slice(0, bracket));
  if (!head || head.sub) throw fail('a value filter must follow a multi-valued attribute');
  const tokens = tokenize(text.slice(bracket), fail);
  // tokens: "[" …filter… "]" [".sub"]
  let depth = 0;
  let close = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === '[') depth += 1;
    if (t.type === ']') depth -= 1;
    if (depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) throw fail('missing "]"');
  const filter = new Parser(tokens.slice(1, close), fail).parseAll();
  const tail = tokens.slice(close + 1);
  if (tail.length === 0) return { ...head, filter };
  const sub = tail.length === 1 && tail[0].type === 'word' ? tail[0].value : '';
  if (!/^\.[A-Za-z$][\w$-]*$/.test(sub)) throw fail('only ".subAttribute" may follow "]"');
  return { ...head, filter, sub: sub.slice(1) };
}

// ---------------------------------------------------------------------------------------------------
// In-memory evaluation

/** Whether string comparisons on `path` respect case. */
export type CaseExactness = (path: AttrPath) => boolean;

/** The elements of the attribute `path` names (its sub-attribute aside), multi-valued ones flattened. */
export function elementsAt(doc: JsonObject, path: { schema?: string; attr: string }): Json[] {
  let container: JsonObject | undefined = doc;
  if (path.schema !== undefined && !/:core:2\.0:/i.test(path.schema)) {
    const key = findKey(doc, path.schema);
    const nested = key !== undefined ? doc[key] : undefined;
    container = isJsonObject(nested) ? nested : undefined;
  }
  if (!container) return [];
  const key = findKey(container, path.attr);
  return key === undefined ? [] : flatten(container[key]);
}

/** The values at `path` in `doc`: multi-valued attributes are flattened, complex values give `value`. */
export function valuesAt(doc: JsonObject, path: AttrPath): Json[] {
  const top = elementsAt(doc, path);
  if (path.sub === undefined) return top.map(complexValue);
  const sub = path.sub;
  return flatten(
    top.flatMap((v) => {
      if (!isJsonObject(v)) return [];
      const k = findKey(v, sub);
      return k === undefined ? [] : [v[k]];
    }),
  );
}

/** A complex value compared as a whole stands for its `value` sub-attribute (`emails eq "x"`). */
function complexValue(value: Json): Json {
  if (!isJsonObject(value)) return value;
  const key = findKey(value, 'value');
  return key === undefined ? value : value[key];
}

function flatten(value: Json | undefined): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

function isPresent(value: Json): boolean {
  if (value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return true;
}

function compareOne(actual: Json, op: CompareOp, expected: FilterValue, caseExact: boolean): boolean {
  if (typeof expected === 'boolean') {
    const a = typeof actual === 'string' ? actual.trim().toLowerCase() : actual;
    const eq = a === expected || a === String(expected);
    return op === 'eq' ? eq : op === 'ne' ? !eq : false;
  }
  if (typeof expected === 'number') {
    const a = typeof actual === 'number' ? actual : typeof actual === 'string' ? Number(actual) : NaN;
    if (Number.isNaN(a)) return op === 'ne';
    return ordered(a, expected, op);
  }
  if (typeof expected === 'string') {
    if (typeof actual !== 'string') return op === 'ne';
    const a = caseExact ? actual : actual.toLowerCase();
    const e = caseExact ? expected : expected.toLowerCase();
    switch (op) {
      case 'co':
        return a.includes(e);
      case 'sw':
        return a.startsWith(e);
      case 'ew':
        return a.endsWith(e);
      case 'eq':
      case 'ne':
      case 'gt':
      case 'ge':
      case 'lt':
      case 'le':
        return ordered(a, e, op);
    }
  }
  return false;
}

function ordered<T extends string | number>(a: T, e: T, op: CompareOp): boolean {
  switch (op) {
    case 'eq':
      return a === e;
    case 'ne':
      return a !== e;
    case 'gt':
      return a > e;
    case 'ge':
      return a >= e;
    case 'lt':
      return a < e;
    case 'le':
      return a <= e;
    case 'co':
    case 'sw':
    case 'ew':
      return false;
  }
}

/** Evaluates `filter` against one resource or one element of a multi-valued attribute. */
export function evaluateFilter(filter: ScimFilter, doc: JsonObject, caseExact: CaseExactness): boolean {
  switch (filter.kind) {
    case 'and':
      return evaluateFilter(filter.left, doc, caseExact) && evaluateFilter(filter.right, doc, caseExact);
    case 'or':
      return evaluateFilter(filter.left, doc, caseExact) || evaluateFilter(filter.right, doc, caseExact);
    case 'not':
      return !evaluateFilter(filter.filter, doc, caseExact);
    case 'present':
      return valuesAt(doc, filter.path).some(isPresent);
    case 'valuePath': {
      const key = findKey(doc, filter.path.attr);
      const elements = key === undefined ? [] : flatten(doc[key]);
      return elements.some((e) => isJsonObject(e) && evaluateFilter(filter.filter, e, () => false));
    }
    case 'compare': {
      const values = valuesAt(doc, filter.path).filter((v) => v !== null);
      if (filter.value === null) {
        const absent = !values.some(isPresent);
        return filter.op === 'eq' ? absent : filter.op === 'ne' ? !absent : false;
      }
      const exact = caseExact(filter.path);
      // A multi-valued attribute matches when any value does; `ne` when none is equal.
      if (filter.op === 'ne') return !values.some((v) => compareOne(v, 'eq', filter.value, exact));
      return values.some((v) => compareOne(v, filter.op, filter.value, exact));
    }
  }
}

/**
 * The element a `[type eq "work" and primary eq true]` filter describes, to create it when a PATCH
 * targets one that does not exist yet (as Entra ID expects). Undefined for any other kind of filter.
 */
export function elementFromFilter(filter: ScimFilter): JsonObject | undefined {
  if (filter.kind === 'compare' && filter.op === 'eq' && !filter.path.sub && !filter.path.schema) {
    return { [filter.path.attr]: filter.value };
  }
  if (filter.kind === 'and') {
    const left = elementFromFilter(filter.left);
    const right = elementFromFilter(filter.right);
    return left && right ? { ...left, ...right } : undefined;
  }
  return undefined;
}
