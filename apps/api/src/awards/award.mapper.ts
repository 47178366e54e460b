import type { Award, StaffCredential } from '@brevet/contracts';
import { certificateStatus, pickCurrentAward } from '@brevet/domain';
import type { AwardRow } from './award.repository';

/** An award with its effective status at `now`, judged in the person's branch's time zone. */
export function mapAward(row: AwardRow, now: Date): Award {
  const state = certificateStatus(row, now, row.timezone, { months: row.windowMonths, days: row.windowDays });
  return {
    id: row.id,
    staff: {
      id: row.staffId,
      employeeNumber: row.employeeNumber,
      givenName: row.givenName,
      familyName: row.familyName,
      branchId: row.branchId,
      branchCode: row.branchCode,
      branchName: row.branchName,
    },
    credential: {
      id: row.definitionId,
      code: row.definitionCode,
      category: row.category,
      title: row.title,
      versionId: row.versionId,
      version: row.version,
    },
    issuedOn: row.issuedOn,
    validUntil: row.validUntil,
    issuer: row.issuer,
    assessmentResult: row.assessmentResult,
    evidenceId: row.evidenceId,
    recordStatus: row.status,
    status: state.status,
    today: state.today,
    daysLeft: state.daysLeft,
    renewalWindow:
      row.validUntil !== null && row.renewalOpensOn !== null
        ? { opensOn: row.renewalOpensOn, closesOn: row.validUntil }
        : null,
    countsFrom: row.countsFrom,
    timing: row.renewalTiming,
    renewalOfId: row.renewalOfId,
    supersededById: row.supersededById,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedBy: row.revokedBy,
    revokeReason: row.revokeReason,
    statusListIndex: row.statusListIndex,
    source: row.source,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * A person's awards grouped by credential (rows ordered by credential, newest first): the award in force
 * today (`pickCurrentAward`), otherwise the most recent one, with its whole history.
 */
export function mapStaffCredentials(rows: readonly AwardRow[], now: Date): StaffCredential[] {
  const groups = new Map<string, AwardRow[]>();
  for (const row of rows) {
    const group = groups.get(row.definitionId);
    if (group) group.push(row);
    else groups.set(row.definitionId, [row]);
  }
  return [...groups.values()].map((history) => {
    const mapped = history.map((row) => mapAward(row, now));
    const today = mapped[0].today;
    const shown = pickCurrentAward(
      mapped.map((a, i) => ({ ...history[i], index: i })),
      today,
    );
    const award = mapped[shown?.index ?? 0];
    const latest = history[0];
    return {
      credential: {
        id: latest.definitionId,
        code: latest.definitionCode,
        category: latest.category,
        title: latest.title,
        definitionStatus: latest.definitionStatus,
      },
      status: award.status,
      award,
      history: mapped,
    };
  });
}
