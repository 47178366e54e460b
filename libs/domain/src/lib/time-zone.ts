const IANA_SHAPE = /^(UTC|GMT|[A-Z][A-Za-z_-]+(\/[A-Za-z0-9_+-]+){1,2})$/;

/**
 * True for an IANA time zone name the runtime knows, such as `Europe/Berlin`. Offsets such as `+01:00`
 * and abbreviations such as `CET` are rejected: a branch needs a zone with daylight-saving rules, not a
 * fixed offset. The name is kept as given: ICU would canonicalise some names to older aliases
 * (`America/Argentina/Buenos_Aires` → `America/Buenos_Aires`), which people do not recognise.
 */
export function isIanaTimeZone(value: string): boolean {
  if (!IANA_SHAPE.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
