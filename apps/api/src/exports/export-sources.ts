import { Injectable } from '@nestjs/common';
import type {
  AuditQuery,
  CertificateStatus,
  ComplianceStatus,
  ExportFilters,
  ExportKind,
} from '@brevet/contracts';
import type { AccessScope } from '../auth/actor';
import { UserAccountRepository } from '../auth/user-account.repository';
import { AuditService } from '../audit/audit.service';
import { mapAward } from '../awards/award.mapper';
import { AwardRepository } from '../awards/award.repository';
import { mapCounts } from '../compliance/compliance.mapper';
import type { ComplianceFilterQuery } from '../compliance/compliance.repository';
import { ComplianceService } from '../compliance/compliance.service';
import { AppConfig } from '../config/app-config';
import { localized } from '../open-badges/credential-builder.util';
import type { RowStatement } from '../database/row-statement';
import { TrainingAssignmentRepository } from '../training-assignments/training-assignment.repository';
import { trainingReportRange } from '../training-assignments/training-report-range.util';
import { TrainingSessionRepository } from '../training-sessions/training-session.repository';
import type { ComplianceReportInput } from './compliance-report.pdf';
import type { CopyStatement } from './export-copy.repository';
import { requirementCsvStatement } from './export-csv-sql.util';
import type { ExportRunEntity } from './export-run.entity';
import {
  auditColumns,
  auditRow,
  awardColumns,
  awardRow,
  matrixColumns,
  matrixRow,
  requirementColumns,
  requirementRow,
  trainingAttendanceColumns,
  trainingAttendanceRow,
  trainingReportColumns,
  trainingReportRow,
} from './export-rows.util';
import type { ExportColumn, ExportRow } from './export-table';
import { EXPORT_TEXT } from './export-text';

/** A tabular export: its columns, the statement the cursor runs, and how each of its rows becomes a file row. */
export interface TableSource<R = unknown> {
  columns: ExportColumn[];
  statement: RowStatement<R>;
  toRow(row: R): ExportRow;
  /**
   * The same file's cells as SQL, for kinds big enough to have PostgreSQL write the CSV itself (COPY): the
   * people list. Optional; the cursor and `toRow` write every kind.
   */
  csv?: CopyStatement;
}

/** The PDF report covers at most this many branches (each a table row and, for the worst, a bar). */
const REPORT_MAX_BRANCHES = 5_000;

/**
 * Where each kind of export gets its rows: the statement of the module that owns the data, with the scope the
 * requester had when they asked (`run.scope`) and the filters on top, both inside the SQL. A filter can only
 * narrow what the scope allows.
 */
