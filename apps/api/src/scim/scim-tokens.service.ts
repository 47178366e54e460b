import { Injectable } from '@nestjs/common';
import {
  SCIM_TOKEN_PREFIX,
  type CreatedScimToken,
  type CreateScimTokenRequest,
  type ScimTokenSummary,
} from '@brevet/contracts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
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
  ) {}

  async create(request: CreateScimTokenRequest): Promise<CreatedScimToken> {
    const token = `${SCIM_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const saved = await this.tokens.insert({
      name: request.name,
      tokenHash: hashScimToken(token).toString('hex'),
      prefix: token.slice(0, SHOWN_LENGTH),
    });
    return { ...mapScimToken(saved), token };
  }

  async list(): Promise<ScimTokenSummary[]> {
    return (await this.tokens.findAll()).map(mapScimToken);
  }

  /** Takes effect on the next request of every API process: each request looks the token up. */
  async revoke(id: string): Promise<ScimTokenSummary> {
    if (!(await this.tokens.findById(id))) throw new ScimTokenNotFoundException(id);
    await this.tokens.revoke(id, this.clock.now());
    const revoked = await this.tokens.findById(id);
    if (!revoked) throw new ScimTokenNotFoundException(id);
    return mapScimToken(revoked);
  }

  /**
   * True when `presented` is a token that exists and is not revoked. The lookup is by SHA-256 hash (an
   * attacker cannot steer which hash prefix an index comparison sees); the stored hash is then compared
   * once more in constant time. The token itself is never logged or stored.
   */
  async verify(presented: string): Promise<boolean> {
    if (presented.length > MAX_TOKEN_LENGTH) return false;
    const digest = hashScimToken(presented);
    const token = await this.tokens.findByHash(digest.toString('hex'));
    if (!token) return false;
    const stored = Buffer.from(token.tokenHash, 'hex');
    if (stored.length !== digest.length || !timingSafeEqual(stored, digest)) return false;
    if (token.revokedAt !== null) return false;
    const now = this.clock.now();
    if (token.lastUsedAt === null || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.tokens.touch(token.id, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS));
    }
    return true;
  }
}
