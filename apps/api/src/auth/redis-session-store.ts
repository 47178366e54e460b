import { Logger } from '@nestjs/common';
import IORedis, { type Redis } from 'ioredis';
import { SharedStateUnavailableError } from '../shared-state/redis-shared-state';
import { SessionStore, type SessionRecord } from './session-store.port';

const USER_INDEX_TTL_MS = 48 * 3600 * 1000;

/** Sessions in Redis: `sess:<id>` holds the JSON record with a TTL, `user-sess:<userId>` indexes them. */
export class RedisSessionStore extends SessionStore {
  private readonly logger = new Logger(RedisSessionStore.name);
  private readonly redis: Redis;

  constructor(url: string, prefix: string) {
    super();
    this.redis = new IORedis(url, {
      keyPrefix: `${prefix}:`,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      commandTimeout: 2_000,
      connectTimeout: 5_000,
    });
    this.redis.on('error', (e) => this.logger.warn(`redis (sessions): ${e.message}`));
  }

  async save(id: string, record: SessionRecord, ttlMs: number): Promise<void> {
    await this.call(() =>
      this.redis
        .multi()
        .set(`sess:${id}`, JSON.stringify(record), 'PX', Math.max(1, Math.ceil(ttlMs)))
        .sadd(`user-sess:${record.userId}`, id)
        .pexpire(`user-sess:${record.userId}`, USER_INDEX_TTL_MS)
        .exec(),
    );
  }

  async touch(id: string, record: SessionRecord, ttlMs: number): Promise<void> {
    // XX: only while the key still exists, so a session ended meanwhile stays ended. The user index lives
    // on with its sessions (a session may outlive the index's TTL counted from sign-in).
    await this.call(() =>
      this.redis
        .multi()
        .set(`sess:${id}`, JSON.stringify(record), 'PX', Math.max(1, Math.ceil(ttlMs)), 'XX')
        .pexpire(`user-sess:${record.userId}`, USER_INDEX_TTL_MS)
        .exec(),
    );
  }

  async get(id: string): Promise<SessionRecord | null> {
    const raw = await this.call(() => this.redis.get(`sess:${id}`));
    return raw ? (JSON.parse(raw) as SessionRecord) : null;
  }

  async destroy(id: string): Promise<void> {
    const record = await this.get(id);
    const tx = this.redis.multi().del(`sess:${id}`);
    if (record) tx.srem(`user-sess:${record.userId}`, id);
    await this.call(() => tx.exec());
  }

  async listForUser(userId: string): Promise<Array<{ id: string; record: SessionRecord }>> {
    const ids = await this.call(() => this.redis.smembers(`user-sess:${userId}`));
    if (ids.length === 0) return [];
    const raws = await this.call(() => this.redis.mget(ids.map((id) => `sess:${id}`)));
    const live: Array<{ id: string; record: SessionRecord }> = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const raw = raws[i];
      if (raw) live.push({ id, record: JSON.parse(raw) as SessionRecord });
      else gone.push(id);
    });
    if (gone.length > 0) await this.call(() => this.redis.srem(`user-sess:${userId}`, ...gone));
    return live;
  }

  async destroyForUser(userId: string): Promise<number> {
    const ids = await this.call(() => this.redis.smembers(`user-sess:${userId}`));
    const keys = [...ids.map((id) => `sess:${id}`), `user-sess:${userId}`];
    const deleted = await this.call(() => this.redis.del(...keys));
    return Math.max(0, deleted - 1);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw new SharedStateUnavailableError((error as Error).message);
    }
  }
}
