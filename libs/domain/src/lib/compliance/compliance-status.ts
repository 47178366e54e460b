import type { ComplianceCounts, ComplianceStatus } from '@brevet/contracts';
import { dayIn } from '../dates';
import { assertIsoDay } from '../credentials/calendar';
import { assertAwardDays, statusOn, type AwardFacts } from '../credentials/certificate-status';
import { pickCurrentAward } from '../credentials/current-award';
import { ruleDueOn, type PersonPlacementFacts, type RequirementRule } from './applicability';

/** An award as compliance needs it: the certificate facts plus which credential it is of. */
export interface ComplianceAward extends AwardFacts {
  id: string;
  definitionId: string;
}

/** HR's exemption of a person from one credential, up to and including `until`. */
export interface ComplianceExemptionFacts {
  id: string;
  definitionId: string;
  until: string;
}

/** Everything the rules need to know about one person. */
export interface PersonComplianceFacts<
  A extends ComplianceAward = ComplianceAward,
> extends PersonPlacementFacts {
  awards: readonly A[];
  exemptions: readonly ComplianceExemptionFacts[];
}

/** One credential a person is required to hold, merged over every rule that requires it. */
export interface Requirement {
  definitionId: string;
  /** The earliest due day of the rules (the strictest). */
  dueOn: string;
  /** The widest warning window of the rules. */
  warningDays: number;
  /** The rules that require it, sorted. */
  ruleIds: string[];
}

export interface RequirementStatus<A extends ComplianceAward = ComplianceAward> extends Requirement {
  status: ComplianceStatus;
  /** The award in force; else the active award that expired; else null. */
  award: A | null;
  /** The exemption in force (the one running longest), if any. */
  exemption: ComplianceExemptionFacts | null;
}

/**
 * The credentials `rules` require of the person on `today`. Several rules requiring the same credential count
 * once: the earliest due day and the widest warning window win, so adding a rule can only make a requirement
 * stricter, never looser. Sorted by definition.
 */
export function requirementsOn(
  rules: readonly RequirementRule[],
  person: PersonPlacementFacts,
  today: string,
): Requirement[] {
  const byDefinition = new Map<string, Requirement>();
  for (const rule of rules) {
    const dueOn = ruleDueOn(rule, person, today);
    if (dueOn === null) continue;
    const known = byDefinition.get(rule.definitionId);
    if (!known) {
      byDefinition.set(rule.definitionId, {
        definitionId: rule.definitionId,
        dueOn,
        warningDays: rule.warningDays,
        ruleIds: [rule.id],
      });
      continue;
    }
    if (dueOn < known.dueOn) known.dueOn = dueOn;
    if (rule.warningDays > known.warningDays) known.warningDays = rule.warningDays;
    known.ruleIds.push(rule.id);
  }
  return [...byDefinition.values()]
    .map((r) => ({ ...r, ruleIds: [...r.ruleIds].sort() }))
    .sort((a, b) => (a.definitionId < b.definitionId ? -1 : a.definitionId > b.definitionId ? 1 : 0));
}

/** What decides one requirement's status on a day. */
export interface RequirementFacts {
  dueOn: string;
  warningDays: number;
  /** The award in force on the day (see `pickCurrentAward`), or null. */
  current: AwardFacts | null;
  /** Whether an active award of the credential expired before the day. */
  lapsed: boolean;
  /** Whether an exemption runs on the day. */
  exempt: boolean;
}

/**
 * A requirement's status on `today`, first match wins: exempt; compliant or expiring (an award in force, with
 * `warningDays` before its last valid day counted as expiring, both ends included); missing in grace (nothing in
 * force, due day not passed: a newcomer whose old certificate lapsed is in grace too); expired (past due, the
 * last active award expired); missing and overdue (past due, never held or revoked).
 */
export function requirementStatus(facts: RequirementFacts, today: string): ComplianceStatus {
  assertIsoDay(today, 'today');
  assertIsoDay(facts.dueOn, 'dueOn');
  if (!Number.isSafeInteger(facts.warningDays) || facts.warningDays < 0)
    throw new RangeError(`warningDays must be a whole number ≥ 0, got ${facts.warningDays}`);
  if (facts.exempt) return 'exempt';
  if (facts.current) {
    const status = statusOn(facts.current, today, { days: facts.warningDays });
    switch (status) {
      case 'valid':
        return 'compliant';
      case 'expiring':
        return 'expiring';
      case 'expired':
      case 'not_yet_valid':
      case 'revoked':
      case 'superseded':
        throw new RangeError(`the current award must be in force on ${today}, but it is ${status}`);
    }
  }
  if (today <= facts.dueOn) return 'missing_in_grace';
  return facts.lapsed ? 'expired' : 'missing_overdue';
}

