import { Logger } from '@nestjs/common';
import IORedis, { type Redis } from 'ioredis';
import { ServiceUnavailableException } from '../common/domain.exception';
import { SharedState } from './shared-state.port';

/** Redis is down: the caller answers 503 and nothing was decided. */
export class SharedStateUnavailableError extends ServiceUnavailableException {
  constructor(reason: string) {
    super(`Shared session state is unavailable right now (${reason}). Please try again shortly.`);
  }
}

/** {@link SharedState} in Redis: atomic `SET NX PX` and `INCR` + `PEXPIRE`, shared by every process. */
export class RedisSharedState extends SharedState {
  private readonly logger = new Logger(RedisSharedState.name);
  private readonly redis: Redis;

  constructor(url: string, prefix: string) {
    super();
    this.redis = new IORedis(url, {
      keyPrefix: `${prefix}:state:`,
      // Queue briefly while (re)connecting, but never wait long: a caller answers 503 instead.
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      commandTimeout: 2_000,
      connectTimeout: 5_000,
    });
    this.redis.on('error', (e) => this.logger.warn(`redis (shared state): ${e.message}`));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.call(() => this.redis.set(key, value, 'PX', ttl(ttlMs), 'NX'))) === 'OK';
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.call(() => this.redis.set(key, value, 'PX', ttl(ttlMs)));
  }

  get(key: string): Promise<string | null> {
    return this.call(() => this.redis.get(key));
  }

  async delete(key: string): Promise<void> {
    await this.call(() => this.redis.del(key));
  }

  async increment(key: string, windowMs: number): Promise<number> {
    const result = await this.call(() =>
      this.redis.multi().incr(key).pexpire(key, ttl(windowMs), 'NX').exec(),
    );
    const [error, count] = result?.[0] ?? [new Error('empty MULTI result'), 0];
    if (error) throw error;
    return Number(count);
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

const ttl = (ms: number) => Math.max(1, Math.ceil(ms));
