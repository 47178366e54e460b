import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  CERTIFICATE_STATUSES,
  COMPLIANCE_STATUSES,
  DEFAULT_PAGE_SIZE,
  EXPORT_KIND_FILTERS,
  EXPORT_KIND_FORMATS,
  EXPORT_RETENTION_DAYS,
  XLSX_MAX_ROWS,
  Permission,
  type CreateExportRequest,
  type ExportFilterName,
  type ExportErrorCode,
  type ExportFilters,
  type ExportKind,
  type ExportPage,
  type ExportRun,
  type FieldError,
} from '@brevet/contracts';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Actor } from '../auth/actor';
import { ForbiddenException } from '../auth/auth.exceptions';
import { AuditLog } from '../audit/audit-log.service';
import { Clock } from '../common/clock';
import { ValidationFailedException } from '../common/domain.exception';
import { JobName } from '../jobs/job-names';
import { JobOutbox } from '../jobs/job-outbox.service';
import { InvalidJobDataError } from '../jobs/job-queue.port';
import { AppConfig } from '../config/app-config';
import { renderComplianceReport } from './compliance-report.pdf';
import { CopyCsvToFile, CsvTableWriter, csvHeader } from './csv-table.writer';
import { ExportCopyRepository, type CopyStatement } from './export-copy.repository';
import { ExportCursorRepository } from './export-cursor.repository';
import type { ExportRunEntity } from './export-run.entity';
import type { ExportColumn } from './export-table';
import { ExportRunRepository } from './export-run.repository';
import {
  trainingReportRange,
  trainingReportRangeErrors,
} from '../training-assignments/training-report-range.util';
import { ExportSources } from './export-sources';
import { EXPORT_TEXT } from './export-text';
import { ExportNotFoundException, ExportNotReadyException } from './export.exceptions';
import { mapExportRun } from './export.mapper';
import { XlsxTableWriter } from './xlsx-table.writer';

