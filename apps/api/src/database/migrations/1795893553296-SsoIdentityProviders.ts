import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SsoIdentityProviders1795893553296 implements MigrationInterface {
  name = 'SsoIdentityProviders1795893553296';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "identity_provider" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "slug" character varying(41) NOT NULL, "display_name" character varying(100) NOT NULL, "enabled" boolean NOT NULL DEFAULT false, "entity_id" character varying(1000) NOT NULL, "sso_url" character varying(2000) NOT NULL, "slo_url" character varying(2000), "signing_certificates" jsonb NOT NULL, "want_encrypted_assertions" boolean NOT NULL DEFAULT false, "name_id_format" character varying(200) NOT NULL, "attribute_mapping" jsonb NOT NULL, "link_staff_by" character varying(16) NOT NULL DEFAULT 'employeeNumber', "group_role_rules" jsonb NOT NULL, "sp_keys" jsonb NOT NULL, "last_assertion" jsonb, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_identity_provider_link_staff_by" CHECK ("link_staff_by" IN ('employeeNumber', 'email')), CONSTRAINT "ck_identity_provider_slug" CHECK ("slug" ~ '^[a-z0-9][a-z0-9-]{1,40}$'), CONSTRAINT "PK_5f038d63f2887fd0893ae4c5736" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_identity_provider_slug" ON "identity_provider" ("slug") `,
    );
    await queryRunner.query(
      `ALTER TABLE "user_account" ADD CONSTRAINT "fk_user_account_identity_provider" FOREIGN KEY ("identity_provider_id") REFERENCES "identity_provider"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_account" DROP CONSTRAINT "fk_user_account_identity_provider"`);
    await queryRunner.query(`DROP INDEX "public"."uq_identity_provider_slug"`);
    await queryRunner.query(`DROP TABLE "identity_provider"`);
  }
}
