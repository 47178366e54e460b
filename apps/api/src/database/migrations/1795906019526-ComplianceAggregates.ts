import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Above this many rows in one statement, a trigger marks everything instead of each person. */
const COARSE_ROWS = 20_000;

/**
 * A statement-level trigger function that writes the (staff, credential) keys `keys` (a SELECT over the
 * transition tables `old_rows` / `new_rows`, whichever the operation has) to compliance_dirty, or one
 * (null, null) when the statement changed more than COARSE_ROWS rows.
 */
function markFunction(name: string, keys: { insert: string; update: string; delete: string }): string {
  const mark = (source: string, select: string) => `
    IF (SELECT count(*) FROM ${source}) > ${COARSE_ROWS} THEN
      INSERT INTO compliance_dirty (staff_id, definition_id) VALUES (NULL, NULL);
    ELSE
      INSERT INTO compliance_dirty (staff_id, definition_id) SELECT DISTINCT k.staff_id, k.definition_id FROM (${select}) k;
    END IF;`;
  return `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN${mark('new_rows', keys.insert)}
    ELSIF TG_OP = 'DELETE' THEN${mark('old_rows', keys.delete)}
    ELSE${mark('new_rows', keys.update)}
    END IF;
    RETURN NULL;
  END $$`;
}

/** INSERT, UPDATE and DELETE triggers of `table` calling `fn`, and a TRUNCATE trigger that marks everything. */
function triggers(table: string, fn: string): string[] {
  const name = `compliance_dirty_${table}`;
  return [
    `CREATE TRIGGER ${name}_ins AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${name}_upd AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${name}_del AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${name}_trunc AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION compliance_dirty_everything()`,
  ];
}

const SOURCE_TABLES: Array<[table: string, fn: string]> = [
  ['award', 'compliance_dirty_award'],
  ['compliance_exemption', 'compliance_dirty_exemption'],
  ['staff', 'compliance_dirty_staff'],
  ['staff_branch_period', 'compliance_dirty_period'],
  ['staff_role_period', 'compliance_dirty_period'],
  ['compliance_rule', 'compliance_dirty_rule'],
];

/**
 * Materialised compliance aggregates (docs/compliance.md, "Materialised aggregates"): the tables, and triggers
 * on every table the engine reads that record what changed in compliance_dirty, whatever code path writes
 * (API, HR import, SCIM, seeds, SQL by hand). ComplianceAggregateRepository catches up before it answers.
 * Hand-written below the generated tables: the functions and triggers, and a first mark so that an existing
 * database is built on the first read.
 */
