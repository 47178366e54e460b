import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { Clock } from '../common/clock';
import { PROCESS_ROLE, type ProcessRole } from '../process-role';
import type { JobName } from './job-names';
import { JobOutbox } from './job-outbox.service';
import { JobQueue } from './job-queue.port';
import {
  assertValidSchedule,
  describeSchedule,
  latestSlot,
  nextSlot,
  slotJobId,
  type ScheduleSlot,
} from './job-schedule';
import { RecurringJobRunRepository } from './recurring-job-run.repository';
import { RECURRING_JOBS, type RecurringJob } from './recurring-jobs';

/** The longest sleep between checks, so a clock change or a suspended host is noticed within the hour. */
const MAX_SLEEP_MS = 60 * 60_000;
/** After a failed check (e.g. the database is briefly away), try again this soon. */
const RETRY_MS = 60_000;

export interface ClaimedSlot {
  job: JobName;
  slot: ScheduleSlot;
  jobId: string;
}

/**
 * Enqueues each recurring job (recurring-jobs.ts) once per slot. It runs in every process that runs jobs (the
 * worker; the API in embedded mode), so several may race for a slot: each claims the slot by inserting a
 * `recurring_job_run` row and enqueues through the outbox in the same transaction, and only the insert that
 * wins enqueues. The job ID is derived from the job and the slot, so a relay twice or a retry is one job.
 *
 * At start-up and at every slot it looks at the latest slot of each job: after downtime that is the latest
 * missed slot, which runs once; slots missed before it are skipped.
 */
@Injectable()
export class RecurringJobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RecurringJobScheduler.name);
  private readonly jobs: readonly RecurringJob[] = RECURRING_JOBS;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly runs: RecurringJobRunRepository,
    private readonly outbox: JobOutbox,
    private readonly queue: JobQueue,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService,
    private readonly clock: Clock,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
  ) {
    for (const job of this.jobs) assertValidSchedule(job.schedule);
  }

  /** Whether this process runs jobs, and so schedules them (as JobRunner decides). */
  get active(): boolean {
    return this.role === 'worker' || (this.role === 'api' && this.queue.kind === 'in-process');
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.active || this.jobs.length === 0) return;
    this.logger.log(
      `scheduling ${this.jobs.map((j) => `${j.job} (${describeSchedule(j.schedule)})`).join(', ')}`,
    );
    // The first check completes before start-up does, so what it enqueues is in the outbox when the app is up.
    await this.check();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /**
   * Claims the latest slot at or before `now` of every job not claimed yet, and enqueues its run. Returns what
   * this call claimed. Each job has its own transaction, so one job's failure does not hold back the others.
   */
  async tick(now: Date = this.clock.now()): Promise<ClaimedSlot[]> {
    const claimed: ClaimedSlot[] = [];
    for (const job of this.jobs) {
      const slot = latestSlot(job.schedule, now);
      const jobId = slotJobId(job.job, slot);
      const won = await this.cls.run({ ifNested: 'override' }, () =>
        this.txHost.withTransaction(async () => {
          if (!(await this.runs.claim(job.job, slot.at, jobId))) return false;
          await this.outbox.enqueue(job.job, job.payload(slot), { jobId });
          return true;
        }),
      );
      if (won) {
        claimed.push({ job: job.job, slot, jobId });
        this.logger.log(`enqueued ${jobId}`);
      }
    }
    if (claimed.length > 0) this.outbox.flushSoon();
    return claimed;
  }

  private async check(): Promise<void> {
    if (this.stopped) return;
    this.running = (async () => {
      let wait: number;
      try {
        await this.tick();
        const now = this.clock.now();
        const next = Math.min(...this.jobs.map((j) => nextSlot(j.schedule, now).at.getTime()));
        wait = Math.min(MAX_SLEEP_MS, Math.max(0, next - now.getTime()) + 100);
      } catch (error) {
        this.logger.warn(`recurring jobs not checked, will retry: ${(error as Error).message}`);
        wait = RETRY_MS;
      }
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.check(), wait);
      this.timer.unref();
    })();
    await this.running;
  }
}
