import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HrImportTweaks1795884445446 implements MigrationInterface {
  name = 'HrImportTweaks1795884445446';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "hr_import" ADD "columns" jsonb`);
    await queryRunner.query(`ALTER TABLE "hr_import" ADD "result" jsonb`);
    await queryRunner.query(`ALTER TABLE "hr_import" ADD "error_count" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "hr_import" ADD "warning_count" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `ALTER TABLE "hr_import_issue" ADD "severity" character varying(8) NOT NULL DEFAULT 'error'`,
    );
    await queryRunner.query(
      `ALTER TABLE "hr_import" ADD CONSTRAINT "ck_hr_import_status" CHECK ("status" IN ('receiving', 'uploaded', 'validating', 'validated', 'invalid', 'applying', 'applied', 'failed'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "hr_import_issue" ADD CONSTRAINT "ck_hr_import_issue_severity" CHECK ("severity" IN ('error', 'warning'))`,
    );
    // Hand-written: the staging table of validated rows, waiting to be applied. It has no entity because only
    // HrImportRepository's set-based SQL touches it. UNLOGGED: no WAL for data that can be rebuilt by
    // validating again; after a database crash PostgreSQL empties it, and apply then refuses the import
    // (the staged row count no longer matches) instead of applying half a file. No foreign key and no index
    // beyond the key: every row written costs, and HrImportRepository removes an import's rows itself.
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "hr_import_row" ("import_id" uuid NOT NULL, "row" integer NOT NULL, "valid" boolean NOT NULL, "employee_number" character varying(64) NOT NULL, "given_name" character varying(100), "family_name" character varying(100), "email" character varying(254), "preferred_language" character varying(8), "branch_id" uuid, "role_ids" uuid[], "manager_number" character varying(64), "hire_date" date, "status" character varying(16), CONSTRAINT "pk_hr_import_row" PRIMARY KEY ("import_id", "row"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "hr_import_row"`);
    await queryRunner.query(`ALTER TABLE "hr_import_issue" DROP CONSTRAINT "ck_hr_import_issue_severity"`);
    await queryRunner.query(`ALTER TABLE "hr_import" DROP CONSTRAINT "ck_hr_import_status"`);
    await queryRunner.query(`ALTER TABLE "hr_import_issue" DROP COLUMN "severity"`);
    await queryRunner.query(`ALTER TABLE "hr_import" DROP COLUMN "warning_count"`);
    await queryRunner.query(`ALTER TABLE "hr_import" DROP COLUMN "error_count"`);
    await queryRunner.query(`ALTER TABLE "hr_import" DROP COLUMN "result"`);
    await queryRunner.query(`ALTER TABLE "hr_import" DROP COLUMN "columns"`);
  }
}
