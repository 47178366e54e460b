import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { AuditAction, AuditEntry, AuditOutcome } from '@brevet/contracts';
import { Clock } from '../common/clock';
import { RequestContext } from '../common/request-context';
import { auditEntryHash, type AuditChainFields } from './audit-chain.util';
import { AUDIT_TEXT_LIMITS, encodeAuditField, encodeAuditValue, type AuditJson } from './audit-text.util';
import { mapAuditEntry } from './audit.mapper';
import { AuditRepository } from './audit.repository';

/** What a caller records. Actor and request default from the current request (`RequestContext`). */
export interface AuditRecord {
  action: AuditAction;
  /** Default `success`. */
  outcome?: AuditOutcome;
  target?: { type: string; id?: string | null; label?: string | null };
  /** The changed thing before and after (only the fields that matter); any JSON-able value. */
  before?: unknown;
  after?: unknown;
  /** Anything else worth keeping: reason, filters, counts, the identity provider… */
  details?: unknown;
  /**
   * Who acted, when it is not the signed-in person of the request: `{ userId: null, label: 'scim' }`, or a
   * person being signed in. Without it: the request's actor, else `system`.
   */
  actor?: { userId?: string | null; label: string };
  /** Overrides the request's ip / user agent / request ID (e.g. a job acting for a request). */
  request?: { ip?: string | null; userAgent?: string | null; requestId?: string | null };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one way to write to the audit log, for every module (`AuditModule` is global).
 *
 * `record` joins the caller's transaction when there is one, so an audited change and its entry commit or
 * roll back together; otherwise it opens its own. Appends take a transaction-scoped advisory lock, so every
 * process writes one gap-free chain; the lock is held until the caller's transaction ends, so record *last*
 * in a transaction (after the change itself, and after taking any other locks).
 *
 * Events that must be kept although the request fails (failed sign-in, access denied) are recorded where no
 * transaction that will roll back is open — e.g. in the guard or the exception path, not inside the failing
 * use case.
 */
@Injectable()
export class AuditLog {
  constructor(
    private readonly entries: AuditRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly context: RequestContext,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditRecord): Promise<AuditEntry> {
    const unchained = this.encode(entry);
    return this.txHost.withTransaction(async () => {
      const head = await this.entries.lockHead();
      const fields: AuditChainFields = {
        ...unchained,
        sequence: (head.sequence + 1n).toString(),
        // Taken under the lock, so time never runs backwards along the chain within one clock.
        occurredAt: this.clock.now(),
        prevHash: head.hash,
      };
      const stored = { ...fields, hash: auditEntryHash(fields) };
      await this.entries.insert(stored);
      return mapAuditEntry({ ...stored, action: entry.action, outcome: fields.outcome as AuditOutcome });
    });
  }

  private encode(entry: AuditRecord): Omit<AuditChainFields, 'sequence' | 'occurredAt' | 'prevHash'> {
    const actor = this.context.actor;
    const request = { ...this.context.request, ...entry.request };
    const userId = entry.actor ? (entry.actor.userId ?? null) : (actor?.userId ?? null);
    if (userId !== null && !UUID.test(userId)) {
      throw new Error(`audit: actor user ID "${userId}" is not a UUID`);
    }
    const label = entry.actor ? entry.actor.label : (actor?.displayName ?? 'system');
    const json = (value: unknown): AuditJson | null => (value === undefined ? null : encodeAuditValue(value));
    return {
      actorUserId: userId?.toLowerCase() ?? null,
      actorLabel: encodeAuditField(label, AUDIT_TEXT_LIMITS.label) ?? 'unknown',
      action: entry.action,
      outcome: entry.outcome ?? 'success',
      targetType: encodeAuditField(entry.target?.type, AUDIT_TEXT_LIMITS.type),
      targetId: encodeAuditField(entry.target?.id, AUDIT_TEXT_LIMITS.id),
      targetLabel: encodeAuditField(entry.target?.label, AUDIT_TEXT_LIMITS.label),
      ip: encodeAuditField(request.ip, AUDIT_TEXT_LIMITS.ip),
      userAgent: encodeAuditField(request.userAgent, AUDIT_TEXT_LIMITS.userAgent),
      requestId: encodeAuditField(request.requestId, AUDIT_TEXT_LIMITS.requestId),
      before: json(entry.before),
      after: json(entry.after),
      details: json(entry.details),
    };
  }
}
