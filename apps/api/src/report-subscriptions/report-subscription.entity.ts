import type {
  ExportFilters,
  ExportFormat,
  ReportCadenceKind,
  ReportRunStatus,
  ReportSubscriptionKind,
  UiLanguage,
} from '@brevet/contracts';
import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A person's subscription to a report on a cadence (docs/scheduled-reports.md). */
@Entity({ name: 'report_subscription' })
@Check('ck_report_subscription_every', `"every" IN ('daily', 'weekly', 'monthly')`)
@Index('ix_report_subscription_user', ['userId'])
@Index('ix_report_subscription_due', ['nextRunAt'], { where: `"paused" = false` })
export class ReportSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: ReportSubscriptionKind;

  @Column({ type: 'varchar', length: 8 })
  format!: ExportFormat;

  @Column({ type: 'jsonb' })
  filters!: ExportFilters;

  @Column({ type: 'varchar', length: 8, nullable: true })
  language!: UiLanguage | null;

  @Column({ type: 'varchar', length: 8 })
  every!: ReportCadenceKind;

  @Column({ type: 'smallint', nullable: true })
  weekday!: number | null;

  @Column({ name: 'day_of_month', type: 'smallint', nullable: true })
  dayOfMonth!: number | null;

  @Column({ type: 'varchar', length: 5 })
  time!: string;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'boolean', default: false })
  paused!: boolean;

  /** The next slot to run; null while paused. */
  @Column({ name: 'next_run_at', type: 'timestamptz', nullable: true })
  nextRunAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One slot of one subscription. The primary key makes a slot run at most once, whoever claims it. */
@Entity({ name: 'report_subscription_run' })
@Check('ck_report_subscription_run_status', `"status" IN ('running', 'sent', 'skipped', 'failed')`)
export class ReportSubscriptionRunEntity {
  @PrimaryColumn({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @PrimaryColumn({ name: 'slot_at', type: 'timestamptz' })
  slotAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  status!: ReportRunStatus;

  @Column({ name: 'export_id', type: 'uuid', nullable: true })
  exportId!: string | null;

  @Column({ name: 'mail_message_id', type: 'uuid', nullable: true })
  mailMessageId!: string | null;

  /** Why a run was skipped or failed, or how the file went out (`attached`, `link`). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  detail!: string | null;

  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
