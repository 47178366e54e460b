import type {
  HrImportCounts,
  HrImportField,
  HrImportIssueCode,
  HrImportIssueSeverity,
  HrImportStatus,
} from '@brevet/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

export type { HrImportStatus };

/**
 * One uploaded HR file and what became of it: validated (dry run), then applied or not.
 *
 * The valid rows of a validated file wait in `hr_import_row`, a staging table without an entity: it is
 * only ever read and written with set-based SQL by `HrImportRepository` (see the HrImportTweaks migration).
 */
@Entity({ name: 'hr_import' })
@Check(
  'ck_hr_import_status',
  `"status" IN ('receiving', 'uploaded', 'validating', 'validated', 'invalid', 'applying', 'applied', 'failed')`,
)
export class HrImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: HrImportStatus;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'file_size', type: 'bigint' })
  fileSize!: string;

  /** The file is the HR system's full export: people missing from it are marked as left on apply. */
  @Column({ name: 'full_export', type: 'boolean', default: false })
  fullExport!: boolean;

  @Column({ type: 'varchar', length: 1, nullable: true })
  delimiter!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  encoding!: string | null;

  /** Which header fed which field; absent optional columns leave that attribute alone on apply. */
  @Column({ type: 'jsonb', nullable: true })
  columns!: Partial<Record<HrImportField, string>> | null;

  @Column({ name: 'total_rows', type: 'integer', nullable: true })
  totalRows!: number | null;

  @Column({ name: 'processed_rows', type: 'integer', default: 0 })
  processedRows!: number;

  /** What the dry run predicts: created, updated, unchanged, deactivated, skipped. */
  @Column({ type: 'jsonb', nullable: true })
  counts!: HrImportCounts | null;

  /** What applying did, in the same terms as `counts`. */
  @Column({ type: 'jsonb', nullable: true })
  result!: HrImportCounts | null;

  /** Issues stored in `hr_import_issue` (at most a few thousand). */
  @Column({ name: 'issue_count', type: 'integer', default: 0 })
  issueCount!: number;

  /** Errors found, including any beyond the stored issues; an import with errors cannot be applied. */
  @Column({ name: 'error_count', type: 'integer', default: 0 })
  errorCount!: number;

  @Column({ name: 'warning_count', type: 'integer', default: 0 })
  warningCount!: number;

  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'validated_at', type: 'timestamptz', nullable: true })
  validatedAt!: Date | null;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;
}

/** The uploaded bytes, in chunks, so that any worker process can read the file without a shared disk. */
@Entity({ name: 'hr_import_chunk' })
export class HrImportChunkEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @ManyToOne(() => HrImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_hr_import_chunk_import' })
  import?: HrImportEntity;

  @Column({ type: 'bytea' })
  data!: Buffer;
}

/** A problem found in the file, by row (1 = header, 0 = the whole file) and column, in words a person can act on. */
@Entity({ name: 'hr_import_issue' })
@Index('ix_hr_import_issue_import_row', ['importId', 'row'])
@Check('ck_hr_import_issue_severity', `"severity" IN ('error', 'warning')`)
export class HrImportIssueEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ name: 'import_id', type: 'uuid' })
  importId!: string;

  @ManyToOne(() => HrImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_hr_import_issue_import' })
  import?: HrImportEntity;

  @Column({ type: 'integer' })
  row!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  column!: string | null;

  @Column({ type: 'varchar', length: 8, default: 'error' })
  severity!: HrImportIssueSeverity;

  @Column({ type: 'varchar', length: 64 })
  code!: HrImportIssueCode;

  @Column({ type: 'text' })
  message!: string;
}
