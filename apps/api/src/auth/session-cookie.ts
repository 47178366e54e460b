import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'brevet_session';

/** Reads one cookie from the raw header (Brevet sets only its own, so no general parser is needed). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/**
 * The session cookie: HttpOnly, SameSite=Lax (sent on top-level navigation, not on cross-site POSTs or
 * fetches), Secure whenever the request came over TLS (directly or via a trusted proxy), host-only, no
 * Max-Age (the server decides when it ends).
 */
export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
}
