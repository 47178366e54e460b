import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  DEFAULT_PAGE_SIZE,
  HrImportIssueCode,
  type HrImportCounts,
  type HrImportDetail,
  type HrImportIssuePage,
  type HrImportPage,
} from '@brevet/contracts';
import { Readable } from 'node:stream';
import { AuditLog } from '../audit/audit-log.service';
import { UserAccountRepository } from '../auth/user-account.repository';
import { Clock } from '../common/clock';
import { RequestContext } from '../common/request-context';
import { DomainException, ValidationFailedException } from '../common/domain.exception';
import { queueComplianceCatchUp } from '../compliance/compliance-catch-up.queue';
import { JobName } from '../jobs/job-names';
import { JobOutbox } from '../jobs/job-outbox.service';
import { StaffDeactivation } from '../staff/staff-deactivation';
import {
  chunkDecoderFor,
  CsvReader,
  CsvSyntaxError,
  detectDelimiter,
  EncodingSniffer,
  type CsvRecord,
  type HrFileEncoding,
} from './hr-csv.util';
import type { HrImportEntity } from './hr-import.entity';
import {
  HrImportBusyException,
  HrImportNotApplicableException,
  HrImportNotFoundException,
  HrImportStaleException,
} from './hr-import.exceptions';
import type { HrUpload } from './hr-import-upload';
import { canApply, mapHrImportDetail, mapHrImportSummary } from './hr-import.mapper';
import { HrImportRepository, type PlanOptions } from './hr-import.repository';
import { resultCsvLines } from './hr-import-result.util';
import {
  mapHeader,
  validateRow,
  type HeaderMapping,
  type HrDirectory,
  type HrIssue,
  type StagedRow,
} from './hr-row.util';

/** Uploaded bytes are stored in chunks of this size. */
const CHUNK_BYTES = 1024 * 1024;
/** Issues are written in batches of this many. */
const ISSUE_BATCH = 1_000;
/** At most this many issues are stored per import (all are counted); the rest would help nobody. */
export const MAX_STORED_ISSUES = 10_000;
/** The detail view shows this many issues; the rest are paged or in the result CSV. */
const DETAIL_ISSUES = 50;
const PROGRESS_EVERY_ROWS = 5_000;
/** After an apply that changed at least this many people, the staff tables' statistics are refreshed. */
const STATISTICS_AFTER_CHANGES = 1_000;

/**
 * The HR CSV import. Upload stores the file and queues the dry run; the dry run streams the file through
 * the rules into a staging table and predicts what applying would do; apply makes it so in one transaction.
 * See docs/hr-import.md.
 */
@Injectable()
export class HrImportService {
  private readonly logger = new Logger(HrImportService.name);

  constructor(
    private readonly imports: HrImportRepository,
    private readonly outbox: JobOutbox,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly clock: Clock,
    private readonly deactivation: StaffDeactivation,
    private readonly audit: AuditLog,
    private readonly context: RequestContext,
    private readonly users: UserAccountRepository,
  ) {}

  // ── reading ──────────────────────────────────────────────────────────────────────────────────────────

  async list(page = 1, pageSize = DEFAULT_PAGE_SIZE): Promise<HrImportPage> {
    const { rows, total } = await this.imports.findPage(page, pageSize);
    return { items: rows.map(mapHrImportSummary), total, page, pageSize };
  }

  async get(id: string): Promise<HrImportDetail> {
    const entity = await this.mustFind(id);
    return mapHrImportDetail(entity, await this.imports.issues(id, 0, DETAIL_ISSUES));
  }

  async issues(id: string, page = 1, pageSize = DEFAULT_PAGE_SIZE): Promise<HrImportIssuePage> {
    const entity = await this.mustFind(id);
    const items = await this.imports.issues(id, (page - 1) * pageSize, pageSize);
    return { items, total: entity.issueCount, page, pageSize };
  }

  /**
   * The outcome as CSV for Excel: counts, then every issue; streamed from the database page by page. The
   * download is recorded (`export.created`) before streaming starts.
   */
  async resultCsv(id: string): Promise<{ fileName: string; content: Readable }> {
    const entity = await this.mustFind(id);
    await this.audit.record({
      action: 'export.created',
      target: { type: 'hr-import', id, label: entity.fileName },
      details: { export: 'hr-import-result', format: 'csv', status: entity.status },
    });
    const imports = this.imports;
    async function* issues() {
      let after = { row: -1, id: '0' };
      for (;;) {
        const page = await imports.issuesAfter(id, after, 1_000);
        yield* page;
        if (page.length < 1_000) return;
        const last = page[page.length - 1];
        after = { row: last.row, id: last.id };
      }
    }
    const base = entity.fileName.replace(/\.[^.]*$/, '') || 'import';
    return {
      fileName: `${base}-result.csv`,
      content: Readable.from(resultCsvLines(mapHrImportSummary(entity), issues())),
    };
  }

