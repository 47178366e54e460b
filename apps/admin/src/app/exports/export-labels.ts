import {
  Permission,
  type ExportErrorCode,
  type ExportKind,
  type ExportRun,
  type ExportStatus,
} from '@brevet/contracts';
import type { TranslationKey } from '../core/i18n';

export const KIND_LABELS: Record<ExportKind, TranslationKey> = {
  'compliance-matrix': 'exports.kinds.complianceMatrix',
  'compliance-people': 'exports.kinds.compliancePeople',
  awards: 'exports.kinds.awards',
  audit: 'exports.kinds.audit',
  'training-report': 'exports.kinds.trainingReport',
  'training-attendance': 'exports.kinds.trainingAttendance',
};

/** The permission a kind needs on top of `reports.export` (as the API checks it). */
export const KIND_PERMISSION: Record<ExportKind, Permission> = {
  'compliance-matrix': Permission.ComplianceRead,
  'compliance-people': Permission.ComplianceRead,
  awards: Permission.AwardsRead,
  audit: Permission.AuditRead,
  'training-report': Permission.ComplianceRead,
  'training-attendance': Permission.ComplianceRead,
};

export const STATUS_LOOK: Record<ExportStatus, { label: TranslationKey; tone: string }> = {
  queued: { label: 'exports.status.queued', tone: '' },
  running: { label: 'exports.status.running', tone: 'info' },
  ready: { label: 'exports.status.ready', tone: 'success' },
  failed: { label: 'exports.status.failed', tone: 'error' },
};

export const ERROR_LABELS: Record<ExportErrorCode, TranslationKey> = {
  'export.failed': 'exports.errors.failed',
  'export.interrupted': 'exports.errors.interrupted',
  'export.not_found': 'exports.errors.notFound',
  'export.not_ready': 'exports.errors.notReady',
  'export.too_large': 'exports.errors.tooLarge',
};

/** One choice of the export menu: a format, and for CSV the separator. */
export interface ExportChoice {
  format: ExportRun['format'];
  delimiter?: ',' | ';';
  label: TranslationKey;
}

export const CHOICES: readonly ExportChoice[] = [
  { format: 'xlsx', label: 'exports.formats.xlsx' },
  { format: 'csv', delimiter: ',', label: 'exports.formats.csv' },
  { format: 'csv', delimiter: ';', label: 'exports.formats.csvSemicolon' },
  { format: 'pdf', label: 'exports.formats.pdf' },
];

/** True while the job has not settled: the page keeps asking. */
export function isActive(run: Pick<ExportRun, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}
