import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import type { RowStatement } from '../database/row-statement';

/** An open server-side cursor over a statement's rows. */
export interface RowCursor<R> {
  /** How many rows the statement returned. */
  readonly total: number;
  /** The next rows, at most the batch size; empty once every row was read. */
  next(): Promise<R[]>;
  /** Closes the cursor (and frees its connection). Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Runs a {@link RowStatement} through a PostgreSQL server-side cursor, so an export reads its rows in batches
 * and memory stays flat whatever the row count:
 *
 *     DECLARE c SCROLL CURSOR WITH HOLD FOR <statement>   -- runs it once; the server keeps the result
 *     MOVE FORWARD ALL IN c                               -- the row count, for progress
 *     MOVE ABSOLUTE 0 IN c; FETCH FORWARD n FROM c …      -- the rows, n at a time
 *     CLOSE c
 *
 * `WITH HOLD` keeps the cursor after the statement's own transaction, so no transaction stays open while the
 * file is written, and the result is one consistent snapshot. A cursor lives in one database session:
 *
 * - with a pool of several connections (a PostgreSQL server), the cursor gets a connection of its own, held
 *   until `close`; everything else (progress, file chunks) goes through the pool as usual;
 * - with a pool of one (embedded PGlite, which has one session), every FETCH is an ordinary short query on
 *   that one session, so requests (e.g. someone polling the progress) run in between the batches.
 *
 * Must be opened outside a transaction.
 */
@Injectable()
export class ExportCursorRepository {
  private readonly logger = new Logger(ExportCursorRepository.name);

  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async open<R>(statement: RowStatement<R>, batchSize: number): Promise<RowCursor<R>> {
    if (this.txHost.isTransactionActive())
      throw new Error('an export cursor must be opened outside a transaction');
    const dataSource = this.txHost.tx.connection;
    const pinned = poolSize(dataSource) > 1 ? dataSource.createQueryRunner() : null;
    const name = `brevet_export_${randomBytes(8).toString('hex')}`;
    const run = async (sql: string, values?: unknown[]) => {
      const runner = pinned ?? dataSource.createQueryRunner();
      try {
        return await runner.query(sql, values, true);
      } finally {
        if (!pinned) await runner.release();
      }
    };
    let declared = false;
    let closed = false;
    const close = async (): Promise<void> => {
      if (closed) return;
      closed = true;
      let failure: Error | undefined;
      if (declared) {
        await run(`CLOSE ${name}`).catch((error: Error) => {
          failure = error;
          this.logger.warn(`could not close cursor ${name}: ${error.message}`);
        });
      }
      // A connection whose cursor could not be closed is dropped rather than handed back to the pool.
      if (pinned) await releaseRunner(pinned, failure);
    };
    try {
      await run(`DECLARE ${name} SCROLL CURSOR WITH HOLD FOR ${statement.text}`, statement.values);
      declared = true;
      const total = (await run(`MOVE FORWARD ALL IN ${name}`)).affected ?? 0;
      await run(`MOVE ABSOLUTE 0 IN ${name}`);
      const fetch = `FETCH FORWARD ${Math.max(1, Math.floor(batchSize))} FROM ${name}`;
      return {
        total,
        next: async () => {
          if (closed) return [];
          const result = await run(fetch);
          return (result.records as Array<Record<string, unknown>>).map((row) => statement.map(row));
        },
        close,
      };
    } catch (error) {
      await close();
      throw error;
    }
  }
}

/** The connections TypeORM's pool may open (`DB_POOL_MAX`; embedded PGlite has one). */
export function poolSize(dataSource: DataSource): number {
  const extra = (dataSource.options as { extra?: { max?: number } }).extra;
  return extra?.max ?? 10;
}

/** Hands a pinned connection back, or drops it when `failure` left it in an unknown protocol state. */
export async function releaseRunner(runner: QueryRunner, failure: Error | undefined): Promise<void> {
  const postgres = runner as QueryRunner & { releasePostgresConnection?: (err?: Error) => Promise<void> };
  if (failure && postgres.releasePostgresConnection) await postgres.releasePostgresConnection(failure);
  else await runner.release();
}
