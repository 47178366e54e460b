import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@brevet/contracts';

export const ALLOW_KEY = 'brevet:allow';
export const PUBLIC_KEY = 'brevet:public';

/**
 * The route needs a signed-in person holding at least one of `permissions`. Every route carries either
 * `@Allow(...)` or `@Public()`; the guard refuses a route with neither (fail closed), and the route-table test
 * fails on it.
 */
export const Allow = (...permissions: [Permission, ...Permission[]]) => SetMetadata(ALLOW_KEY, permissions);

/** The route needs no session: health, sign-in, SAML endpoints, public verification. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The route needs a signed-in person, whatever their roles (e.g. "who am I", sign-out). */
export const SignedIn = () => SetMetadata(ALLOW_KEY, []);

export const CROSS_SITE_KEY = 'brevet:cross-site';

/**
 * A public write that other sites legitimately send from a browser: the identity provider's auto-submitted
 * SAML form posts. Every other POST/PUT/PATCH/DELETE must come from our own pages (see AuthGuard).
 */
export const CrossSiteAllowed = () => SetMetadata(CROSS_SITE_KEY, true);
