import * as fs from 'node:fs';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * Embedded PostgreSQL for a new user's machine: PGlite (PostgreSQL compiled to WebAssembly), persisted under
 * `<dataDir>/pglite`, exposed on a loopback port through the PostgreSQL wire protocol.
 *
 * The API then talks to it with the same `pg` driver, type parsers and migrations as to a real server. PGlite
 * has one session, so the pool is limited to one connection: a query issued outside an open transaction
 * waits for that transaction to finish (see docs/architecture.md, "Transactions").
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
  ) {}

  static async start(dataDir: string | 'memory'): Promise<EmbeddedPostgres> {
    let location: string | undefined;
    if (dataDir !== 'memory') {
      location = path.join(dataDir, 'pglite');
      fs.mkdirSync(location, { recursive: true });
    }
    const db = await PGlite.create(location);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    const [host, port] = server.getServerConn().split(':');
    return new EmbeddedPostgres(db, server, `postgres://postgres@${host}:${port}/postgres`);
  }

  /** Stops accepting connections and flushes PGlite to disk. */
  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
