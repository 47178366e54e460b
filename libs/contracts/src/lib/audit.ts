import type { Page } from './paging';

/**
 * The audit log: an append-only, hash-chained record of who did what, when and from where (see
 * docs/audit-log.md). Entries are never changed or deleted; text in them is stored encoded, so control
 * characters show as visible escapes (`\n`, `\r`, `\t`, `\x1b`, `\u2028`…) and a literal backslash as `\\`.
 */

/** Every kind of audited event. Names are `area.event`; new ones are added at the end of a group. */
export const AUDIT_ACTIONS = [
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.logout',
  'auth.access-denied',
  'auth.locked',
  'session.ended',
  'award.issued',
  'award.revoked',
  'award.renewed',
  'evidence.approved',
  'evidence.rejected',
  'evidence.submitted',
  'evidence.withdrawn',
  'training-session.changed',
  'rule.changed',
  'role.changed',
  'staff.changed',
  'credential.changed',
  'course.changed',
  'import.applied',
  'export.created',
  'scim.changed',
  'settings.changed',
  'sso.provider.changed',
  'audit.verified',
  'job.retried',
  'job.removed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `denied`: refused for lack of permission or scope; `failure`: attempted but did not succeed. */
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Why verification stopped at `firstBrokenSequence`. */
export const AUDIT_CHAIN_BREAKS = ['sequence-gap', 'prev-hash-mismatch', 'hash-mismatch'] as const;
export type AuditChainBreak = (typeof AUDIT_CHAIN_BREAKS)[number];

/** The audit search allows larger pages than other lists (it is read in bulk by auditors). */
export const AUDIT_MAX_PAGE_SIZE = 200;

export const AUDIT_SORT_FIELDS = ['sequence'] as const;
export type AuditSortField = (typeof AUDIT_SORT_FIELDS)[number];

/** Who acted: a signed-in person (`userId`), or `system` / `scim` / … with `userId` null. */
export interface AuditActor {
  userId: string | null;
  label: string;
}

export interface AuditTarget {
  /** What kind of thing, e.g. `award`, `staff`, `user`, `credential`, `setting`, `audit`. */
  type: string;
  id: string | null;
  label: string | null;
}

/** One entry as the API returns it. JSON values are exactly what was stored (text encoded). */
export interface AuditEntry {
  /** 1, 2, 3, … without gaps: the order of the chain. */
  sequence: number;
  occurredAt: string;
  actor: AuditActor;
  action: AuditAction;
  outcome: AuditOutcome;
  target: AuditTarget | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  /** The previous entry's `hash`; 64 zeros for the first entry. */
  prevHash: string;
  /** SHA-256 (hex) over the entry's canonical form, `prevHash` included. */
  hash: string;
}

export type AuditPage = Page<AuditEntry>;

/** Filters of `GET /api/v1/audit` and `GET /api/v1/audit/export.csv`. */
export interface AuditQuery {
  /** One or several actions (repeat the parameter or separate with commas). */
  action?: AuditAction[];
  actorUserId?: string;
  targetType?: string;
  targetId?: string;
  outcome?: AuditOutcome;
  /** Free text, matched (case-insensitively) within the actor and target labels. */
  q?: string;
  /** ISO 8601 date or date-time; inclusive. A date alone means midnight UTC. */
  from?: string;
  /** ISO 8601 date or date-time; exclusive. */
  to?: string;
}

export interface AuditPageQuery extends AuditQuery {
  page?: number;
  /** At most {@link AUDIT_MAX_PAGE_SIZE}. */
  pageSize?: number;
  /** `-sequence` (newest first, the default) or `sequence`. */
  sort?: string;
}

/** The result of walking the whole chain (`GET /api/v1/audit/verify`, `cli.js audit:verify`). */
export interface AuditVerifyResult {
  ok: boolean;
  entriesChecked: number;
  /** The first entry that does not fit the chain; absent when `ok`. */
  firstBrokenSequence?: number;
  reason?: AuditChainBreak;
  /** When `ok`: the last entry checked, so its hash can be kept elsewhere as an anchor. */
  headSequence?: number;
  headHash?: string;
}
