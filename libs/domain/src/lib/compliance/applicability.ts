import type { RuleArea } from '@brevet/contracts';
import { addDays, assertIsoDay } from '../credentials/calendar';

/** A requirement rule as the compliance rules see it. Entities and contract-shaped rows satisfy it. */
export interface RequirementRule {
  id: string;
  definitionId: string;
  /** Null: everyone. */
  jobRoleId: string | null;
  area: RuleArea;
  /** The region of a `region` rule (it covers every region below it too). */
  regionId: string | null;
  /** The branch of a `branch` rule. */
  branchId: string | null;
  dueDays: number;
  warningDays: number;
  effectiveFrom: string;
}

/** A period is `[from, to)` in days; `to` is null for the open (current) period. */
export interface Period {
  from: string;
  to: string | null;
}

/** One continuous period at a branch. */
export interface Placement extends Period {
  branchId: string;
  /** The branch's region and every region above it, as the organisation tree is today. */
  regionIds: readonly string[];
}

/** One continuous period in a job role; a person may hold several roles at once. */
export interface RoleAssignment extends Period {
  jobRoleId: string;
}

/** Where and as what a person works, and worked. The open periods are the current ones. */
export interface PersonPlacementFacts {
  hireDate: string;
  placements: readonly Placement[];
  roles: readonly RoleAssignment[];
}

/** Whether a placement lies in the rule's area. */
export function areaCovers(
  rule: Pick<RequirementRule, 'area' | 'regionId' | 'branchId'>,
  placement: Placement,
) {
  switch (rule.area) {
    case 'company':
      return true;
    case 'region':
      return rule.regionId !== null && placement.regionIds.includes(rule.regionId);
    case 'branch':
      return rule.branchId !== null && placement.branchId === rule.branchId;
  }
}

/**
 * The first day of the unbroken run of periods that match and end in the open one: walking back from the open
 * period, a matching period that ends on the day the next one begins continues the run; a gap (left and came
 * back) or a period that does not match ends it. Null when there is no open matching period.
 */
export function openRunStart<P extends Period>(
  periods: readonly P[],
  matches: (period: P) => boolean,
): string | null {
  const matching = periods.filter(matches);
  const open = matching.find((p) => p.to === null);
  if (!open) return null;
  let start: string = open.from;
  for (let steps = 0; steps < matching.length; steps++) {
    const before: P | undefined = matching.find((p) => p.to === start);
    if (!before) break;
    start = before.from;
  }
  return start;
}

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * The day a rule began to apply to a person, as it applies now: the latest of the hire day, the rule's
 * effective-from day, the start of the person's unbroken run of branch periods inside the rule's area, and (for
 * a role rule) the start of their unbroken run in that role. Null when the rule does not apply to the person's
 * current branch and roles. Moving between two branches that are both in the area does not restart the run;
 * moving into the area, taking up the role or coming back after leaving does.
 */
export function requirementStart(rule: RequirementRule, person: PersonPlacementFacts): string | null {
  assertIsoDay(person.hireDate, 'hireDate');
  assertIsoDay(rule.effectiveFrom, 'effectiveFrom');
  const inArea = openRunStart(person.placements, (p) => areaCovers(rule, p));
  if (inArea === null) return null;
  let start = later(later(person.hireDate, rule.effectiveFrom), inArea);
  if (rule.jobRoleId !== null) {
    const inRole = openRunStart(person.roles, (r) => r.jobRoleId === rule.jobRoleId);
    if (inRole === null) return null;
    start = later(start, inRole);
  }
  return start;
}

/**
 * When the rule requires the credential of the person on `today`: its due day (start + due days: the last day
 * it may still be missing). Null when the rule does not apply to the person now, or is not in effect yet.
 */
export function ruleDueOn(rule: RequirementRule, person: PersonPlacementFacts, today: string): string | null {
  assertIsoDay(today, 'today');
  if (rule.effectiveFrom > today) return null;
  const start = requirementStart(rule, person);
  return start === null ? null : addDays(start, rule.dueDays);
}
