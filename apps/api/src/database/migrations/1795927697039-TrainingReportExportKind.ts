import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Written by hand: the schema diff does not compare CHECK constraints. Allows the `training-report` export. */
export class TrainingReportExportKind1795927697039 implements MigrationInterface {
  name = 'TrainingReportExportKind1795927697039';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "export_run" DROP CONSTRAINT "ck_export_run_kind"`);
    await queryRunner.query(
      `ALTER TABLE "export_run" ADD CONSTRAINT "ck_export_run_kind" CHECK ("kind" IN ('compliance-matrix', 'compliance-people', 'awards', 'audit', 'training-report'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "export_run" WHERE "kind" = 'training-report'`);
    await queryRunner.query(`ALTER TABLE "export_run" DROP CONSTRAINT "ck_export_run_kind"`);
    await queryRunner.query(
      `ALTER TABLE "export_run" ADD CONSTRAINT "ck_export_run_kind" CHECK ("kind" IN ('compliance-matrix', 'compliance-people', 'awards', 'audit'))`,
    );
  }
}
