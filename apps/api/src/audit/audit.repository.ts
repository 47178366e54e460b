import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import type { AuditAction, AuditOutcome, SortDirection } from '@brevet/contracts';
import type { RowStatement } from '../database/row-statement';
import { CHAIN_START, type ChainPosition, type StoredAuditChainEntry } from './audit-chain.util';

/** An entry as read from the table (the entity's fields, `sequence` as decimal text). */
export type AuditRow = StoredAuditChainEntry & { action: AuditAction; outcome: AuditOutcome };

/** Search filters, already validated and encoded like stored text. */
export interface AuditFilter {
  actions?: readonly AuditAction[];
  actorUserId?: string;
  targetType?: string;
  targetId?: string;
  outcome?: AuditOutcome;
  /** Matched within actor and target labels. */
  text?: string;
  from?: Date;
  to?: Date;
  /** Only entries up to this sequence (an export's snapshot). */
  maxSequence?: bigint;
}

/** `sequence` comes back as text (node-postgres reads bigint as a string), exact at any size. */
const COLUMNS = `sequence, occurred_at, actor_user_id, actor_label, action, outcome, target_type,
  target_id, target_label, ip, user_agent, request_id, before, after, details, prev_hash, hash`;

/**
 * An advisory-lock key of its own: every append in every API and worker process takes it, so the chain has
 * one writer at a time. Derived from a name like the other keys in Brevet (see AwardRepository.lockPairs).
 */
const APPEND_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtextextended('brevet.audit.append', 0))`;

/** The audit table: appends under the chain lock, searches, and the chain in order for verification. */
@Injectable()
export class AuditRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.txHost.tx.query(sql, params) as Promise<T[]>;
  }

  /**
   * Takes the append lock (held until the current transaction ends) and reads the chain's last entry. Must
   * run inside a READ COMMITTED transaction, so the read sees whatever the previous lock holder committed.
   */
  async lockHead(): Promise<ChainPosition> {
    await this.query(APPEND_LOCK_SQL);
    const rows = await this.query<{ sequence: string; hash: string }>(
      `SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1`,
    );
    return rows.length === 0 ? CHAIN_START : { sequence: BigInt(rows[0].sequence), hash: rows[0].hash };
  }

  async insert(entry: StoredAuditChainEntry): Promise<void> {
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
    await this.query(
      `INSERT INTO audit_entry (sequence, occurred_at, actor_user_id, actor_label, action, outcome, target_type,
         target_id, target_label, ip, user_agent, request_id, before, after, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::jsonb, $15::jsonb, $16, $17)`,
      [
        entry.sequence,
        entry.occurredAt,
        entry.actorUserId,
        entry.actorLabel,
        entry.action,
        entry.outcome,
        entry.targetType,
        entry.targetId,
        entry.targetLabel,
        entry.ip,
        entry.userAgent,
        entry.requestId,
        json(entry.before),
        json(entry.after),
        json(entry.details),
        entry.prevHash,
        entry.hash,
      ],
    );
  }

  /** One page of matching entries and how many match in all. */
  async findPage(
    filter: AuditFilter,
    direction: SortDirection,
    page: number,
    pageSize: number,
  ): Promise<{ rows: AuditRow[]; total: number }> {
    const { where, params } = whereClause(filter);
    const order = direction === 'asc' ? 'ASC' : 'DESC';
    const rows = await this.query<Record<string, unknown>>(
      `SELECT ${COLUMNS} FROM audit_entry ${where} ORDER BY sequence ${order}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    const [{ total }] = await this.query<{ total: string }>(
      `SELECT count(*)::text AS total FROM audit_entry ${where}`,
      params,
    );
    return { rows: rows.map(toRow), total: Number(total) };
  }

  /**
   * The next `limit` matching entries after `afterSequence` in `direction` (keyset paging, for exports):
   * each call is one short query, so an export of millions of rows holds no transaction and little memory.
   */
  async findBatch(
    filter: AuditFilter,
    direction: SortDirection,
    afterSequence: bigint | null,
    limit: number,
  ): Promise<AuditRow[]> {
    const { conditions, params } = whereClause(filter);
    if (afterSequence !== null) {
      params.push(afterSequence.toString());
      conditions.push(`sequence ${direction === 'asc' ? '>' : '<'} $${params.length}`);
    }
    params.push(limit);
    const rows = await this.query<Record<string, unknown>>(
      `SELECT ${COLUMNS} FROM audit_entry ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY sequence ${direction === 'asc' ? 'ASC' : 'DESC'} LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRow);
  }

  /** Every matching entry in `direction`: a statement for a caller that streams it through a cursor (exports). */
  exportStatement(filter: AuditFilter, direction: SortDirection): RowStatement<AuditRow> {
    const { where, params } = whereClause(filter);
    return {
      text: `SELECT ${COLUMNS} FROM audit_entry ${where} ORDER BY sequence ${direction === 'asc' ? 'ASC' : 'DESC'}`,
      values: params,
      map: toRow,
    };
  }

  /** The whole chain in order, `limit` entries after `afterSequence` at a time (for verification). */
  chainBatch(afterSequence: bigint, limit: number): Promise<AuditRow[]> {
    return this.findBatch({}, 'asc', afterSequence, limit);
  }
}

function whereClause(filter: AuditFilter): { conditions: string[]; params: unknown[]; where: string } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.actions && filter.actions.length > 0) conditions.push(`action = ANY(${param(filter.actions)})`);
  if (filter.actorUserId) conditions.push(`actor_user_id = ${param(filter.actorUserId)}`);
  if (filter.targetType) conditions.push(`target_type = ${param(filter.targetType)}`);
  if (filter.targetId) conditions.push(`target_id = ${param(filter.targetId)}`);
  if (filter.outcome) conditions.push(`outcome = ${param(filter.outcome)}`);
  if (filter.text) {
    const p = param(`%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conditions.push(`(actor_label ILIKE ${p} OR target_label ILIKE ${p})`);
  }
  if (filter.from) conditions.push(`occurred_at >= ${param(filter.from)}`);
  if (filter.to) conditions.push(`occurred_at < ${param(filter.to)}`);
  if (filter.maxSequence !== undefined)
    conditions.push(`sequence <= ${param(filter.maxSequence.toString())}`);
  return { conditions, params, where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '' };
}

function toRow(r: Record<string, unknown>): AuditRow {
  return {
    sequence: r['sequence'] as string,
    occurredAt: r['occurred_at'] as Date,
    actorUserId: r['actor_user_id'] as string | null,
    actorLabel: r['actor_label'] as string,
    action: r['action'] as AuditAction,
    outcome: r['outcome'] as AuditOutcome,
    targetType: r['target_type'] as string | null,
    targetId: r['target_id'] as string | null,
    targetLabel: r['target_label'] as string | null,
    ip: r['ip'] as string | null,
    userAgent: r['user_agent'] as string | null,
    requestId: r['request_id'] as string | null,
    before: r['before'] as AuditRow['before'],
    after: r['after'] as AuditRow['after'],
    details: r['details'] as AuditRow['details'],
    prevHash: r['prev_hash'] as string,
    hash: r['hash'] as string,
  };
}
