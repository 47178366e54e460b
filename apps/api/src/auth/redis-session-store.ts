import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { stateCall, stateRedis } from '../shared-state/state-redis';
import { SessionStore, type SessionRecord } from './session-store.port';

const USER_INDEX_TTL_MS = 48 * 3600 * 1000;

/** Sessions in Redis: `sess:<id>` holds the JSON record with a TTL, `user-sess:<userId>` indexes them. */
export class RedisSessionStore extends SessionStore {
  private readonly logger = new Logger(RedisSessionStore.name);
  private readonly redis: Redis;

  constructor(url: string, prefix: string) {
    super();
    this.redis = stateRedis(url, `${prefix}:`, this.logger, 'sessions');
  }

  async save(id: string, record: SessionRecord, ttlMs: number): Promise<void> {
    await stateCall(() =>
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
    await stateCall(() =>
      this.redis
        .multi()
        .set(`sess:${id}`, JSON.stringify(record), 'PX', Math.max(1, Math.ceil(ttlMs)), 'XX')
        .pexpire(`user-sess:${record.userId}`, USER_INDEX_TTL_MS)
        .exec(),
    );
  }

  async get(id: string): Promise<SessionRecord | null> {
    const raw = await stateCall(() => this.redis.get(`sess:${id}`));
    return raw ? (JSON.parse(raw) as SessionRecord) : null;
  }

  async destroy(id: string): Promise<void> {
    const record = await this.get(id);
    const tx = this.redis.multi().del(`sess:${id}`);
    if (record) tx.srem(`user-sess:${record.userId}`, id);
    await stateCall(() => tx.exec());
  }

  async listForUser(userId: string): Promise<Array<{ id: string; record: SessionRecord }>> {
    const ids = await stateCall(() => this.redis.smembers(`user-sess:${userId}`));
    if (ids.length === 0) return [];
    const raws = await stateCall(() => this.redis.mget(ids.map((id) => `sess:${id}`)));
    const live: Array<{ id: string; record: SessionRecord }> = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const raw = raws[i];
      if (raw) live.push({ id, record: JSON.parse(raw) as SessionRecord });
      else gone.push(id);
    });
    if (gone.length > 0) await stateCall(() => this.redis.srem(`user-sess:${userId}`, ...gone));
    return live;
  }

  async destroyForUser(userId: string): Promise<number> {
    const ids = await stateCall(() => this.redis.smembers(`user-sess:${userId}`));
    const keys = [...ids.map((id) => `sess:${id}`), `user-sess:${userId}`];
    const deleted = await stateCall(() => this.redis.del(...keys));
    return Math.max(0, deleted - 1);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
