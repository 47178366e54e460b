const IANA_SHAPE = /^(UTC|GMT|[A-Z][A-Za-z_-]+(\/[A-Za-z0-9_+-]+){1,2})$/;

/**
 * Returns the canonical IANA name (`Europe/Kiev` → `Europe/Kyiv` where the runtime knows both), or
 * `null` when the value is not an IANA time zone. Offsets such as `+01:00` and abbreviations such as
 * `CET` are rejected: a branch needs a zone with daylight-saving rules, not a fixed offset.
 */
export function canonicalTimeZone(value: string): string | null {
  if (!IANA_SHAPE.test(value)) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isIanaTimeZone(value: string): boolean {
  return canonicalTimeZone(value) !== null;
}
