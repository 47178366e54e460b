import type { AuditEntry } from '@brevet/contracts';
import type { CsvValue } from '../common/csv-export.util';
import { canonicalJson } from './audit-chain.util';
import type { AuditRow } from './audit.repository';

export function mapAuditEntry(row: AuditRow): AuditEntry {
  return {
    sequence: Number(row.sequence),
    occurredAt: row.occurredAt.toISOString(),
    actor: { userId: row.actorUserId, label: row.actorLabel },
    action: row.action,
    outcome: row.outcome,
    target:
      row.targetType === null ? null : { type: row.targetType, id: row.targetId, label: row.targetLabel },
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    before: row.before,
    after: row.after,
    details: row.details,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** The columns of the CSV export: every stored field, so the file can be checked against the chain. */
export const AUDIT_CSV_HEADER = [
  'sequence',
  'occurred_at',
  'actor_user_id',
  'actor',
  'action',
  'outcome',
  'target_type',
  'target_id',
  'target_label',
  'ip',
  'user_agent',
  'request_id',
  'before',
  'after',
  'details',
  'prev_hash',
  'hash',
] as const;

/** One CSV record; JSON columns hold canonical JSON (the form that is hashed). */
export function auditCsvRow(row: AuditRow): CsvValue[] {
  const json = (value: AuditRow['before']) => (value === null ? null : canonicalJson(value));
  return [
    row.sequence,
    row.occurredAt.toISOString(),
    row.actorUserId,
    row.actorLabel,
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
    row.prevHash,
    row.hash,
  ];
}
