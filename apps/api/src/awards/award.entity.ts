import type {
  AssessmentResult,
  AwardRecordStatus,
  AwardSource,
  RenewalCountsFrom,
  RenewalTiming,
} from '@brevet/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CredentialDefinitionEntity, CredentialVersionEntity } from '../credentials/credential.entity';
import { StaffEntity } from '../staff/staff.entity';

/**
 * One person's certificate: issued under one published definition version. Only facts are recorded:
 * `active`, `revoked` (by someone, with a reason) or `superseded` (by a renewal, which points back through
 * `renewalOfId`). Whether it is valid, expiring or expired on a given day is derived from the dates (see
 * docs/credentials-rules.md); `renewalOpensOn` is the start of its recertification window, computed once at
 * issue time by the domain rules so that queries can filter on it.
 *
 * At most one award per person and definition is active (`uq_award_active`); issuing takes an advisory lock
 * on the pair as well, so concurrent requests queue instead of failing on the index.
 */
@Entity({ name: 'award' })
@Check('ck_award_status', `"status" IN ('active', 'revoked', 'superseded')`)
@Check('ck_award_source', `"source" IN ('single', 'bulk', 'import', 'seed')`)
@Check('ck_award_dates', `"valid_until" IS NULL OR "valid_until" >= "issued_on"`)
@Check(
  'ck_award_revoked',
  `"status" <> 'revoked' OR ("revoked_at" IS NOT NULL AND "revoke_reason" IS NOT NULL)`,
)
@Index('ix_award_staff_definition', ['staffId', 'definitionId'])
@Index('ix_award_definition_valid_until', ['definitionId', 'validUntil'])
@Index('uq_award_active', ['staffId', 'definitionId'], { unique: true, where: `"status" = 'active'` })
export class AwardEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @ManyToOne(() => StaffEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_award_staff' })
  staff?: StaffEntity;

  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @ManyToOne(() => CredentialDefinitionEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_id', foreignKeyConstraintName: 'fk_award_definition' })
  definition?: CredentialDefinitionEntity;

  @Index('ix_award_version')
  @Column({ name: 'definition_version_id', type: 'uuid' })
  definitionVersionId!: string;

  @ManyToOne(() => CredentialVersionEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_version_id', foreignKeyConstraintName: 'fk_award_version' })
  definitionVersion?: CredentialVersionEntity;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  @Column({ name: 'renewal_opens_on', type: 'date', nullable: true })
  renewalOpensOn!: string | null;

  @Column({ name: 'counts_from', type: 'varchar', length: 20 })
  countsFrom!: RenewalCountsFrom;

  @Column({ name: 'renewal_timing', type: 'varchar', length: 24 })
  renewalTiming!: RenewalTiming;

  /** Who issued it; a user ID once sign-in exists. */
  @Column({ type: 'varchar', length: 200 })
  issuer!: string;

  @Column({ name: 'assessment_result', type: 'jsonb', nullable: true })
  assessmentResult!: AssessmentResult | null;

  /** Reference to stored evidence (the evidence feature); no foreign key yet. */
  @Column({ name: 'evidence_id', type: 'uuid', nullable: true })
  evidenceId!: string | null;

  @Index('ix_award_status')
  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: AwardRecordStatus;

  @Column({ type: 'varchar', length: 16, default: 'single' })
  source!: AwardSource;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'varchar', length: 200, nullable: true })
  revokedBy!: string | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason!: string | null;

  @Column({ name: 'superseded_by_id', type: 'uuid', nullable: true })
  supersededById!: string | null;

  @ManyToOne(() => AwardEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'superseded_by_id', foreignKeyConstraintName: 'fk_award_superseded_by' })
  supersededBy?: AwardEntity | null;

  @Column({ name: 'renewal_of_id', type: 'uuid', nullable: true })
  renewalOfId!: string | null;

  @ManyToOne(() => AwardEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'renewal_of_id', foreignKeyConstraintName: 'fk_award_renewal_of' })
  renewalOf?: AwardEntity | null;

  /**
   * The award's bit in the Open Badges revocation list, allocated at issue time from the sequence
   * `award_status_list_seq` (created by the migration; AwardRepository inserts `nextval(...)`).
   */
  @Index('uq_award_status_list_index', { unique: true })
  @Column({ name: 'status_list_index', type: 'integer', nullable: true })
  statusListIndex!: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
