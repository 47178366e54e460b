import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ComplianceTrends1795905973665 implements MigrationInterface {
  name = 'ComplianceTrends1795905973665';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "compliance_snapshot" ("day" date NOT NULL, "branch_id" uuid NOT NULL, "definition_id" uuid NOT NULL, "total" integer NOT NULL, "compliant" integer NOT NULL, "expiring" integer NOT NULL, "expired" integer NOT NULL, "missing_overdue" integer NOT NULL, "missing_in_grace" integer NOT NULL, "exempt" integer NOT NULL, CONSTRAINT "PK_4ffc0f5d161027c0285ae384691" PRIMARY KEY ("day", "branch_id", "definition_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compliance_snapshot_branch_day" ON "compliance_snapshot" ("branch_id", "day") `,
    );
    await queryRunner.query(
      `CREATE TABLE "compliance_snapshot_day" ("day" date NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_23670f7d6782060fbab8f901d1a" PRIMARY KEY ("day"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "recurring_job_run" ("job_name" character varying(100) NOT NULL, "slot_at" TIMESTAMP WITH TIME ZONE NOT NULL, "job_id" character varying(200) NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e49802fdd9de2b17e0575506750" PRIMARY KEY ("job_name", "slot_at"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "recurring_job_run"`);
    await queryRunner.query(`DROP TABLE "compliance_snapshot_day"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compliance_snapshot_branch_day"`);
    await queryRunner.query(`DROP TABLE "compliance_snapshot"`);
  }
}
