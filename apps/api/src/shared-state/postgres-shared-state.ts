import { SharedState } from './shared-state.port';
import type { SharedStateRepository } from './shared-state.repository';

/** {@link SharedState} in PostgreSQL, for embedded mode and deployments without Redis. */
export class PostgresSharedState extends SharedState {
  private writes = 0;

  constructor(private readonly repository: SharedStateRepository) {
    super();
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    await this.sweepNow();
    return this.repository.insertIfAbsent(key, value, expiry(ttlMs));
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.sweepNow();
    await this.repository.upsert(key, value, expiry(ttlMs));
  }

  get(key: string): Promise<string | null> {
    return this.repository.find(key);
  }

  delete(key: string): Promise<void> {
    return this.repository.remove(key);
  }

  increment(key: string, windowMs: number): Promise<number> {
    return this.repository.increment(key, expiry(windowMs));
  }

  /** Every 500th write clears expired rows, so the table stays small without a timer. */
  private async sweepNow(): Promise<void> {
    this.writes += 1;
    if (this.writes % 500 === 0) await this.repository.sweepExpired();
  }
}

const expiry = (ms: number) => new Date(Date.now() + Math.max(1, ms));
