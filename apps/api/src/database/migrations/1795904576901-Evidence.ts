import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Evidence1795904576901 implements MigrationInterface {
  name = 'Evidence1795904576901';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "definition_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "issued_on" date NOT NULL, "expires_on" date, "note" text, "file_name" character varying(160) NOT NULL, "media_type" character varying(40) NOT NULL, "file_size" integer NOT NULL, "file_sha256" character(64) NOT NULL, "submitted_by_user_id" uuid, "submitted_by_name" character varying(200) NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by_user_id" uuid, "decided_by_name" character varying(200), "decided_at" TIMESTAMP WITH TIME ZONE, "reject_reason" text, "award_id" uuid, CONSTRAINT "ck_evidence_approved" CHECK ("status" <> 'approved' OR "award_id" IS NOT NULL), CONSTRAINT "ck_evidence_rejected" CHECK ("status" <> 'rejected' OR "reject_reason" IS NOT NULL), CONSTRAINT "ck_evidence_decided" CHECK ("status" = 'pending' OR "decided_at" IS NOT NULL), CONSTRAINT "ck_evidence_dates" CHECK ("expires_on" IS NULL OR "expires_on" >= "issued_on"), CONSTRAINT "ck_evidence_media_type" CHECK ("media_type" IN ('application/pdf', 'image/png', 'image/jpeg')), CONSTRAINT "ck_evidence_status" CHECK ("status" IN ('pending', 'approved', 'rejected', 'withdrawn')), CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_evidence_staff" ON "evidence" ("staff_id") `);
    await queryRunner.query(`CREATE INDEX "ix_evidence_definition" ON "evidence" ("definition_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_evidence_submitted_by" ON "evidence" ("submitted_by_user_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_evidence_status_submitted" ON "evidence" ("status", "submitted_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_evidence_pending" ON "evidence" ("staff_id", "definition_id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "evidence_file" ("evidence_id" uuid NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_20a27dabb34e6703f913745c9ea" PRIMARY KEY ("evidence_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "fk_evidence_staff" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "fk_evidence_definition" FOREIGN KEY ("definition_id") REFERENCES "credential_definition"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "fk_evidence_submitted_by" FOREIGN KEY ("submitted_by_user_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "fk_evidence_decided_by" FOREIGN KEY ("decided_by_user_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "fk_evidence_award" FOREIGN KEY ("award_id") REFERENCES "award"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_file" ADD CONSTRAINT "fk_evidence_file_evidence" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence_file" DROP CONSTRAINT "fk_evidence_file_evidence"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "fk_evidence_award"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "fk_evidence_decided_by"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "fk_evidence_submitted_by"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "fk_evidence_definition"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP CONSTRAINT "fk_evidence_staff"`);
    await queryRunner.query(`DROP TABLE "evidence_file"`);
    await queryRunner.query(`DROP INDEX "public"."uq_evidence_pending"`);
    await queryRunner.query(`DROP INDEX "public"."ix_evidence_status_submitted"`);
    await queryRunner.query(`DROP INDEX "public"."ix_evidence_submitted_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_evidence_definition"`);
    await queryRunner.query(`DROP INDEX "public"."ix_evidence_staff"`);
    await queryRunner.query(`DROP TABLE "evidence"`);
  }
}
