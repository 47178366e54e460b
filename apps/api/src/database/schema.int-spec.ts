import { DataSource } from 'typeorm';
import { testDatabaseUrl } from '../../test/support/test-env';
import { dataSourceOptions } from './data-source-options';
import { schemaDiff } from './schema-diff';

describe('migrations and entities', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(testDatabaseUrl(), 1)).initialize();
  });
  afterAll(() => dataSource.destroy());

  it('agree: generating a migration now would produce nothing', async () => {
    const diff = await schemaDiff(dataSource);
    expect(diff.up).toEqual([]);
  });

  it('are all applied, in the listed order', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    const applied: Array<{ name: string }> = await dataSource.query(
      'SELECT name FROM migrations ORDER BY id',
    );
    expect(applied.map((m) => m.name)).toEqual(dataSource.migrations.map((m) => m.name));
  });
});