/** The permission each kind needs on top of ReportsExport: the one that lets a person read those rows at all. */
const KIND_PERMISSION: Record<ExportKind, Permission> = {
  'compliance-matrix': Permission.ComplianceRead,
  'compliance-people': Permission.ComplianceRead,
  awards: Permission.AwardsRead,
  audit: Permission.AuditRead,
  // As `GET /training/report`.
  'training-report': Permission.ComplianceRead,
  'training-attendance': Permission.ComplianceRead,
};

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** Rows fetched from the cursor at a time. */
const BATCH_ROWS = 1_000;
/** Stored file chunks are about this big. */
const CHUNK_BYTES = 1024 * 1024;
/** Progress is written at most this often. */
const PROGRESS_EVERY_MS = 250;
const RETENTION_MS = EXPORT_RETENTION_DAYS * 24 * 60 * 60 * 1000;
/** An export not finished this long after it was asked for was lost (e.g. an embedded server restarted). */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/**
 * Exports (docs/exports.md): a person asks for one, a job writes the file from a database cursor with
 * progress, and the person downloads it. The scope is captured when they ask and applied in SQL by the
 * module that owns the rows; only they can see or download their exports.
 */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger(ExportsService.name);

  constructor(
    private readonly runs: ExportRunRepository,
    private readonly cursors: ExportCursorRepository,
    private readonly copies: ExportCopyRepository,
    private readonly sources: ExportSources,
    private readonly outbox: JobOutbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly config: AppConfig,
  ) {}

  // ── asking, reading, downloading ──────────────────────────────────────────────────────────────────────

  /** Records the request with the actor's scope as it is now, and queues the job. */
  async request(actor: Actor, body: CreateExportRequest): Promise<ExportRun> {
    const run = await this.record(actor, body, true);
    this.outbox.flushSoon();
    return mapExportRun(run);
  }

  /**
   * Records an export for a caller that writes it itself, right away, with {@link run} (scheduled reports,
   * docs/scheduled-reports.md): the same checks, scope capture and audit entry as {@link request}, no job.
   */
  async recordForCaller(actor: Actor, body: CreateExportRequest): Promise<string> {
    return (await this.record(actor, body, false)).id;
  }

  private async record(actor: Actor, body: CreateExportRequest, enqueue: boolean): Promise<ExportRunEntity> {
    if (!actor.permissions.has(KIND_PERMISSION[body.kind]))
      throw new ForbiddenException('Your role does not allow exporting these records.');
    validateRequest(body, this.clock.now());
    const filters = cleanFilters(body.filters ?? {});
    const language = body.language ?? actor.language ?? 'en';
    return this.txHost.withTransaction(async () => {
      const created = await this.runs.create({
        requestedBy: actor.userId,
        kind: body.kind,
        format: body.format,
        delimiter: body.format === 'csv' ? (body.delimiter ?? ',') : null,
        language,
        filters,
        scope: actor.scope.all ? { all: true } : { all: false, branchIds: [...actor.scope.branchIds] },
        asOf: this.clock.now(),
      });
      if (enqueue)
        await this.outbox.enqueue(
          JobName.RunExport,
          { exportId: created.id },
          { jobId: `export.${created.id}` },
        );
      await this.audit.record({
        action: 'export.created',
        target: { type: 'export', id: created.id, label: EXPORT_TEXT.en.kinds[body.kind].title },
        details: {
          kind: body.kind,
          format: body.format,
          filters,
          scope: actor.scope.all ? 'all' : { branches: actor.scope.branchIds.length },
        },
      });
      return created;
    });
  }

  async list(actor: Actor, page = 1, pageSize = DEFAULT_PAGE_SIZE): Promise<ExportPage> {
    const { rows, total } = await this.runs.findOwnPage(actor.userId, this.clock.now(), page, pageSize);
    return { items: rows.map(mapExportRun), total, page, pageSize };
  }

  async get(actor: Actor, id: string): Promise<ExportRun> {
    return mapExportRun(await this.mustFindOwn(actor, id));
  }

  /** The ready file, streamed chunk by chunk from the database. */
  async download(
    actor: Actor,
    id: string,
  ): Promise<{ fileName: string; contentType: string; size: number; content: Readable }> {
    const run = await this.mustFindOwn(actor, id);
    if (run.status !== 'ready' || !run.fileName || !run.contentType)
      throw new ExportNotReadyException(run.status);
    const runs = this.runs;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let seq = 0; ; seq++) {
        const chunk = await runs.readChunk(id, seq);
        if (!chunk) return;
        yield chunk;
      }
    }
    return {
      fileName: run.fileName,
      contentType: run.contentType,
      size: Number(run.fileSize ?? 0),
      content: Readable.from(chunks()),
    };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    if (!(await this.runs.deleteOwn(id, actor.userId))) throw new ExportNotFoundException();
  }

  private async mustFindOwn(actor: Actor, id: string): Promise<ExportRunEntity> {
    const run = await this.runs.findOwn(id, actor.userId, this.clock.now());
    if (!run) throw new ExportNotFoundException();
    return run;
  }

  // ── the job ───────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Writes the file of a queued export. A retry starts over (the attempt's chunks are replaced). After the
   * last allowed attempt, or at once for a run that can never succeed, the export is marked failed. Then the
   * files past their retention are deleted.
   */
  async run(exportId: string): Promise<void> {
    const run = await this.txHost.withTransaction(() => this.runs.startAttempt(exportId, this.clock.now()));
    if (!run) return;
    try {
      await this.runs.deleteChunks(run.id);
      if (run.format === 'pdf') await this.writeReport(run);
      else await this.writeTable(run);
    } catch (error) {
      const tooLarge = error instanceof TooManyRowsError;
      // The queue gives a job `jobs.attempts` tries (JOB_ATTEMPTS): the last one marks the export failed.
      const final =
        run.attempts >= this.config.jobs.attempts || error instanceof InvalidJobDataError || tooLarge;
      const message = error instanceof Error ? error.message : String(error);
      const code: ExportErrorCode = tooLarge ? 'export.too_large' : 'export.failed';
      await this.runs.markAttemptFailed(run.id, code, final, this.clock.now());
      if (!final) throw error;
      this.logger.error(`export ${run.id} failed for good after ${run.attempts} attempt(s): ${message}`);
      await this.runs.deleteChunks(run.id);
    }
    await this.cleanUp();
  }

  /** Deletes expired exports with their files, and marks exports that were lost on the way as failed. */
  async cleanUp(): Promise<void> {
    const now = this.clock.now();
    const interrupted = await this.runs.failStale(
      new Date(now.getTime() - STALE_AFTER_MS),
      now,
      RETENTION_MS,
    );
    const deleted = await this.runs.deleteExpired(now);
    if (interrupted + deleted > 0)
      this.logger.log(`exports: ${deleted} expired deleted, ${interrupted} interrupted marked failed`);
  }

  private async writeTable(run: ExportRunEntity): Promise<void> {
    const snapshot = run.kind === 'audit' ? await this.sources.auditSnapshot(run) : null;
    if (run.kind === 'audit' && snapshot === null)
      throw new InvalidJobDataError(`audit export ${run.id} has no export.created entry`);
    const source = await this.sources.table(run, snapshot);
    if (run.format === 'csv' && source.csv && this.copies.available())
      return this.writeCsvByCopy(run, source.columns, source.csv);
    const cursor = await this.cursors.open(source.statement, BATCH_ROWS);
    try {
      await this.runs.setTotal(run.id, cursor.total);
      if (run.format === 'xlsx' && cursor.total > XLSX_MAX_ROWS) throw new TooManyRowsError(cursor.total);
      const t = EXPORT_TEXT[run.language];
      const writer =
        run.format === 'csv'
          ? new CsvTableWriter(source.columns, run.delimiter ?? ',')
          : new XlsxTableWriter(source.columns, {
              sheetName: t.kinds[run.kind].title,
              title: t.kinds[run.kind].title,
              creator: 'Brevet',
              createdAt: run.asOf,
            });
      const storing = this.store(run.id, writer.output);
      let done = 0;
      let reported = Date.now();
      // The database reads the next batch while this one is written: both cores work.
      let next = cursor.next();
      try {
        for (;;) {
          const rows = await next;
          if (rows.length === 0) break;
          next = cursor.next();
          for (const row of rows) await writer.writeRow(source.toRow(row));
          done += rows.length;
          if (Date.now() - reported >= PROGRESS_EVERY_MS) {
            await this.runs.setProgress(run.id, done);
            reported = Date.now();
          }
        }
        await writer.finish();
      } catch (error) {
        // A batch fetched ahead and not read any more: its failure is not this error's cause.
        next.catch(() => undefined);
        writer.abort(error instanceof Error ? error : new Error(String(error)));
        await storing.catch(() => undefined);
        throw error;
      }
      const size = await storing;
      await this.finish(run, size, done);
    } finally {
      await cursor.close();
    }
  }

  /**
   * A CSV written by PostgreSQL (COPY of the kind's finished cells, docs/exports.md "CSV by COPY"), with the BOM,
   * header and CRLF record ends added on the way to the file's chunks. The total is known at the end only; until
   * then the progress is the rows written.
   */
  private async writeCsvByCopy(
    run: ExportRunEntity,
    columns: ExportColumn[],
    statement: CopyStatement,
  ): Promise<void> {
    const delimiter = run.delimiter ?? ',';
    const copy = await this.copies.csv(statement, delimiter);
    const file = new CopyCsvToFile(csvHeader(columns, delimiter));
    let reported = Date.now();
    try {
      const [, size] = await Promise.all([
        pipeline(copy.output, file),
        this.store(run.id, file, async () => {
          if (Date.now() - reported < PROGRESS_EVERY_MS) return;
          reported = Date.now();
          await this.runs.setProgress(run.id, file.records);
        }),
      ]);
      await copy.close();
      await this.finish(run, size, file.records);
    } catch (error) {
      await copy.close(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  private async writeReport(run: ExportRunEntity): Promise<void> {
    const input = await this.sources.report(run);
    const rows = input.branches.length + input.credentials.length;
    await this.runs.setTotal(run.id, rows);
    const size = await this.store(run.id, renderComplianceReport(input));
    await this.finish(run, size, rows);
  }

  private async finish(run: ExportRunEntity, size: number, rows: number): Promise<void> {
    const now = this.clock.now();
    await this.runs.markReady(
      run.id,
      { name: this.sources.fileName(run.kind, run), contentType: CONTENT_TYPE[run.format], size, rows },
      now,
      new Date(now.getTime() + RETENTION_MS),
    );
  }

  /** Stores the file's bytes as they come, in ~1 MB chunks, one short statement each. Resolves with the size. */
  /** Stores `output` as the export's file chunks; `afterChunk` runs after each stored chunk. */
  private async store(id: string, output: Readable, afterChunk?: () => Promise<void>): Promise<number> {
    let seq = 0;
    let size = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      await this.runs.appendChunk(id, seq++, Buffer.concat(pending, pendingBytes));
      pending = [];
      pendingBytes = 0;
    };
    for await (const chunk of output) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      pending.push(buffer);
      pendingBytes += buffer.length;
      size += buffer.length;
      if (pendingBytes >= CHUNK_BYTES) {
        await flush();
        await afterChunk?.();
      }
    }
    await flush();
    return size;
  }
}

