import { assertAwardDays, type AwardFacts } from './certificate-status';
import { assertIsoDay } from './calendar';

function inForce(award: AwardFacts, today: string): boolean {
  return (
    award.status === 'active' &&
    award.issuedOn <= today &&
    (award.validUntil === null || award.validUntil >= today)
  );
}

/** Whether `a` counts rather than `b`: later last valid day (no expiry beats any), then later issue. */
function countsBefore(a: AwardFacts, b: AwardFacts): boolean {
  if (a.validUntil !== b.validUntil) {
    if (a.validUntil === null) return true;
    if (b.validUntil === null) return false;
    return a.validUntil > b.validUntil;
  }
  return a.issuedOn > b.issuedOn;
}

/**
 * The award that counts on `today` among one person's awards for one credential, or null when none does.
 * Only awards in force count: recorded as active (revoked and superseded ones never count), issued on or
 * before today, and not expired. Of those, the one valid longest wins (no expiry beats any day); on a tie the
 * later issued one; on a full tie the first in `awards`.
 */
export function pickCurrentAward<T extends AwardFacts>(awards: readonly T[], today: string): T | null {
  assertIsoDay(today, 'today');
  let best: T | null = null;
  for (const award of awards) {
    assertAwardDays(award);
    if (inForce(award, today) && (best === null || countsBefore(award, best))) best = award;
  }
  return best;
}
