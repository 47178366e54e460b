/** How a session began; SAML sessions remember what single logout needs to find them. */
export type SessionOrigin =
  | {
      kind: 'saml';
      identityProviderId: string;
      identityProviderSlug: string;
      nameId: string;
      sessionIndex: string | null;
    }
  | { kind: 'password' };

export interface SessionRecord {
  userId: string;
  origin: SessionOrigin;
  /** Epoch milliseconds. */
  createdAt: number;
  lastSeenAt: number;
  absoluteExpiresAt: number;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Server-side sessions shared by every API process: Redis when `REDIS_URL` is set, else PostgreSQL. IDs are
 * SHA-256 hashes of the cookie token, so a leaked store does not hand out working cookies.
 */
export abstract class SessionStore {
  /** Stores the session; it disappears by itself `ttlMs` after the last write. */
  abstract save(id: string, record: SessionRecord, ttlMs: number): Promise<void>;
  /**
   * Records activity on a session that still exists. Unlike {@link save} it never brings back a session that
   * was ended (logout, deactivation) between reading it and writing the new `lastSeenAt`.
   */
  abstract touch(id: string, record: SessionRecord, ttlMs: number): Promise<void>;
  abstract get(id: string): Promise<SessionRecord | null>;
  abstract destroy(id: string): Promise<void>;
  /** Every live session of the user, for ending them all or finding a SAML session. */
  abstract listForUser(userId: string): Promise<Array<{ id: string; record: SessionRecord }>>;
  abstract destroyForUser(userId: string): Promise<number>;
}
