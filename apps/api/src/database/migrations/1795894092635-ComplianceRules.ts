import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ComplianceRules1795894092635 implements MigrationInterface {
  name = 'ComplianceRules1795894092635';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "compliance_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "definition_id" uuid NOT NULL, "job_role_id" uuid, "area" character varying(16) NOT NULL, "region_id" uuid, "branch_id" uuid, "due_days" integer NOT NULL, "warning_days" integer NOT NULL, "effective_from" date NOT NULL, "note" text, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_compliance_rule_days" CHECK ("due_days" >= 0 AND "warning_days" >= 0), CONSTRAINT "ck_compliance_rule_place" CHECK (("area" = 'company' AND "region_id" IS NULL AND "branch_id" IS NULL) OR ("area" = 'region' AND "region_id" IS NOT NULL AND "branch_id" IS NULL) OR ("area" = 'branch' AND "branch_id" IS NOT NULL AND "region_id" IS NULL)), CONSTRAINT "ck_compliance_rule_area" CHECK ("area" IN ('company', 'region', 'branch')), CONSTRAINT "PK_7f31c87f0ce4b06f14231dac718" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compliance_rule_definition" ON "compliance_rule" ("definition_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compliance_rule_job_role" ON "compliance_rule" ("job_role_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_compliance_rule_region" ON "compliance_rule" ("region_id") `);
    await queryRunner.query(`CREATE INDEX "ix_compliance_rule_branch" ON "compliance_rule" ("branch_id") `);
    await queryRunner.query(
      `CREATE TABLE "compliance_exemption" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "staff_id" uuid NOT NULL, "definition_id" uuid NOT NULL, "reason" text NOT NULL, "until" date NOT NULL, "granted_by" character varying(200) NOT NULL, "granted_by_user_id" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9c57716357ad0705f1b12aed114" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compliance_exemption_definition" ON "compliance_exemption" ("definition_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compliance_exemption_staff_definition" ON "compliance_exemption" ("staff_id", "definition_id", "until") `,
    );
    await queryRunner.query(
      `ALTER TABLE "compliance_rule" ADD CONSTRAINT "fk_compliance_rule_definition" FOREIGN KEY ("definition_id") REFERENCES "credential_definition"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "compliance_rule" ADD CONSTRAINT "fk_compliance_rule_job_role" FOREIGN KEY ("job_role_id") REFERENCES "job_role"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "compliance_rule" ADD CONSTRAINT "fk_compliance_rule_region" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "compliance_rule" ADD CONSTRAINT "fk_compliance_rule_branch" FOREIGN KEY ("branch_id") REFERENCES "branch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "compliance_exemption" ADD CONSTRAINT "fk_compliance_exemption_staff" FOREIGN KEY ("staff_id") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "compliance_exemption" ADD CONSTRAINT "fk_compliance_exemption_definition" FOREIGN KEY ("definition_id") REFERENCES "credential_definition"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "compliance_exemption" DROP CONSTRAINT "fk_compliance_exemption_definition"`,
    );
    await queryRunner.query(
      `ALTER TABLE "compliance_exemption" DROP CONSTRAINT "fk_compliance_exemption_staff"`,
    );
    await queryRunner.query(`ALTER TABLE "compliance_rule" DROP CONSTRAINT "fk_compliance_rule_branch"`);
    await queryRunner.query(`ALTER TABLE "compliance_rule" DROP CONSTRAINT "fk_compliance_rule_region"`);
    await queryRunner.query(`ALTER TABLE "compliance_rule" DROP CONSTRAINT "fk_compliance_rule_job_role"`);
    await queryRunner.query(`ALTER TABLE "compliance_rule" DROP CONSTRAINT "fk_compliance_rule_definition"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compliance_exemption_staff_definition"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compliance_exemption_definition"`);
    await queryRunner.query(`DROP TABLE "compliance_exemption"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compliance_rule_branch"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compliance_rule_region"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compliance_rule_job_role"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compliance_rule_definition"`);
    await queryRunner.query(`DROP TABLE "compliance_rule"`);
  }
}
