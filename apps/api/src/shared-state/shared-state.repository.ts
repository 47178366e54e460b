import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';

/** The `shared_state_entry` table: each statement is atomic on its own, so processes never race. */
@Injectable()
export class SharedStateRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Inserts, or takes over an expired row; true when this call now owns the key. */
  async insertIfAbsent(key: string, value: string, expiresAt: Date): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      `INSERT INTO shared_state_entry (key, value, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at
         WHERE shared_state_entry.expires_at <= now()
       RETURNING key`,
      [key, value, expiresAt],
    );
    return rows.length === 1;
  }

  async upsert(key: string, value: string, expiresAt: Date): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO shared_state_entry (key, value, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
      [key, value, expiresAt],
    );
  }

  async find(key: string): Promise<string | null> {
    const rows: Array<{ value: string }> = await this.txHost.tx.query(
      `SELECT value FROM shared_state_entry WHERE key = $1 AND expires_at > now()`,
      [key],
    );
    return rows[0]?.value ?? null;
  }

  async remove(key: string): Promise<void> {
    await this.txHost.tx.query(`DELETE FROM shared_state_entry WHERE key = $1`, [key]);
  }

  /** Counter in `value`; a counter whose window has passed starts again at 1. */
  async increment(key: string, expiresAt: Date): Promise<number> {
    const rows: Array<{ value: string }> = await this.txHost.tx.query(
      `INSERT INTO shared_state_entry (key, value, expires_at) VALUES ($1, '1', $2)
       ON CONFLICT (key) DO UPDATE SET
         value = CASE WHEN shared_state_entry.expires_at <= now() THEN '1'
                      ELSE (shared_state_entry.value::bigint + 1)::text END,
         expires_at = CASE WHEN shared_state_entry.expires_at <= now() THEN EXCLUDED.expires_at
                           ELSE shared_state_entry.expires_at END
       RETURNING value`,
      [key, expiresAt],
    );
    return Number(rows[0]?.value ?? 0);
  }

  async sweepExpired(): Promise<void> {
    await this.txHost.tx.query(`DELETE FROM shared_state_entry WHERE expires_at <= now()`);
  }
}
