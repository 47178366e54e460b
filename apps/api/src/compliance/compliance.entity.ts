import type { RuleArea } from '@brevet/contracts';
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
import { CredentialDefinitionEntity } from '../credentials/credential.entity';
import { JobRoleEntity } from '../job-roles/job-role.entity';
import { RegionEntity } from '../regions/region.entity';
import { StaffEntity } from '../staff/staff.entity';

/**
 * A requirement rule: holders of a job role (or everyone) in the company, a region (and below) or a branch must
 * hold a credential, within `dueDays` of starting to be covered, from `effectiveFrom` on. No status is stored:
 * statuses are computed from the rules, the staff history and the awards (docs/compliance.md).
 */
@Entity({ name: 'compliance_rule' })
@Check('ck_compliance_rule_area', `"area" IN ('company', 'region', 'branch')`)
@Check(
  'ck_compliance_rule_place',
  `("area" = 'company' AND "region_id" IS NULL AND "branch_id" IS NULL) OR ("area" = 'region' AND "region_id" IS NOT NULL AND "branch_id" IS NULL) OR ("area" = 'branch' AND "branch_id" IS NOT NULL AND "region_id" IS NULL)`,
)
@Check('ck_compliance_rule_days', `"due_days" >= 0 AND "warning_days" >= 0`)
export class ComplianceRuleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_compliance_rule_definition')
  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @ManyToOne(() => CredentialDefinitionEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_id', foreignKeyConstraintName: 'fk_compliance_rule_definition' })
  definition?: CredentialDefinitionEntity;

  /** Null: everyone. */
  @Index('ix_compliance_rule_job_role')
  @Column({ name: 'job_role_id', type: 'uuid', nullable: true })
  jobRoleId!: string | null;

  @ManyToOne(() => JobRoleEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'job_role_id', foreignKeyConstraintName: 'fk_compliance_rule_job_role' })
  jobRole?: JobRoleEntity | null;

  @Column({ type: 'varchar', length: 16 })
  area!: RuleArea;

  @Index('ix_compliance_rule_region')
  @Column({ name: 'region_id', type: 'uuid', nullable: true })
  regionId!: string | null;

  @ManyToOne(() => RegionEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'fk_compliance_rule_region' })
  region?: RegionEntity | null;

  @Index('ix_compliance_rule_branch')
  @Column({ name: 'branch_id', type: 'uuid', nullable: true })
  branchId!: string | null;

  @ManyToOne(() => BranchEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'branch_id', foreignKeyConstraintName: 'fk_compliance_rule_branch' })
  branch?: BranchEntity | null;

  @Column({ name: 'due_days', type: 'integer' })
  dueDays!: number;

  @Column({ name: 'warning_days', type: 'integer' })
  warningDays!: number;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * HR's exemption of one person from one credential, up to and including `until` (a day in the person's branch
 * time zone). While it runs, the requirement counts as `exempt`; afterwards the ordinary status returns.
 */
@Entity({ name: 'compliance_exemption' })
@Index('ix_compliance_exemption_staff_definition', ['staffId', 'definitionId', 'until'])
export class ComplianceExemptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @ManyToOne(() => StaffEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_compliance_exemption_staff' })
  staff?: StaffEntity;

  @Index('ix_compliance_exemption_definition')
  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @ManyToOne(() => CredentialDefinitionEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_id', foreignKeyConstraintName: 'fk_compliance_exemption_definition' })
  definition?: CredentialDefinitionEntity;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'date' })
  until!: string;

  /** Who granted it (display name at the time). */
  @Column({ name: 'granted_by', type: 'varchar', length: 200 })
  grantedBy!: string;

  /** The granting user's account; no foreign key, so the record outlives the account. */
  @Column({ name: 'granted_by_user_id', type: 'uuid', nullable: true })
  grantedByUserId!: string | null;

  @VersionColumn({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
