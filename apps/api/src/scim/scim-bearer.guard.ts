import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ScimCaller } from './scim-caller';
import { ScimException } from './scim.exception';
import { ScimTokensService } from './scim-tokens.service';

/** The token of an `Authorization: Bearer <token>` header (scheme in any case), else undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Guards every `/scim/v2` endpoint: a current SCIM token or 401 with `WWW-Authenticate: Bearer`. Missing,
 * wrong and revoked tokens answer alike, so that the answer tells nothing about which tokens exist.
 */
@Injectable()
export class ScimBearerGuard implements CanActivate {
  constructor(
    private readonly tokens: ScimTokensService,
    private readonly caller: ScimCaller,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const token = bearerToken(context.switchToHttp().getRequest<Request>().headers.authorization);
    if (token === undefined) {
      throw ScimException.unauthorized('Send a SCIM token as "Authorization: Bearer <token>".');
    }
    const verified = await this.tokens.verify(token);
    if (!verified) {
      throw ScimException.unauthorized('The SCIM token is not valid or has been revoked.');
    }
    this.caller.set(verified);
    return true;
  }
}
