import type { MigrationInterface, QueryRunner } from 'typeorm';

export class JobOutboxTrace1795927729710 implements MigrationInterface {
  name = 'JobOutboxTrace1795927729710';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "job_outbox" ADD "trace" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "job_outbox" DROP COLUMN "trace"`);
  }
}
