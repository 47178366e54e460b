import { HttpStatus, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { DomainException } from '../common/domain.exception';
import { SharedState } from './shared-state.port';

/**
 * Per-client-address limits, counted in {@link SharedState} so every API process shares one count. The
 * address is Express's `req.ip`, which honours `TRUST_PROXY`.
 */
export const RATE_LIMITS = {
  /** Password sign-in attempts. */
  login: { limit: 10, windowMs: 60_000 },
  /** SAML sign-in starts, assertion posts and logout messages. */
  saml: { limit: 60, windowMs: 60_000 },
  /** Public certificate verification. */
  verify: { limit: 120, windowMs: 60_000 },
} as const;
export type RateLimitName = keyof typeof RATE_LIMITS;

const RATE_LIMIT_KEY = 'brevet:rate-limit';

/** Counts each request of the route against the named per-address limit. */
export const RateLimit = (name: RateLimitName) => SetMetadata(RATE_LIMIT_KEY, name);

export class RateLimitedException extends DomainException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'auth.rate_limited',
      HttpStatus.TOO_MANY_REQUESTS,
      'Too many requests',
      `Too many attempts from your address. Please wait ${retryAfterSeconds} seconds and try again.`,
    );
  }
}

@Injectable()
export class RateLimiter {
  constructor(private readonly state: SharedState) {}

  /** Counts one hit of `key` in `name`'s window; throws {@link RateLimitedException} past the limit. */
  async hit(name: RateLimitName, key: string): Promise<void> {
    const { limit, windowMs } = RATE_LIMITS[name];
    const window = Math.floor(Date.now() / windowMs);
    const count = await this.state.increment(`rl:${name}:${key}:${window}`, windowMs);
    if (count > limit) {
      const retryAfter = Math.max(1, Math.ceil(((window + 1) * windowMs - Date.now()) / 1000));
      throw new RateLimitedException(retryAfter);
    }
  }
}

/** Global guard: applies `@RateLimit(name)` before anything else runs. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const name = this.reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!name) return true;
    const http = context.switchToHttp();
    try {
      await this.limiter.hit(name, http.getRequest<Request>().ip ?? 'unknown');
    } catch (error) {
      if (error instanceof RateLimitedException) {
        http.getResponse<Response>().setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
    return true;
  }
}
