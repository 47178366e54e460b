import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as prettier from 'prettier';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { EmbeddedPostgres } from '../src/database/embedded-postgres';
import { schemaDiff } from '../src/database/schema-diff';

/**
 * `npm run migration:generate -- AddStaff`: applies the existing migrations to a throwaway in-memory
 * PostgreSQL (PGlite), compares with the entities, and writes the difference as a new migration.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error('Usage: npm run migration:generate -- NameInPascalCase');
  }
  const embedded = await EmbeddedPostgres.start('memory');
  const dataSource = new DataSource(dataSourceOptions(embedded.url, 1));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const diff = await schemaDiff(dataSource);
    if (diff.up.length === 0) {
      process.stdout.write('No changes: the entities match the migrations.\n');
      return;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const dir = path.join(__dirname, '../src/database/migrations');
    const file = `${timestamp}-${name}`;
    const literal = (q: string) => '`' + q.replace(/[`\\]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${') + '`';
    const lines = (queries: string[]) =>
      queries.map((q) => `    await queryRunner.query(${literal(q)});`).join('\n');
    const target = path.join(dir, `${file}.ts`);
    const source =
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\n` +
      `export class ${className} implements MigrationInterface {\n` +
      `  name = '${className}';\n\n` +
      `  async up(queryRunner: QueryRunner): Promise<void> {\n${lines(diff.up)}\n  }\n\n` +
      `  async down(queryRunner: QueryRunner): Promise<void> {\n${lines(diff.down)}\n  }\n}\n`;
    const prettierOptions = (await prettier.resolveConfig(target)) ?? {};
    fs.writeFileSync(target, await prettier.format(source, { ...prettierOptions, filepath: target }));
    const indexFile = path.join(dir, 'index.ts');
    const index = fs.readFileSync(indexFile, 'utf8');
    const importLine = `import { ${className} } from './${file}';\n`;
    const withImport = /^import /m.test(index)
      ? index.replace(/((?:^import .*\n)+)/m, `$1${importLine}`)
      : `${importLine}\n${index}`;
    const updated = withImport.replace(/= \[([\s\S]*?)\];/, (_m, list: string) => {
      const items = list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return `= [${[...items, className].join(', ')}];`;
    });
    fs.writeFileSync(indexFile, await prettier.format(updated, { ...prettierOptions, filepath: indexFile }));
    process.stdout.write(
      `Wrote ${path.relative(process.cwd(), path.join(dir, file))}.ts — review it, then commit.\n`,
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
