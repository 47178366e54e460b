import type {
  BadgeImageType,
  CredentialAssessmentType,
  CredentialCategory,
  CredentialDefinitionStatus,
  CredentialParticipationForm,
  ExpiryBasis,
  LocalizedList,
  LocalizedText,
  Stackability,
  SupervisionMode,
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
  UpdateDateColumn,
  VersionColumn,
  type ValueTransformer,
} from 'typeorm';

/** `numeric` arrives from pg as a string; these columns hold small decimals that fit a JS number exactly enough. */
const decimal: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

/**
 * A credential in the catalogue: the stable identity (code, category, ESCO link) whose content lives in
 * numbered versions. `currentVersionId` points at the published version new awards get; a definition that was
 * never published has none.
 */
@Entity({ name: 'credential_definition' })
@Check('ck_credential_definition_status', `"status" IN ('draft', 'published', 'archived')`)
export class CredentialDefinitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_credential_definition_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Index('ix_credential_definition_category')
  @Column({ type: 'varchar', length: 40 })
  category!: CredentialCategory;

  @Column({ name: 'esco_skill_uri', type: 'varchar', length: 300, nullable: true })
  escoSkillUri!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: CredentialDefinitionStatus;

  @Column({ name: 'current_version_id', type: 'uuid', nullable: true })
  currentVersionId!: string | null;

  @ManyToOne(() => CredentialVersionEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'current_version_id', foreignKeyConstraintName: 'fk_credential_definition_current' })
  currentVersion?: CredentialVersionEntity | null;

  @VersionColumn({ type: 'integer' })
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * One version of a definition's content: the EU micro-credential elements, the texts in every UI language,
 * the validity settings and the badge. A version with `publishedAt` null is the draft (at most one per
 * definition, edited in place); a published version never changes, so awards can keep pointing at it.
 */
@Entity({ name: 'credential_definition_version' })
@Check('ck_credential_version_eqf', `"eqf_level" IS NULL OR "eqf_level" BETWEEN 1 AND 8`)
@Check('ck_credential_version_participation', `"participation_form" IN ('online', 'on_site', 'blended')`)
// The lists repeat CREDENTIAL_ASSESSMENT_TYPES and SUPERVISION_MODES: entities import contracts as types only
// (the migration CLI loads them without the workspace's path mapping).
@Check(
  'ck_credential_version_assessment',
  `"assessment_type" IN ('written_exam', 'practical_exam', 'oral_exam', 'online_test', 'observation', 'portfolio', 'combined', 'attendance_only')`,
)
@Check(
  'ck_credential_version_supervision',
  `"supervision" IS NULL OR "supervision" IN ('unsupervised_no_identity_check', 'supervised_no_identity_check', 'supervised_online_identity_check', 'supervised_on_site_identity_check')`,
)
@Check('ck_credential_version_expiry_basis', `"expiry_basis" IN ('completion', 'expiry', 'fixed')`)
@Index('uq_credential_version_number', ['definitionId', 'version'], { unique: true })
@Index('uq_credential_version_draft', ['definitionId'], { unique: true, where: `"published_at" IS NULL` })
export class CredentialVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @ManyToOne(() => CredentialDefinitionEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_id', foreignKeyConstraintName: 'fk_credential_version_definition' })
  definition?: CredentialDefinitionEntity;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  title!: LocalizedText;

  @Column({ type: 'jsonb' })
  description!: LocalizedText;

  @Column({ type: 'jsonb' })
  criteria!: LocalizedText;

  @Column({ name: 'learning_outcomes', type: 'jsonb' })
  learningOutcomes!: LocalizedList;

  @Column({ name: 'awarding_body_name', type: 'varchar', length: 200 })
  awardingBodyName!: string;

  @Column({ name: 'awarding_body_country', type: 'char', length: 2 })
  awardingBodyCountry!: string;

  @Column({ name: 'workload_hours', type: 'numeric', precision: 6, scale: 1, transformer: decimal })
  workloadHours!: number;

  @Column({ type: 'numeric', precision: 4, scale: 1, nullable: true, transformer: decimal })
  ects!: number | null;

  @Column({ name: 'eqf_level', type: 'smallint', nullable: true })
  eqfLevel!: number | null;

  @Column({ name: 'assessment_type', type: 'varchar', length: 24 })
  assessmentType!: CredentialAssessmentType;

  @Column({ name: 'participation_form', type: 'varchar', length: 16 })
  participationForm!: CredentialParticipationForm;

  @Column({ name: 'quality_assurance', type: 'jsonb' })
  qualityAssurance!: LocalizedText;

  @Column({ type: 'jsonb', nullable: true })
  prerequisites!: LocalizedText | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  supervision!: SupervisionMode | null;

  @Column({ name: 'grade_scheme', type: 'jsonb', nullable: true })
  gradeScheme!: LocalizedText | null;

  @Column({ type: 'jsonb', nullable: true })
  stackability!: Stackability | null;

  /** Null: awards never expire. */
  @Column({ name: 'validity_months', type: 'integer', nullable: true })
  validityMonths!: number | null;

  @Column({ name: 'recert_window_months', type: 'integer', default: 0 })
  recertWindowMonths!: number;

  @Column({ name: 'recert_window_days', type: 'integer', default: 0 })
  recertWindowDays!: number;

  @Column({ name: 'expiry_basis', type: 'varchar', length: 16, default: 'completion' })
  expiryBasis!: ExpiryBasis;

  @Column({ name: 'fixed_expiry_month', type: 'smallint', nullable: true })
  fixedExpiryMonth!: number | null;

  @Column({ name: 'fixed_expiry_day', type: 'smallint', nullable: true })
  fixedExpiryDay!: number | null;

  @Column({ name: 'badge_image_id', type: 'uuid', nullable: true })
  badgeImageId!: string | null;

  @ManyToOne(() => CredentialBadgeImageEntity, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'badge_image_id', foreignKeyConstraintName: 'fk_credential_version_badge' })
  badgeImage?: CredentialBadgeImageEntity | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * A badge image, stored once per distinct content (SHA-256) and shared by the versions that use it, so a new
 * version does not copy the bytes. Only checked PNGs are stored (see badge-image.util.ts).
 */
@Entity({ name: 'credential_badge_image' })
export class CredentialBadgeImageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_credential_badge_image_sha256', { unique: true })
  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'mime_type', type: 'varchar', length: 40 })
  mimeType!: BadgeImageType;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'integer' })
  width!: number;

  @Column({ type: 'integer' })
  height!: number;

  /** The bytes; loaded only when the image itself is asked for. */
  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
