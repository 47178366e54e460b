import { complianceRate } from '@brevet/domain';
import type { BranchComplianceRow } from './webhooks.repository';

export interface ThresholdCrossing {
  branch: BranchComplianceRow;
  /** `below`: the rate fell under the threshold; `recovered`: it is at or above it again. */
  direction: 'below' | 'recovered';
  /** The compliance rate in percent (two decimals). */
  ratePercent: number;
}

/**
 * Which branches crossed `thresholdPercent` since the last check. `previous` holds whether each branch was below at
 * the last check; a branch never checked counts as "not below", so a branch already below when the endpoint is set
 * up is reported once. A branch without a rate (nobody due) keeps its previous state. Pure.
 */
export function thresholdCrossings(
  branches: readonly BranchComplianceRow[],
  previous: ReadonlyMap<string, boolean>,
  thresholdPercent: number,
): { crossings: ThresholdCrossing[]; states: Map<string, boolean> } {
  const crossings: ThresholdCrossing[] = [];
  const states = new Map<string, boolean>();
  for (const branch of branches) {
    const rate = complianceRate(branch);
    const was = previous.get(branch.branchId) ?? false;
    if (rate === null) {
      states.set(branch.branchId, was);
      continue;
    }
    const ratePercent = Math.round(rate * 10_000) / 100;
    const below = ratePercent < thresholdPercent;
    states.set(branch.branchId, below);
    if (below !== was) crossings.push({ branch, direction: below ? 'below' : 'recovered', ratePercent });
  }
  return { crossings, states };
}
