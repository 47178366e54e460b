import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The compliance counts of one branch and one required credential at the end of one day, as the engine
 * evaluated the world of that day (compliance-snapshot.sql.ts). Derived data: the daily snapshot job and the
 * demo backfill write it, the trends API reads it (docs/compliance.md, "Trends"). `branch_id` is where the people
 * worked on that day. A (day, branch, credential) without any requirement has no row.
 *
 * No foreign keys: history outlives what it counts, and checking two keys per row doubled the cost of the demo's
 * year of history on the embedded database. The trends query joins `branch` for scope and filters.
 */
@Entity({ name: 'compliance_snapshot' })
@Index('ix_compliance_snapshot_branch_day', ['branchId', 'day'])
export class ComplianceSnapshotEntity {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @PrimaryColumn({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @Column({ type: 'integer' })
  total!: number;

  @Column({ type: 'integer' })
  compliant!: number;

  @Column({ type: 'integer' })
  expiring!: number;

  @Column({ type: 'integer' })
  expired!: number;

  @Column({ name: 'missing_overdue', type: 'integer' })
  missingOverdue!: number;

  @Column({ name: 'missing_in_grace', type: 'integer' })
  missingInGrace!: number;

  @Column({ type: 'integer' })
  exempt!: number;
}

/**
 * The days whose snapshot has been computed, so that a computed day with nothing in view (zero requirements)
 * can be told apart from a day never computed (a gap in the series).
 */
@Entity({ name: 'compliance_snapshot_day' })
export class ComplianceSnapshotDayEntity {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt!: Date;
}
