import type { CertificateStatus, Award, UiLanguage } from '@brevet/contracts';
import { complianceRate } from '@brevet/domain';
import { canonicalJson } from '../audit/audit-chain.util';
import type { AuditRow } from '../audit/audit.repository';
import type { MatrixCellRow, RequirementExportRow } from '../compliance/compliance.repository';
import { localized } from '../open-badges/credential-builder.util';
import { reportRate } from '../training-assignments/training-assignment.mapper';
import type { ReportCellRow } from '../training-assignments/training-assignment.repository';
import type { AttendanceRow } from '../training-sessions/training-session.repository';
import type { ExportColumn, ExportRow } from './export-table';
import type { ExportText } from './export-text';

/**
 * The columns and rows of each tabular export, in the export's language. Pure: the export service feeds the
 * rows it reads from the database cursor through these.
 */

export function matrixColumns(t: ExportText): ExportColumn[] {
  const c = t.columns;
  return [
    { header: c.regionCode, type: 'text', width: 14 },
    { header: c.region, type: 'text' },
    { header: c.branchCode, type: 'text', width: 14 },
    { header: c.branch, type: 'text' },
    { header: c.credentialCode, type: 'text', width: 16 },
    { header: c.credential, type: 'text', width: 36 },
    { header: c.required, type: 'integer' },
    { header: c.compliant, type: 'integer' },
    { header: c.expiring, type: 'integer' },
    { header: c.expired, type: 'integer' },
    { header: c.missingOverdue, type: 'integer', width: 14 },
    { header: c.missingInGrace, type: 'integer', width: 14 },
    { header: c.exempt, type: 'integer' },
    { header: c.rate, type: 'percent' },
  ];
}

export function matrixRow(cell: MatrixCellRow, language: UiLanguage): ExportRow {
  const n = cell.counts;
  return [
    cell.regionCode,
    cell.regionName,
    cell.branchCode,
    cell.branchName,
    cell.definitionCode,
    localized(cell.definitionTitle, language),
    n.total,
    n.compliant,
    n.expiring,
    n.expired,
    n.missingOverdue,
    n.missingInGrace,
    n.exempt,
    complianceRate(n),
  ];
}

export function requirementColumns(t: ExportText): ExportColumn[] {
  const c = t.columns;
  return [
    { header: c.employeeNumber, type: 'text', width: 16 },
    { header: c.familyName, type: 'text', width: 20 },
    { header: c.givenName, type: 'text', width: 18 },
    { header: c.branchCode, type: 'text', width: 14 },
    { header: c.branch, type: 'text' },
    { header: c.credentialCode, type: 'text', width: 16 },
    { header: c.credential, type: 'text', width: 36 },
    { header: c.status, type: 'text', width: 20 },
    { header: c.dueOn, type: 'date' },
    { header: c.issuedOn, type: 'date' },
    { header: c.validUntil, type: 'date' },
    { header: c.daysLeft, type: 'integer' },
    { header: c.exemptUntil, type: 'date' },
    { header: c.exemptionReason, type: 'text', width: 30 },
  ];
}

export function requirementRow(row: RequirementExportRow, t: ExportText, language: UiLanguage): ExportRow {
  return [
    row.employeeNumber,
    row.familyName,
    row.givenName,
    row.branchCode,
    row.branchName,
    row.definitionCode,
    localized(row.definitionTitle, language),
    t.complianceStatus[row.status],
    row.dueOn,
    row.issuedOn,
    row.validUntil,
    row.daysLeft,
    row.exemptUntil,
    row.exemptionReason,
  ];
}

export function awardColumns(t: ExportText): ExportColumn[] {
  const c = t.columns;
  return [
    { header: c.employeeNumber, type: 'text', width: 16 },
    { header: c.familyName, type: 'text', width: 20 },
    { header: c.givenName, type: 'text', width: 18 },
    { header: c.branchCode, type: 'text', width: 14 },
    { header: c.branch, type: 'text' },
    { header: c.credentialCode, type: 'text', width: 16 },
    { header: c.credential, type: 'text', width: 36 },
    { header: c.version, type: 'integer' },
    { header: c.status, type: 'text', width: 16 },
    { header: c.issuedOn, type: 'date' },
    { header: c.validUntil, type: 'date' },
    { header: c.daysLeft, type: 'integer' },
    { header: c.issuer, type: 'text' },
    { header: c.recordStatus, type: 'text', width: 12 },
    { header: c.revokedAt, type: 'datetime' },
    { header: c.revokeReason, type: 'text', width: 30 },
  ];
}

/** `award` is the row mapped with `mapAward` (effective status and days left at the export's instant). */
export function awardRow(award: Award, t: ExportText, language: UiLanguage): ExportRow {
  return [
    award.staff.employeeNumber,
    award.staff.familyName,
    award.staff.givenName,
    award.staff.branchCode,
    award.staff.branchName,
    award.credential.code,
    localized(award.credential.title, language),
    award.credential.version,
    t.certificateStatus[award.status as CertificateStatus],
    award.issuedOn,
    award.validUntil,
    award.daysLeft,
    award.issuer,
    t.recordStatus[award.recordStatus],
    award.revokedAt === null ? null : new Date(award.revokedAt),
    award.revokeReason,
  ];
}

