import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { SessionRecord } from './session-store.port';

/** The `user_session` table, used as the session store when there is no Redis. */
@Injectable()
export class SessionRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async upsert(id: string, record: SessionRecord, expiresAt: Date): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO user_session (id, user_id, data, expires_at) VALUES ($1, $2, $3::jsonb, $4)
       ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
      [id, record.userId, JSON.stringify(record), expiresAt],
    );
  }

  /** Updates a session that still exists and has not expired; a deleted one stays deleted. */
  async updateLive(id: string, record: SessionRecord, expiresAt: Date): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE user_session SET data = $2::jsonb, expires_at = $3 WHERE id = $1 AND expires_at > now()`,
      [id, JSON.stringify(record), expiresAt],
    );
  }

  async findLive(id: string): Promise<SessionRecord | null> {
    const rows: Array<{ data: SessionRecord }> = await this.txHost.tx.query(
      `SELECT data FROM user_session WHERE id = $1 AND expires_at > now()`,
      [id],
    );
    return rows[0]?.data ?? null;
  }

  async remove(id: string): Promise<void> {
    await this.txHost.tx.query(`DELETE FROM user_session WHERE id = $1`, [id]);
  }

  async listLiveForUser(userId: string): Promise<Array<{ id: string; record: SessionRecord }>> {
    const rows: Array<{ id: string; data: SessionRecord }> = await this.txHost.tx.query(
      `SELECT id, data FROM user_session WHERE user_id = $1 AND expires_at > now()`,
      [userId],
    );
    return rows.map((r) => ({ id: r.id, record: r.data }));
  }

  async removeForUser(userId: string): Promise<number> {
    // TypeORM answers a DELETE with [rows, rowCount]: the statement is wrapped so it answers with rows.
    const rows: unknown[] = await this.txHost.tx.query(
      `WITH ended AS (DELETE FROM user_session WHERE user_id = $1 RETURNING id) SELECT id FROM ended`,
      [userId],
    );
    return rows.length;
  }

  async removeExpired(): Promise<void> {
    await this.txHost.tx.query(`DELETE FROM user_session WHERE expires_at <= now()`);
  }
}
