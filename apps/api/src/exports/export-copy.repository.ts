import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Readable } from 'node:stream';
import { poolSize, releaseRunner } from './export-cursor.repository';

/** A SELECT and its parameters, for `COPY (…) TO STDOUT`. */
export interface CopyStatement {
  text: string;
  values: unknown[];
}

/** A running `COPY … TO STDOUT WITH (FORMAT csv)`: its bytes, and `close` to hand the connection back. */
export interface CsvCopy {
  readonly output: Readable;
  /** Rows PostgreSQL sent (its command tag), once `output` has ended. */
  rowCount(): number;
  close(error?: Error): Promise<void>;
}

/**
 * Streams a statement's rows as CSV written by PostgreSQL itself (`COPY (statement) TO STDOUT`), for exports
 * whose columns the statement already formats (docs/exports.md, "CSV by COPY"). The COPY gets a connection of
 * its own from the pool, held until `close`, and reads one consistent snapshot like any statement.
 *
 * Only with a pool of several connections (a PostgreSQL server): embedded PGlite has one session and no COPY
 * streaming through the driver, so exports there take the cursor (ExportCursorRepository). Must be called
 * outside a transaction.
 */
@Injectable()
export class ExportCopyRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Whether COPY streaming is available here (a PostgreSQL server, not the embedded one). */
  available(): boolean {
    const dataSource = this.txHost.tx.connection;
    return dataSource.options.type === 'postgres' && poolSize(dataSource) > 1;
  }

  async csv(statement: CopyStatement, delimiter: ',' | ';'): Promise<CsvCopy> {
    if (this.txHost.isTransactionActive()) throw new Error('an export COPY must run outside a transaction');
    const runner = this.txHost.tx.connection.createQueryRunner();
    let released = false;
    const close = async (error?: Error) => {
      if (released) return;
      released = true;
      // A connection whose COPY was cut off is dropped rather than handed back mid-protocol.
      await releaseRunner(runner, error);
    };
    try {
      const client = (await runner.connect()) as PoolClient;
      const sql = `COPY (${inlineParameters(client, statement.text, statement.values)}) TO STDOUT WITH (FORMAT csv, DELIMITER '${delimiter}')`;
      const stream = client.query(copyTo(sql));
      return { output: stream, rowCount: () => stream.rowCount, close };
    } catch (error) {
      await close(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }
}

/**
 * COPY takes no bind parameters, so each `$n` becomes a quoted literal, escaped by the driver (the statements
 * cast where a type matters: `$1::uuid`, `$2::text[]`). Arrays become array literals; dates ISO text.
 */
export function inlineParameters(
  client: Pick<PoolClient, 'escapeLiteral'>,
  text: string,
  values: readonly unknown[],
): string {
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) return 'NULL';
    if (value instanceof Date) return client.escapeLiteral(value.toISOString());
    if (Array.isArray(value))
      return client.escapeLiteral(
        `{${value.map((v) => `"${String(v).replace(/(["\\])/g, '\\$1')}"`).join(',')}}`,
      );
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
      return client.escapeLiteral(String(value));
    if (typeof value === 'string') return client.escapeLiteral(value);
    return client.escapeLiteral(JSON.stringify(value));
  };
  // Highest numbers first would not matter: `$1` never matches inside `$12` thanks to the look-ahead.
  return text.replace(/\$(\d+)(?!\d)/g, (_match, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= values.length) throw new Error(`statement refers to $${n}, which has no value`);
    return literal(values[index]);
  });
}
