import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class MigrationService {
  private readonly logger = new Logger(MigrationService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Applies pending migrations, each in its own transaction. Returns the names applied. */
  async runPending(): Promise<string[]> {
    const applied = await this.dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0)
      this.logger.log(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    return applied.map((m) => m.name);
  }
}
