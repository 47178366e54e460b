import type { AwardRecordStatus, CalendarDuration, CertificateStatus } from '@brevet/contracts';
import { dayIn } from '../dates';
import { assertIsoDay, daysBetween, subtractDuration } from './calendar';

/** What the rules need to know about an award. Entities and contract types satisfy it as they are. */
export interface AwardFacts {
  /** The completion day; the award is valid from the start of it. */
  issuedOn: string;
  /** The last valid day (valid to the end of it); null when it never expires. */
  validUntil: string | null;
  status: AwardRecordStatus;
}

/** Throws a RangeError unless the award's days are ISO days. */
export function assertAwardDays(award: AwardFacts): void {
  assertIsoDay(award.issuedOn, 'issuedOn');
  if (award.validUntil !== null) assertIsoDay(award.validUntil, 'validUntil');
}

export interface CertificateState {
  status: CertificateStatus;
  /** The day the status was evaluated for, in the given time zone. */
  today: string;
  /** Days from today to `validUntil`: 0 on the last valid day, negative once expired, null without expiry. */
  daysLeft: number | null;
}

/**
 * An award's effective status on `today`, first match wins: revoked; superseded; not yet valid (issued after
 * today); expired (last valid day before today); expiring (today is inside `warningWindow` before the last
 * valid day, both ends included; never without a window); otherwise valid.
 */
export function statusOn(
  award: AwardFacts,
  today: string,
  warningWindow?: CalendarDuration,
): CertificateStatus {
  assertIsoDay(today, 'today');
  assertAwardDays(award);
  switch (award.status) {
    case 'revoked':
      return 'revoked';
    case 'superseded':
      return 'superseded';
    case 'active':
      break;
  }
  if (award.issuedOn > today) return 'not_yet_valid';
  if (award.validUntil === null) return 'valid';
  if (award.validUntil < today) return 'expired';
  if (warningWindow && today >= subtractDuration(award.validUntil, warningWindow)) return 'expiring';
  return 'valid';
}

/**
 * An award's status at the instant `now`, judged on calendar days in `timeZone` (the branch's zone): a
 * certificate that expires on a day is valid until the end of that day there. Pass the definition's
 * recertification window, or any warning window, to see `expiring`.
 */
export function certificateStatus(
  award: AwardFacts,
  now: Date,
  timeZone: string,
  warningWindow?: CalendarDuration,
): CertificateState {
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid Date');
  const today = dayIn(now, timeZone);
  return {
    status: statusOn(award, today, warningWindow),
    today,
    daysLeft: award.validUntil === null ? null : daysBetween(today, award.validUntil),
  };
}
