import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { databaseUrlFor, TEST_PG_ADMIN_URL } from './test-env';

/** Creates a fresh database for this run and applies every migration once. */
export default async function globalSetup(): Promise<void> {
  const name = `brevet_it_${Date.now().toString(36)}_${process.pid}`;
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = databaseUrlFor(name);
  const dataSource = new DataSource(dataSourceOptions(url, 1));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  process.env['BREVET_TEST_DATABASE_URL'] = url;
  process.env['BREVET_TEST_DATABASE_NAME'] = name;
}
