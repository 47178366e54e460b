import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { ExportErrorCode } from '@brevet/contracts';
import { ExportFileChunkEntity, ExportRunEntity } from './export-run.entity';

export type NewExportRun = Pick<
  ExportRunEntity,
  'requestedBy' | 'kind' | 'format' | 'delimiter' | 'language' | 'filters' | 'scope' | 'asOf'
>;

/** The export runs and their files' chunks. Every read of a run by a person is limited to their own runs. */
@Injectable()
export class ExportRunRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get runs() {
    return this.txHost.tx.getRepository(ExportRunEntity);
  }

  private query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.txHost.tx.query(sql, params);
  }

  /** An UPDATE or DELETE with RETURNING: TypeORM answers those with `[rows, rowCount]`. */
  private async modify<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    const [rows] = (await this.txHost.tx.query(sql, params)) as [T[], number];
    return rows;
  }

  async create(run: NewExportRun): Promise<ExportRunEntity> {
    return this.runs.save(this.runs.create({ ...run, status: 'queued' }));
  }

  async setAuditSnapshot(id: string, sequence: string): Promise<void> {
    await this.runs.update({ id }, { auditSnapshot: sequence });
  }

  /** The run, or null when unknown, expired, or asked for by someone else: the same answer for all three. */
  async findOwn(id: string, userId: string, now: Date): Promise<ExportRunEntity | null> {
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM export_run
        WHERE id = $1 AND requested_by = $2 AND (expires_at IS NULL OR expires_at > $3)`,
      [id, userId, now],
    );
    return rows.length === 0 ? null : this.runs.findOneBy({ id });
  }

  /** The person's own runs, newest first, without expired ones. */
  async findOwnPage(
    userId: string,
    now: Date,
    page: number,
    pageSize: number,
  ): Promise<{ rows: ExportRunEntity[]; total: number }> {
    const [rows, total] = await this.runs
      .createQueryBuilder('r')
      .where('r.requested_by = :userId', { userId })
      .andWhere('(r.expires_at IS NULL OR r.expires_at > :now)', { now })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  findById(id: string): Promise<ExportRunEntity | null> {
    return this.runs.findOneBy({ id });
  }

  /**
   * Starts an attempt of a queued or running run (a retry finds it running): counts the attempt and resets
   * the progress. Null when the run is gone or already settled (ready or failed): nothing to do.
   */
  async startAttempt(id: string, now: Date): Promise<ExportRunEntity | null> {
    const rows = await this.modify<{ id: string }>(
      `UPDATE export_run
          SET status = 'running', attempts = attempts + 1, started_at = $2, rows_done = 0, rows_total = NULL,
              error_code = NULL
        WHERE id = $1 AND status IN ('queued', 'running')
        RETURNING id`,
      [id, now],
    );
    return rows.length === 0 ? null : this.runs.findOneBy({ id });
  }

  async setTotal(id: string, rowsTotal: number): Promise<void> {
    await this.runs.update({ id, status: 'running' }, { rowsTotal });
  }

  async setProgress(id: string, rowsDone: number): Promise<void> {
    await this.runs.update({ id, status: 'running' }, { rowsDone });
  }

  async markReady(
    id: string,
    file: { name: string; contentType: string; size: number; rows: number },
    finishedAt: Date,
    expiresAt: Date,
  ): Promise<void> {
    await this.runs.update(
      { id, status: 'running' },
      {
        status: 'ready',
        fileName: file.name,
        contentType: file.contentType,
        fileSize: String(file.size),
        rowsDone: file.rows,
        rowsTotal: file.rows,
        finishedAt,
        expiresAt,
      },
    );
  }

  /** A failed attempt: back to `queued` for a retry, or `failed` for good (`final`). */
  async markAttemptFailed(id: string, code: ExportErrorCode, final: boolean, at: Date): Promise<void> {
    await this.runs.update(
      { id, status: 'running' },
      final
        ? { status: 'failed', errorCode: code, finishedAt: at, expiresAt: null }
        : { status: 'queued', errorCode: code },
    );
  }

  /** Runs that never finished before `startedBefore` (e.g. lost with an embedded server's in-process queue). */
  async failStale(startedBefore: Date, at: Date, retentionMs: number): Promise<number> {
    const rows = await this.modify(
      `UPDATE export_run
          SET status = 'failed', error_code = 'export.interrupted', finished_at = $2,
              expires_at = $2::timestamptz + ($3::bigint * interval '1 millisecond')
        WHERE status IN ('queued', 'running') AND created_at < $1
        RETURNING id`,
      [startedBefore, at, retentionMs],
    );
    return rows.length;
  }

  /** Deletes runs past their `expires_at`, with their files. */
  async deleteExpired(now: Date): Promise<number> {
    const rows = await this.modify(`DELETE FROM export_run WHERE expires_at <= $1 RETURNING id`, [now]);
    return rows.length;
  }

  /** Deletes the person's own run with its file; false when there was none. */
  async deleteOwn(id: string, userId: string): Promise<boolean> {
    const rows = await this.modify(
      `DELETE FROM export_run WHERE id = $1 AND requested_by = $2 RETURNING id`,
      [id, userId],
    );
    return rows.length > 0;
  }

  // ── the file ──────────────────────────────────────────────────────────────────────────────────────────

  async deleteChunks(id: string): Promise<void> {
    await this.txHost.tx.getRepository(ExportFileChunkEntity).delete({ exportId: id });
  }

  async appendChunk(id: string, seq: number, data: Buffer): Promise<void> {
    await this.query(`INSERT INTO export_file_chunk (export_id, seq, data) VALUES ($1, $2, $3)`, [
      id,
      seq,
      data,
    ]);
  }

  /** One chunk of the file, or null past the last one. */
  async readChunk(id: string, seq: number): Promise<Buffer | null> {
    const rows = await this.query<{ data: Buffer }>(
      `SELECT data FROM export_file_chunk WHERE export_id = $1 AND seq = $2`,
      [id, seq],
    );
    return rows[0]?.data ?? null;
  }
}
