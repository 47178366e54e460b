import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One claimed slot of a recurring job (recurring-job-scheduler.ts). The primary key makes the claim atomic:
 * whichever process inserts the row first enqueues the slot's job, in the same transaction; every other process,
 * restart or retry finds the row and enqueues nothing.
 */
@Entity({ name: 'recurring_job_run' })
export class RecurringJobRunEntity {
  @PrimaryColumn({ name: 'job_name', type: 'varchar', length: 100 })
  jobName!: string;

  /** The instant the slot fell due. */
  @PrimaryColumn({ name: 'slot_at', type: 'timestamptz' })
  slotAt!: Date;

  @Column({ name: 'job_id', type: 'varchar', length: 200 })
  jobId!: string;

  @CreateDateColumn({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;
}
