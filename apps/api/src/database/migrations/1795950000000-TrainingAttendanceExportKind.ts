import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Written by hand: the schema diff does not compare CHECK constraints. Allows the `training-attendance` export. */
export class TrainingAttendanceExportKind1795950000000 implements MigrationInterface {
  name = 'TrainingAttendanceExportKind1795950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "export_run" DROP CONSTRAINT "ck_export_run_kind"`);
    await queryRunner.query(
      `ALTER TABLE "export_run" ADD CONSTRAINT "ck_export_run_kind" CHECK ("kind" IN ('compliance-matrix', 'compliance-people', 'awards', 'audit', 'training-report', 'training-attendance'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "export_run" WHERE "kind" = 'training-attendance'`);
    await queryRunner.query(`ALTER TABLE "export_run" DROP CONSTRAINT "ck_export_run_kind"`);
    await queryRunner.query(
      `ALTER TABLE "export_run" ADD CONSTRAINT "ck_export_run_kind" CHECK ("kind" IN ('compliance-matrix', 'compliance-people', 'awards', 'audit', 'training-report'))`,
    );
  }
}
