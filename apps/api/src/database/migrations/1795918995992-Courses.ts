import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Courses1795918995992 implements MigrationInterface {
  name = 'Courses1795918995992';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "course" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(40) NOT NULL, "definition_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'draft', "current_version_id" uuid, "revision" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_course_status" CHECK ("status" IN ('draft', 'published', 'archived')), CONSTRAINT "PK_bf95180dd756fd204fb01ce4916" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_course_code" ON "course" ("code") `);
    await queryRunner.query(`CREATE INDEX "ix_course_definition" ON "course" ("definition_id") `);
    await queryRunner.query(
      `CREATE TABLE "course_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "course_id" uuid NOT NULL, "version" integer NOT NULL, "content" jsonb NOT NULL, "pass_mark" integer NOT NULL, "questions_per_attempt" integer NOT NULL, "max_attempts" integer NOT NULL, "cooldown_minutes" integer NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_course_version_pass_mark" CHECK ("pass_mark" BETWEEN 1 AND 100), CONSTRAINT "PK_be2c44542ff683636ad90e1b179" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_course_version_draft" ON "course_version" ("course_id") WHERE "published_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_course_version_number" ON "course_version" ("course_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "course_progress" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "course_id" uuid NOT NULL, "course_version_id" uuid NOT NULL, "completed_lesson_ids" jsonb NOT NULL, "current_lesson_id" character varying(40), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_eadd1b31d44023e533eb847c4f7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_course_progress_course" ON "course_progress" ("course_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_course_progress_staff_course" ON "course_progress" ("staff_id", "course_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "course_attempt" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "course_id" uuid NOT NULL, "course_version_id" uuid NOT NULL, "number" integer NOT NULL, "question_ids" jsonb NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE, "answers" jsonb, "score" numeric(4,1), "passed" boolean, "award_id" uuid, CONSTRAINT "ck_course_attempt_submitted" CHECK ("submitted_at" IS NULL OR ("score" IS NOT NULL AND "passed" IS NOT NULL)), CONSTRAINT "PK_a595b4768c0c4d6503bf970b560" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_course_attempt_course" ON "course_attempt" ("course_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_course_attempt_open" ON "course_attempt" ("staff_id", "course_id") WHERE "submitted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_course_attempt_number" ON "course_attempt" ("staff_id", "course_version_id", "number") `,
    );
    await queryRunner.query(
      `ALTER TABLE "course" ADD CONSTRAINT "fk_course_definition" FOREIGN KEY ("definition_id") REFERENCES "credential_definition"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course" ADD CONSTRAINT "fk_course_current_version" FOREIGN KEY ("current_version_id") REFERENCES "course_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_version" ADD CONSTRAINT "fk_course_version_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_progress" ADD CONSTRAINT "fk_course_progress_staff" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_progress" ADD CONSTRAINT "fk_course_progress_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_progress" ADD CONSTRAINT "fk_course_progress_version" FOREIGN KEY ("course_version_id") REFERENCES "course_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_attempt" ADD CONSTRAINT "fk_course_attempt_staff" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_attempt" ADD CONSTRAINT "fk_course_attempt_course" FOREIGN KEY ("course_id") REFERENCES "course"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_attempt" ADD CONSTRAINT "fk_course_attempt_version" FOREIGN KEY ("course_version_id") REFERENCES "course_version"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_attempt" ADD CONSTRAINT "fk_course_attempt_award" FOREIGN KEY ("award_id") REFERENCES "award"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "course_attempt" DROP CONSTRAINT "fk_course_attempt_award"`);
    await queryRunner.query(`ALTER TABLE "course_attempt" DROP CONSTRAINT "fk_course_attempt_version"`);
    await queryRunner.query(`ALTER TABLE "course_attempt" DROP CONSTRAINT "fk_course_attempt_course"`);
    await queryRunner.query(`ALTER TABLE "course_attempt" DROP CONSTRAINT "fk_course_attempt_staff"`);
    await queryRunner.query(`ALTER TABLE "course_progress" DROP CONSTRAINT "fk_course_progress_version"`);
    await queryRunner.query(`ALTER TABLE "course_progress" DROP CONSTRAINT "fk_course_progress_course"`);
    await queryRunner.query(`ALTER TABLE "course_progress" DROP CONSTRAINT "fk_course_progress_staff"`);
    await queryRunner.query(`ALTER TABLE "course_version" DROP CONSTRAINT "fk_course_version_course"`);
    await queryRunner.query(`ALTER TABLE "course" DROP CONSTRAINT "fk_course_current_version"`);
    await queryRunner.query(`ALTER TABLE "course" DROP CONSTRAINT "fk_course_definition"`);
    await queryRunner.query(`DROP INDEX "public"."uq_course_attempt_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_course_attempt_open"`);
    await queryRunner.query(`DROP INDEX "public"."ix_course_attempt_course"`);
    await queryRunner.query(`DROP TABLE "course_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."uq_course_progress_staff_course"`);
    await queryRunner.query(`DROP INDEX "public"."ix_course_progress_course"`);
    await queryRunner.query(`DROP TABLE "course_progress"`);
    await queryRunner.query(`DROP INDEX "public"."uq_course_version_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_course_version_draft"`);
    await queryRunner.query(`DROP TABLE "course_version"`);
    await queryRunner.query(`DROP INDEX "public"."ix_course_definition"`);
    await queryRunner.query(`DROP INDEX "public"."uq_course_code"`);
    await queryRunner.query(`DROP TABLE "course"`);
  }
}
