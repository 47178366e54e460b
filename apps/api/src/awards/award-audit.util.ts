import type { AwardBatchItem, AwardBatchResult, AwardSource } from '@brevet/contracts';
import type { AuditRecord } from '../audit/audit-log.service';

/**
 * What the audit log keeps of awards (docs/audit-log.md). One award, one entry, targeted at the award (so
 * searching by its ID finds its whole story); a roster or a CSV file, one entry for the batch with its
 * counts and the new awards' IDs (searching by an award's ID then finds its revocation, not its batch).
 * Pure: the services call `AuditLog.record` with these.
 */

/** "FORKLIFT-B for E100234": what an auditor reads in the list. */
export function awardLabel(credentialCode: string, employeeNumber: string): string {
  return `${credentialCode} for ${employeeNumber}`;
}

/** One award issued or renewed by a single request (`item` is the issuing engine's outcome for it). */
export function singleAwardRecord(
  action: 'award.issued' | 'award.renewed',
  item: AwardBatchItem,
  issuer: string,
  previous?: { id: string; issuedOn: string; validUntil: string | null },
): AuditRecord {
  return {
    action,
    target: { type: 'award', id: item.awardId, label: awardLabel(item.credentialCode, item.employeeNumber) },
    before: previous
      ? { awardId: previous.id, issuedOn: previous.issuedOn, validUntil: previous.validUntil }
      : item.supersedesId
        ? { awardId: item.supersedesId }
        : undefined,
    after: {
      awardId: item.awardId,
      staffId: item.staffId,
      definitionId: item.definitionId,
      issuedOn: item.completedOn,
      validUntil: item.validUntil,
    },
    details: { source: 'single', outcome: item.outcome, issuer },
  };
}

/** A roster or a CSV file that was applied: one entry with counts and the IDs of the awards it created. */
export function awardBatchRecord(
  source: Extract<AwardSource, 'bulk' | 'import'>,
  result: AwardBatchResult,
  issuer: string,
): AuditRecord {
  const created = result.items.filter((i) => i.outcome === 'issue' || i.outcome === 'renew');
  const what = source === 'import' ? `CSV import ${result.file?.name ?? ''}`.trim() : 'Roster';
  return {
    action: 'award.issued',
    target: {
      type: 'award-batch',
      label: `${what}: ${result.counts.issued} issued, ${result.counts.renewed} renewed`,
    },
    details: {
      source,
      issuer,
      ...(result.file ? { file: { name: result.file.name, encoding: result.file.encoding } } : {}),
      counts: result.counts,
      awardIds: created.map((i) => i.awardId),
    },
  };
}

/** True when a batch wrote at least one award (an all-unchanged batch changed nothing worth recording). */
export function batchCreatedAwards(result: AwardBatchResult): boolean {
  return result.applied && result.counts.issued + result.counts.renewed > 0;
}
