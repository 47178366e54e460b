/** Where the sign-in page sends people afterwards when nothing (or nothing safe) was asked for. */
export const HOME = '/';
export const SIGN_IN_PATH = '/login';

/**
 * The `returnTo` of the sign-in page, or null when it is not a path within this app. Only relative paths
 * starting with a single `/` pass: `//evil.example`, `/\evil.example` (browsers read `\` as `/`),
 * `https://…`, `javascript:…` and anything with control characters (browsers drop tabs and newlines, so
 * `/\t/evil.example` would become `//evil.example`) are refused, and so is the sign-in page itself.
 */
export function safeReturnTo(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2000) return null;
  if (!raw.startsWith('/') || raw.startsWith('//')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  const path = raw.split(/[?#]/, 1)[0];
  if (path === SIGN_IN_PATH || path.startsWith(`${SIGN_IN_PATH}/`)) return null;
  return raw;
}

/** Brevet's SP-initiated single logout for a session that began at identity provider `slug`. */
export function samlLogoutPath(slug: string): string {
  return `/auth/saml/${encodeURIComponent(slug)}/logout`;
}
