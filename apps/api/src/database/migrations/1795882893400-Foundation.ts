import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795882893400 implements MigrationInterface {
  name = 'Foundation1795882893400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "region" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "parent_id" uuid, "branch_count" integer NOT NULL DEFAULT '0', "branch_count_updated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5f48ffc3af96bc486f5f3f3a6da" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_region_code" ON "region" ("code") `);
    await queryRunner.query(
      `CREATE TABLE "branch" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(16) NOT NULL, "name" character varying(200) NOT NULL, "country" character(2) NOT NULL, "timezone" character varying(64) NOT NULL, "region_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'active', "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_branch_status" CHECK ("status" IN ('active', 'archived')), CONSTRAINT "PK_2e39f426e2faefdaa93c5961976" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_branch_code" ON "branch" ("code") `);
    await queryRunner.query(`CREATE INDEX "ix_branch_region" ON "branch" ("region_id") `);
    await queryRunner.query(
      `CREATE TABLE "job_outbox" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "job_id" character varying(200) NOT NULL, "name" character varying(100) NOT NULL, "payload" jsonb NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c3ba45dab51e3016acef18d0433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_job_outbox_job_id" ON "job_outbox" ("job_id") `);
    await queryRunner.query(
      `ALTER TABLE "region" ADD CONSTRAINT "fk_region_parent" FOREIGN KEY ("parent_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "branch" ADD CONSTRAINT "fk_branch_region" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "branch" DROP CONSTRAINT "fk_branch_region"`);
    await queryRunner.query(`ALTER TABLE "region" DROP CONSTRAINT "fk_region_parent"`);
    await queryRunner.query(`DROP INDEX "public"."uq_job_outbox_job_id"`);
    await queryRunner.query(`DROP TABLE "job_outbox"`);
    await queryRunner.query(`DROP INDEX "public"."ix_branch_region"`);
    await queryRunner.query(`DROP INDEX "public"."uq_branch_code"`);
    await queryRunner.query(`DROP TABLE "branch"`);
    await queryRunner.query(`DROP INDEX "public"."uq_region_code"`);
    await queryRunner.query(`DROP TABLE "region"`);
  }
}
