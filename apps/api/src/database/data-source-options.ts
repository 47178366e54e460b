import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * The one description of Brevet's database, shared by Nest (`DatabaseModule`), the TypeORM CLI
 * (`data-source.ts`), the migration generator and the tests.
 */
export function dataSourceOptions(url: string, poolMax: number): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    // Failed queries surface as exceptions; the problem-details filter logs the unexpected ones.
    logging: false,
    extra: {
      max: poolMax,
      // A query that cannot get a connection (e.g. one issued outside the open transaction on embedded
      // PGlite) fails with a clear error instead of hanging forever.
      connectionTimeoutMillis: 30_000,
      application_name: 'brevet',
    },
  };
}