export function auditColumns(t: ExportText): ExportColumn[] {
  const c = t.columns;
  return [
    { header: c.sequence, type: 'integer' },
    { header: c.occurredAt, type: 'datetime' },
    { header: c.actor, type: 'text' },
    { header: c.actorUserId, type: 'text', width: 38 },
    { header: c.action, type: 'text', width: 22 },
    { header: c.outcome, type: 'text', width: 10 },
    { header: c.targetType, type: 'text', width: 16 },
    { header: c.targetId, type: 'text', width: 38 },
    { header: c.targetLabel, type: 'text', width: 30 },
    { header: c.ip, type: 'text', width: 16 },
    { header: c.userAgent, type: 'text', width: 30 },
    { header: c.requestId, type: 'text', width: 38 },
    { header: c.before, type: 'text', width: 30 },
    { header: c.after, type: 'text', width: 30 },
    { header: c.details, type: 'text', width: 30 },
    { header: c.hash, type: 'text', width: 66 },
  ];
}

/** Stored text as it is (the form that is hashed); JSON columns as canonical JSON, like the audit CSV. */
export function auditRow(row: AuditRow): ExportRow {
  const json = (value: AuditRow['before']) => (value === null ? null : canonicalJson(value));
  return [
    Number(row.sequence),
    row.occurredAt,
    row.actorLabel,
    row.actorUserId,
    row.action,
    row.outcome,
    row.targetType,
    row.targetId,
    row.targetLabel,
    row.ip,
    row.userAgent,
    row.requestId,
    json(row.before),
    json(row.after),
    json(row.details),
    row.hash,
  ];
}

export function trainingReportColumns(t: ExportText): ExportColumn[] {
  const c = t.columns;
  return [
    { header: c.month, type: 'text', width: 10 },
    { header: c.branchCode, type: 'text', width: 14 },
    { header: c.branch, type: 'text' },
    { header: c.courseCode, type: 'text', width: 16 },
    { header: c.course, type: 'text', width: 36 },
    { header: c.credentialCode, type: 'text', width: 16 },
    { header: c.learnersStarted, type: 'integer', width: 16 },
    { header: c.learnersPassed, type: 'integer', width: 16 },
    { header: c.attempts, type: 'integer' },
    { header: c.passedAttempts, type: 'integer', width: 16 },
    { header: c.failedAttempts, type: 'integer', width: 16 },
    { header: c.completionRate, type: 'percent', width: 16 },
    { header: c.passRate, type: 'percent', width: 16 },
  ];
}

/** Completion = learners passed ÷ learners started; pass rate = passed ÷ submitted attempts; empty when 0 ÷ 0. */
export function trainingReportRow(row: ReportCellRow): ExportRow {
  return [
    row.month,
    row.branchCode,
    row.branchName,
    row.courseCode,
    row.courseTitle,
    row.definitionCode,
    row.learnersStarted,
    row.learnersPassed,
    row.attempts,
    row.passedAttempts,
    row.failedAttempts,
    reportRate(row.learnersPassed, row.learnersStarted),
    reportRate(row.passedAttempts, row.attempts),
  ];
}

export function trainingAttendanceColumns(t: ExportText): ExportColumn[] {
  const c = t.columns;
  return [
    { header: c.day, type: 'date' },
    { header: c.startTime, type: 'text', width: 8 },
    { header: c.endTime, type: 'text', width: 8 },
    { header: c.branchCode, type: 'text', width: 14 },
    { header: c.branch, type: 'text' },
    { header: c.location, type: 'text', width: 28 },
    { header: c.credentialCode, type: 'text', width: 16 },
    { header: c.credential, type: 'text', width: 36 },
    { header: c.instructor, type: 'text', width: 22 },
    { header: c.sessionStatus, type: 'text', width: 14 },
    { header: c.employeeNumber, type: 'text', width: 16 },
    { header: c.familyName, type: 'text', width: 20 },
    { header: c.givenName, type: 'text', width: 18 },
    { header: c.enrolment, type: 'text', width: 14 },
    { header: c.attended, type: 'text', width: 12 },
    { header: c.passed, type: 'text', width: 12 },
    { header: c.certificateIssued, type: 'text', width: 12 },
  ];
}

/** Attended and passed stay empty until the instructor recorded them. */
export function trainingAttendanceRow(row: AttendanceRow, t: ExportText): ExportRow {
  const a = t.attendance;
  const yesNo = (value: boolean | null) => (value === null ? null : value ? a.yes : a.no);
  return [
    row.day,
    row.startTime,
    row.endTime,
    row.branchCode,
    row.branchName,
    row.location,
    row.definitionCode,
    row.definitionTitle,
    row.instructor,
    a.session[row.sessionStatus],
    row.employeeNumber,
    row.familyName,
    row.givenName,
    a.enrolment[row.enrolmentStatus],
    yesNo(row.attended),
    yesNo(row.passed),
    yesNo(row.certified),
  ];
}