  // ── upload ───────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Stores the uploaded file in ~1 MB chunks as it arrives (memory stays flat), notes its encoding, and
   * queues the dry run. Chunks are written one statement at a time rather than in one long transaction, so
   * a slow client never holds a database connection; a failed upload deletes what it stored.
   */
  async upload(upload: HrUpload): Promise<HrImportDetail> {
    const id = await this.imports.create(upload.fileName);
    try {
      const sniffer = new EncodingSniffer();
      let size = 0;
      let seq = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const store = async () => {
        if (pendingBytes === 0) return;
        await this.imports.appendChunk(id, seq++, Buffer.concat(pending, pendingBytes));
        pending = [];
        pendingBytes = 0;
      };
      for await (const chunk of upload.content) {
        sniffer.push(chunk);
        size += chunk.length;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= CHUNK_BYTES) await store();
      }
      await store();
      const fullExport = parseFlag('fullExport', (await upload.fields)['fullExport']);
      await this.txHost.withTransaction(async () => {
        await this.imports.update(id, {
          status: 'uploaded',
          fileSize: String(size),
          encoding: sniffer.result(),
          fullExport,
        });
        await this.outbox.enqueue(
          JobName.ValidateHrImport,
          { importId: id },
          { jobId: `hr-import.${id}.validate` },
        );
      });
    } catch (error) {
      upload.discard();
      await this.imports
        .delete(id)
        .catch((cleanup: unknown) =>
          this.logger.warn(`could not remove failed upload ${id}: ${String(cleanup)}`),
        );
      throw error;
    }
    this.outbox.flushSoon();
    return this.get(id);
  }

  /** Deletes an import that is not applied or being applied, with its file, issues and staged rows. */
  async remove(id: string): Promise<void> {
    await this.txHost.withTransaction(async () => {
      const entity = await this.imports.findByIdForUpdate(id);
      if (!entity) throw new HrImportNotFoundException(id);
      if (entity.status === 'applying' || entity.status === 'applied')
        throw new HrImportBusyException(entity.status);
      await this.imports.delete(id);
    });
  }

  // ── dry run ──────────────────────────────────────────────────────────────────────────────────────────

  /**
   * The validation job: reads the stored file chunk by chunk, checks every row, stages the rows, runs the
   * checks that need the whole file (duplicates, managers) in SQL, and predicts what applying would do.
   * Safe to run again: it starts over.
   */
  async validate(id: string): Promise<void> {
    const entity = await this.imports.findById(id);
    if (!entity || (entity.status !== 'uploaded' && entity.status !== 'validating')) return;
    await this.imports.update(id, { status: 'validating', processedRows: 0, totalRows: null, failure: null });
    await this.imports.clearIssues(id);
    await this.imports.clearStaging(id);
    try {
      await this.runValidation(entity);
    } catch (error) {
      this.logger.error(`validating HR import ${id} failed: ${String(error)}`);
      await this.imports.clearStaging(id);
      await this.imports.deleteChunks(id);
      await this.imports.update(id, {
        status: 'failed',
        failure:
          'Validation stopped because of an unexpected error on our side. Upload the file again; if it keeps happening, tell your administrator.',
      });
    }
  }

  private async runValidation(entity: HrImportEntity): Promise<void> {
    const id = entity.id;
    const encoding = (entity.encoding as HrFileEncoding | null) ?? (await this.sniff(id));
    const log = new IssueLog(this.imports, id);
    const fileSize = Number(entity.fileSize);
    const finishInvalid = async (extra: Partial<HrImportEntity> = {}) => {
      await log.flush();
      await this.finish(id, { status: 'invalid', counts: null, encoding, ...extra }, log);
    };
    if (encoding === 'utf-16') {
      log.add({
        row: 0,
        column: null,
        severity: 'error',
        code: HrImportIssueCode.FileEncoding,
        message:
          'The file is saved as UTF-16 ("Unicode text"). In Excel, save it as "CSV UTF-8" or "CSV (semicolon separated)".',
      });
      return finishInvalid();
    }

    const directory = await this.imports.loadDirectory();
    const decoder = chunkDecoderFor(encoding);
    const stage = await this.imports.openStaging(id);
    const state: ReadState = { header: null, fatal: false, people: 0, rowsSeen: 0 };
    let reader: CsvReader | null = null;
    let head = '';
    let bytes = 0;
    let nextProgress = PROGRESS_EVERY_ROWS;

    const consume = async (records: CsvRecord[]) => {
      const staged: StagedRow[] = [];
      for (const record of records) {
        this.readRecord(record, state, directory, log, staged);
        if (state.fatal) break;
      }
      await stage.write(staged);
      if (log.pending >= ISSUE_BATCH) await log.flush();
    };
    try {
      for await (const chunk of this.imports.chunks(id)) {
        bytes += chunk.length;
        let text = decoder.decode(chunk);
        if (!reader) {
          head += text;
          if (!/[\r\n]/.test(head) && head.length < 64 * 1024) continue;
          reader = new CsvReader(detectDelimiter(head));
          text = head;
          head = '';
        }
        await consume(reader.push(text));
        if (state.fatal) break;
        if (state.rowsSeen >= nextProgress) {
          nextProgress = state.rowsSeen + PROGRESS_EVERY_ROWS;
          const estimate = Math.max(
            state.rowsSeen,
            Math.round((state.rowsSeen * fileSize) / Math.max(1, bytes)),
          );
          await this.imports.update(id, { processedRows: state.rowsSeen, totalRows: estimate });
        }
      }
      if (!state.fatal) {
        const rest = decoder.end();
        if (!reader) {
          reader = new CsvReader(detectDelimiter(head + rest));
          await consume(reader.push(head + rest));
        } else if (rest) {
          await consume(reader.push(rest));
        }
        if (!state.fatal) await consume(reader.end());
      }
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) {
        await stage.abort(error);
        throw error;
      }
      log.add({
        row: error.row,
        column: null,
        severity: 'error',
        code: HrImportIssueCode.CsvSyntax,
        message: error.message,
      });
      state.fatal = true;
    }
    await stage.close();
    const delimiter = reader?.delimiter ?? null;
    const columns = state.header?.names ?? null;
    if (state.fatal || !state.header) {
      if (!state.header && !state.fatal) {
        log.add({
          row: 0,
          column: null,
          severity: 'error',
          code: HrImportIssueCode.FileEmpty,
          message: 'The file is empty.',
        });
      }
      return finishInvalid({ delimiter, columns, totalRows: state.people });
    }
    if (state.people === 0) {
      log.add({
        row: 0,
        column: null,
        severity: 'error',
        code: HrImportIssueCode.FileEmpty,
        message: 'The file has a header row but no people.',
      });
    }
    await log.flush();

    // Checks that need the whole file, set-based over the staging table, then the prediction.
    const names = state.header.names;
    const preview = await this.txHost.withTransaction(async () => {
      await this.imports.withoutJit();
      await this.imports.analyzeStaging();
      const duplicates = await this.imports.reportDuplicateEmployeeNumbers(id, log.room);
      log.counted('error', duplicates);
      const manager = names.manager_employee_number;
      if (manager !== undefined) {
        log.counted('error', await this.imports.reportUnknownManagers(id, log.room, manager));
        if (duplicates.found === 0)
          log.counted('error', await this.imports.reportManagerCycles(id, log.room, manager));
      }
      if (names.status !== undefined) {
        log.counted('warning', await this.imports.reportLeftUnknownPeople(id, log.room, names.status));
      }
      return log.errors > 0 ? null : this.imports.preview(id, this.planOptions(names, entity.fullExport));
    });
    if (!preview) return finishInvalid({ delimiter, columns, totalRows: state.people });
    await this.finish(
      id,
      { status: 'validated', counts: preview, encoding, delimiter, columns, totalRows: state.people },
      log,
    );
  }

  /** Handles one record: the header first, then person rows. */
  private readRecord(
    record: CsvRecord,
    state: ReadState,
    directory: HrDirectory,
    log: IssueLog,
    staged: StagedRow[],
  ): void {
    if (!state.header) {
      if (record.error) {
        log.add({
          row: record.row,
          column: null,
          severity: 'error',
          code: HrImportIssueCode.CsvSyntax,
          message: record.error,
        });
        state.fatal = true;
        return;
      }
      if (record.fields.every((f) => f.trim() === '')) return; // blank lines before the header
      const { mapping, issues } = mapHeader(record.fields);
      issues.forEach((i) => log.add({ ...i, row: record.row }));
      if (!mapping) state.fatal = true;
      state.header = mapping;
      return;
    }
    state.rowsSeen += 1;
    if (record.error) {
      state.people += 1;
      log.add({
        row: record.row,
        column: null,
        severity: 'error',
        code: HrImportIssueCode.CsvSyntax,
        message: record.error,
      });
      return;
    }
    const outcome = validateRow(record.fields, record.row, state.header, directory);
    if (outcome.blank) return;
    state.people += 1;
    outcome.issues.forEach((i) => log.add(i));
    if (outcome.staged) staged.push(outcome.staged);
  }

  private async finish(id: string, changes: Partial<HrImportEntity>, log: IssueLog): Promise<void> {
    await log.close();
    await this.txHost.withTransaction(async () => {
      if (changes.status !== 'validated') await this.imports.clearStaging(id);
      await this.imports.deleteChunks(id);
      await this.imports.update(id, {
        ...changes,
        processedRows: changes.totalRows ?? 0,
        issueCount: log.stored,
        errorCount: log.errors,
        warningCount: log.warnings,
        validatedAt: this.clock.now(),
      });
    });
  }

  /** For imports stored without an encoding: one pass over the bytes. */
  private async sniff(id: string): Promise<HrFileEncoding> {
    const sniffer = new EncodingSniffer();
    for await (const chunk of this.imports.chunks(id)) sniffer.push(chunk);
    return sniffer.result();
  }

  /** Optional columns the file lacks leave those attributes of existing people alone. */
  private planOptions(columns: HeaderMapping['names'], fullExport: boolean): PlanOptions {
    return {
      hasEmail: columns.email !== undefined,
      hasLanguage: columns.preferred_language !== undefined,
      hasManager: columns.manager_employee_number !== undefined,
      hasStatus: columns.status !== undefined,
      fullExport,
      now: this.clock.now(),
    };
  }

  // ── apply ────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Queues the apply of a validated import without errors; 409 otherwise. The job carries who asked (user
   * and request IDs only), so that the audit entry of the apply names them.
   */
  async requestApply(id: string): Promise<HrImportDetail> {
    await this.txHost.withTransaction(async () => {
      const entity = await this.imports.findByIdForUpdate(id);
      if (!entity) throw new HrImportNotFoundException(id);
      if (!canApply(entity)) throw new HrImportNotApplicableException(entity.status);
      await this.imports.update(id, { status: 'applying', failure: null });
      await this.outbox.enqueue(
        JobName.ApplyHrImport,
        {
          importId: id,
          requestedBy: this.context.actor?.userId ?? null,
          requestId: this.context.request.requestId,
        },
        { jobId: `hr-import.${id}.apply` },
      );
    });
    this.outbox.flushSoon();
    return this.get(id);
  }

  /**
   * The apply job: one transaction, one import at a time. It checks again what may have changed since
   * the dry run (staged rows lost, a branch or role archived); any problem rolls everything back and marks
   * the import `failed`, with the staff data exactly as before. An apply that changed the staff is recorded as
   * `import.applied` (counts) in the same transaction, with the person who asked for it as the actor.
   */
  async apply(id: string, requested: ApplyRequester = {}): Promise<void> {
    const entity = await this.imports.findById(id);
    if (!entity || entity.status !== 'applying') return;
    const actor = await this.requester(requested.requestedBy);
    let result: HrImportCounts | null = null;
    let leftStaffIds: string[] = [];
    try {
      result = await this.txHost.withTransaction(async () => {
        await this.imports.withoutJit();
        await this.imports.lockForApply();
        const current = await this.imports.findByIdForUpdate(id);
        if (!current || current.status !== 'applying') return null;
        const expected = current.counts?.rows ?? -1;
        if ((await this.imports.countStaged(id)) !== expected) {
          throw new HrImportStaleException(
            'The validated rows are no longer there (the database was restarted in between). Upload the file again.',
          );
        }
        const inactive = await this.imports.inactiveReferences(id);
        if (inactive.length > 0) {
          throw new HrImportStaleException(
            `Since the file was validated, ${inactive.join(', ')} ${inactive.length === 1 ? 'was' : 'were'} archived. Nothing was changed; upload the file again.`,
          );
        }
        const applied = await this.imports.applyStaged(
          id,
          this.planOptions(current.columns ?? {}, current.fullExport),
        );
        await this.imports.clearStaging(id);
        await this.imports.update(id, {
          status: 'applied',
          result: applied.counts,
          appliedAt: this.clock.now(),
        });
        leftStaffIds = applied.leftStaffIds;
        const changed = applied.counts.created + applied.counts.updated + applied.counts.deactivated;
        if (changed > 0) {
          // The compliance aggregates are rebuilt in the background after the commit, not by the first reader.
          await queueComplianceCatchUp(this.outbox, `hr-import.${id}`, `HR import ${id}`);
        }
        await this.audit.record({
          action: 'import.applied',
          actor,
          request: { requestId: requested.requestId ?? null },
          target: { type: 'hr-import', id, label: current.fileName },
          details: { counts: applied.counts, fullExport: current.fullExport },
        });
        return applied.counts;
      });
    } catch (error) {
      const known = error instanceof DomainException;
      if (!known) this.logger.error(`applying HR import ${id} failed: ${String(error)}`);
      await this.imports.update(id, {
        status: 'failed',
        failure: known
          ? (error.detail ?? error.title)
          : 'Applying stopped because of an unexpected error on our side; nothing was changed. Upload the file again; if it keeps happening, tell your administrator.',
      });
      return;
    }
    if (!result) return;
    await this.endSessionsOfLeavers(leftStaffIds);
    this.logger.log(
      `applied HR import ${id}: ${result.created} created, ${result.updated} updated, ${result.deactivated} marked as left`,
    );
    if (result.created + result.updated + result.deactivated >= STATISTICS_AFTER_CHANGES) {
      await this.imports.refreshStaffStatistics();
    }
    // After the statistics, so that the compliance catch-up enqueued above plans with the new sizes.
    this.outbox.flushSoon();
  }

  /**
   * After the commit: ends the sessions of everyone the import marked as left (the sessions module
   * subscribes). The import stands whatever happens here; a failure is logged, and the access check refuses
   * a person who has left on their next request anyway.
   */
  private async endSessionsOfLeavers(staffIds: readonly string[]): Promise<void> {
    for (const staffId of staffIds) {
      await this.deactivation
        .publish({ staffId, reason: 'staff.left' })
        .catch((error: unknown) =>
          this.logger.warn(`could not end the sessions of staff ${staffId}: ${String(error)}`),
        );
    }
  }

  /** The audit actor of an apply: the person who asked for it (the system for jobs queued before). */
  private async requester(
    userId: string | null | undefined,
  ): Promise<{ userId: string | null; label: string }> {
    if (!userId) return { userId: null, label: 'system' };
    const user = await this.users.findById(userId);
    return { userId, label: user?.displayName ?? 'unknown user' };
  }

  private async mustFind(id: string): Promise<HrImportEntity> {
    const entity = await this.imports.findById(id);
    if (!entity) throw new HrImportNotFoundException(id);
    return entity;
  }
}

