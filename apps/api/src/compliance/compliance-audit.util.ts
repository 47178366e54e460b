import type { AuditRecord } from '../audit/audit-log.service';
import type { RuleFieldValues } from './compliance-rule.util';

/** What the audit log keeps of rule and exemption writes (`rule.changed`): the changed fields. Pure. */

const RULE_FIELDS: ReadonlyArray<keyof RuleFieldValues> = [
  'definitionId',
  'jobRoleId',
  'area',
  'regionId',
  'branchId',
  'dueDays',
  'warningDays',
  'effectiveFrom',
  'note',
];

/** A rule's own fields, copied (entities are changed in place when saved). */
export function ruleValues(rule: RuleFieldValues): RuleFieldValues {
  return Object.fromEntries(RULE_FIELDS.map((key) => [key, rule[key]])) as unknown as RuleFieldValues;
}

/** "FORKLIFT-B · WAREHOUSE · DE-HAM-01": credential, job role (or all), place (or the whole company). */
export function ruleLabel(row: {
  definitionCode: string;
  jobRoleCode: string | null;
  regionCode: string | null;
  branchCode: string | null;
}): string {
  return [
    row.definitionCode,
    row.jobRoleCode ?? 'all roles',
    row.branchCode ?? row.regionCode ?? 'company',
  ].join(' · ');
}

/** The fields whose values differ, with both values. */
export function changedFields<T extends object>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } {
  const out = { before: {} as Partial<T>, after: {} as Partial<T> };
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (before[key] === after[key]) continue;
    out.before[key] = before[key];
    out.after[key] = after[key];
  }
  return out;
}

export function ruleRecord(
  target: { type: 'compliance-rule' | 'compliance-exemption'; id: string; label: string },
  event: 'created' | 'updated' | 'removed',
  change: { before?: object; after?: object },
): AuditRecord {
  return { action: 'rule.changed', target, ...change, details: { event } };
}
