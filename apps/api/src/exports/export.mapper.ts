import type { ExportErrorCode, ExportRun } from '@brevet/contracts';
import type { ExportRunEntity } from './export-run.entity';

/** What a person reads about a failure, by code (the admin UI shows its own translation of the code). */
const ERROR_MESSAGES: Record<ExportErrorCode, string> = {
  'export.not_found': 'This export does not exist or has expired.',
  'export.not_ready': 'This export is not ready yet.',
  'export.failed':
    'The export could not be written. Please try again; if it fails again, tell your administrator.',
  'export.too_large': 'There are more rows than a spreadsheet can hold. Export them as CSV instead.',
  'export.interrupted':
    'The export stopped before it was finished, for example because the server restarted. Please start it again.',
};

/** 0–100, null until the rows are counted. */
export function exportPercent(
  run: Pick<ExportRunEntity, 'status' | 'rowsDone' | 'rowsTotal'>,
): number | null {
  if (run.status === 'ready') return 100;
  if (run.rowsTotal === null) return null;
  if (run.rowsTotal === 0) return 0;
  // A running export shows at most 99 % until its file is stored.
  return Math.min(99, Math.floor((run.rowsDone / run.rowsTotal) * 100));
}

export function mapExportRun(run: ExportRunEntity): ExportRun {
  return {
    id: run.id,
    kind: run.kind,
    format: run.format,
    delimiter: run.delimiter,
    language: run.language,
    filters: run.filters,
    status: run.status,
    rowsDone: run.rowsDone,
    rowsTotal: run.rowsTotal,
    percent: exportPercent(run),
    file:
      run.status === 'ready' && run.fileName && run.contentType
        ? { name: run.fileName, size: Number(run.fileSize ?? 0), contentType: run.contentType }
        : null,
    error: run.errorCode ? { code: run.errorCode, message: ERROR_MESSAGES[run.errorCode] } : null,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    expiresAt: run.expiresAt?.toISOString() ?? null,
  };
}
