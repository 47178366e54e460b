import type { DataSource, Migration } from 'typeorm';

/** The advisory lock every Brevet process takes around migrations (an arbitrary constant, "brevet-m"). */
export const MIGRATION_LOCK_KEY = 0x62726576_65742d6dn;

/**
 * Applies pending migrations, each in its own transaction, while holding a PostgreSQL session advisory lock:
 * two replicas (or two migration jobs) starting together apply them one after the other, and the second
 * finds nothing left to do. The lock lives on its own connection, so the pool needs two; with a
 * single-connection pool (embedded PGlite, one process) there is nobody to race and no lock is taken.
 */
export async function runMigrationsLocked(dataSource: DataSource, poolMax: number): Promise<Migration[]> {
  if (poolMax < 2) return dataSource.runMigrations({ transaction: 'each' });
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK_KEY.toString()]);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query(`SELECT pg_advisory_unlock($1)`, [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    await lock.release();
  }
}
