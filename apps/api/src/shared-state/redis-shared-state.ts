import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { SharedState } from './shared-state.port';
import { stateCall, stateRedis } from './state-redis';

export { SharedStateUnavailableError } from './state-redis';

/** {@link SharedState} in Redis: atomic `SET NX PX` and `INCR` + `PEXPIRE`, shared by every process. */
export class RedisSharedState extends SharedState {
  private readonly logger = new Logger(RedisSharedState.name);
  private readonly redis: Redis;

  constructor(url: string, prefix: string) {
    super();
    this.redis = stateRedis(url, `${prefix}:state:`, this.logger, 'shared state');
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await stateCall(() => this.redis.set(key, value, 'PX', ttl(ttlMs), 'NX'))) === 'OK';
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await stateCall(() => this.redis.set(key, value, 'PX', ttl(ttlMs)));
  }

  get(key: string): Promise<string | null> {
    return stateCall(() => this.redis.get(key));
  }

  async delete(key: string): Promise<void> {
    await stateCall(() => this.redis.del(key));
  }

  async increment(key: string, windowMs: number): Promise<number> {
    const result = await stateCall(() =>
      this.redis.multi().incr(key).pexpire(key, ttl(windowMs), 'NX').exec(),
    );
    const [error, count] = result?.[0] ?? [new Error('empty MULTI result'), 0];
    if (error) throw error;
    return Number(count);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

const ttl = (ms: number) => Math.max(1, Math.ceil(ms));
