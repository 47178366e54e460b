import type { Logger } from '@nestjs/common';
import IORedis, { type Redis } from 'ioredis';
import { ServiceUnavailableException } from '../common/domain.exception';

/** Redis is down: the caller answers 503 and nothing was decided. */
export class SharedStateUnavailableError extends ServiceUnavailableException {
  constructor(reason: string) {
    super(`Shared session state is unavailable right now (${reason}). Please try again shortly.`);
  }
}

/**
 * The Redis connection of request-time state (sessions, SAML caches, rate limits): it queues briefly while
 * (re)connecting but never waits long, so a caller answers 503 instead of hanging.
 */
export function stateRedis(url: string, keyPrefix: string, logger: Logger, label: string): Redis {
  const redis = new IORedis(url, {
    keyPrefix,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
    connectTimeout: 5_000,
  });
  redis.on('error', (e) => logger.warn(`redis (${label}): ${e.message}`));
  return redis;
}

/** Runs a Redis command, turning any failure into {@link SharedStateUnavailableError}. */
export async function stateCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw new SharedStateUnavailableError((error as Error).message);
  }
}
