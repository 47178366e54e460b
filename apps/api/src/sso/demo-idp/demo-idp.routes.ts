import { RequestMethod } from '@nestjs/common';

/** Where the demo identity provider lives, outside the `/api` prefix: `${publicUrl}/auth/demo-idp/…`. */
export const DEMO_IDP_BASE_PATH = 'auth/demo-idp';

/** The identity provider's slug in Brevet's SSO settings: the SP's ACS URL for it ends in `/demo/…`. */
export const DEMO_IDP_SLUG = 'demo';

/**
 * The demo identity provider's routes, to exclude from the global `/api` prefix (like
 * `OPEN_BADGES_PUBLIC_ROUTES`): `app.setGlobalPrefix('api', { exclude: [...DEMO_IDP_ROUTES] })`.
 */
export const DEMO_IDP_ROUTES = [
  { path: `${DEMO_IDP_BASE_PATH}/sso`, method: RequestMethod.GET },
  { path: `${DEMO_IDP_BASE_PATH}/sso`, method: RequestMethod.POST },
  { path: `${DEMO_IDP_BASE_PATH}/metadata`, method: RequestMethod.GET },
  { path: `${DEMO_IDP_BASE_PATH}/autosubmit.js`, method: RequestMethod.GET },
  { path: `${DEMO_IDP_BASE_PATH}/demo-idp.css`, method: RequestMethod.GET },
];

/** True for a URL path served by the demo identity provider (so the admin UI's fallback must not answer it). */
export function isDemoIdpUrl(urlPath: string): boolean {
  return urlPath === `/${DEMO_IDP_BASE_PATH}` || urlPath.startsWith(`/${DEMO_IDP_BASE_PATH}/`);
}
