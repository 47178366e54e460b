import { AsyncResource } from 'node:async_hooks';
import { JOB_QUEUE, type JobName, type JobPayloads, type QueueName } from './job-names';
import {
  assertValidJobId,
  InvalidJobDataError,
  JOB_DEFAULTS,
  JobQueue,
  type EnqueueOptions,
  type FailedJob,
  type JobCounts,
  type JobDispatcher,
  type JobQueueOptions,
  type QueuedJob,
  type TraceSource,
} from './job-queue.port';
import { newJobTrace } from './job-trace';

interface Entry {
  job: QueuedJob;
  queue: QueueName;
  runAt: number;
}

const REMEMBER_COMPLETED = 1_000;
/** Failed jobs kept per queue for the jobs page (the oldest are forgotten first). */
const REMEMBER_FAILED = 200;

interface FailedEntry extends FailedJob {
  entry: Entry;
}

/**
 * Runs jobs inside the current process, one at a time per queue, with the same retry rules and job-ID
 * de-duplication as the BullMQ adapter. Used in embedded mode, where there is no Redis. Jobs queued but
 * not yet run are lost if the process stops; their handlers are idempotent recomputations, and the
 * operations guide says so.
 */
export class InProcessJobQueue extends JobQueue {
  readonly kind = 'in-process' as const;
  private readonly waiting: Entry[] = [];
  private readonly known = new Set<string>();
  private readonly completed: string[] = [];
  private readonly dispatchers = new Map<QueueName, JobDispatcher>();
  private readonly running = new Set<Promise<void>>();
  private readonly busyQueues = new Set<QueueName>();
  private readonly active = new Map<QueueName, number>();
  private readonly completedCount = new Map<QueueName, number>();
  private readonly failedJobs: FailedEntry[] = [];
  private timer?: NodeJS.Timeout;
  private closed = false;
  /** Counters for tests and diagnostics. */
  readonly stats = { completed: 0, failedAttempts: 0 };

  /**
   * `tick`, bound to the context the queue was made in (start-up). Otherwise the timer would run jobs in the
   * async context of whichever request last scheduled it, and their log lines would name that request.
   */
  private readonly tickOutsideRequests = AsyncResource.bind(() => this.tick());

  constructor(
    private readonly options: JobQueueOptions = {},
    private readonly currentTrace: TraceSource = () => null,
  ) {
    super();
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions): Promise<void> {
    assertValidJobId(options.jobId);
    if (this.closed) throw new Error('job queue is closed');
    if (this.known.has(options.jobId)) return;
    this.known.add(options.jobId);
    this.waiting.push({
      job: {
        id: options.jobId,
        name,
        data,
        attempt: 1,
        maxAttempts: this.maxAttempts,
        trace: options.trace ?? this.currentTrace() ?? newJobTrace(),
      } as QueuedJob,
      queue: JOB_QUEUE[name],
      runAt: Date.now() + (options.delayMs ?? 0),
    });
    this.schedule(0);
  }

  async process(queue: QueueName, dispatch: JobDispatcher): Promise<void> {
    this.dispatchers.set(queue, dispatch);
    this.schedule(0);
  }

  async health(): Promise<'disabled'> {
    return 'disabled';
  }

  async counts(queue: QueueName): Promise<JobCounts> {
    const now = Date.now();
    const mine = this.waiting.filter((e) => e.queue === queue);
    return {
      waiting: mine.filter((e) => e.runAt <= now).length,
      active: this.active.get(queue) ?? 0,
      delayed: mine.filter((e) => e.runAt > now).length,
      failed: this.failedJobs.filter((f) => f.queue === queue).length,
      completed: this.completedCount.get(queue) ?? 0,
    };
  }

  async failed(queue: QueueName, limit: number): Promise<FailedJob[]> {
    return this.failedJobs
      .filter((f) => f.queue === queue)
      .slice(-limit)
      .reverse()
      .map((f) => ({
        id: f.id,
        queue: f.queue,
        name: f.name,
        attempts: f.attempts,
        error: f.error,
        failedAt: f.failedAt,
      }));
  }

