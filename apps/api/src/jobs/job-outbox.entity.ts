import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Jobs requested inside a database transaction. They are written with the change that caused them and
 * relayed to the queue after commit, so a job is never lost when Redis is down, and never runs for a change
 * that rolled back.
 */
@Entity({ name: 'job_outbox' })
export class JobOutboxEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Index('uq_job_outbox_job_id', { unique: true })
  @Column({ name: 'job_id', type: 'varchar', length: 200 })
  jobId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** The request the job runs for (`JobTrace`: IDs only); relayed beside the payload, not in it. */
  @Column({ type: 'jsonb', nullable: true })
  trace!: Record<string, unknown> | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
