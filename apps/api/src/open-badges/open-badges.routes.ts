import { RequestMethod } from '@nestjs/common';

/**
 * Public Open Badges routes that live outside the `/api` prefix (like SCIM): the issuer profile and keys,
 * the revocation list and the verification page. Their URLs are written into signed credentials, so they
 * must never move. `configureApp` excludes them from the prefix and from the admin UI's fallback.
 */
export const OPEN_BADGES_PUBLIC_ROUTES = [
  { path: 'issuer', method: RequestMethod.GET },
  { path: 'issuer/{*path}', method: RequestMethod.GET },
  { path: 'status/revocation/{*path}', method: RequestMethod.GET },
  { path: 'verify/:id', method: RequestMethod.GET },
];

/** True for a URL path served by the public Open Badges routes (so the admin UI must not answer it). */
export function isOpenBadgesPublicUrl(urlPath: string): boolean {
  return /^\/(issuer(\/|$)|status\/revocation\/|verify\/[^/]+$)/i.test(urlPath);
}
