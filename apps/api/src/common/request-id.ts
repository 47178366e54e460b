import { randomUUID } from 'node:crypto';

/**
 * What an incoming `X-Request-Id` may hold: letters, digits, `_`, `.` and `-`, at most 100 characters. Anything
 * else (quotes, braces, spaces, control characters, a very long value) is ignored and a fresh ID is used, so
 * a caller cannot write into the JSON log lines that carry the ID.
 */
const REQUEST_ID = /^[\w.-]{1,100}$/;

export function isValidRequestId(value: unknown): value is string {
  return typeof value === 'string' && REQUEST_ID.test(value);
}

/** The caller's request ID when it is acceptable, else a new UUID. */
export function requestIdFor(incoming: unknown): string {
  return isValidRequestId(incoming) ? incoming : randomUUID();
}
