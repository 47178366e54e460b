import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { SessionStore, type SessionOrigin, type SessionRecord } from './session-store.port';

/** Activity is written back at most this often, so a busy page does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface LiveSession {
  id: string;
  record: SessionRecord;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Starts, resolves and ends server-side sessions, with idle and absolute timeouts. Session time is wall-clock
 * time, not the injectable `Clock`: a test that moves the business date must not sign everyone out.
 */
@Injectable()
export class SessionService {
  private readonly logger = new Logger(SessionService.name);

  constructor(
    private readonly store: SessionStore,
    private readonly config: AppConfig,
  ) {}

  /** A new session with a fresh random token (never reusing one the browser brought). Returns the token. */
  async start(
    userId: string,
    origin: SessionOrigin,
    client: { ip: string | null; userAgent: string | null },
  ): Promise<{ token: string; id: string; record: SessionRecord }> {
    const token = randomBytes(32).toString('base64url');
    const now = Date.now();
    const record: SessionRecord = {
      userId,
      origin,
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: now + this.config.sessions.absoluteMs,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    };
    const id = hashToken(token);
    await this.store.save(id, record, this.ttl(record, now));
    return { token, id, record };
  }

  /** The live session behind a cookie token, or null when unknown, idle too long or past its maximum age. */
  async resolve(token: string): Promise<LiveSession | null> {
    const id = hashToken(token);
    const record = await this.store.get(id);
    if (!record) return null;
    const now = Date.now();
    if (now - record.lastSeenAt >= this.config.sessions.idleMs || now >= record.absoluteExpiresAt) {
      await this.store.destroy(id);
      return null;
    }
    if (now - record.lastSeenAt >= TOUCH_INTERVAL_MS) {
      const touched = { ...record, lastSeenAt: now };
      await this.store.touch(id, touched, this.ttl(touched, now));
      return { id, record: touched };
    }
    return { id, record };
  }

  /** The record of a session by its stored ID (already resolved by the guard in this request). */
  recordById(id: string): Promise<SessionRecord | null> {
    return this.store.get(id);
  }

  async end(id: string): Promise<void> {
    await this.store.destroy(id);
  }

  async endAllForUser(userId: string): Promise<number> {
    const ended = await this.store.destroyForUser(userId);
    if (ended > 0) this.logger.log(`ended ${ended} session(s) of user ${userId}`);
    return ended;
  }

  /**
   * SAML single logout: the user's sessions from that identity provider for that NameID (and, when the
   * LogoutRequest names them, only those SessionIndexes). Returns how many ended.
   */
  async endSamlSessions(
    userId: string,
    identityProviderId: string,
    nameId: string,
    sessionIndexes: readonly string[],
  ): Promise<number> {
    let ended = 0;
    for (const { id, record } of await this.store.listForUser(userId)) {
      const o = record.origin;
      if (o.kind !== 'saml' || o.identityProviderId !== identityProviderId || o.nameId !== nameId) continue;
      if (sessionIndexes.length > 0 && (!o.sessionIndex || !sessionIndexes.includes(o.sessionIndex)))
        continue;
      await this.store.destroy(id);
      ended += 1;
    }
    return ended;
  }

  sessionExpiresAt(record: SessionRecord): Date {
    return new Date(Math.min(record.absoluteExpiresAt, record.lastSeenAt + this.config.sessions.idleMs));
  }

  private ttl(record: SessionRecord, now: number): number {
    return Math.min(this.config.sessions.idleMs, record.absoluteExpiresAt - now);
  }
}