/** Of one credential's awards: the active one that expired most recently before `today`, or null. */
export function lapsedAward<A extends AwardFacts>(awards: readonly A[], today: string): A | null {
  let best: A | null = null;
  for (const award of awards) {
    assertAwardDays(award);
    if (award.status !== 'active' || award.validUntil === null || award.validUntil >= today) continue;
    if (best === null || (best.validUntil as string) < award.validUntil) best = award;
  }
  return best;
}

/** Of one credential's exemptions: the one running on `today` that ends last, or null. */
export function exemptionOn(
  exemptions: readonly ComplianceExemptionFacts[],
  today: string,
): ComplianceExemptionFacts | null {
  let best: ComplianceExemptionFacts | null = null;
  for (const exemption of exemptions) {
    assertIsoDay(exemption.until, 'until');
    if (exemption.until < today) continue;
    if (
      best === null ||
      exemption.until > best.until ||
      (exemption.until === best.until && exemption.id < best.id)
    )
      best = exemption;
  }
  return best;
}

/**
 * Every credential the rules require of the person on `today` (a day in their branch's time zone), with its
 * status, due day, the award that satisfies it and the exemption that applies. The same decision the API makes
 * in SQL (ComplianceRepository); an integration test holds the two to the same answers.
 */
export function evaluateCompliance<A extends ComplianceAward>(
  person: PersonComplianceFacts<A>,
  rules: readonly RequirementRule[],
  today: string,
): RequirementStatus<A>[] {
  return requirementsOn(rules, person, today).map((requirement) => {
    const awards = person.awards.filter((a) => a.definitionId === requirement.definitionId);
    const current = pickCurrentAward(awards, today);
    const lapsed = current === null ? lapsedAward(awards, today) : null;
    const exemption = exemptionOn(
      person.exemptions.filter((e) => e.definitionId === requirement.definitionId),
      today,
    );
    return {
      ...requirement,
      status: requirementStatus(
        {
          dueOn: requirement.dueOn,
          warningDays: requirement.warningDays,
          current,
          lapsed: lapsed !== null,
          exempt: exemption !== null,
        },
        today,
      ),
      award: current ?? lapsed,
      exemption,
    };
  });
}

/**
 * `evaluateCompliance` at the instant `now`, judged on calendar days in `timeZone` (the branch's zone): a
 * certificate valid until a day is valid until the end of that day there.
 */
export function evaluateComplianceAt<A extends ComplianceAward>(
  person: PersonComplianceFacts<A>,
  rules: readonly RequirementRule[],
  now: Date,
  timeZone: string,
): RequirementStatus<A>[] {
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid Date');
  return evaluateCompliance(person, rules, dayIn(now, timeZone));
}

/** The share of due requirements that are met; null when none is due. Rounded to four decimals. */
export function complianceRate(counts: Omit<ComplianceCounts, 'rate'>): number | null {
  const due = counts.total - counts.exempt - counts.missingInGrace;
  if (due <= 0) return null;
  return Math.round(((counts.compliant + counts.expiring) / due) * 10_000) / 10_000;
}

/** Counts statuses, with the rate. */
export function countStatuses(statuses: readonly ComplianceStatus[]): ComplianceCounts {
  const counts = {
    total: statuses.length,
    compliant: 0,
    expiring: 0,
    expired: 0,
    missingOverdue: 0,
    missingInGrace: 0,
    exempt: 0,
  };
  for (const status of statuses) {
    switch (status) {
      case 'compliant':
        counts.compliant++;
        break;
      case 'expiring':
        counts.expiring++;
        break;
      case 'expired':
        counts.expired++;
        break;
      case 'missing_overdue':
        counts.missingOverdue++;
        break;
      case 'missing_in_grace':
        counts.missingInGrace++;
        break;
      case 'exempt':
        counts.exempt++;
        break;
    }
  }
  return { ...counts, rate: complianceRate(counts) };
}
