import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1795892975392 implements MigrationInterface {
  name = 'AuditLog1795892975392';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("sequence" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_user_id" uuid, "actor_label" text NOT NULL, "action" character varying(64) NOT NULL, "outcome" character varying(16) NOT NULL, "target_type" text, "target_id" text, "target_label" text, "ip" text, "user_agent" text, "request_id" text, "before" jsonb, "after" jsonb, "details" jsonb, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "ck_audit_entry_hash" CHECK ("hash" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$'), CONSTRAINT "ck_audit_entry_outcome" CHECK ("outcome" IN ('success', 'failure', 'denied')), CONSTRAINT "ck_audit_entry_sequence" CHECK ("sequence" >= 1), CONSTRAINT "pk_audit_entry" PRIMARY KEY ("sequence"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_entry_occurred_at" ON "audit_entry" ("occurred_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entry_target" ON "audit_entry" ("target_type", "target_id", "sequence") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_audit_entry_actor" ON "audit_entry" ("actor_user_id", "sequence") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_entry_action" ON "audit_entry" ("action", "sequence") `);
    // Hand-written: the audit log is append-only in the database itself, not just in the code. Any UPDATE,
    // DELETE or TRUNCATE of audit_entry raises an exception, whoever sends it. The one exception is TRUNCATE
    // in a session that has set `brevet.allow_audit_truncate` to 'on': the integration tests' resetDatabase
    // empties every table between tests and sets it (transaction-local) for that statement only. Nothing in
    // the application sets it. A database owner can still drop or disable the trigger; that is what the hash
    // chain (GET /api/v1/audit/verify) detects afterwards. See docs/audit-log.md.
    await queryRunner.query(
      `CREATE FUNCTION "audit_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' AND coalesce(current_setting('brevet.allow_audit_truncate', true), '') = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'audit_entry is append-only: % is not allowed', TG_OP
    USING HINT = 'Audit entries are never changed or removed; see docs/audit-log.md.';
END
$$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_audit_entry_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_entry" FOR EACH STATEMENT EXECUTE FUNCTION "audit_entry_append_only"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_audit_entry_append_only" ON "audit_entry"`);
    await queryRunner.query(`DROP FUNCTION "audit_entry_append_only"()`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_action"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_actor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_target"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_occurred_at"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
  }
}
