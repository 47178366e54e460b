import type { AuditRecord } from '../audit/audit-log.service';
import type { StaffChange } from '../staff/staff-audit.util';

/**
 * What the audit log keeps of SCIM writes (`scim.changed`): the SCIM columns that changed and the person's
 * changed fields, never the representation as a whole (it may carry anything the identity provider sends).
 * The actor is the SCIM token (`ScimCaller.actor`). Pure.
 */

type ScimOperation = 'create' | 'replace' | 'patch' | 'delete';

/** At most this many member IDs per list; the counts are always complete. */
const MAX_LISTED_MEMBERS = 1_000;

export interface ScimUserColumns {
  userName: string;
  externalId: string | null;
  active: boolean;
}

/** Only the keys whose values differ. */
function diff<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const out = { before: {} as Partial<T>, after: {} as Partial<T> };
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (before[key] === after[key]) continue;
    out.before[key] = before[key];
    out.after[key] = after[key];
  }
  return out;
}

/**
 * A User write. `before` is null for a create. Null when nothing Brevet keeps changed (an identity provider
 * repeating the same PATCH), so that a busy sync does not flood the log.
 */
export function scimUserRecord(
  operation: ScimOperation,
  user: { id: string; staffId: string },
  before: ScimUserColumns | null,
  after: ScimUserColumns | { deleted: true },
  staff: StaffChange | null,
  actor: AuditRecord['actor'],
): AuditRecord | null {
  const columns =
    before === null
      ? { before: undefined, after }
      : 'deleted' in after
        ? { before, after }
        : diff(before, after);
  const staffChanged = staff !== null && (staff.before === null || Object.keys(staff.after).length > 0);
  if (before !== null && Object.keys(columns.after).length === 0 && !staffChanged) return null;
  const label = 'userName' in after ? after.userName : (before?.userName ?? null);
  return {
    action: 'scim.changed',
    actor,
    target: { type: 'scim-user', id: user.id, label },
    before: columns.before && {
      ...columns.before,
      ...(staffChanged && staff.before ? { staff: staff.before } : {}),
    },
    after: { ...columns.after, ...(staffChanged ? { staff: staff.after } : {}) },
    details: { operation, staffId: user.staffId },
  };
}

/** A Group write: name and externalId before/after, members added and removed. */
export function scimGroupRecord(
  operation: ScimOperation,
  group: { id: string; displayName: string },
  before: { displayName: string; externalId: string | null } | null,
  after: { displayName: string; externalId: string | null } | { deleted: true },
  members: { added: readonly string[]; removed: readonly string[] },
  actor: AuditRecord['actor'],
): AuditRecord {
  const columns = before === null || 'deleted' in after ? { before, after } : diff(before, after);
  return {
    action: 'scim.changed',
    actor,
    target: { type: 'scim-group', id: group.id, label: group.displayName },
    before: columns.before ?? undefined,
    after: columns.after,
    details: {
      operation,
      membersAdded: members.added.length,
      membersRemoved: members.removed.length,
      added: members.added.slice(0, MAX_LISTED_MEMBERS),
      removed: members.removed.slice(0, MAX_LISTED_MEMBERS),
    },
  };
}
