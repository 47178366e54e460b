/**
 * Small key/value state that every API process must see the same way: SAML request IDs (InResponseTo),
 * assertion replay guards, rate-limit counters. Redis when `REDIS_URL` is set; otherwise a PostgreSQL table
 * (embedded mode, or PostgreSQL without Redis). Keys are plain strings; each adapter adds its own prefix.
 */
export abstract class SharedState {
  /** Stores `value` unless `key` exists. True when this call stored it (`SET NX`). */
  abstract setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  abstract set(key: string, value: string, ttlMs: number): Promise<void>;
  abstract get(key: string): Promise<string | null>;
  abstract delete(key: string): Promise<void>;
  /** Adds one to a counter that lives `windowMs` from its first increment; returns the new count. */
  abstract increment(key: string, windowMs: number): Promise<number>;
}
