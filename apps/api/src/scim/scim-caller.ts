import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';

const KEY = 'brevet.scim.token';

interface ScimTokenRef {
  id: string;
  name: string;
}

/**
 * Which SCIM token the current request came with, for the audit log: SCIM writes are recorded with the
 * actor `scim: <token name>` (no user), so an auditor sees which identity provider connection made them.
 * Set by {@link ScimBearerGuard} once the token is verified; kept in the request's CLS context.
 */
@Injectable()
export class ScimCaller {
  constructor(private readonly cls: ClsService) {}

  set(token: ScimTokenRef): void {
    if (this.cls.isActive()) this.cls.set(KEY, token);
  }

  get token(): ScimTokenRef | undefined {
    return this.cls.isActive() ? this.cls.get<ScimTokenRef | undefined>(KEY) : undefined;
  }

  /** The audit actor of a SCIM write. */
  get actor(): { userId: null; label: string } {
    const token = this.token;
    return { userId: null, label: token ? `scim: ${token.name}` : 'scim' };
  }
}
