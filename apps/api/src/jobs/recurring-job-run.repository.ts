import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';

/** How long claimed slots are kept; only the latest one matters, older rows are history for operators. */
const KEEP_DAYS = 90;

@Injectable()
export class RecurringJobRunRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * Claims one slot in the current transaction: true for the one caller that inserts the row, false for every
   * other (a concurrent insert waits for the first to commit, then finds the row). Prunes old claims of the job.
   */
  async claim(jobName: string, slotAt: Date, jobId: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(
      `INSERT INTO recurring_job_run (job_name, slot_at, job_id) VALUES ($1, $2, $3)
       ON CONFLICT (job_name, slot_at) DO NOTHING RETURNING 1`,
      [jobName, slotAt.toISOString(), jobId],
    );
    if (rows.length === 0) return false;
    await this.txHost.tx.query(
      `DELETE FROM recurring_job_run WHERE job_name = $1 AND slot_at < $2::timestamptz - make_interval(days => $3)`,
      [jobName, slotAt.toISOString(), KEEP_DAYS],
    );
    return true;
  }

  /** The claimed slots of a job, newest first (for operators and tests). */
  async claimed(jobName: string): Promise<Array<{ slotAt: Date; jobId: string }>> {
    const rows: Array<{ slot_at: Date; job_id: string }> = await this.txHost.tx.query(
      `SELECT slot_at, job_id FROM recurring_job_run WHERE job_name = $1 ORDER BY slot_at DESC`,
      [jobName],
    );
    return rows.map((r) => ({ slotAt: new Date(r.slot_at), jobId: r.job_id }));
  }
}
