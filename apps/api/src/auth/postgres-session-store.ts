import { SessionStore, type SessionRecord } from './session-store.port';
import type { SessionRepository } from './session.repository';

/** Sessions in PostgreSQL (embedded mode, or PostgreSQL without Redis). */
export class PostgresSessionStore extends SessionStore {
  private saves = 0;

  constructor(private readonly repository: SessionRepository) {
    super();
  }

  async save(id: string, record: SessionRecord, ttlMs: number): Promise<void> {
    this.saves += 1;
    if (this.saves % 200 === 0) await this.repository.removeExpired();
    await this.repository.upsert(id, record, new Date(Date.now() + Math.max(1, ttlMs)));
  }

  touch(id: string, record: SessionRecord, ttlMs: number): Promise<void> {
    return this.repository.updateLive(id, record, new Date(Date.now() + Math.max(1, ttlMs)));
  }

  get(id: string): Promise<SessionRecord | null> {
    return this.repository.findLive(id);
  }

  destroy(id: string): Promise<void> {
    return this.repository.remove(id);
  }

  listForUser(userId: string): Promise<Array<{ id: string; record: SessionRecord }>> {
    return this.repository.listLiveForUser(userId);
  }

  destroyForUser(userId: string): Promise<number> {
    return this.repository.removeForUser(userId);
  }
}
