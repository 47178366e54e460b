import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { HrImportIssueCode, type HrImportCounts, type HrImportIssue } from '@brevet/contracts';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AppConfig } from '../config/app-config';
import { HrImportChunkEntity, HrImportEntity, HrImportIssueEntity } from './hr-import.entity';
import type { CodeEntry, HrDirectory, HrIssue, StagedRow } from './hr-row.util';

export type HrImportChanges = Partial<
  Pick<
    HrImportEntity,
    | 'status'
    | 'fileSize'
    | 'fullExport'
    | 'delimiter'
    | 'encoding'
    | 'columns'
    | 'totalRows'
    | 'processedRows'
    | 'counts'
    | 'result'
    | 'issueCount'
    | 'errorCount'
    | 'warningCount'
    | 'failure'
    | 'validatedAt'
    | 'appliedAt'
  >
>;

/** Which optional columns the file has: an absent one leaves that attribute of existing people alone. */
export interface PlanOptions {
  hasEmail: boolean;
  hasLanguage: boolean;
  hasManager: boolean;
  hasStatus: boolean;
  fullExport: boolean;
  /** "Today" comes from here: each person's effective day is today where their branch is. */
  now: Date;
}

/** What a set-based check found: how many rows, and how many of them were stored as issues. */
export interface CheckResult {
  found: number;
  stored: number;
}

/**
 * Every SQL statement of the HR import: the import rows, the uploaded chunks, the issues, the staging table
 * `hr_import_row` (no entity; see the HrImportTweaks migration), and the set-based dry run and apply.
 */
