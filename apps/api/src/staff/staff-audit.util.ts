import type { AuditRecord } from '../audit/audit-log.service';

/**
 * One write to a person, as the audit log keeps it: only the fields that changed, before and after. Job
 * roles appear as `jobRoleIds` (sorted) when the set changed. `effectiveFrom` is the day branch, role and
 * status changes take effect. Returned by `StaffService.add`/`change`, so that a caller that records its
 * own entry (SCIM) can include it.
 */
export interface StaffChange {
  id: string;
  /** "Anna Muster (E100234)". */
  label: string;
  /** Null for a new person. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  effectiveFrom: string | null;
  /** The person left with this change (their sessions end after the commit). */
  left: boolean;
}

export function staffLabel(person: { givenName: string; familyName: string; employeeNumber: string }) {
  return `${person.givenName} ${person.familyName} (${person.employeeNumber})`;
}

/** True when the change changed anything. */
export function staffChanged(change: StaffChange): boolean {
  return change.before === null || Object.keys(change.after).length > 0;
}

/** The fields of `after` whose values differ from `current`, with their old values. */
export function changedFields<T extends object>(
  current: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } {
  const diff = { before: {} as Partial<T>, after: {} as Partial<T> };
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (after[key] === undefined || after[key] === current[key]) continue;
    diff.before[key] = current[key];
    diff.after[key] = after[key];
  }
  return diff;
}

/** The same set of IDs, whatever the order. */
export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((id) => set.has(id));
}

/** `staff.changed` for a change made in Brevet (the staff directory's own use cases). */
export function staffChangeRecord(change: StaffChange): AuditRecord {
  return {
    action: 'staff.changed',
    target: { type: 'staff', id: change.id, label: change.label },
    before: change.before ?? undefined,
    after: change.after,
    details: {
      event: change.before === null ? 'created' : 'updated',
      ...(change.effectiveFrom ? { effectiveFrom: change.effectiveFrom } : {}),
    },
  };
}
