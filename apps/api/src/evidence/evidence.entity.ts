import type { EvidenceMediaType, EvidenceStatus } from '@brevet/contracts';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserAccountEntity } from '../auth/user-account.entity';
import { AwardEntity } from '../awards/award.entity';
import { CredentialDefinitionEntity } from '../credentials/credential.entity';
import { StaffEntity } from '../staff/staff.entity';

/**
 * An external certificate submitted for a credential definition, waiting for (or past) an approver's decision.
 * The file's bytes live in `evidence_file`, loaded only for a download. At most one submission per person and
 * definition is pending (`uq_evidence_pending`): a second upload while one waits is refused, which also makes
 * a double-clicked upload harmless.
 */
@Entity({ name: 'evidence' })
@Check('ck_evidence_status', `"status" IN ('pending', 'approved', 'rejected', 'withdrawn')`)
@Check('ck_evidence_media_type', `"media_type" IN ('application/pdf', 'image/png', 'image/jpeg')`)
@Check('ck_evidence_dates', `"expires_on" IS NULL OR "expires_on" >= "issued_on"`)
@Check('ck_evidence_decided', `"status" = 'pending' OR "decided_at" IS NOT NULL`)
@Check('ck_evidence_rejected', `"status" <> 'rejected' OR "reject_reason" IS NOT NULL`)
@Check('ck_evidence_approved', `"status" <> 'approved' OR "award_id" IS NOT NULL`)
@Index('uq_evidence_pending', ['staffId', 'definitionId'], { unique: true, where: `"status" = 'pending'` })
@Index('ix_evidence_status_submitted', ['status', 'submittedAt'])
export class EvidenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_evidence_staff')
  @Column({ name: 'staff_id', type: 'uuid' })
  staffId!: string;

  @ManyToOne(() => StaffEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'staff_id', foreignKeyConstraintName: 'fk_evidence_staff' })
  staff?: StaffEntity;

  @Index('ix_evidence_definition')
  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @ManyToOne(() => CredentialDefinitionEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_id', foreignKeyConstraintName: 'fk_evidence_definition' })
  definition?: CredentialDefinitionEntity;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: EvidenceStatus;

  /** The completion day on the certificate. */
  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  /** The expiry printed on the certificate, for the approver to see. */
  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Cleaned: no path, no control or reserved characters, the extension of the real type. */
  @Column({ name: 'file_name', type: 'varchar', length: 160 })
  fileName!: string;

  /** The type the content was recognised as (magic bytes), never the one the browser declared. */
  @Column({ name: 'media_type', type: 'varchar', length: 40 })
  mediaType!: EvidenceMediaType;

  @Column({ name: 'file_size', type: 'integer' })
  fileSize!: number;

  @Column({ name: 'file_sha256', type: 'char', length: 64 })
  fileSha256!: string;

  @Index('ix_evidence_submitted_by')
  @Column({ name: 'submitted_by_user_id', type: 'uuid', nullable: true })
  submittedByUserId!: string | null;

  @ManyToOne(() => UserAccountEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'submitted_by_user_id', foreignKeyConstraintName: 'fk_evidence_submitted_by' })
  submittedBy?: UserAccountEntity | null;

  /** The submitter's name at the time (accounts can be renamed or removed). */
  @Column({ name: 'submitted_by_name', type: 'varchar', length: 200 })
  submittedByName!: string;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  /** Who approved, rejected or withdrew it. */
  @Column({ name: 'decided_by_user_id', type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @ManyToOne(() => UserAccountEntity, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by_user_id', foreignKeyConstraintName: 'fk_evidence_decided_by' })
  decidedBy?: UserAccountEntity | null;

  @Column({ name: 'decided_by_name', type: 'varchar', length: 200, nullable: true })
  decidedByName!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'reject_reason', type: 'text', nullable: true })
  rejectReason!: string | null;

  /** The award the approval issued (or found already recorded for the same completion day). */
  @Column({ name: 'award_id', type: 'uuid', nullable: true })
  awardId!: string | null;

  @ManyToOne(() => AwardEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_id', foreignKeyConstraintName: 'fk_evidence_award' })
  award?: AwardEntity | null;
}

/**
 * The bytes of a submitted file, in PostgreSQL (bytea): every API process and the worker see the same file,
 * backups include it, and it is written in the same transaction as its `evidence` row.
 */
@Entity({ name: 'evidence_file' })
export class EvidenceFileEntity {
  @PrimaryColumn({ name: 'evidence_id', type: 'uuid' })
  evidenceId!: string;

  @OneToOne(() => EvidenceEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'fk_evidence_file_evidence' })
  evidence?: EvidenceEntity;

  @Column({ type: 'bytea' })
  content!: Buffer;
}
