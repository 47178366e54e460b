import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { DatabaseHealthRepository } from './database-health.repository';
import { MigrationService } from './migration.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (!config.database.url)
          throw new Error('database URL missing: the entry point starts the database first');
        return {
          ...dataSourceOptions(config.database.url, config.database.poolMax),
          retryAttempts: config.database.connectRetries,
          retryDelay: config.database.connectRetryDelayMs,
        };
      },
    }),
  ],
  providers: [DatabaseHealthRepository, MigrationService],
  exports: [DatabaseHealthRepository, MigrationService],
})
export class DatabaseModule {}
