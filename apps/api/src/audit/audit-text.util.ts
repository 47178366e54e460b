/**
 * How text is stored in the audit log: every character that could make one entry look like two lines (in a
 * log file, a CSV cell, the admin UI) or change how it reads is replaced by a visible escape.
 *
 * - `\n`, `\r`, `\t` for LF, CR and TAB; `\xHH` for the other C0 controls, DEL and the C1 controls
 *   (U+0080–U+009F, NEL included); `\uHHHH` for the line and paragraph separators (U+2028, U+2029), the
 *   bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, which can make text read
 *   backwards), and unpaired UTF-16 surrogates (which PostgreSQL cannot store as they are).
 * - A backslash itself becomes `\\`, so every backslash in stored text starts an escape and the encoding can
 *   be read back exactly (`decodeAuditText`): a literal "\n" typed by someone stays distinguishable from a
 *   line break.
 *
 * Pure; the hash chain is computed over the encoded values, exactly as they are stored.
 */

/** A JSON value as stored in the audit log's `before`, `after` and `details` columns. */
export type AuditJson = null | boolean | number | string | AuditJson[] | { [key: string]: AuditJson };

const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The stored form of one piece of text. */
export function encodeAuditText(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** The text an encoded value came from (for tests and tools; the UI shows the encoded form). */
export function decodeAuditText(encoded: string): string {
  return encoded.replace(
    /\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|([\\nrt]))/g,
    (_m, x?: string, u?: string, c?: string) => {
      if (x !== undefined || u !== undefined) return String.fromCharCode(parseInt((x ?? u) as string, 16));
      return c === 'n' ? '\n' : c === 'r' ? '\r' : c === 't' ? '\t' : '\\';
    },
  );
}

/** At most `max` code points (never splitting a surrogate pair), with `…` marking a cut. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/** Limits that keep one entry small; longer text is cut before it is encoded. */
export const AUDIT_TEXT_LIMITS = {
  label: 500,
  type: 64,
  id: 200,
  userAgent: 500,
  ip: 100,
  requestId: 100,
  /** Any string inside `before`, `after` or `details`. */
  jsonString: 10_000,
} as const;

/** An optional label, ID, user agent…: cut to `max`, then encoded; empty and absent become null. */
export function encodeAuditField(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined || value === '') return null;
  return encodeAuditText(truncateText(value, max));
}

const MAX_DEPTH = 20;

/**
 * Turns anything a caller passes as `before`/`after`/`details` into the JSON that is stored: the same
 * conversion `JSON.stringify` applies (`toJSON`, dropped `undefined` and functions, non-finite numbers as
 * null), plus bigints as strings, every string and key encoded and cut, cycles and very deep nesting
 * replaced by a marker. What this returns survives a round trip through PostgreSQL's `jsonb` unchanged.
 */
export function encodeAuditValue(value: unknown): AuditJson {
  return encodeValue(value, 0, new WeakSet<object>()) ?? null;
}

function encodeValue(value: unknown, depth: number, seen: WeakSet<object>): AuditJson | undefined {
  switch (typeof value) {
    case 'string':
      return encodeAuditText(truncateText(value, AUDIT_TEXT_LIMITS.jsonString));
    case 'number':
      return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      return encodeObject(value, depth, seen);
  }
}

function encodeObject(value: object | null, depth: number, seen: WeakSet<object>): AuditJson | undefined {
  if (value === null) return null;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return encodeValue(withJson.toJSON(), depth, seen);
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item: unknown) => encodeValue(item, depth + 1, seen) ?? null);
    }
    const out: { [key: string]: AuditJson } = {};
    for (const [key, item] of Object.entries(value)) {
      const encoded = encodeValue(item, depth + 1, seen);
      if (encoded !== undefined) out[encodeAuditText(truncateText(key, AUDIT_TEXT_LIMITS.label))] = encoded;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
