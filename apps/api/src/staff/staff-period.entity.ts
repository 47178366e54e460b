import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { BranchEntity } from '../branches/branch.entity';
import { JobRoleEntity } from '../job-roles/job-role.entity';
import { StaffEntity } from './staff.entity';

/**
 * Where a person worked: one row per continuous period at a branch, `[validFrom, validTo)` in days;
 * `validTo` is null for the current period. Compliance asks "where was this person on day D".
 */
@Entity({ name: 'staff_branch_period' })
@Check('ck_staff_branch_period_range', `"valid_to" IS NULL OR "valid_to" > "valid_from"`)
@Index('ix_staff_branch_period_staff', ['staffId', 'validFrom'])
@Index('ix_staff_branch_period_branch', ['branchId', 'validFrom'])
export class StaffBranchPeriodEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @ManyToOne(() => StaffEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_staff_branch_period_staff' })
  staff?: StaffEntity;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @ManyToOne(() => BranchEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_staff_branch_period_branch' })
  branch?: BranchEntity;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;
}

/** The roles a person held: one row per continuous period in a role; several roles may overlap. */
@Entity({ name: 'staff_role_period' })
@Check('ck_staff_role_period_range', `"valid_to" IS NULL OR "valid_to" > "valid_from"`)
@Index('ix_staff_role_period_staff', ['staffId', 'validFrom'])
@Index('ix_staff_role_period_role', ['jobRoleId', 'validFrom'])
export class StaffRolePeriodEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @ManyToOne(() => StaffEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_staff_role_period_staff' })
  staff?: StaffEntity;

  @Column({ name: 'job_role_id', type: 'uuid' })
  jobRoleId!: string;

  @ManyToOne(() => JobRoleEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'job_role_id', foreignKeyConstraintName: 'fk_staff_role_period_role' })
  jobRole?: JobRoleEntity;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;
}
