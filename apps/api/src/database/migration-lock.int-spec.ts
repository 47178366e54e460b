import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseUrlFor, TEST_PG_ADMIN_URL } from '../../test/support/test-env';
import { dataSourceOptions } from './data-source-options';
import { runMigrationsLocked } from './migration-lock';

/** Two replicas (or two migration jobs) starting at once on an empty database (real PostgreSQL). */
describe('migrations from several processes at once', () => {
  const name = `brevet_migrate_${Date.now().toString(36)}`;
  const url = databaseUrlFor(name);
  const admin = () => new Client({ connectionString: TEST_PG_ADMIN_URL });

  beforeAll(async () => {
    const client = admin();
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
  });
  afterAll(async () => {
    const client = admin();
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });

  it('applies every migration exactly once: the second process waits, then finds nothing to do', async () => {
    const sources = [0, 1].map(() => new DataSource(dataSourceOptions(url, 2)));
    await Promise.all(sources.map((s) => s.initialize()));
    try {
      const [first, second] = await Promise.all(sources.map((s) => runMigrationsLocked(s, 2)));
      const total = sources[0].migrations.length;
      expect(total).toBeGreaterThan(0);
      // One process applied them all, the other none; neither failed on "relation already exists".
      expect([first.length, second.length].sort((a, b) => a - b)).toEqual([0, total]);
      const rows: Array<{ name: string }> = await sources[0].query(`SELECT name FROM migrations`);
      expect(rows).toHaveLength(total);
      expect(await sources[0].showMigrations()).toBe(false);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
    }
  });
});
