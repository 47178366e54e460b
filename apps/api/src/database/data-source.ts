import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/**
 * Entry point for the TypeORM CLI (`typeorm -d apps/api/src/database/data-source.ts migration:show`).
 * It needs DATABASE_URL; `npm run migration:generate` starts an embedded database itself.
 */
const config = AppConfig.load();
if (!config.database.url) {
  throw new Error(
    'The TypeORM CLI needs DATABASE_URL. To generate a migration use: npm run migration:generate',
  );
}

export default new DataSource(dataSourceOptions(config.database.url, 1));
