import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  SCIM_TOKEN_PREFIX,
  type CreatedScimToken,
  type CreateScimTokenRequest,
  type ScimTokenSummary,
} from '@brevet/contracts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuditLog } from '../audit/audit-log.service';
import type { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { ScimTokenNotFoundException } from './scim-admin.exceptions';
import { ScimTokenRepository } from './scim-token.repository';
import { mapScimToken } from './scim-token.mapper';

/** `last_used_at` is written at most this often per token, so that a busy sync does not write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;
/** Shown to admins to tell tokens apart: the prefix and six random characters (36 of 256 bits). */
const SHOWN_LENGTH = 16;
const MAX_TOKEN_LENGTH = 200;

export function hashScimToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Bearer tokens for identity providers: created by an HR admin, shown once, stored as SHA-256. */
@Injectable()
export class ScimTokensService {
  constructor(
    private readonly tokens: ScimTokenRepository,
    private readonly clock: Clock,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditLog,
  ) {}

  /** The audit entry names the token and its shown prefix, never the token or its hash. */
  async create(request: CreateScimTokenRequest, actor: Actor): Promise<CreatedScimToken> {
    const token = `${SCIM_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const saved = await this.txHost.withTransaction(async () => {
      const inserted = await this.tokens.insert({
        name: request.name,
        tokenHash: hashScimToken(token).toString('hex'),
        prefix: token.slice(0, SHOWN_LENGTH),
        createdByUserId: actor.userId,
      });
      await this.audit.record({
        action: 'settings.changed',
        target: { type: 'scim-token', id: inserted.id, label: inserted.name },
        after: { name: inserted.name, prefix: inserted.prefix, revoked: false },
        details: { event: 'scim token created' },
      });
      // Read back with its creator, as the list shows it.
      const stored = await this.tokens.findById(inserted.id);
      if (!stored) throw new ScimTokenNotFoundException(inserted.id);
      return stored;
    });
    return { ...mapScimToken(saved), token };
  }

  async list(): Promise<ScimTokenSummary[]> {
    return (await this.tokens.findAll()).map(mapScimToken);
  }

  /** Takes effect on the next request of every API process: each request looks the token up. */
  async revoke(id: string): Promise<ScimTokenSummary> {
    return this.txHost.withTransaction(async () => {
      const current = await this.tokens.findById(id);
      if (!current) throw new ScimTokenNotFoundException(id);
      await this.tokens.revoke(id, this.clock.now());
      const revoked = await this.tokens.findById(id);
      if (!revoked) throw new ScimTokenNotFoundException(id);
      if (current.revokedAt === null) {
        await this.audit.record({
          action: 'settings.changed',
          target: { type: 'scim-token', id, label: revoked.name },
          before: { revoked: false },
          after: { revoked: true },
          details: { event: 'scim token revoked', prefix: revoked.prefix },
        });
      }
      return mapScimToken(revoked);
    });
  }

  /**
   * True when `presented` is a token that exists and is not revoked. The lookup is by SHA-256 hash (an
   * attacker cannot steer which hash prefix an index comparison sees); the stored hash is then compared
   * once more in constant time. The token itself is never logged or stored. Returns the token's ID and name
   * (for the audit log), or null.
   */
  async verify(presented: string): Promise<{ id: string; name: string } | null> {
    if (presented.length > MAX_TOKEN_LENGTH) return null;
    const digest = hashScimToken(presented);
    const token = await this.tokens.findByHash(digest.toString('hex'));
    if (!token) return null;
    const stored = Buffer.from(token.tokenHash, 'hex');
    if (stored.length !== digest.length || !timingSafeEqual(stored, digest)) return null;
    if (token.revokedAt !== null) return null;
    const now = this.clock.now();
    if (token.lastUsedAt === null || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.tokens.touch(token.id, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS));
    }
    return { id: token.id, name: token.name };
  }
}
