import type { ScimTokenSummary } from '@brevet/contracts';
import type { ScimTokenEntity } from './scim.entity';

/** Never the hash: admins see the name, the first characters, who created it and when it was used. */
export function mapScimToken(token: ScimTokenEntity): ScimTokenSummary {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    createdBy: token.createdBy ? { id: token.createdBy.id, displayName: token.createdBy.displayName } : null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