@Injectable()
export class ExportSources {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly awards: AwardRepository,
    private readonly audit: AuditService,
    private readonly users: UserAccountRepository,
    private readonly config: AppConfig,
    private readonly training: TrainingAssignmentRepository,
    private readonly sessions: TrainingSessionRepository,
  ) {}

  /**
   * The source of a tabular export. Compliance kinds read the materialised aggregates, caught up with every
   * change committed before this call: so call it outside a transaction, just before opening the cursor.
   */
  async table(run: ExportRunEntity, auditSnapshot: bigint | null): Promise<TableSource> {
    const t = EXPORT_TEXT[run.language];
    const language = run.language;
    const f = run.filters;
    switch (run.kind) {
      case 'compliance-matrix':
        return source(
          matrixColumns(t),
          await this.compliance.matrixCellsStatement(complianceQuery(run)),
          (r) => matrixRow(r, language),
        );
      case 'compliance-people': {
        const statement = await this.compliance.requirementRowsStatement({
          ...complianceQuery(run),
          staffId: f.staffId,
          statuses: f.status as ComplianceStatus[] | undefined,
        });
        return {
          ...source(requirementColumns(t), statement, (r) => requirementRow(r, t, language)),
          csv: requirementCsvStatement(statement, t, language),
        };
      }
      case 'awards':
        return source(
          awardColumns(t),
          this.awards.exportStatement(
            {
              staffId: f.staffId,
              definitionId: f.definitionId,
              branchId: f.branchId,
              statuses: f.status as CertificateStatus[] | undefined,
              now: run.asOf,
            },
            scopeOf(run),
          ),
          (r) => awardRow(mapAward(r, run.asOf), t, language),
        );
      case 'audit': {
        if (auditSnapshot === null) throw new Error(`audit export ${run.id} has no snapshot`);
        const query: AuditQuery = {
          action: f.action,
          actorUserId: f.actorUserId,
          targetType: f.targetType,
          targetId: f.targetId,
          outcome: f.outcome,
          q: f.q,
          from: f.from,
          to: f.to,
        };
        return source(auditColumns(t), this.audit.exportStatement(query, f.sort, auditSnapshot), auditRow);
      }
      case 'training-report':
        return source(
          trainingReportColumns(t),
          this.training.reportCellsStatement({
            scope: scopeOf(run),
            lang: language,
            ...trainingReportRange(f, run.asOf),
            branchId: f.branchId,
            definitionId: f.definitionId,
          }),
          trainingReportRow,
        );
      case 'training-attendance':
        return source(
          trainingAttendanceColumns(t),
          this.sessions.attendanceStatement({
            scope: scopeOf(run),
            lang: language,
            ...trainingReportRange(f, run.asOf),
            branchId: f.branchId,
            definitionId: f.definitionId,
          }),
          (r) => trainingAttendanceRow(r, t),
        );
    }
  }

  /** The sequence of the export's own `export.created` entry: an audit export holds the log up to it. */
  async auditSnapshot(run: ExportRunEntity): Promise<bigint | null> {
    if (run.auditSnapshot !== null) return BigInt(run.auditSnapshot);
    const page = await this.audit.search({
      action: ['export.created'],
      targetType: 'export',
      targetId: run.id,
      pageSize: 1,
    });
    const entry = page.items[0];
    return entry ? BigInt(entry.sequence) : null;
  }

  /** The data of the PDF summary report: totals, every branch and every credential in view. */
  async report(run: ExportRunEntity): Promise<ComplianceReportInput> {
    const { summary, matrix } = await this.compliance.reportRows(complianceQuery(run), REPORT_MAX_BRANCHES);
    const requester = await this.users.findById(run.requestedBy);
    const f = run.filters;
    const area: ComplianceReportInput['area'] = f.branchId
      ? { kind: 'branch', name: matrix.rows.find((b) => b.id === f.branchId)?.name ?? null }
      : f.regionId
        ? { kind: 'region', name: summary.regions.find((r) => r.id === f.regionId)?.name ?? null }
        : { kind: 'all', name: null };
    return {
      language: run.language,
      companyName: this.config.openBadges.issuerName,
      requestedBy: requester?.displayName ?? '—',
      asOf: run.asOf,
      area,
      totals: mapCounts(summary.totals),
      branches: matrix.rows.map((b) => ({ code: b.code, name: b.name, counts: mapCounts(b.counts) })),
      credentials: summary.credentials.map((c) => ({
        code: c.code,
        name: localized(c.title, run.language),
        counts: mapCounts(c.counts),
      })),
    };
  }

  /** A name for the file: what it is and the day it was asked for (UTC). */
  fileName(kind: ExportKind, run: Pick<ExportRunEntity, 'language' | 'asOf' | 'format'>): string {
    const base = EXPORT_TEXT[run.language].kinds[kind].file;
    return `${base}-${run.asOf.toISOString().slice(0, 10)}.${run.format}`;
  }
}

function source<R>(
  columns: ExportColumn[],
  statement: RowStatement<R>,
  toRow: (row: R) => ExportRow,
): TableSource {
  return { columns, statement, toRow } as TableSource;
}

function scopeOf(run: ExportRunEntity): AccessScope {
  return run.scope.all ? { all: true } : { all: false, branchIds: run.scope.branchIds };
}

function complianceQuery(run: ExportRunEntity): ComplianceFilterQuery {
  const f: ExportFilters = run.filters;
  return {
    scope: scopeOf(run),
    now: run.asOf,
    regionId: f.regionId,
    branchId: f.branchId,
    definitionId: f.definitionId,
    jobRoleId: f.jobRoleId,
    country: f.country,
  };
}
