import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { JobOutboxEntity } from './job-outbox.entity';
import { readJobTrace, type JobTrace } from './job-trace';

export interface OutboxRow {
  id: string;
  jobId: string;
  name: string;
  payload: Record<string, unknown>;
  trace: JobTrace | null;
}

@Injectable()
export class JobOutboxRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Records a job in the current transaction; a second request with the same job ID is ignored. */
  async insert(row: Omit<OutboxRow, 'id'>): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO job_outbox (job_id, name, payload, trace) VALUES ($1, $2, $3, $4)
       ON CONFLICT (job_id) DO NOTHING`,
      [row.jobId, row.name, JSON.stringify(row.payload), row.trace ? JSON.stringify(row.trace) : null],
    );
  }

  /** Oldest waiting jobs, locked for this transaction; other relays skip them. */
  async lockBatch(limit: number): Promise<OutboxRow[]> {
    const rows: Array<{
      id: string;
      job_id: string;
      name: string;
      payload: Record<string, unknown>;
      trace: unknown;
    }> = await this.txHost.tx.query(
      `SELECT id, job_id, name, payload, trace FROM job_outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      jobId: r.job_id,
      name: r.name,
      payload: r.payload,
      trace: readJobTrace(r.trace),
    }));
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length > 0)
      await this.txHost.tx.query(`DELETE FROM job_outbox WHERE id = ANY($1::bigint[])`, [ids]);
  }

  async count(): Promise<number> {
    return this.txHost.tx.getRepository(JobOutboxEntity).count();
  }
}
