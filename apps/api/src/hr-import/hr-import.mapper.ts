import type { HrImportDetail, HrImportIssue, HrImportSummary } from '@brevet/contracts';
import type { HrImportEntity } from './hr-import.entity';

export function mapHrImportSummary(entity: HrImportEntity): HrImportSummary {
  return {
    id: entity.id,
    status: entity.status,
    fileName: entity.fileName,
    fileSize: Number(entity.fileSize),
    fullExport: entity.fullExport,
    encoding: entity.encoding,
    delimiter: entity.delimiter,
    processedRows: entity.processedRows,
    totalRows: entity.totalRows,
    progress: progressOf(entity),
    errorCount: entity.errorCount,
    warningCount: entity.warningCount,
    preview: entity.counts,
    result: entity.result,
    failure: entity.failure,
    createdAt: entity.createdAt.toISOString(),
    validatedAt: entity.validatedAt?.toISOString() ?? null,
    appliedAt: entity.appliedAt?.toISOString() ?? null,
  };
}

export function mapHrImportDetail(entity: HrImportEntity, issues: HrImportIssue[]): HrImportDetail {
  return {
    ...mapHrImportSummary(entity),
    columns: entity.columns,
    canApply: canApply(entity),
    issues,
  };
}

export function canApply(entity: Pick<HrImportEntity, 'status' | 'errorCount'>): boolean {
  return entity.status === 'validated' && entity.errorCount === 0;
}

/** Rows read so far over the (estimated) total while validating; applying is one transaction, so unknown. */
function progressOf(entity: HrImportEntity): number | null {
  switch (entity.status) {
    case 'receiving':
    case 'uploaded':
      return 0;
    case 'validating':
      return entity.totalRows ? Math.min(0.99, entity.processedRows / entity.totalRows) : 0;
    case 'validated':
    case 'invalid':
    case 'applied':
      return 1;
    case 'applying':
    case 'failed':
      return null;
  }
}
