import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

export type HrImportStatus =
  'uploaded' | 'validating' | 'validated' | 'invalid' | 'applying' | 'applied' | 'failed';

/** One uploaded HR file and what became of it: validated (dry run), then applied or not. */
@Entity({ name: 'hr_import' })
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

  @Column({ name: 'total_rows', type: 'integer', nullable: true })
  totalRows!: number | null;

  @Column({ name: 'processed_rows', type: 'integer', default: 0 })
  processedRows!: number;

  /** What the dry run found or the apply did: created, updated, unchanged, deactivated. */
  @Column({ type: 'jsonb', nullable: true })
  counts!: Record<string, number> | null;

  @Column({ name: 'issue_count', type: 'integer', default: 0 })
  issueCount!: number;

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

/** A problem found in the file, by row (1 = header) and column, in words a person can act on. */
@Entity({ name: 'hr_import_issue' })
@Index('ix_hr_import_issue_import_row', ['importId', 'row'])
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

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'text' })
  message!: string;
}