@Injectable()
export class HrImportRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly config: AppConfig,
  ) {}

  private get repo() {
    return this.txHost.tx.getRepository(HrImportEntity);
  }

  private query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.txHost.tx.query(sql, params);
  }

  /**
   * For the rest of the transaction: no JIT compilation. The import's statements touch 100,000s of rows,
   * so PostgreSQL's cost model turns JIT on, and compiling then takes longer (up to seconds) than running.
   */
  async withoutJit(): Promise<void> {
    await this.query(`SET LOCAL jit = off`);
  }

  // ── imports ──────────────────────────────────────────────────────────────────────────────────────────

  async create(fileName: string): Promise<string> {
    const saved = await this.repo.save(
      this.repo.create({ status: 'receiving', fileName, fileSize: '0', fullExport: false }),
    );
    return saved.id;
  }

  findById(id: string): Promise<HrImportEntity | null> {
    return this.repo.findOneBy({ id });
  }

  /** Locks the import for the rest of the transaction, so that status changes queue up instead of racing. */
  findByIdForUpdate(id: string): Promise<HrImportEntity | null> {
    return this.repo
      .createQueryBuilder('i')
      .where('i.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  async findPage(page: number, pageSize: number): Promise<{ rows: HrImportEntity[]; total: number }> {
    const [rows, total] = await this.repo.findAndCount({
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { rows, total };
  }

  async update(id: string, changes: HrImportChanges): Promise<void> {
    await this.repo.update({ id }, changes);
  }

  /** Deletes the import with its chunks and issues (foreign keys cascade) and its staged rows. */
  async delete(id: string): Promise<void> {
    await this.clearStaging(id);
    await this.repo.delete({ id });
  }

  // ── uploaded bytes ───────────────────────────────────────────────────────────────────────────────────

  async appendChunk(importId: string, seq: number, data: Buffer): Promise<void> {
    await this.query(`INSERT INTO hr_import_chunk (import_id, seq, data) VALUES ($1, $2, $3)`, [
      importId,
      seq,
      data,
    ]);
  }

  /** The file's bytes, one stored chunk (about 1 MB) at a time. */
  async *chunks(importId: string): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const rows = await this.query<{ data: Buffer }>(
        `SELECT data FROM hr_import_chunk WHERE import_id = $1 AND seq = $2`,
        [importId, seq],
      );
      if (rows.length === 0) return;
      yield rows[0].data;
    }
  }

  async deleteChunks(importId: string): Promise<void> {
    await this.txHost.tx.getRepository(HrImportChunkEntity).delete({ importId });
  }

  // ── issues ───────────────────────────────────────────────────────────────────────────────────────────

  async insertIssues(importId: string, issues: readonly HrIssue[]): Promise<void> {
    if (issues.length === 0) return;
    await this.query(
      `INSERT INTO hr_import_issue (import_id, row, "column", severity, code, message)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        importId,
        issues.map((i) => i.row),
        issues.map((i) => i.column),
        issues.map((i) => i.severity),
        issues.map((i) => i.code),
        issues.map((i) => i.message),
      ],
    );
  }

  async clearIssues(importId: string): Promise<void> {
    await this.txHost.tx.getRepository(HrImportIssueEntity).delete({ importId });
  }

  /** Issues in row order (file-level ones, row 0, first). */
  async issues(importId: string, offset: number, limit: number): Promise<HrImportIssue[]> {
    const rows = await this.query<HrImportIssueEntity>(
      `SELECT row, "column", severity, code, message FROM hr_import_issue
        WHERE import_id = $1 ORDER BY row, id OFFSET $2 LIMIT $3`,
      [importId, offset, limit],
    );
    return rows.map((r) => ({
      row: r.row,
      column: r.column,
      severity: r.severity,
      code: r.code,
      message: r.message,
    }));
  }

  /** The next issues after the one at (`row`, `id`): keyset paging, for streaming every issue out. */
  async issuesAfter(
    importId: string,
    after: { row: number; id: string },
    limit: number,
  ): Promise<Array<HrImportIssue & { id: string }>> {
    const rows = await this.query<HrImportIssueEntity>(
      `SELECT id, row, "column", severity, code, message FROM hr_import_issue
        WHERE import_id = $1 AND (row, id) > ($2, $3::bigint) ORDER BY row, id LIMIT $4`,
      [importId, after.row, after.id, limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      row: r.row,
      column: r.column,
      severity: r.severity,
      code: r.code,
      message: r.message,
    }));
  }

  // ── the organisation, as the file refers to it ───────────────────────────────────────────────────────

  /** Every branch and job role by code (upper case); bounded by the organisation's size, not the file's. */
  async loadDirectory(): Promise<HrDirectory> {
    const load = async (table: 'branch' | 'job_role') => {
      const rows = await this.query<{ id: string; code: string; status: string }>(
        `SELECT id, code, status FROM ${table}`,
      );
      return new Map<string, CodeEntry>(
        rows.map((r) => [r.code.toUpperCase(), { id: r.id, active: r.status === 'active' }]),
      );
    };
    return { branches: await load('branch'), roles: await load('job_role') };
  }

  // ── staging ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Opens the staging table for writing. On PostgreSQL rows stream in through one COPY on a connection of
   * their own, so the database stores them while the file is still being parsed; on embedded PGlite (one
   * connection, no COPY over its socket) they are inserted in batches.
   */
  async openStaging(importId: string): Promise<StagingWriter> {
    if (this.config.database.mode === 'embedded')
      return new InsertStagingWriter((rows) => this.stageRows(importId, rows));
    const driver = this.txHost.tx.connection.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [
      PoolClient,
      (error?: Error) => void,
    ];
    const stream = client.query(copyFrom(`COPY hr_import_row (${STAGING_COLUMNS}) FROM STDIN`));
    // Released with the error on failure, so the pool discards a connection left mid-COPY.
    return new CopyStagingWriter(importId, stream, async (error) => release(error));
  }

  /** Inserts staged rows in one statement (the batch path, and PGlite's). */
  async stageRows(importId: string, rows: readonly StagedRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.query(
      `INSERT INTO hr_import_row (${STAGING_COLUMNS})
       SELECT $1, u.row, u.valid, u.employee_number, u.given_name, u.family_name, u.email, u.preferred_language,
              u.branch_id, u.role_ids::uuid[], u.manager_number, u.hire_date, u.status
         FROM unnest($2::int[], $3::bool[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::uuid[], $10::text[], $11::text[], $12::date[], $13::text[])
           AS u(row, valid, employee_number, given_name, family_name, email, preferred_language, branch_id,
                role_ids, manager_number, hire_date, status)`,
      [
        importId,
        rows.map((r) => r.row),
        rows.map((r) => r.valid),
        rows.map((r) => r.employeeNumber),
        rows.map((r) => r.givenName),
        rows.map((r) => r.familyName),
        rows.map((r) => r.email),
        rows.map((r) => r.preferredLanguage),
        rows.map((r) => r.branchId),
        rows.map((r) => (r.roleIds ? `{${r.roleIds.join(',')}}` : null)),
        rows.map((r) => r.managerNumber),
        rows.map((r) => r.hireDate),
        rows.map((r) => r.status),
      ],
    );
  }

  async clearStaging(importId: string): Promise<void> {
    await this.query(`DELETE FROM hr_import_row WHERE import_id = $1`, [importId]);
  }

  /** Fresh planner statistics after a bulk load, so the checks and the apply join sensibly. */
  async analyzeStaging(): Promise<void> {
    await this.query(`ANALYZE hr_import_row`);
  }

  async countStaged(importId: string): Promise<number> {
    const rows = await this.query<{ n: string }>(
      `SELECT count(*) AS n FROM hr_import_row WHERE import_id = $1 AND valid`,
      [importId],
    );
    return Number(rows[0].n);
  }

  // ── set-based checks across the whole file (each stores at most `room` issues) ──────────────────────

  /** Every row whose employee number appears more than once in the file. */
  reportDuplicateEmployeeNumbers(importId: string, room: number): Promise<CheckResult> {
    return this.storeFound(
      importId,
      room,
      `SELECT r.row, $2::text AS "column", 'error' AS severity, '${HrImportIssueCode.DuplicateEmployeeNumber}' AS code,
              'Employee number "' || r.employee_number || '" appears ' || d.n || ' times in this file (rows ' ||
              d.rows || CASE WHEN d.n > 10 THEN ', …' ELSE '' END || '). Each person must appear once.' AS message
         FROM hr_import_row r
         JOIN (SELECT employee_number, count(*) AS n,
                      array_to_string((array_agg(row ORDER BY row))[1:10], ', ') AS rows
                 FROM hr_import_row WHERE import_id = $1 GROUP BY employee_number HAVING count(*) > 1) d
           ON d.employee_number = r.employee_number
        WHERE r.import_id = $1`,
      ['employee_number'],
    );
  }

  /** Rows whose manager is neither in the file nor in Brevet. */
  reportUnknownManagers(importId: string, room: number, column: string): Promise<CheckResult> {
    return this.storeFound(
      importId,
      room,
      `SELECT r.row, $2::text AS "column", 'error' AS severity, '${HrImportIssueCode.UnknownManager}' AS code,
              'Manager "' || r.manager_number || '" is neither in this file nor in Brevet.' AS message
         FROM hr_import_row r
        WHERE r.import_id = $1 AND r.manager_number IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM hr_import_row x WHERE x.import_id = $1 AND x.employee_number = r.manager_number)
          AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.employee_number = r.manager_number)`,
      [column],
    );
  }

  /**
   * Rows whose reporting line would loop back to themselves once applied. Only lines that the file changes
   * can close a loop (Brevet's own data has none), so the walk starts there; it follows at most 200 levels.
   */
  reportManagerCycles(importId: string, room: number, column: string): Promise<CheckResult> {
    return this.storeFound(
      importId,
      room,
      `WITH RECURSIVE edge AS (
         SELECT r.employee_number AS emp, r.manager_number AS mgr, r.row,
                r.manager_number IS DISTINCT FROM m.employee_number AS changed
           FROM hr_import_row r
           LEFT JOIN staff s ON s.employee_number = r.employee_number
           LEFT JOIN staff m ON m.id = s.manager_id
          WHERE r.import_id = $1
         UNION ALL
         SELECT s.employee_number, m.employee_number, NULL, false
           FROM staff s JOIN staff m ON m.id = s.manager_id
          WHERE NOT EXISTS (SELECT 1 FROM hr_import_row r WHERE r.import_id = $1 AND r.employee_number = s.employee_number)
       ), walk AS (
         SELECT e.emp AS start, e.row, e.mgr AS at, 1 AS depth FROM edge e WHERE e.changed AND e.mgr IS NOT NULL
         UNION ALL
         SELECT w.start, w.row, e.mgr, w.depth + 1
           FROM walk w JOIN edge e ON e.emp = w.at
          WHERE e.mgr IS NOT NULL AND w.at <> w.start AND w.depth < 200
       )
       SELECT DISTINCT w.row, $2::text AS "column", 'error' AS severity, '${HrImportIssueCode.ManagerCycle}' AS code,
              'The reporting line of "' || w.start || '" leads back to them: a person cannot report to someone who reports to them.' AS message
         FROM walk w WHERE w.at = w.start`,
      [column],
    );
  }

  /** Warns about rows marking as left someone Brevet does not know: there is nothing to do for them. */
  reportLeftUnknownPeople(importId: string, room: number, column: string): Promise<CheckResult> {
    return this.storeFound(
      importId,
      room,
      `SELECT r.row, $2::text AS "column", 'warning' AS severity, '${HrImportIssueCode.LeftUnknownPerson}' AS code,
              '"' || r.employee_number || '" is marked as left but is not in Brevet; the row is skipped.' AS message
         FROM hr_import_row r
        WHERE r.import_id = $1 AND r.valid AND r.status = 'left'
          AND NOT EXISTS (SELECT 1 FROM staff s WHERE s.employee_number = r.employee_number)`,
      [column],
    );
  }

  /** Runs `found` (rows of issues), stores the first `room` of them in row order, and counts them all. */
  private async storeFound(
    importId: string,
    room: number,
    found: string,
    params: unknown[],
  ): Promise<CheckResult> {
    const rows = await this.query<{ found: string; stored: string }>(
      `WITH found AS (${found}),
            stored AS (
              INSERT INTO hr_import_issue (import_id, row, "column", severity, code, message)
              SELECT $1, f.row, f."column", f.severity, f.code, f.message FROM found f ORDER BY f.row LIMIT ${Math.max(0, Math.floor(room))}
              RETURNING 1)
       SELECT (SELECT count(*) FROM found) AS found, (SELECT count(*) FROM stored) AS stored`,
      [importId, ...params],
    );
    return { found: Number(rows[0].found), stored: Number(rows[0].stored) };
  }

  // ── dry run and apply ────────────────────────────────────────────────────────────────────────────────

  /** What applying the staged rows would do now. The same plan as {@link applyStaged}, only counted. */
  async preview(importId: string, options: PlanOptions): Promise<HrImportCounts> {
    const [sql, params] = planSql(importId, options);
    const rows = await this.query<{ action: PlanAction; n: string }>(
      `SELECT action, count(*) AS n FROM (${sql}) plan GROUP BY action`,
      params,
    );
    return countsOf(rows);
  }

  /** Branch and job role codes the staged rows use that are no longer active (archived since validation). */
  async inactiveReferences(importId: string): Promise<string[]> {
    const rows = await this.query<{ what: string }>(
      `SELECT 'branch ' || b.code AS what FROM branch b
        WHERE b.status <> 'active' AND EXISTS (SELECT 1 FROM hr_import_row r WHERE r.import_id = $1 AND r.branch_id = b.id)
       UNION ALL
       SELECT 'job role ' || j.code FROM job_role j
        WHERE j.status <> 'active' AND EXISTS (SELECT 1 FROM hr_import_row r WHERE r.import_id = $1 AND j.id = ANY (r.role_ids))
       ORDER BY 1`,
      [importId],
    );
    return rows.map((r) => r.what);
  }

  /**
   * Fresh planner statistics for the staff tables after a bulk change, so that the next import's dry run
   * (and every other query) plans with the real sizes instead of waiting for autovacuum.
   */
  async refreshStaffStatistics(): Promise<void> {
    await this.query(`ANALYZE staff, staff_branch_period, staff_role_period`);
  }

  /** Makes sure only one import is applied at a time (released when the transaction ends). */
  async lockForApply(): Promise<void> {
    await this.query(`SELECT pg_advisory_xact_lock(hashtext('brevet.hr-import.apply'))`);
  }

  /**
   * Applies the staged rows in set-based statements; must run inside a transaction. The plan is
   * materialised once in a temporary table, then:
   *
   * 1. new people are inserted with their manager (a manager new in the same file gets their ID from the
   *    plan; foreign keys are checked at the end of the statement, so order within the file does not
   *    matter), with branch and role periods from the hire date;
   * 2. changed people are updated (version + 1);
   * 3. periods follow `setOpenPeriods`/`closeOpenPeriods` (database/period.util.ts), for all at once: a
   *    person who leaves has their open periods closed on the effective day; a changed branch or role set
   *    closes the old period and opens the new one on the effective day (a period that would be empty,
   *    because it began that very day, is removed instead);
   * 4. on a full export, people missing from the file are marked as left the same way.
   *
   * Unchanged people are not touched. The effective day is today in the person's branch's time zone, or
   * the hire date when that is later. Returns the counts and the people who left with this import.
   */
  async applyStaged(
    importId: string,
    options: PlanOptions,
  ): Promise<{ counts: HrImportCounts; leftStaffIds: string[] }> {
    const [sql, params] = planSql(importId, options);
    await this.query(`CREATE TEMP TABLE hr_plan ON COMMIT DROP AS ${sql}`, params);
    await this.query(`CREATE INDEX ON hr_plan (employee_number)`);

    const manager = `LEFT JOIN hr_plan mp ON mp.employee_number = p.manager_number
                     LEFT JOIN staff ms ON ms.employee_number = p.manager_number AND mp.employee_number IS NULL`;
    await this.query(
      `INSERT INTO staff (id, employee_number, given_name, family_name, email, preferred_language, branch_id,
                          manager_id, hire_date, status, left_on, version)
       SELECT p.staff_id, p.employee_number, p.given_name, p.family_name, p.email, p.preferred_language, p.branch_id,
              COALESCE(mp.staff_id, ms.id), p.hire_date, p.status, NULL, 1
         FROM hr_plan p ${manager}
        WHERE p.action = 'create'
        ORDER BY p.staff_id`,
    );
    await this.query(
      `INSERT INTO staff_branch_period (staff_id, branch_id, valid_from)
       SELECT staff_id, branch_id, hire_date FROM hr_plan WHERE action = 'create' ORDER BY staff_id`,
    );
    await this.query(
      `INSERT INTO staff_role_period (staff_id, job_role_id, valid_from)
       SELECT p.staff_id, r, p.hire_date FROM hr_plan p CROSS JOIN LATERAL unnest(p.role_ids) AS r
        WHERE p.action = 'create' ORDER BY p.staff_id`,
    );

    await this.query(
      `UPDATE staff s
          SET given_name = p.given_name, family_name = p.family_name, email = p.email,
              preferred_language = p.preferred_language, branch_id = p.branch_id,
              manager_id = COALESCE(mp.staff_id, ms.id), hire_date = p.hire_date, status = p.status,
              left_on = CASE WHEN p.leaving THEN p.day WHEN p.returning THEN NULL ELSE s.left_on END,
              version = s.version + 1, updated_at = now()
         FROM hr_plan p ${manager}
        WHERE p.action = 'update' AND s.id = p.staff_id`,
    );
    await this.query(
      `UPDATE staff s SET status = 'left', left_on = p.day, version = s.version + 1, updated_at = now()
         FROM hr_plan p WHERE p.action = 'deactivate' AND s.id = p.staff_id`,
    );

    for (const table of ['staff_branch_period', 'staff_role_period']) {
      // Leaving: close every open period (closeOpenPeriods).
      await this.query(
        `DELETE FROM ${table} x USING hr_plan p
          WHERE p.leaving AND x.staff_id = p.staff_id AND x.valid_to IS NULL AND x.valid_from >= p.day`,
      );
      await this.query(
        `UPDATE ${table} x SET valid_to = p.day FROM hr_plan p
          WHERE p.leaving AND x.staff_id = p.staff_id AND x.valid_to IS NULL`,
      );
    }
    // A new branch (setOpenPeriods with one value).
    await this.query(
      `DELETE FROM staff_branch_period x USING hr_plan p
        WHERE p.branch_reset AND x.staff_id = p.staff_id AND x.valid_to IS NULL
          AND x.valid_from >= p.day AND x.branch_id <> p.branch_id`,
    );
    await this.query(
      `UPDATE staff_branch_period x SET valid_to = p.day FROM hr_plan p
        WHERE p.branch_reset AND x.staff_id = p.staff_id AND x.valid_to IS NULL AND x.branch_id <> p.branch_id`,
    );
    await this.query(
      `INSERT INTO staff_branch_period (staff_id, branch_id, valid_from)
       SELECT p.staff_id, p.branch_id, p.day FROM hr_plan p
        WHERE p.branch_reset AND NOT EXISTS (
          SELECT 1 FROM staff_branch_period x
           WHERE x.staff_id = p.staff_id AND x.branch_id = p.branch_id AND x.valid_to IS NULL)`,
    );
    // A new set of roles (setOpenPeriods with several values).
    await this.query(
      `DELETE FROM staff_role_period x USING hr_plan p
        WHERE p.roles_reset AND x.staff_id = p.staff_id AND x.valid_to IS NULL
          AND x.valid_from >= p.day AND NOT (x.job_role_id = ANY (p.role_ids))`,
    );
    await this.query(
      `UPDATE staff_role_period x SET valid_to = p.day FROM hr_plan p
        WHERE p.roles_reset AND x.staff_id = p.staff_id AND x.valid_to IS NULL
          AND NOT (x.job_role_id = ANY (p.role_ids))`,
    );
    await this.query(
      `INSERT INTO staff_role_period (staff_id, job_role_id, valid_from)
       SELECT p.staff_id, r, p.day FROM hr_plan p CROSS JOIN LATERAL unnest(p.role_ids) AS r
        WHERE p.roles_reset AND NOT EXISTS (
          SELECT 1 FROM staff_role_period x
           WHERE x.staff_id = p.staff_id AND x.job_role_id = r AND x.valid_to IS NULL)`,
    );

    const counts = await this.query<{ action: PlanAction; n: string }>(
      `SELECT action, count(*) AS n FROM hr_plan GROUP BY action`,
    );
    const left = await this.query<{ staff_id: string }>(
      `SELECT staff_id FROM hr_plan WHERE leaving ORDER BY staff_id`,
    );
    await this.query(`DROP TABLE hr_plan`);
    return { counts: countsOf(counts), leftStaffIds: left.map((r) => r.staff_id) };
  }
}

const STAGING_COLUMNS = `import_id, row, valid, employee_number, given_name, family_name, email, preferred_language,
  branch_id, role_ids, manager_number, hire_date, status`;

/** Where validated rows go while the file is read; `close` makes them visible, `abort` discards the writer. */
export interface StagingWriter {
  write(rows: readonly StagedRow[]): Promise<void>;
  close(): Promise<void>;
  abort(error: unknown): Promise<void>;
}

const STAGE_BATCH = 5_000;

class InsertStagingWriter implements StagingWriter {
  private pending: StagedRow[] = [];

  constructor(private readonly insert: (rows: readonly StagedRow[]) => Promise<void>) {}

  async write(rows: readonly StagedRow[]): Promise<void> {
    this.pending.push(...rows);
    if (this.pending.length >= STAGE_BATCH) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
  }

  async abort(): Promise<void> {
    this.pending = [];
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    await this.insert(batch);
  }
}

/** COPY in PostgreSQL's text format: tab-separated, `\N` for null, backslash escapes. */
class CopyStagingWriter implements StagingWriter {
  private failure: Error | null = null;

  constructor(
    private readonly importId: string,
    private readonly stream: Writable,
    private readonly release: (error?: Error) => Promise<void>,
  ) {
    stream.on('error', (error: Error) => {
      this.failure = error;
    });
  }

  async write(rows: readonly StagedRow[]): Promise<void> {
    if (this.failure) throw this.failure;
    let text = '';
    for (const r of rows) {
      text +=
        `${this.importId}\t${r.row}\t${r.valid ? 't' : 'f'}\t${copyText(r.employeeNumber)}\t${copyText(r.givenName)}\t` +
        `${copyText(r.familyName)}\t${copyText(r.email)}\t${copyText(r.preferredLanguage)}\t${copyText(r.branchId)}\t` +
        `${r.roleIds ? `{${r.roleIds.join(',')}}` : '\\N'}\t${copyText(r.managerNumber)}\t${copyText(r.hireDate)}\t` +
        `${copyText(r.status)}\n`;
    }
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          this.stream.off('drain', done);
          this.stream.off('error', done);
          if (error) reject(error);
          else resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('error', done);
      });
    }
  }

  async close(): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => {
        if (this.failure) return reject(this.failure);
        this.stream.on('error', reject);
        this.stream.end(() => resolve());
      });
    } catch (error) {
      await this.release(error as Error);
      throw error;
    }
    await this.release();
  }

  async abort(error: unknown): Promise<void> {
    // The connection is mid-COPY: the pool must not hand it out again.
    this.stream.destroy();
    await this.release(error instanceof Error ? error : new Error(String(error)));
  }
}

function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\n\r\t]/.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]) : value;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

type PlanAction = 'create' | 'update' | 'unchanged' | 'skip' | 'deactivate';

function countsOf(rows: ReadonlyArray<{ action: PlanAction; n: string }>): HrImportCounts {
  const n = (action: PlanAction) => Number(rows.find((r) => r.action === action)?.n ?? 0);
  return {
    rows: n('create') + n('update') + n('unchanged') + n('skip'),
    created: n('create'),
    updated: n('update'),
    unchanged: n('unchanged'),
    deactivated: n('deactivate'),
    skipped: n('skip'),
  };
}

/**
 * The plan: one row per staged person (and, for a full export, per active person missing from the file)
 * with the target values, the action, the effective day and which histories change. The dry run counts it;
 * the apply materialises and executes it, so both always agree.
 *
 * Target values: a column missing from the file keeps the person's current value (new people get the
 * default); roles are compared as sorted sets of IDs; managers by employee number, so a manager who is new
 * in the same file compares correctly before they exist. A person who is and stays left has no open
 * periods, so their roles are not compared.
 */
function planSql(importId: string, o: PlanOptions): [string, unknown[]] {
  const sql = `
    WITH r AS (
      SELECT * FROM hr_import_row WHERE import_id = $1 AND valid
    ), cur AS (
      SELECT r.*, s.id AS s_id, s.given_name AS s_given_name, s.family_name AS s_family_name, s.email AS s_email,
             s.preferred_language AS s_language, s.branch_id AS s_branch_id, s.hire_date AS s_hire_date,
             s.status AS s_status, m.employee_number AS s_manager_number,
             CASE WHEN s.id IS NOT NULL THEN COALESCE(cr.ids, '{}') END AS s_role_ids
        FROM r
        LEFT JOIN staff s ON s.employee_number = r.employee_number
        LEFT JOIN staff m ON m.id = s.manager_id
        -- Lateral: runs once per row of the file, so a small file stays cheap however large Brevet is.
        LEFT JOIN LATERAL (
          SELECT array_agg(p.job_role_id ORDER BY p.job_role_id) AS ids FROM staff_role_period p
           WHERE p.staff_id = s.id AND p.valid_to IS NULL) cr ON true
    ), t AS (
      SELECT cur.*,
             CASE WHEN $3 THEN cur.email ELSE cur.s_email END AS t_email,
             CASE WHEN $4 THEN cur.preferred_language ELSE COALESCE(cur.s_language, 'de') END AS t_language,
             CASE WHEN $5 THEN cur.manager_number ELSE cur.s_manager_number END AS t_manager_number,
             CASE WHEN $6 THEN cur.status ELSE COALESCE(cur.s_status, 'active') END AS t_status
        FROM cur
    ), d AS (
      SELECT t.*,
             (t.s_id IS NOT NULL AND t.t_status = 'left' AND t.s_status <> 'left') AS leaving,
             (t.s_id IS NOT NULL AND t.t_status <> 'left' AND t.s_status = 'left') AS returning
        FROM t
    ), e AS (
      SELECT d.*,
             (d.s_id IS NOT NULL AND d.t_status <> 'left' AND (d.returning OR d.branch_id <> d.s_branch_id)) AS branch_reset,
             (d.s_id IS NOT NULL AND d.t_status <> 'left' AND (d.returning OR d.role_ids <> d.s_role_ids)) AS roles_reset
        FROM d
    )
    SELECT e.employee_number,
           CASE WHEN e.s_id IS NOT NULL THEN e.s_id WHEN e.t_status <> 'left' THEN gen_random_uuid() END AS staff_id,
           CASE WHEN e.s_id IS NULL THEN CASE WHEN e.t_status = 'left' THEN 'skip' ELSE 'create' END
                WHEN e.leaving OR e.branch_reset OR e.roles_reset
                  OR e.given_name <> e.s_given_name OR e.family_name <> e.s_family_name
                  OR e.t_email IS DISTINCT FROM e.s_email OR e.t_language <> e.s_language
                  OR e.branch_id <> e.s_branch_id OR e.t_manager_number IS DISTINCT FROM e.s_manager_number
                  OR e.hire_date <> e.s_hire_date OR e.t_status <> e.s_status THEN 'update'
                ELSE 'unchanged' END AS action,
           e.given_name, e.family_name, e.t_email AS email, e.t_language AS preferred_language, e.branch_id,
           e.role_ids, e.t_manager_number AS manager_number, e.hire_date, e.t_status AS status,
           GREATEST(($2::timestamptz AT TIME ZONE b.timezone)::date, e.hire_date) AS day,
           e.leaving, e.returning, e.branch_reset, e.roles_reset
      FROM e JOIN branch b ON b.id = e.branch_id
    UNION ALL
    SELECT s.employee_number, s.id, 'deactivate', s.given_name, s.family_name, s.email, s.preferred_language,
           s.branch_id, NULL, NULL, s.hire_date, 'left',
           GREATEST(($2::timestamptz AT TIME ZONE b.timezone)::date, s.hire_date), true, false, false, false
      FROM staff s JOIN branch b ON b.id = s.branch_id
     WHERE $7 AND s.status <> 'left'
       AND NOT EXISTS (SELECT 1 FROM hr_import_row x WHERE x.import_id = $1 AND x.employee_number = s.employee_number)`;
  return [sql, [importId, o.now, o.hasEmail, o.hasLanguage, o.hasManager, o.hasStatus, o.fullExport]];
}
