import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CatalogueAndAwards1795887497802 implements MigrationInterface {
  name = 'CatalogueAndAwards1795887497802';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Hand-written: the Open Badges status list index of each award, allocated at issue time
    // (AwardRepository.insertMany calls nextval). A sequence never hands out a number twice, even across
    // rolled-back transactions, so an index is never reused for another award.
    await queryRunner.query(`CREATE SEQUENCE "award_status_list_seq" AS integer MINVALUE 0 START WITH 0`);
    await queryRunner.query(
      `CREATE TABLE "credential_definition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(40) NOT NULL, "category" character varying(40) NOT NULL, "esco_skill_uri" character varying(300), "status" character varying(16) NOT NULL DEFAULT 'draft', "current_version_id" uuid, "revision" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_credential_definition_status" CHECK ("status" IN ('draft', 'published', 'archived')), CONSTRAINT "PK_66c0765e6510dbd4aa399a4767f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_credential_definition_code" ON "credential_definition" ("code") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_credential_definition_category" ON "credential_definition" ("category") `,
    );
    await queryRunner.query(
      `CREATE TABLE "credential_definition_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "definition_id" uuid NOT NULL, "version" integer NOT NULL, "title" jsonb NOT NULL, "description" jsonb NOT NULL, "criteria" jsonb NOT NULL, "learning_outcomes" jsonb NOT NULL, "awarding_body_name" character varying(200) NOT NULL, "awarding_body_country" character(2) NOT NULL, "workload_hours" numeric(6,1) NOT NULL, "ects" numeric(4,1), "eqf_level" smallint, "assessment_type" character varying(24) NOT NULL, "participation_form" character varying(16) NOT NULL, "quality_assurance" jsonb NOT NULL, "prerequisites" jsonb, "supervision" character varying(40), "grade_scheme" jsonb, "stackability" jsonb, "validity_months" integer, "recert_window_months" integer NOT NULL DEFAULT '0', "recert_window_days" integer NOT NULL DEFAULT '0', "expiry_basis" character varying(16) NOT NULL DEFAULT 'completion', "fixed_expiry_month" smallint, "fixed_expiry_day" smallint, "badge_image_id" uuid, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_credential_version_expiry_basis" CHECK ("expiry_basis" IN ('completion', 'expiry', 'fixed')), CONSTRAINT "ck_credential_version_supervision" CHECK ("supervision" IS NULL OR "supervision" IN ('unsupervised_no_identity_check', 'supervised_no_identity_check', 'supervised_online_identity_check', 'supervised_on_site_identity_check')), CONSTRAINT "ck_credential_version_assessment" CHECK ("assessment_type" IN ('written_exam', 'practical_exam', 'oral_exam', 'online_test', 'observation', 'portfolio', 'combined', 'attendance_only')), CONSTRAINT "ck_credential_version_participation" CHECK ("participation_form" IN ('online', 'on_site', 'blended')), CONSTRAINT "ck_credential_version_eqf" CHECK ("eqf_level" IS NULL OR "eqf_level" BETWEEN 1 AND 8), CONSTRAINT "PK_6f90732ca5a9b78f218c9eab801" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_credential_version_draft" ON "credential_definition_version" ("definition_id") WHERE "published_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_credential_version_number" ON "credential_definition_version" ("definition_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "credential_badge_image" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sha256" character(64) NOT NULL, "mime_type" character varying(40) NOT NULL, "size" integer NOT NULL, "width" integer NOT NULL, "height" integer NOT NULL, "content" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_370a3373e366ffe075279313ca3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_credential_badge_image_sha256" ON "credential_badge_image" ("sha256") `,
    );
    await queryRunner.query(
      `CREATE TABLE "award" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "definition_id" uuid NOT NULL, "definition_version_id" uuid NOT NULL, "issued_on" date NOT NULL, "valid_until" date, "renewal_opens_on" date, "counts_from" character varying(20) NOT NULL, "renewal_timing" character varying(24) NOT NULL, "issuer" character varying(200) NOT NULL, "assessment_result" jsonb, "evidence_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'active', "source" character varying(16) NOT NULL DEFAULT 'single', "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" character varying(200), "revoke_reason" text, "superseded_by_id" uuid, "renewal_of_id" uuid, "status_list_index" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_award_revoked" CHECK ("status" <> 'revoked' OR ("revoked_at" IS NOT NULL AND "revoke_reason" IS NOT NULL)), CONSTRAINT "ck_award_dates" CHECK ("valid_until" IS NULL OR "valid_until" >= "issued_on"), CONSTRAINT "ck_award_source" CHECK ("source" IN ('single', 'bulk', 'import', 'seed')), CONSTRAINT "ck_award_status" CHECK ("status" IN ('active', 'revoked', 'superseded')), CONSTRAINT "PK_e887e4e69663925ebb60d3a7775" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_award_version" ON "award" ("definition_version_id") `);
    await queryRunner.query(`CREATE INDEX "ix_award_status" ON "award" ("status") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_award_status_list_index" ON "award" ("status_list_index") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_award_active" ON "award" ("staff_id", "definition_id") WHERE "status" = 'active'`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_award_definition_valid_until" ON "award" ("definition_id", "valid_until") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_award_staff_definition" ON "award" ("staff_id", "definition_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "credential_definition" ADD CONSTRAINT "fk_credential_definition_current" FOREIGN KEY ("current_version_id") REFERENCES "credential_definition_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential_definition_version" ADD CONSTRAINT "fk_credential_version_definition" FOREIGN KEY ("definition_id") REFERENCES "credential_definition"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential_definition_version" ADD CONSTRAINT "fk_credential_version_badge" FOREIGN KEY ("badge_image_id") REFERENCES "credential_badge_image"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award" ADD CONSTRAINT "fk_award_staff" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award" ADD CONSTRAINT "fk_award_definition" FOREIGN KEY ("definition_id") REFERENCES "credential_definition"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award" ADD CONSTRAINT "fk_award_version" FOREIGN KEY ("definition_version_id") REFERENCES "credential_definition_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award" ADD CONSTRAINT "fk_award_superseded_by" FOREIGN KEY ("superseded_by_id") REFERENCES "award"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award" ADD CONSTRAINT "fk_award_renewal_of" FOREIGN KEY ("renewal_of_id") REFERENCES "award"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "award" DROP CONSTRAINT "fk_award_renewal_of"`);
    await queryRunner.query(`ALTER TABLE "award" DROP CONSTRAINT "fk_award_superseded_by"`);
    await queryRunner.query(`ALTER TABLE "award" DROP CONSTRAINT "fk_award_version"`);
    await queryRunner.query(`ALTER TABLE "award" DROP CONSTRAINT "fk_award_definition"`);
    await queryRunner.query(`ALTER TABLE "award" DROP CONSTRAINT "fk_award_staff"`);
    await queryRunner.query(
      `ALTER TABLE "credential_definition_version" DROP CONSTRAINT "fk_credential_version_badge"`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential_definition_version" DROP CONSTRAINT "fk_credential_version_definition"`,
    );
    await queryRunner.query(
      `ALTER TABLE "credential_definition" DROP CONSTRAINT "fk_credential_definition_current"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_award_staff_definition"`);
    await queryRunner.query(`DROP INDEX "public"."ix_award_definition_valid_until"`);
    await queryRunner.query(`DROP INDEX "public"."uq_award_active"`);
    await queryRunner.query(`DROP INDEX "public"."uq_award_status_list_index"`);
    await queryRunner.query(`DROP INDEX "public"."ix_award_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_award_version"`);
    await queryRunner.query(`DROP TABLE "award"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credential_badge_image_sha256"`);
    await queryRunner.query(`DROP TABLE "credential_badge_image"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credential_version_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credential_version_draft"`);
    await queryRunner.query(`DROP TABLE "credential_definition_version"`);
    await queryRunner.query(`DROP INDEX "public"."ix_credential_definition_category"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credential_definition_code"`);
    await queryRunner.query(`DROP TABLE "credential_definition"`);
    await queryRunner.query(`DROP SEQUENCE "award_status_list_seq"`);
  }
}
