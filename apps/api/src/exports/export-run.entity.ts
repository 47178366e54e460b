import type {
  ExportDelimiter,
  ExportErrorCode,
  ExportFilters,
  ExportFormat,
  ExportKind,
  ExportStatus,
  UiLanguage,
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
import { UserAccountEntity } from '../auth/user-account.entity';

/** The requester's scope as captured when they asked: `{ all: true }` or the branch IDs it reached then. */
export type StoredScope = { all: true } | { all: false; branchIds: string[] };

/**
 * One export someone asked for: what (kind, format, filters), for whom (the requester and their scope at that
 * moment, which the job applies in SQL), how far it got, and the file once written (in `export_file_chunk`).
 */
@Entity({ name: 'export_run' })
@Check('ck_export_run_status', `"status" IN ('queued', 'running', 'ready', 'failed')`)
@Check(
  'ck_export_run_kind',
  `"kind" IN ('compliance-matrix', 'compliance-people', 'awards', 'audit', 'training-report', 'training-attendance')`,
)
@Check('ck_export_run_format', `"format" IN ('csv', 'xlsx', 'pdf')`)
@Index('ix_export_run_requested_by_created', ['requestedBy', 'createdAt'])
@Index('ix_export_run_expires_at', ['expiresAt'])
export class ExportRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy!: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'fk_export_run_requested_by' })
  requester?: UserAccountEntity;

  @Column({ type: 'varchar', length: 32 })
  kind!: ExportKind;

  @Column({ type: 'varchar', length: 8 })
  format!: ExportFormat;

  @Column({ type: 'varchar', length: 1, nullable: true })
  delimiter!: ExportDelimiter | null;

  @Column({ type: 'varchar', length: 2 })
  language!: UiLanguage;

  @Column({ type: 'jsonb' })
  filters!: ExportFilters;

  @Column({ type: 'jsonb' })
  scope!: StoredScope;

  /** The instant the data is evaluated for ("today" of each branch; the audit log's snapshot). */
  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;

  /** `audit`: the last audit entry included (the export's own `export.created` entry). */
  @Column({ name: 'audit_snapshot', type: 'bigint', nullable: true })
  auditSnapshot!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status!: ExportStatus;

  @Column({ name: 'rows_total', type: 'integer', nullable: true })
  rowsTotal!: number | null;

  @Column({ name: 'rows_done', type: 'integer', default: 0 })
  rowsDone!: number;

  /** Attempts started; the last allowed attempt marks the export failed instead of retrying. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'file_name', type: 'varchar', length: 200, nullable: true })
  fileName!: string | null;

  @Column({ name: 'content_type', type: 'varchar', length: 100, nullable: true })
  contentType!: string | null;

  @Column({ name: 'file_size', type: 'bigint', nullable: true })
  fileSize!: string | null;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode!: ExportErrorCode | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}

/**
 * A ready file's bytes in ~1 MB chunks, in PostgreSQL: any API process can serve a file a worker wrote, with
 * no shared disk, and a download streams one chunk at a time (docs/exports.md, "Where files live").
 */
@Entity({ name: 'export_file_chunk' })
export class ExportFileChunkEntity {
  @PrimaryColumn({ name: 'export_id', type: 'uuid' })
  exportId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @ManyToOne(() => ExportRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'export_id', foreignKeyConstraintName: 'fk_export_file_chunk_export' })
  run?: ExportRunEntity;

  @Column({ type: 'bytea' })
  data!: Buffer;
}
