import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { startRuntime } from './bootstrap/runtime';
import { dataSourceOptions } from './database/data-source-options';
import { runMigrationsLocked } from './database/migration-lock';

/** Deploy step: `node dist/apps/api/migrate.js` applies pending migrations once, before new replicas start. */
async function migrate(): Promise<void> {
  const runtime = await startRuntime();
  // Two connections: one holds the migration lock while the other applies them.
  const dataSource = new DataSource(dataSourceOptions(runtime.config.database.url as string, 2));
  await dataSource.initialize();
  try {
    const applied = await runMigrationsLocked(dataSource, 2);
    process.stdout.write(
      applied.length ? `Applied: ${applied.map((m) => m.name).join(', ')}\n` : 'Database is up to date.\n',
    );
  } finally {
    await dataSource.destroy();
    await runtime.stop();
  }
}

migrate().catch((error: unknown) => {
  process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
