import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganisationAndPeople1795883702733 implements MigrationInterface {
  name = 'OrganisationAndPeople1795883702733';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "branch_region_period" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "branch_id" uuid NOT NULL, "region_id" uuid NOT NULL, "valid_from" date NOT NULL, "valid_to" date, CONSTRAINT "ck_branch_region_period_range" CHECK ("valid_to" IS NULL OR "valid_to" > "valid_from"), CONSTRAINT "PK_3047ae58f71e740633baaab2b04" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_branch_region_period_branch" ON "branch_region_period" ("branch_id", "valid_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "job_role" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(40) NOT NULL, "names" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_job_role_status" CHECK ("status" IN ('active', 'archived')), CONSTRAINT "PK_c4851e6391dfa2a91f552b057d6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_job_role_code" ON "job_role" ("code") `);
    await queryRunner.query(
      `CREATE TABLE "staff" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "employee_number" character varying(64) NOT NULL, "given_name" character varying(100) NOT NULL, "family_name" character varying(100) NOT NULL, "email" character varying(254), "preferred_language" character varying(8) NOT NULL DEFAULT 'de', "branch_id" uuid NOT NULL, "manager_id" uuid, "hire_date" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "left_on" date, "external_id" character varying(200), "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_staff_status" CHECK ("status" IN ('active', 'on_leave', 'left')), CONSTRAINT "PK_e4ee98bb552756c180aec1e854a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_staff_employee_number" ON "staff" ("employee_number") `);
    await queryRunner.query(`CREATE INDEX "ix_staff_email" ON "staff" ("email") `);
    await queryRunner.query(`CREATE INDEX "ix_staff_manager" ON "staff" ("manager_id") `);
    await queryRunner.query(`CREATE INDEX "ix_staff_branch_status" ON "staff" ("branch_id", "status") `);
    await queryRunner.query(
      `CREATE TABLE "staff_branch_period" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "branch_id" uuid NOT NULL, "valid_from" date NOT NULL, "valid_to" date, CONSTRAINT "ck_staff_branch_period_range" CHECK ("valid_to" IS NULL OR "valid_to" > "valid_from"), CONSTRAINT "PK_09d9dbb08c197c6d24a11e47b44" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_staff_branch_period_branch" ON "staff_branch_period" ("branch_id", "valid_from") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_staff_branch_period_staff" ON "staff_branch_period" ("staff_id", "valid_from") `,
    );
    await queryRunner.query(
      `CREATE TABLE "staff_role_period" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "job_role_id" uuid NOT NULL, "valid_from" date NOT NULL, "valid_to" date, CONSTRAINT "ck_staff_role_period_range" CHECK ("valid_to" IS NULL OR "valid_to" > "valid_from"), CONSTRAINT "PK_a9e8b4b2b7b2714a739b2ca24ab" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_staff_role_period_role" ON "staff_role_period" ("job_role_id", "valid_from") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_staff_role_period_staff" ON "staff_role_period" ("staff_id", "valid_from") `,
    );
    // Hand-edited: existing branches get their country's main locale and a first region period.
    await queryRunner.query(`ALTER TABLE "branch" ADD "locale" character varying(35)`);
    await queryRunner.query(
      `UPDATE "branch" SET "locale" = CASE "country" WHEN 'DE' THEN 'de-DE' WHEN 'AT' THEN 'de-AT' WHEN 'CH' THEN 'de-CH' WHEN 'PL' THEN 'pl-PL' ELSE 'en-' || "country" END`,
    );
    await queryRunner.query(`ALTER TABLE "branch" ALTER COLUMN "locale" SET NOT NULL`);
    await queryRunner.query(
      `INSERT INTO "branch_region_period" ("branch_id", "region_id", "valid_from") SELECT "id", "region_id", "created_at"::date FROM "branch"`,
    );
    await queryRunner.query(`ALTER TABLE "branch" ADD "address" text`);
    await queryRunner.query(
      `ALTER TABLE "branch_region_period" ADD CONSTRAINT "fk_branch_region_period_branch" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "branch_region_period" ADD CONSTRAINT "fk_branch_region_period_region" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff" ADD CONSTRAINT "fk_staff_branch" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff" ADD CONSTRAINT "fk_staff_manager" FOREIGN KEY ("manager_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff_branch_period" ADD CONSTRAINT "fk_staff_branch_period_staff" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff_branch_period" ADD CONSTRAINT "fk_staff_branch_period_branch" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff_role_period" ADD CONSTRAINT "fk_staff_role_period_staff" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff_role_period" ADD CONSTRAINT "fk_staff_role_period_role" FOREIGN KEY ("job_role_id") REFERENCES "job_role"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff_role_period" DROP CONSTRAINT "fk_staff_role_period_role"`);
    await queryRunner.query(`ALTER TABLE "staff_role_period" DROP CONSTRAINT "fk_staff_role_period_staff"`);
    await queryRunner.query(
      `ALTER TABLE "staff_branch_period" DROP CONSTRAINT "fk_staff_branch_period_branch"`,
    );
    await queryRunner.query(
      `ALTER TABLE "staff_branch_period" DROP CONSTRAINT "fk_staff_branch_period_staff"`,
    );
    await queryRunner.query(`ALTER TABLE "staff" DROP CONSTRAINT "fk_staff_manager"`);
    await queryRunner.query(`ALTER TABLE "staff" DROP CONSTRAINT "fk_staff_branch"`);
    await queryRunner.query(
      `ALTER TABLE "branch_region_period" DROP CONSTRAINT "fk_branch_region_period_region"`,
    );
    await queryRunner.query(
      `ALTER TABLE "branch_region_period" DROP CONSTRAINT "fk_branch_region_period_branch"`,
    );
    await queryRunner.query(`ALTER TABLE "branch" DROP COLUMN "address"`);
    await queryRunner.query(`ALTER TABLE "branch" DROP COLUMN "locale"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_role_period_staff"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_role_period_role"`);
    await queryRunner.query(`DROP TABLE "staff_role_period"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_branch_period_staff"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_branch_period_branch"`);
    await queryRunner.query(`DROP TABLE "staff_branch_period"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_branch_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_manager"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_email"`);
    await queryRunner.query(`DROP INDEX "public"."uq_staff_employee_number"`);
    await queryRunner.query(`DROP TABLE "staff"`);
    await queryRunner.query(`DROP INDEX "public"."uq_job_role_code"`);
    await queryRunner.query(`DROP TABLE "job_role"`);
    await queryRunner.query(`DROP INDEX "public"."ix_branch_region_period_branch"`);
    await queryRunner.query(`DROP TABLE "branch_region_period"`);
  }
}
