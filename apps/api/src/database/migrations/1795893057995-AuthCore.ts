import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthCore1795893057995 implements MigrationInterface {
  name = 'AuthCore1795893057995';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "user_account" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "identity_provider_id" uuid, "name_id" character varying(512), "email" character varying(320), "display_name" character varying(200) NOT NULL, "staff_id" uuid, "status" character varying(16) NOT NULL DEFAULT 'active', "password_hash" character varying(200), "failed_logins" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_user_account_status" CHECK ("status" IN ('active', 'disabled')), CONSTRAINT "PK_6acfec7285fdf9f463462de3e9f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_user_account_staff" ON "user_account" ("staff_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_user_account_idp_name_id" ON "user_account" ("identity_provider_id", "name_id") WHERE identity_provider_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE TABLE "user_role_grant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "role" character varying(32) NOT NULL, "branch_id" uuid, "region_id" uuid, "source" character varying(16) NOT NULL, CONSTRAINT "ck_user_role_grant_source" CHECK ("source" IN ('sso', 'manual')), CONSTRAINT "ck_user_role_grant_scope" CHECK (("role" IN ('hr_admin', 'auditor') AND "branch_id" IS NULL AND "region_id" IS NULL)
   OR ("role" = 'branch_manager' AND "branch_id" IS NOT NULL AND "region_id" IS NULL)
   OR ("role" = 'regional_manager' AND "region_id" IS NOT NULL AND "branch_id" IS NULL)), CONSTRAINT "PK_b87072e2ac752c1ad08a75cacfc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_user_role_grant_user" ON "user_role_grant" ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "user_session" ("id" character(64) NOT NULL, "user_id" uuid NOT NULL, "data" jsonb NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_adf3b49590842ac3cf54cac451a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_user_session_user" ON "user_session" ("user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_user_session_expires_at" ON "user_session" ("expires_at") `);
    await queryRunner.query(
      `CREATE TABLE "shared_state_entry" ("key" character varying(300) NOT NULL, "value" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8720a7ec4f55a71dae04ebd7689" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_shared_state_entry_expires_at" ON "shared_state_entry" ("expires_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "user_account" ADD CONSTRAINT "fk_user_account_staff" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_role_grant" ADD CONSTRAINT "fk_user_role_grant_user" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_role_grant" ADD CONSTRAINT "fk_user_role_grant_branch" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_role_grant" ADD CONSTRAINT "fk_user_role_grant_region" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_session" ADD CONSTRAINT "fk_user_session_user" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_session" DROP CONSTRAINT "fk_user_session_user"`);
    await queryRunner.query(`ALTER TABLE "user_role_grant" DROP CONSTRAINT "fk_user_role_grant_region"`);
    await queryRunner.query(`ALTER TABLE "user_role_grant" DROP CONSTRAINT "fk_user_role_grant_branch"`);
    await queryRunner.query(`ALTER TABLE "user_role_grant" DROP CONSTRAINT "fk_user_role_grant_user"`);
    await queryRunner.query(`ALTER TABLE "user_account" DROP CONSTRAINT "fk_user_account_staff"`);
    await queryRunner.query(`DROP INDEX "public"."ix_shared_state_entry_expires_at"`);
    await queryRunner.query(`DROP TABLE "shared_state_entry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_user_session_expires_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_user_session_user"`);
    await queryRunner.query(`DROP TABLE "user_session"`);
    await queryRunner.query(`DROP INDEX "public"."ix_user_role_grant_user"`);
    await queryRunner.query(`DROP TABLE "user_role_grant"`);
    await queryRunner.query(`DROP INDEX "public"."uq_user_account_idp_name_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_user_account_staff"`);
    await queryRunner.query(`DROP TABLE "user_account"`);
  }
}
