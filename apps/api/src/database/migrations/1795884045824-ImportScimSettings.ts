import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportScimSettings1795884045824 implements MigrationInterface {
  name = 'ImportScimSettings1795884045824';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "hr_import" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" character varying(16) NOT NULL, "file_name" character varying(255) NOT NULL, "file_size" bigint NOT NULL, "full_export" boolean NOT NULL DEFAULT false, "delimiter" character varying(1), "encoding" character varying(16), "total_rows" integer, "processed_rows" integer NOT NULL DEFAULT '0', "counts" jsonb, "issue_count" integer NOT NULL DEFAULT '0', "failure" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "validated_at" TIMESTAMP WITH TIME ZONE, "applied_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e511c5639a0eb2932a2e05a8fe5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "hr_import_chunk" ("import_id" uuid NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_98aa99ee7f4cfdd5261b1305e69" PRIMARY KEY ("import_id", "seq"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "hr_import_issue" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "import_id" uuid NOT NULL, "row" integer NOT NULL, "column" character varying(64), "code" character varying(64) NOT NULL, "message" text NOT NULL, CONSTRAINT "PK_54681568b16a11fad2156966988" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_hr_import_issue_import_row" ON "hr_import_issue" ("import_id", "row") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scim_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "token_hash" character varying(64) NOT NULL, "prefix" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a5715b8446ee4a9cc6c0f19054d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scim_token_hash" ON "scim_token" ("token_hash") `);
    await queryRunner.query(
      `CREATE TABLE "scim_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "user_name" character varying(254) NOT NULL, "external_id" character varying(200), "active" boolean NOT NULL DEFAULT true, "deleted_at" TIMESTAMP WITH TIME ZONE, "raw" jsonb, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_ec5cf244faa5ff8e187b26b2dd" UNIQUE ("staff_id"), CONSTRAINT "PK_d67f8a1c694add8068e9ba25809" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scim_user_staff" ON "scim_user" ("staff_id") `);
    await queryRunner.query(
      `CREATE TABLE "scim_group" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "display_name" character varying(256) NOT NULL, "external_id" character varying(200), "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7c1aa55b2b5914cb8c22ca5f800" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "scim_group_member" ("group_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_e0a24eae7badb28210daf89a6ce" PRIMARY KEY ("group_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_scim_group_member_user" ON "scim_group_member" ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "app_setting" ("key" character varying(100) NOT NULL, "value" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0d66bfb0d9f93124a4549d21af0" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "hr_import_chunk" ADD CONSTRAINT "fk_hr_import_chunk_import" FOREIGN KEY ("import_id") REFERENCES "hr_import"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "hr_import_issue" ADD CONSTRAINT "fk_hr_import_issue_import" FOREIGN KEY ("import_id") REFERENCES "hr_import"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scim_user" ADD CONSTRAINT "fk_scim_user_staff" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scim_group_member" ADD CONSTRAINT "fk_scim_group_member_group" FOREIGN KEY ("group_id") REFERENCES "scim_group"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scim_group_member" ADD CONSTRAINT "fk_scim_group_member_user" FOREIGN KEY ("user_id") REFERENCES "scim_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Hand-written: case-insensitive uniqueness, as SCIM clients expect (userName "Anna@x" equals "anna@x").
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_scim_user_user_name" ON "scim_user" (lower("user_name")) WHERE "deleted_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_scim_group_display_name" ON "scim_group" (lower("display_name"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_scim_group_display_name"`);
    await queryRunner.query(`DROP INDEX "public"."uq_scim_user_user_name"`);
    await queryRunner.query(`ALTER TABLE "scim_group_member" DROP CONSTRAINT "fk_scim_group_member_user"`);
    await queryRunner.query(`ALTER TABLE "scim_group_member" DROP CONSTRAINT "fk_scim_group_member_group"`);
    await queryRunner.query(`ALTER TABLE "scim_user" DROP CONSTRAINT "fk_scim_user_staff"`);
    await queryRunner.query(`ALTER TABLE "hr_import_issue" DROP CONSTRAINT "fk_hr_import_issue_import"`);
    await queryRunner.query(`ALTER TABLE "hr_import_chunk" DROP CONSTRAINT "fk_hr_import_chunk_import"`);
    await queryRunner.query(`DROP TABLE "app_setting"`);
    await queryRunner.query(`DROP INDEX "public"."ix_scim_group_member_user"`);
    await queryRunner.query(`DROP TABLE "scim_group_member"`);
    await queryRunner.query(`DROP TABLE "scim_group"`);
    await queryRunner.query(`DROP INDEX "public"."uq_scim_user_staff"`);
    await queryRunner.query(`DROP TABLE "scim_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_scim_token_hash"`);
    await queryRunner.query(`DROP TABLE "scim_token"`);
    await queryRunner.query(`DROP INDEX "public"."ix_hr_import_issue_import_row"`);
    await queryRunner.query(`DROP TABLE "hr_import_issue"`);
    await queryRunner.query(`DROP TABLE "hr_import_chunk"`);
    await queryRunner.query(`DROP TABLE "hr_import"`);
  }
}
