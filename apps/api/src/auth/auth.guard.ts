import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Permission } from '@brevet/contracts';
import type { Request } from 'express';
import { RequestContext } from '../common/request-context';
import { AppConfig } from '../config/app-config';
import { AccessService } from './access.service';
import type { Actor } from './actor';
import { ALLOW_KEY, CROSS_SITE_KEY, PUBLIC_KEY } from './allow.decorator';
import { CrossSiteRequestException, ForbiddenException, UnauthenticatedException } from './auth.exceptions';
import { AuthEvents } from './auth-events';
import { readCookie, SESSION_COOKIE } from './session-cookie';
import { SessionService } from './session.service';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The global guard. Every route is `@Public()` or `@Allow(permissions…)`; anything else is refused (fail
 * closed). For `@Allow` routes it resolves the session cookie into an `Actor`, checks the permission, and
 * puts the actor where services and the audit log find it.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly access: AccessService,
    private readonly context: RequestContext,
    private readonly events: AuthEvents,
    config: AppConfig,
  ) {
    this.publicHost = new URL(config.publicUrl).host;
  }

  private readonly publicHost: string;

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<Request & { actor?: Actor }>();
    this.context.setRequest({
      ip: req.ip ?? null,
      userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
      requestId: typeof req.id === 'string' ? req.id : null,
    });
    const targets = [ctx.getHandler(), ctx.getClass()];
    const unsafe = UNSAFE_METHODS.has(req.method);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      // Public writes too (password sign-in: no login CSRF), except the identity provider's form posts.
      const crossSiteAllowed = this.reflector.getAllAndOverride<boolean>(CROSS_SITE_KEY, targets);
      if (unsafe && !crossSiteAllowed && !isSameOrigin(req, this.publicHost))
        throw new CrossSiteRequestException();
      return true;
    }
    const allowed = this.reflector.getAllAndOverride<Permission[] | undefined>(ALLOW_KEY, targets);
    if (!allowed) {
      this.logger.error(`${req.method} ${req.path} has neither @Allow nor @Public: refused`);
      throw new ForbiddenException('This route has no access rule.');
    }
    const token = readCookie(req, SESSION_COOKIE);
    const session = token ? await this.sessions.resolve(token) : null;
    if (!session) throw new UnauthenticatedException();
    if (unsafe && !isSameOrigin(req, this.publicHost)) throw new CrossSiteRequestException();
    const actor = await this.access.actorFor(session.record.userId, session.id);
    if (!actor) {
      await this.sessions.end(session.id);
      throw new UnauthenticatedException();
    }
    req.actor = actor;
    this.context.setActor(actor);
    if (allowed.length > 0 && !allowed.some((p) => actor.permissions.has(p))) {
      await this.events.accessDenied(actor, `${req.method} ${req.route?.path ?? req.path}`, allowed);
      throw new ForbiddenException();
    }
    return true;
  }
}

/**
 * Cookie-authenticated writes must come from our own pages. Browsers send `Origin` on every cross-origin
 * POST/PUT/PATCH/DELETE (and `Sec-Fetch-Site`); requests without either (curl, server-to-server) carry no
 * ambient browser cookie risk. SameSite=Lax already stops most of this; this closes the rest.
 */
function isSameOrigin(req: Request, publicHost: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    const host = new URL(origin).host;
    return host === req.headers.host || host === publicHost;
  } catch {
    return false;
  }
}