/** More rows than an XLSX sheet holds: the export fails at once, with advice to use CSV. */
class TooManyRowsError extends Error {
  constructor(rows: number) {
    super(`${rows} rows do not fit one spreadsheet sheet`);
  }
}

/** Format, delimiter, filters and status values must fit the kind; every problem is listed. */
function validateRequest(body: CreateExportRequest, now: Date): void {
  const errors: FieldError[] = [];
  if (!EXPORT_KIND_FORMATS[body.kind].includes(body.format))
    errors.push({
      field: 'format',
      message: `must be one of ${EXPORT_KIND_FORMATS[body.kind].join(', ')} for ${body.kind}`,
    });
  if (body.delimiter !== undefined && body.format !== 'csv')
    errors.push({ field: 'delimiter', message: 'applies to CSV only' });
  const allowed: readonly ExportFilterName[] = EXPORT_KIND_FILTERS[body.kind];
  const filters = body.filters ?? {};
  for (const [name, value] of Object.entries(filters) as Array<[ExportFilterName, unknown]>) {
    if (value === undefined || value === null) continue;
    if (!allowed.includes(name))
      errors.push({ field: `filters.${name}`, message: `is not a filter of ${body.kind}` });
  }
  if (filters.status && allowed.includes('status')) {
    const known: readonly string[] = body.kind === 'awards' ? CERTIFICATE_STATUSES : COMPLIANCE_STATUSES;
    const unknown = filters.status.filter((s) => !known.includes(s));
    if (unknown.length > 0)
      errors.push({ field: 'filters.status', message: `must be one or more of ${known.join(', ')}` });
  }
  if (filters.action && filters.action.some((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a)))
    errors.push({ field: 'filters.action', message: 'unknown audit action' });
  if (filters.outcome && !(AUDIT_OUTCOMES as readonly string[]).includes(filters.outcome))
    errors.push({ field: 'filters.outcome', message: 'unknown outcome' });
  if (body.kind === 'training-report' || body.kind === 'training-attendance')
    errors.push(...trainingReportRangeErrors(trainingReportRange(filters, now), 'filters.'));
  if (errors.length > 0) throw new ValidationFailedException(errors);
}

/** The filters as stored: empty values left out. */
function cleanFilters(filters: ExportFilters): ExportFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  ) as ExportFilters;
}