export class ComplianceAggregates1795906019526 implements MigrationInterface {
  name = 'ComplianceAggregates1795906019526';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "compliance_requirement" ("staff_id" uuid NOT NULL, "definition_id" uuid NOT NULL, "from_day" date NOT NULL, "to_day" date, "branch_id" uuid NOT NULL, "due_on" date NOT NULL, "warning_days" integer NOT NULL, "award_id" uuid, "issued_on" date, "valid_until" date, "exemption_id" uuid, "exempt_until" date, "job_role_ids" uuid array NOT NULL, CONSTRAINT "PK_bc250a1b6b821626fec3ba69c58" PRIMARY KEY ("staff_id", "definition_id", "from_day"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compliance_requirement_cell" ON "compliance_requirement" ("branch_id", "definition_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compliance_requirement_definition" ON "compliance_requirement" ("definition_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "compliance_cell" ("branch_id" uuid NOT NULL, "definition_id" uuid NOT NULL, "counted_on" date, "valid_through" date, "total" integer NOT NULL DEFAULT '0', "compliant" integer NOT NULL DEFAULT '0', "expiring" integer NOT NULL DEFAULT '0', "expired" integer NOT NULL DEFAULT '0', "missing_overdue" integer NOT NULL DEFAULT '0', "missing_in_grace" integer NOT NULL DEFAULT '0', "exempt" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_e182376dbac22840dbeb1eff6e6" PRIMARY KEY ("branch_id", "definition_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compliance_cell_uncounted" ON "compliance_cell" ("branch_id", "definition_id") WHERE "counted_on" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "compliance_role_cell" ("branch_id" uuid NOT NULL, "definition_id" uuid NOT NULL, "job_role_id" uuid NOT NULL, "total" integer NOT NULL, "compliant" integer NOT NULL, "expiring" integer NOT NULL, "expired" integer NOT NULL, "missing_overdue" integer NOT NULL, "missing_in_grace" integer NOT NULL, "exempt" integer NOT NULL, CONSTRAINT "PK_e1fee9230542b61b4042bb93dbb" PRIMARY KEY ("branch_id", "definition_id", "job_role_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_compliance_role_cell_role" ON "compliance_role_cell" ("job_role_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "compliance_branch_total" ("branch_id" uuid NOT NULL, "counted_on" date NOT NULL, "valid_through" date, "total" integer NOT NULL, "compliant" integer NOT NULL, "expiring" integer NOT NULL, "expired" integer NOT NULL, "missing_overdue" integer NOT NULL, "missing_in_grace" integer NOT NULL, "exempt" integer NOT NULL, "definition_ids" uuid array NOT NULL, CONSTRAINT "PK_d7e7c7d59b2aa02f62c43192ca1" PRIMARY KEY ("branch_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "compliance_dirty" ("id" BIGSERIAL NOT NULL, "staff_id" uuid, "definition_id" uuid, CONSTRAINT "PK_29396b4eec51cd44e88e10641b0" PRIMARY KEY ("id"))`,
    );

    // Hand-written: what changed, recorded by triggers.
    await queryRunner.query(`CREATE FUNCTION compliance_dirty_everything() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO compliance_dirty (staff_id, definition_id) VALUES (NULL, NULL);
    RETURN NULL;
  END $$`);
    // Awards: the engine reads the active award's dates.
    await queryRunner.query(
      markFunction('compliance_dirty_award', {
        insert: `SELECT staff_id, definition_id FROM new_rows`,
        delete: `SELECT staff_id, definition_id FROM old_rows`,
        update: `SELECT o.staff_id, o.definition_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                  WHERE (o.staff_id, o.definition_id, o.status, o.issued_on, o.valid_until)
                        IS DISTINCT FROM (n.staff_id, n.definition_id, n.status, n.issued_on, n.valid_until)
                 UNION ALL
                 SELECT n.staff_id, n.definition_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                  WHERE (o.staff_id, o.definition_id) IS DISTINCT FROM (n.staff_id, n.definition_id)`,
      }),
    );
    await queryRunner.query(
      markFunction('compliance_dirty_exemption', {
        insert: `SELECT staff_id, definition_id FROM new_rows`,
        delete: `SELECT staff_id, definition_id FROM old_rows`,
        update: `SELECT o.staff_id, o.definition_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                  WHERE (o.staff_id, o.definition_id, o.until) IS DISTINCT FROM (n.staff_id, n.definition_id, n.until)
                 UNION ALL
                 SELECT n.staff_id, n.definition_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                  WHERE (o.staff_id, o.definition_id) IS DISTINCT FROM (n.staff_id, n.definition_id)`,
      }),
    );
    // People: hire day, current branch and leaving change everything about them; names do not.
    await queryRunner.query(
      markFunction('compliance_dirty_staff', {
        insert: `SELECT id AS staff_id, NULL::uuid AS definition_id FROM new_rows`,
        delete: `SELECT id AS staff_id, NULL::uuid AS definition_id FROM old_rows`,
        update: `SELECT n.id AS staff_id, NULL::uuid AS definition_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                  WHERE (o.branch_id, o.hire_date, o.status) IS DISTINCT FROM (n.branch_id, n.hire_date, n.status)`,
      }),
    );
    // Branch and role periods: any change.
    await queryRunner.query(
      markFunction('compliance_dirty_period', {
        insert: `SELECT staff_id, NULL::uuid AS definition_id FROM new_rows`,
        delete: `SELECT staff_id, NULL::uuid AS definition_id FROM old_rows`,
        update: `SELECT staff_id, NULL::uuid AS definition_id FROM old_rows
                 UNION ALL SELECT staff_id, NULL::uuid FROM new_rows`,
      }),
    );
    // Rules: everyone's requirement of the credential (before and after the change).
    await queryRunner.query(
      markFunction('compliance_dirty_rule', {
        insert: `SELECT NULL::uuid AS staff_id, definition_id FROM new_rows`,
        delete: `SELECT NULL::uuid AS staff_id, definition_id FROM old_rows`,
        update: `SELECT NULL::uuid AS staff_id, definition_id FROM old_rows
                 UNION ALL SELECT NULL::uuid, definition_id FROM new_rows`,
      }),
    );
    // The organisation tree: a branch moved to another region, or a region to another parent, changes which
    // rules reach whom (and people's runs through past branches): everything.
    await queryRunner.query(`CREATE FUNCTION compliance_dirty_tree() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_TABLE_NAME = 'branch' THEN
      IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.region_id IS DISTINCT FROM o.region_id) THEN
        INSERT INTO compliance_dirty (staff_id, definition_id) VALUES (NULL, NULL);
      END IF;
    ELSIF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.parent_id IS DISTINCT FROM o.parent_id) THEN
      INSERT INTO compliance_dirty (staff_id, definition_id) VALUES (NULL, NULL);
    END IF;
    RETURN NULL;
  END $$`);
    for (const [table, fn] of SOURCE_TABLES)
      for (const sql of triggers(table, fn)) await queryRunner.query(sql);
    for (const table of ['branch', 'region']) {
      await queryRunner.query(
        `CREATE TRIGGER compliance_dirty_${table}_upd AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION compliance_dirty_tree()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER compliance_dirty_${table}_trunc AFTER TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION compliance_dirty_everything()`,
      );
    }
    // Whatever is in the database already is built on the first read.
    await queryRunner.query(`INSERT INTO compliance_dirty (staff_id, definition_id) VALUES (NULL, NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['branch', 'region']) {
      await queryRunner.query(`DROP TRIGGER compliance_dirty_${table}_trunc ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER compliance_dirty_${table}_upd ON "${table}"`);
    }
    for (const [table] of [...SOURCE_TABLES].reverse()) {
      for (const suffix of ['trunc', 'del', 'upd', 'ins'])
        await queryRunner.query(`DROP TRIGGER compliance_dirty_${table}_${suffix} ON "${table}"`);
    }
    for (const fn of [
      'compliance_dirty_tree',
      'compliance_dirty_rule',
      'compliance_dirty_period',
      'compliance_dirty_staff',
      'compliance_dirty_exemption',
      'compliance_dirty_award',
      'compliance_dirty_everything',
    ])
      await queryRunner.query(`DROP FUNCTION ${fn}()`);
    await queryRunner.query(`DROP TABLE "compliance_dirty"`);
    await queryRunner.query(`DROP TABLE "compliance_branch_total"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compliance_role_cell_role"`);
    await queryRunner.query(`DROP TABLE "compliance_role_cell"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compliance_cell_uncounted"`);
    await queryRunner.query(`DROP TABLE "compliance_cell"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compliance_requirement_definition"`);
    await queryRunner.query(`DROP INDEX "public"."ix_compliance_requirement_cell"`);
    await queryRunner.query(`DROP TABLE "compliance_requirement"`);
  }
}
