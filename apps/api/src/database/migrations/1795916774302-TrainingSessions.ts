import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrainingSessions1795916774302 implements MigrationInterface {
  name = 'TrainingSessions1795916774302';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "training_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "definition_id" uuid NOT NULL, "branch_id" uuid NOT NULL, "location" character varying(300) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "instructor_staff_id" uuid NOT NULL, "capacity" integer NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'scheduled', "certificates_issued_at" TIMESTAMP WITH TIME ZONE, "next_position" integer NOT NULL DEFAULT '1', "revision" integer NOT NULL DEFAULT '1', "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_training_session_times" CHECK ("ends_at" > "starts_at"), CONSTRAINT "ck_training_session_capacity" CHECK ("capacity" BETWEEN 1 AND 500), CONSTRAINT "ck_training_session_status" CHECK ("status" IN ('scheduled', 'cancelled', 'completed')), CONSTRAINT "PK_a17a9657ff5a6e048bfd82c4651" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_training_session_definition" ON "training_session" ("definition_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_training_session_starts" ON "training_session" ("starts_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_training_session_instructor" ON "training_session" ("instructor_staff_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_training_session_branch_starts" ON "training_session" ("branch_id", "starts_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "training_session_enrolment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "staff_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "position" integer NOT NULL, "attended" boolean, "passed" boolean, "award_id" uuid, "enrolled_by_user_id" uuid, "enrolled_by_name" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "promoted_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_training_enrolment_passed" CHECK ("passed" IS NOT TRUE OR "attended" IS TRUE), CONSTRAINT "ck_training_enrolment_status" CHECK ("status" IN ('enrolled', 'waitlisted', 'cancelled')), CONSTRAINT "PK_1bfcfaa0544aca1fdfa6579d8c0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_training_enrolment_staff" ON "training_session_enrolment" ("staff_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_training_enrolment_position" ON "training_session_enrolment" ("session_id", "position") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_training_enrolment_live" ON "training_session_enrolment" ("session_id", "staff_id") WHERE "status" <> 'cancelled'`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session" ADD CONSTRAINT "fk_training_session_definition" FOREIGN KEY ("definition_id") REFERENCES "credential_definition"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session" ADD CONSTRAINT "fk_training_session_branch" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session" ADD CONSTRAINT "fk_training_session_instructor" FOREIGN KEY ("instructor_staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session_enrolment" ADD CONSTRAINT "fk_training_enrolment_session" FOREIGN KEY ("session_id") REFERENCES "training_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session_enrolment" ADD CONSTRAINT "fk_training_enrolment_staff" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session_enrolment" ADD CONSTRAINT "fk_training_enrolment_award" FOREIGN KEY ("award_id") REFERENCES "award"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "training_session_enrolment" DROP CONSTRAINT "fk_training_enrolment_award"`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session_enrolment" DROP CONSTRAINT "fk_training_enrolment_staff"`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session_enrolment" DROP CONSTRAINT "fk_training_enrolment_session"`,
    );
    await queryRunner.query(
      `ALTER TABLE "training_session" DROP CONSTRAINT "fk_training_session_instructor"`,
    );
    await queryRunner.query(`ALTER TABLE "training_session" DROP CONSTRAINT "fk_training_session_branch"`);
    await queryRunner.query(
      `ALTER TABLE "training_session" DROP CONSTRAINT "fk_training_session_definition"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_training_enrolment_live"`);
    await queryRunner.query(`DROP INDEX "public"."uq_training_enrolment_position"`);
    await queryRunner.query(`DROP INDEX "public"."ix_training_enrolment_staff"`);
    await queryRunner.query(`DROP TABLE "training_session_enrolment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_training_session_branch_starts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_training_session_instructor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_training_session_starts"`);
    await queryRunner.query(`DROP INDEX "public"."ix_training_session_definition"`);
    await queryRunner.query(`DROP TABLE "training_session"`);
  }
}
