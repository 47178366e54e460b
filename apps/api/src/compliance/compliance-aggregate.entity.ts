import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The compliance engine's answer for the current organisation, kept ready to count (docs/compliance.md,
 * "Materialised aggregates"). Derived data only: ComplianceAggregateRepository rebuilds it from the rules, staff
 * history, awards and exemptions whenever database triggers report a change (`compliance_dirty`), and every
 * read first catches up, so it is never behind a committed change. No foreign keys: a rebuild replaces rows.
 */

/**
 * One requirement (person, credential) with everything its status depends on besides the day, so the status on
 * any day is a `CASE` over this row. `from_day`/`to_day` split a requirement whose rules take effect on different
 * days (the due day and warning window can change on such a day); one row covers each such stretch.
 */
@Entity({ name: 'compliance_requirement' })
@Index('ix_compliance_requirement_cell', ['branchId', 'definitionId'])
@Index('ix_compliance_requirement_definition', ['definitionId'])
export class ComplianceRequirementEntity {
  @PrimaryColumn({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @PrimaryColumn({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  /** The first day this row counts: the earliest effective-from day of the rules behind it. */
  @PrimaryColumn({ name: 'from_day', type: 'date' })
  fromDay!: string;

  /** The day the next row of the same requirement takes over; null: open. */
  @Column({ name: 'to_day', type: 'date', nullable: true })
  toDay!: string | null;

  /** The person's current branch. */
  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ name: 'warning_days', type: 'integer' })
  warningDays!: number;

  /** The person's active award of the credential, if any. */
  @Column({ name: 'award_id', type: 'uuid', nullable: true })
  awardId!: string | null;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn!: string | null;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  /** The exemption that runs longest, if any (it counts while `exempt_until` ≥ today). */
  @Column({ name: 'exemption_id', type: 'uuid', nullable: true })
  exemptionId!: string | null;

  @Column({ name: 'exempt_until', type: 'date', nullable: true })
  exemptUntil!: string | null;

  /** The job roles the person holds now (open role periods), for the counts per job role. */
  @Column({ name: 'job_role_ids', type: 'uuid', array: true })
  jobRoleIds!: string[];
}

/**
 * Status counts of one branch × credential for the branch's day `counted_on`. They hold up to and including
 * `valid_through` (the day before the first of its requirements' rows changes status or starts or stops
 * counting; null: no such day). `counted_on` null marks a cell whose requirements changed: it is counted again.
 */
@Entity({ name: 'compliance_cell' })
@Index('ix_compliance_cell_uncounted', ['branchId', 'definitionId'], { where: `"counted_on" IS NULL` })
export class ComplianceCellEntity {
  @PrimaryColumn({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @PrimaryColumn({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @Column({ name: 'counted_on', type: 'date', nullable: true })
  countedOn!: string | null;

  @Column({ name: 'valid_through', type: 'date', nullable: true })
  validThrough!: string | null;

  @Column({ type: 'integer', default: 0 })
  total!: number;

  @Column({ type: 'integer', default: 0 })
  compliant!: number;

  @Column({ type: 'integer', default: 0 })
  expiring!: number;

  @Column({ type: 'integer', default: 0 })
  expired!: number;

  @Column({ name: 'missing_overdue', type: 'integer', default: 0 })
  missingOverdue!: number;

  @Column({ name: 'missing_in_grace', type: 'integer', default: 0 })
  missingInGrace!: number;

  @Column({ type: 'integer', default: 0 })
  exempt!: number;
}

/**
 * A branch's cells summed, for the company-wide matrix: it holds on the days all its cells hold
 * (`counted_on` is the latest of theirs, `valid_through` the earliest). `definition_ids`: the credentials with
 * requirements there. Counted in the same catch-up as its cells.
 */
@Entity({ name: 'compliance_branch_total' })
export class ComplianceBranchTotalEntity {
  @PrimaryColumn({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @Column({ name: 'counted_on', type: 'date' })
  countedOn!: string;

  @Column({ name: 'valid_through', type: 'date', nullable: true })
  validThrough!: string | null;

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

  @Column({ name: 'definition_ids', type: 'uuid', array: true })
  definitionIds!: string[];
}

/**
 * The counts of a cell split by the job roles its people hold now (someone in two roles counts in both). Counted
 * together with its cell, and valid exactly when the cell is.
 */
@Entity({ name: 'compliance_role_cell' })
@Index('ix_compliance_role_cell_role', ['jobRoleId'])
export class ComplianceRoleCellEntity {
  @PrimaryColumn({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @PrimaryColumn({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @PrimaryColumn({ name: 'job_role_id', type: 'uuid' })
  jobRoleId!: string;

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
 * What changed since the aggregates were last brought up to date, written by triggers on the source tables:
 * (staff, credential), (staff, null) for everything of a person, (null, credential) for everyone's requirement
 * of a credential, (null, null) for everything.
 */
@Entity({ name: 'compliance_dirty' })
export class ComplianceDirtyEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid', nullable: true })
  staffId!: string | null;

  @Column({ name: 'definition_id', type: 'uuid', nullable: true })
  definitionId!: string | null;
}
