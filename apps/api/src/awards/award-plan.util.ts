import type { AwardRecordStatus, CredentialValiditySettings, RenewalPreview } from '@brevet/contracts';
import { pickCurrentAward, previewRenewal, recertificationWindow } from '@brevet/domain';

/**
 * What issuing awards would do, as a pure function of the definition's validity settings, the person's
 * existing awards for that definition, and the new completions. The service loads the inputs (under a lock),
 * and writes the result; dry runs and previews stop after planning, so they cannot disagree with issuing.
 */

/** An award as the planner sees it. */
export interface PlannedAwardFacts {
  id: string;
  issuedOn: string;
  validUntil: string | null;
  status: AwardRecordStatus;
}

/** One completion to record; `key` identifies it for the caller (a roster position, a CSV row). */
export interface Completion<K> {
  key: K;
  completedOn: string;
}

export type CompletionPlan<K> =
  | {
      key: K;
      outcome: 'issue' | 'renew';
      /** The new award's ID (from `newId`). */
      id: string;
      completedOn: string;
      renewal: RenewalPreview;
      /** Start of the new award's recertification window (null: never expires). */
      renewalOpensOn: string | null;
      /** The award this completion renews and supersedes: the active one at that point, if any. */
      supersedes: PlannedAwardFacts | null;
      /** Set when a later completion in the same batch supersedes this one in turn. */
      supersededById: string | null;
    }
  | { key: K; outcome: 'unchanged'; completedOn: string; existing: PlannedAwardFacts }
  | {
      key: K;
      outcome: 'refused';
      completedOn: string;
      problem: 'newer_award_exists' | 'previously_revoked';
      /** The award that stands in the way. */
      conflict: PlannedAwardFacts;
    };

export interface PlanOptions {
  /** Issue again on a day whose award was revoked (single issuing: deliberate). Batches refuse it. */
  allowRevokedDay: boolean;
}

/**
 * Plans the completions of one person for one credential, oldest first, each renewing the award before it:
 * - a completion on a day that already has a (non-revoked) award is `unchanged`: recording it again is a
 *   no-op, which makes retries, double clicks and re-imported files harmless;
 * - a completion older than the active award is refused: an older certificate cannot replace a newer one;
 * - otherwise the new award's `validUntil` comes from the domain's `previewRenewal`, with the previous award
 *   being the one in force on the completion day (`pickCurrentAward`), or else the active award that had
 *   already expired (so the timing says "after expiry"). The active award is superseded.
 */
export function planCompletions<K>(
  settings: CredentialValiditySettings,
  history: readonly PlannedAwardFacts[],
  completions: ReadonlyArray<Completion<K>>,
  newId: () => string,
  options: PlanOptions,
): Array<CompletionPlan<K>> {
  const state = history.map((a) => ({ ...a }));
  const sorted = [...completions].sort((a, b) =>
    a.completedOn < b.completedOn ? -1 : a.completedOn > b.completedOn ? 1 : 0,
  );
  const plans: Array<CompletionPlan<K>> = [];
  const planOf = new Map<string, Extract<CompletionPlan<K>, { outcome: 'issue' | 'renew' }>>();
  for (const { key, completedOn } of sorted) {
    const sameDay = state.filter((a) => a.issuedOn === completedOn);
    const recorded = sameDay.find((a) => a.status !== 'revoked');
    if (recorded) {
      plans.push({ key, outcome: 'unchanged', completedOn, existing: { ...recorded } });
      continue;
    }
    const revoked = sameDay.find((a) => a.status === 'revoked');
    if (revoked && !options.allowRevokedDay) {
      plans.push({
        key,
        outcome: 'refused',
        completedOn,
        problem: 'previously_revoked',
        conflict: { ...revoked },
      });
      continue;
    }
    const active = state.find((a) => a.status === 'active') ?? null;
    if (active && active.issuedOn > completedOn) {
      plans.push({
        key,
        outcome: 'refused',
        completedOn,
        problem: 'newer_award_exists',
        conflict: { ...active },
      });
      continue;
    }
    const previous = pickCurrentAward(state, completedOn) ?? active;
    const renewal = previewRenewal(settings, completedOn, previous);
    const id = newId();
    const plan = {
      key,
      outcome: active ? ('renew' as const) : ('issue' as const),
      id,
      completedOn,
      renewal,
      renewalOpensOn: recertificationWindow(settings, renewal.validUntil)?.opensOn ?? null,
      supersedes: active ? { ...active } : null,
      supersededById: null,
    };
    if (active) {
      active.status = 'superseded';
      const earlier = planOf.get(active.id);
      if (earlier) earlier.supersededById = id;
    }
    state.push({ id, issuedOn: completedOn, validUntil: renewal.validUntil, status: 'active' });
    planOf.set(id, plan);
    plans.push(plan);
  }
  return plans;
}
