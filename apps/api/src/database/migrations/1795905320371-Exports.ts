import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Exports1795905320371 implements MigrationInterface {
  name = 'Exports1795905320371';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "export_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "requested_by" uuid NOT NULL, "kind" character varying(32) NOT NULL, "format" character varying(8) NOT NULL, "delimiter" character varying(1), "language" character varying(2) NOT NULL, "filters" jsonb NOT NULL, "scope" jsonb NOT NULL, "as_of" TIMESTAMP WITH TIME ZONE NOT NULL, "audit_snapshot" bigint, "status" character varying(16) NOT NULL DEFAULT 'queued', "rows_total" integer, "rows_done" integer NOT NULL DEFAULT '0', "attempts" integer NOT NULL DEFAULT '0', "file_name" character varying(200), "content_type" character varying(100), "file_size" bigint, "error_code" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_export_run_format" CHECK ("format" IN ('csv', 'xlsx', 'pdf')), CONSTRAINT "ck_export_run_kind" CHECK ("kind" IN ('compliance-matrix', 'compliance-people', 'awards', 'audit')), CONSTRAINT "ck_export_run_status" CHECK ("status" IN ('queued', 'running', 'ready', 'failed')), CONSTRAINT "PK_159824b5a990ff94e8ef7878be3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_export_run_expires_at" ON "export_run" ("expires_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_export_run_requested_by_created" ON "export_run" ("requested_by", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "export_file_chunk" ("export_id" uuid NOT NULL, "seq" integer NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_a0537e1dd31eef9b89099cfd3a6" PRIMARY KEY ("export_id", "seq"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "export_run" ADD CONSTRAINT "fk_export_run_requested_by" FOREIGN KEY ("requested_by") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "export_file_chunk" ADD CONSTRAINT "fk_export_file_chunk_export" FOREIGN KEY ("export_id") REFERENCES "export_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "export_file_chunk" DROP CONSTRAINT "fk_export_file_chunk_export"`);
    await queryRunner.query(`ALTER TABLE "export_run" DROP CONSTRAINT "fk_export_run_requested_by"`);
    await queryRunner.query(`DROP TABLE "export_file_chunk"`);
    await queryRunner.query(`DROP INDEX "public"."ix_export_run_requested_by_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_export_run_expires_at"`);
    await queryRunner.query(`DROP TABLE "export_run"`);
  }
}
