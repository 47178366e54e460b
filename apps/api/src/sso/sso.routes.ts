import type { ServiceProviderUrls } from '@brevet/contracts';

/** The SAML endpoints live outside the `/api` prefix: `${PUBLIC_URL}/auth/saml/{slug}/…` (docs/sso/README.md). */
export const SAML_BASE_PATH = 'auth/saml';

/** Brevet's SAML URLs for the identity provider `slug`. The entity ID and the metadata URL are the same. */
export function serviceProviderUrls(publicUrl: string, slug: string): ServiceProviderUrls {
  const base = `${publicUrl}/${SAML_BASE_PATH}/${slug}`;
  return {
    entityId: `${base}/metadata`,
    acsUrl: `${base}/acs`,
    sloUrl: `${base}/slo`,
    metadataUrl: `${base}/metadata`,
    loginUrl: `${base}/login`,
  };
}

/** The sign-in start as a path, for the sign-in page (same origin). */
export function loginPath(slug: string): string {
  return `/${SAML_BASE_PATH}/${slug}/login`;
}

/** Where a person lands after a failed sign-in or after signing out. */
export const SIGN_IN_PAGE = '/login';
