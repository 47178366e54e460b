import type { AuditChainBreak } from '@brevet/contracts';
import { createHash } from 'node:crypto';
import type { AuditJson } from './audit-text.util';

/**
 * The audit log's hash chain, as pure functions. Each entry's `hash` is SHA-256 (hex) over the canonical
 * JSON of its fields *and* the previous entry's hash, so changing, removing or reordering any stored entry
 * breaks every hash from there on; the first entry's `prevHash` is 64 zeros.
 */

export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the hashed fields ever change; entries keep the version they were written with. */
const CANONICAL_VERSION = 1;

/** An entry's fields as stored (text already encoded), without its own hash. */
export interface AuditChainFields {
  /** A bigint, as decimal text. */
  sequence: string;
  occurredAt: Date;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  before: AuditJson | null;
  after: AuditJson | null;
  details: AuditJson | null;
  prevHash: string;
}

export interface StoredAuditChainEntry extends AuditChainFields {
  hash: string;
}

/** JSON with object keys sorted (by UTF-16 code units, at every depth) and no whitespace. */
export function canonicalJson(value: AuditJson): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}

/** The exact text that is hashed for one entry. */
export function canonicalAuditEntry(fields: AuditChainFields): string {
  return canonicalJson({
    v: CANONICAL_VERSION,
    sequence: fields.sequence,
    occurredAt: fields.occurredAt.toISOString(),
    actorUserId: fields.actorUserId,
    actorLabel: fields.actorLabel,
    action: fields.action,
    outcome: fields.outcome,
    targetType: fields.targetType,
    targetId: fields.targetId,
    targetLabel: fields.targetLabel,
    ip: fields.ip,
    userAgent: fields.userAgent,
    requestId: fields.requestId,
    before: fields.before,
    after: fields.after,
    details: fields.details,
    prevHash: fields.prevHash,
  });
}

export function auditEntryHash(fields: AuditChainFields): string {
  return createHash('sha256').update(canonicalAuditEntry(fields), 'utf8').digest('hex');
}

/** Where a walk along the chain stands: the last good entry (sequence 0 and the genesis hash before any). */
export interface ChainPosition {
  sequence: bigint;
  hash: string;
}

export const CHAIN_START: ChainPosition = { sequence: 0n, hash: GENESIS_HASH };

export type AuditChainCheck =
  | { ok: true; entriesChecked: number; head: ChainPosition }
  | { ok: false; entriesChecked: number; firstBrokenSequence: bigint; reason: AuditChainBreak };

/**
 * Walks `entries` in the order given (which must be sequence order), starting after `from`, and stops at the
 * first entry that does not fit:
 *
 * - `sequence-gap`: its sequence is not the previous one + 1 (an entry is missing, repeated or out of order);
 * - `prev-hash-mismatch`: it does not point at the previous entry's hash (the previous one was rewritten
 *   together with its hash, or an entry was taken out);
 * - `hash-mismatch`: its own fields no longer give its hash (it was changed).
 *
 * `entriesChecked` counts the entries looked at, the broken one included. Long chains are checked batch by
 * batch, passing the previous batch's `head` as `from`.
 */
export function verifyAuditChain(
  entries: Iterable<StoredAuditChainEntry>,
  from: ChainPosition = CHAIN_START,
): AuditChainCheck {
  let head = from;
  let entriesChecked = 0;
  for (const entry of entries) {
    entriesChecked += 1;
    const sequence = BigInt(entry.sequence);
    const broken = (reason: AuditChainBreak): AuditChainCheck => ({
      ok: false,
      entriesChecked,
      firstBrokenSequence: sequence,
      reason,
    });
    if (sequence !== head.sequence + 1n) return broken('sequence-gap');
    if (entry.prevHash !== head.hash) return broken('prev-hash-mismatch');
    if (auditEntryHash(entry) !== entry.hash) return broken('hash-mismatch');
    head = { sequence, hash: entry.hash };
  }
  return { ok: true, entriesChecked, head };
}
