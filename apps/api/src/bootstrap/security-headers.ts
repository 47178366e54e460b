import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { isOpenBadgesPublicUrl } from '../open-badges/open-badges.routes';

/**
 * The Content-Security-Policy of every response that does not send a stricter one of its own (the public
 * verification page and the demo identity provider's pages do). Built for the Angular admin UI: scripts only
 * from our own files, never inline; inline styles are allowed because Angular puts component styles into
 * `<style>` elements. Forms post only to us: the SAML sign-in starts with a redirect (a navigation, which
 * `form-action` does not cover), and an identity provider's form posts to our ACS from its own page.
 */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
};

/** One year: browsers remember to use HTTPS only for this long. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;

/**
 * Security headers on every response, API, admin UI and public pages alike: CSP, HSTS, nosniff,
 * Referrer-Policy, X-Frame-Options and the cross-origin isolation headers. Must be mounted before any route
 * or static file. See docs/security.md.
 */
export function applySecurityHeaders(app: INestApplication): void {
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
      strictTransportSecurity: { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      xFrameOptions: { action: 'deny' },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      crossOriginOpenerPolicy: { policy: 'same-origin' },
    }),
  );
  app.use(allowPublicEmbedding);
}

/**
 * The public Open Badges resources (issuer profile and image, revocation list, verification page) are meant to
 * be fetched and shown by other sites, e.g. a badge image on a profile page.
 */
function allowPublicEmbedding(req: Request, res: Response, next: NextFunction): void {
  if (isOpenBadgesPublicUrl(req.path)) res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  next();
}
