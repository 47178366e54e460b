import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScimTokenCreatedBy1795930420084 implements MigrationInterface {
  name = 'ScimTokenCreatedBy1795930420084';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scim_token" ADD "created_by_user_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "scim_token" ADD CONSTRAINT "fk_scim_token_created_by" FOREIGN KEY ("created_by_user_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scim_token" DROP CONSTRAINT "fk_scim_token_created_by"`);
    await queryRunner.query(`ALTER TABLE "scim_token" DROP COLUMN "created_by_user_id"`);
  }
}
