import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MailAndReminders1795905564518 implements MigrationInterface {
  name = 'MailAndReminders1795905564518';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_key" character varying(80) NOT NULL, "recipient_address" character varying(320) NOT NULL, "recipient_name" character varying(200) NOT NULL, "reason" character varying(40) NOT NULL, "subject_key" character varying(120) NOT NULL, "reason_date" date NOT NULL, "template" character varying(40) NOT NULL, "language" character varying(8) NOT NULL, "subject" character varying(300) NOT NULL, "text_body" text NOT NULL, "html_body" text, "status" character varying(16) NOT NULL DEFAULT 'pending', "transport" character varying(8), "attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(500), "provider_message_id" character varying(300), "provider_response" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sending_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_mail_message_transport" CHECK ("transport" IS NULL OR "transport" IN ('smtp', 'outbox')), CONSTRAINT "ck_mail_message_status" CHECK ("status" IN ('pending', 'sending', 'sent', 'outbox', 'failed', 'uncertain')), CONSTRAINT "PK_d23285093ea237bc7632d4fcce9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_mail_message_created" ON "mail_message" ("created_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_mail_message_status_created" ON "mail_message" ("status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_mail_message_key" ON "mail_message" ("recipient_key", "reason", "subject_key", "reason_date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reminder_digest_preference" ("user_id" uuid NOT NULL, "frequency" character varying(8) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_reminder_digest_preference_frequency" CHECK ("frequency" IN ('daily', 'weekly', 'off')), CONSTRAINT "PK_302307f270261f4b38e5fa7ccda" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminder_digest_preference" ADD CONSTRAINT "fk_reminder_digest_preference_user" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "reminder_digest_preference" DROP CONSTRAINT "fk_reminder_digest_preference_user"`,
    );
    await queryRunner.query(`DROP TABLE "reminder_digest_preference"`);
    await queryRunner.query(`DROP INDEX "public"."uq_mail_message_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_message_status_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_mail_message_created"`);
    await queryRunner.query(`DROP TABLE "mail_message"`);
  }
}