/** Who asked for an apply (from the job: IDs only). */
export interface ApplyRequester {
  requestedBy?: string | null;
  requestId?: string | null;
}

interface ReadState {
  header: HeaderMapping | null;
  /** The file cannot be read further (bad header, broken quoting). */
  fatal: boolean;
  /** Person rows (not blank) read. */
  people: number;
  rowsSeen: number;
}

function parseFlag(field: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new ValidationFailedException([{ field, message: 'must be true or false' }]);
}

/** Collects issues and writes them in batches; stores at most {@link MAX_STORED_ISSUES} and counts all. */
class IssueLog {
  private buffer: HrIssue[] = [];
  stored = 0;
  errors = 0;
  warnings = 0;
  private unstored = 0;

  constructor(
    private readonly repo: HrImportRepository,
    private readonly importId: string,
  ) {}

  get pending(): number {
    return this.buffer.length;
  }

  /** How many more issues may be stored (one place is kept for the "too many" notice). */
  get room(): number {
    return Math.max(0, MAX_STORED_ISSUES - 1 - this.stored - this.buffer.length);
  }

  add(issue: HrIssue): void {
    if (issue.severity === 'error') this.errors += 1;
    else this.warnings += 1;
    if (this.room > 0) this.buffer.push(issue);
    else this.unstored += 1;
  }

  /** Records the outcome of a set-based check that stored its own issues. */
  counted(severity: HrIssue['severity'], result: { found: number; stored: number }): void {
    if (severity === 'error') this.errors += result.found;
    else this.warnings += result.found;
    this.stored += result.stored;
    this.unstored += result.found - result.stored;
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    await this.repo.insertIssues(this.importId, batch);
    this.stored += batch.length;
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.unstored > 0) {
      await this.repo.insertIssues(this.importId, [
        {
          row: 0,
          column: null,
          severity: this.errors > 0 ? 'error' : 'warning',
          code: HrImportIssueCode.TooManyIssues,
          message: `${this.unstored} further problems are not listed. Fix the ones shown and upload the file again.`,
        },
      ]);
      this.stored += 1;
      this.unstored = 0;
    }
  }
}
