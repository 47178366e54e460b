import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhooksAndScheduledReports1795917342682 implements MigrationInterface {
  name = 'WebhooksAndScheduledReports1795917342682';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_attachment" ("message_id" uuid NOT NULL, "seq" integer NOT NULL, "file_name" character varying(200) NOT NULL, "content_type" character varying(200) NOT NULL, "content" bytea NOT NULL, CONSTRAINT "PK_b9c4583c1d2e75406059f76a96d" PRIMARY KEY ("message_id", "seq"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_subscription" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "format" character varying(8) NOT NULL, "filters" jsonb NOT NULL, "language" character varying(8), "every" character varying(8) NOT NULL, "weekday" smallint, "day_of_month" smallint, "time" character varying(5) NOT NULL, "time_zone" character varying(64) NOT NULL, "paused" boolean NOT NULL DEFAULT false, "next_run_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_report_subscription_every" CHECK ("every" IN ('daily', 'weekly', 'monthly')), CONSTRAINT "PK_7c3d243fdb3804cb5ef512d18cd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_report_subscription_due" ON "report_subscription" ("next_run_at") WHERE "paused" = false`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_report_subscription_user" ON "report_subscription" ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "report_subscription_run" ("subscription_id" uuid NOT NULL, "slot_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" character varying(16) NOT NULL, "export_id" uuid, "mail_message_id" uuid, "detail" character varying(300), "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_report_subscription_run_status" CHECK ("status" IN ('running', 'sent', 'skipped', 'failed')), CONSTRAINT "PK_d55487866d6d7b973b201c69788" PRIMARY KEY ("subscription_id", "slot_at"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_endpoint" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" character varying(2048) NOT NULL, "description" character varying(500) NOT NULL DEFAULT '', "events" character varying(60) array NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "compliance_threshold_percent" numeric(5,2), "secret_encrypted" text NOT NULL, "secret_hint" character varying(8) NOT NULL, "secret_rotated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6c98112122b2b8a4f3984d2efa8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" character varying(60) NOT NULL, "dedupe_key" character varying(200), "endpoint_id" uuid, "data" jsonb NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0f56d2f40f5ec823acf8e8edad1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_webhook_event_dedupe" ON "webhook_event" ("dedupe_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "endpoint_id" uuid NOT NULL, "event_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "redelivery_of" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_webhook_delivery_status" CHECK ("status" IN ('pending', 'succeeded', 'failed')), CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_webhook_delivery_event" ON "webhook_delivery" ("event_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_webhook_delivery_endpoint_created" ON "webhook_delivery" ("endpoint_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery_attempt" ("delivery_id" uuid NOT NULL, "attempt" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_ms" integer NOT NULL, "status_code" integer, "error" character varying(500), "response_body" text, CONSTRAINT "PK_ed797bc562425ee61fc52b50afa" PRIMARY KEY ("delivery_id", "attempt"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_threshold_state" ("endpoint_id" uuid NOT NULL, "branch_id" uuid NOT NULL, "below" boolean NOT NULL, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_adfd545cc869feb032c069baae9" PRIMARY KEY ("endpoint_id", "branch_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "webhook_threshold_state"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery_attempt"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_endpoint_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_webhook_delivery_event"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."uq_webhook_event_dedupe"`);
    await queryRunner.query(`DROP TABLE "webhook_event"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoint"`);
    await queryRunner.query(`DROP TABLE "report_subscription_run"`);
    await queryRunner.query(`DROP INDEX "public"."ix_report_subscription_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_report_subscription_due"`);
    await queryRunner.query(`DROP TABLE "report_subscription"`);
    await queryRunner.query(`DROP TABLE "mail_attachment"`);
  }
}
