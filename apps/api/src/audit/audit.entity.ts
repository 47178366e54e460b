import type { AuditAction, AuditOutcome } from '@brevet/contracts';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AuditJson } from './audit-text.util';

/**
 * One audit entry. Append-only: a trigger (see the AuditLog migration) refuses UPDATE, DELETE and TRUNCATE.
 * `sequence` numbers the chain without gaps (assigned under an advisory lock, not by a database sequence,
 * which would leave gaps on rollback); `hash` chains each entry to the one before (see audit-chain.util.ts).
 *
 * Text columns hold encoded text (see audit-text.util.ts). There are no foreign keys on purpose: an entry
 * outlives the person, award or setting it names.
 */
@Entity({ name: 'audit_entry' })
@Check('ck_audit_entry_sequence', `"sequence" >= 1`)
@Check('ck_audit_entry_outcome', `"outcome" IN ('success', 'failure', 'denied')`)
@Check('ck_audit_entry_hash', `"hash" ~ '^[0-9a-f]{64}$' AND "prev_hash" ~ '^[0-9a-f]{64}$'`)
@Index('ix_audit_entry_action', ['action', 'sequence'])
@Index('ix_audit_entry_actor', ['actorUserId', 'sequence'])
@Index('ix_audit_entry_target', ['targetType', 'targetId', 'sequence'])
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_audit_entry' })
  sequence!: string;

  @Index('ix_audit_entry_occurred_at')
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  /** The person's display name at the time, or `system`, `scim`… */
  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: AuditAction;

  @Column({ type: 'varchar', length: 16 })
  outcome!: AuditOutcome;

  @Column({ name: 'target_type', type: 'text', nullable: true })
  targetType!: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ name: 'target_label', type: 'text', nullable: true })
  targetLabel!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: AuditJson | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: AuditJson | null;

  @Column({ type: 'jsonb', nullable: true })
  details!: AuditJson | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
