import { EvidenceRoutes, Permission, type Evidence, type EvidenceCredentialOption } from '@brevet/contracts';
import { scopeIncludes, type Actor } from '../auth/actor';
import type { EvidenceCredentialOptionRow, EvidenceRow } from './evidence.repository';

/** Who is looking, as far as "what may they do with it" is concerned. */
export type EvidenceCaller = Pick<Actor, 'userId' | 'staffId' | 'permissions' | 'scope'>;

/**
 * Whether `caller` may approve or reject `row`: they hold EvidenceApprove, the person's current branch is in
 * their scope, and it is neither about them nor submitted by them (four eyes). The service enforces the same
 * rules (the scope in SQL); this tells the UI which buttons to show.
 */
export function mayDecide(caller: EvidenceCaller, row: EvidenceRow): boolean {
  return (
    caller.permissions.has(Permission.EvidenceApprove) &&
    scopeIncludes(caller.scope, row.branchId) &&
    row.staffId !== caller.staffId &&
    row.submittedByUserId !== caller.userId
  );
}

export function mapEvidence(row: EvidenceRow, caller: EvidenceCaller): Evidence {
  const pending = row.status === 'pending';
  const decide = pending && mayDecide(caller, row);
  return {
    id: row.id,
    status: row.status,
    staff: {
      id: row.staffId,
      employeeNumber: row.employeeNumber,
      givenName: row.givenName,
      familyName: row.familyName,
      branchId: row.branchId,
      branchCode: row.branchCode,
      branchName: row.branchName,
    },
    credential: { id: row.definitionId, code: row.definitionCode, category: row.category, title: row.title },
    issuedOn: row.issuedOn,
    expiresOn: row.expiresOn,
    note: row.note,
    file: {
      name: row.fileName,
      mediaType: row.mediaType,
      size: row.fileSize,
      sha256: row.fileSha256,
      url: EvidenceRoutes.file(row.id),
    },
    submittedBy: { userId: row.submittedByUserId, name: row.submittedByName },
    submittedAt: row.submittedAt.toISOString(),
    decidedBy: row.decidedByName ? { userId: row.decidedByUserId, name: row.decidedByName } : null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    rejectReason: row.rejectReason,
    awardId: row.awardId,
    allowed: {
      approve: decide,
      reject: decide,
      withdraw: pending && row.submittedByUserId !== null && row.submittedByUserId === caller.userId,
    },
  };
}

export function mapEvidenceCredentialOption(row: EvidenceCredentialOptionRow): EvidenceCredentialOption {
  return { id: row.id, code: row.code, category: row.category, title: row.title };
}
