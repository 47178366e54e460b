import type { StaffStatus, UiLanguage } from '@brevet/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { BranchEntity } from '../branches/branch.entity';

/**
 * An employee. The employee number is the identity key: stable, unique, never reused. Email is an
 * attribute that may change without orphaning anything. `branchId` is the current branch; the periods
 * tables keep where the person was, and in which roles, on every day.
 */
@Entity({ name: 'staff' })
@Check('ck_staff_status', `"status" IN ('active', 'on_leave', 'left')`)
@Index('ix_staff_branch_status', ['branchId', 'status'])
export class StaffEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_staff_employee_number', { unique: true })
  @Column({ name: 'employee_number', type: 'varchar', length: 64 })
  employeeNumber!: string;

  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName!: string;

  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName!: string;

  @Index('ix_staff_email')
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ name: 'preferred_language', type: 'varchar', length: 8, default: 'de' })
  preferredLanguage!: UiLanguage;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId!: string;

  @ManyToOne(() => BranchEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_staff_branch' })
  branch?: BranchEntity;

  @Index('ix_staff_manager')
  @Column({ name: 'manager_id', type: 'uuid', nullable: true })
  managerId!: string | null;

  @ManyToOne(() => StaffEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'manager_id', foreignKeyConstraintName: 'fk_staff_manager' })
  manager?: StaffEntity | null;

  @Column({ name: 'hire_date', type: 'date' })
  hireDate!: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: StaffStatus;

  @Column({ name: 'left_on', type: 'date', nullable: true })
  leftOn!: string | null;

  /** The identity provider's ID for this person (SCIM `externalId`). */
  @Column({ name: 'external_id', type: 'varchar', length: 200, nullable: true })
  externalId!: string | null;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