  async retry(queue: QueueName, jobId: string): Promise<boolean> {
    const failed = this.takeFailed(queue, jobId);
    if (!failed) return false;
    if (this.closed) throw new Error('job queue is closed');
    this.known.add(jobId);
    this.waiting.push({ ...failed.entry, job: { ...failed.entry.job, attempt: 1 }, runAt: Date.now() });
    this.schedule(0);
    return true;
  }

  async remove(queue: QueueName, jobId: string): Promise<boolean> {
    return this.takeFailed(queue, jobId) !== null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.running]);
  }

  /** Resolves once nothing is waiting or running (used by tests and the demo seeding). */
  async drain(): Promise<void> {
    while (this.waiting.length > 0 || this.running.size > 0) {
      await Promise.allSettled([...this.running]);
      if (this.running.size === 0 && this.waiting.length > 0) await new Promise((r) => setTimeout(r, 10));
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(this.tickOutsideRequests, Math.max(0, delayMs));
    this.timer.unref();
  }

  private tick(): void {
    const now = Date.now();
    for (const entry of [...this.waiting]) {
      const dispatch = this.dispatchers.get(entry.queue);
      if (!dispatch || this.busyQueues.has(entry.queue) || entry.runAt > now) continue;
      this.waiting.splice(this.waiting.indexOf(entry), 1);
      this.busyQueues.add(entry.queue);
      this.active.set(entry.queue, (this.active.get(entry.queue) ?? 0) + 1);
      const run = this.run(entry, dispatch).finally(() => {
        this.busyQueues.delete(entry.queue);
        this.active.set(entry.queue, (this.active.get(entry.queue) ?? 1) - 1);
        this.running.delete(run);
        this.schedule(0);
      });
      this.running.add(run);
    }
    const next = this.waiting
      .filter((e) => this.dispatchers.has(e.queue))
      .reduce((min, e) => Math.min(min, e.runAt), Infinity);
    if (next !== Infinity && this.running.size === 0) this.schedule(next - now);
  }

  private async run(entry: Entry, dispatch: JobDispatcher): Promise<void> {
    try {
      await dispatch(entry.job);
      this.stats.completed += 1;
      this.completedCount.set(entry.queue, (this.completedCount.get(entry.queue) ?? 0) + 1);
      this.remember(entry.job.id);
    } catch (error) {
      // The job runner has logged the failure, with the job's request ID.
      this.stats.failedAttempts += 1;
      const retry = !(error instanceof InvalidJobDataError) && entry.job.attempt < entry.job.maxAttempts;
      if (retry) {
        const backoff = (this.options.backoffMs ?? JOB_DEFAULTS.backoffMs) * 2 ** (entry.job.attempt - 1);
        this.waiting.push({
          ...entry,
          job: { ...entry.job, attempt: entry.job.attempt + 1 },
          runAt: Date.now() + backoff,
        });
      } else {
        this.remember(entry.job.id);
        this.failedJobs.push({
          id: entry.job.id,
          queue: entry.queue,
          name: entry.job.name,
          attempts: entry.job.attempt,
          error: error instanceof Error ? error.message : String(error),
          failedAt: new Date(),
          entry,
        });
        if (this.failedJobs.length > REMEMBER_FAILED) this.failedJobs.shift();
      }
    }
  }

  private get maxAttempts(): number {
    return this.options.attempts ?? JOB_DEFAULTS.attempts;
  }

  private takeFailed(queue: QueueName, jobId: string): FailedEntry | null {
    const index = this.failedJobs.findIndex((f) => f.queue === queue && f.id === jobId);
    if (index < 0) return null;
    const [failed] = this.failedJobs.splice(index, 1);
    return failed;
  }

  private remember(jobId: string): void {
    this.completed.push(jobId);
    if (this.completed.length > REMEMBER_COMPLETED) this.known.delete(this.completed.shift() as string);
  }
}
