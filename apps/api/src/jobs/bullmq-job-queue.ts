import { Logger } from '@nestjs/common';
import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import { JOB_QUEUE, type JobName, type JobPayloads, type QueueName } from './job-names';
import {
  assertValidJobId,
  InvalidJobDataError,
  JOB_DEFAULTS,
  JobQueue,
  JobQueueUnavailableError,
  type EnqueueOptions,
  type FailedJob,
  type JobCounts,
  type JobDispatcher,
  type JobQueueOptions,
  type QueuedJob,
  type TraceSource,
} from './job-queue.port';
import { newJobTrace, splitTracedData, TRACE_FIELD } from './job-trace';

/**
 * BullMQ on Redis. Producers use a connection without an offline queue, so `add` fails at once while Redis
 * is down (the API answers 503) instead of piling requests up in memory. Workers use a connection that
 * retries forever, so they recover by themselves when Redis comes back.
 */
export class BullMqJobQueue extends JobQueue {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger('BullMqJobQueue');
  private readonly producer: Redis;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly workerConnections: Redis[] = [];
  /** Errors the job runner saw (and logged, with the job's request ID); the `failed` event skips them. */
  private readonly dispatchErrors = new WeakSet<Error>();

  constructor(
    private readonly url: string,
    private readonly prefix: string,
    private readonly options: JobQueueOptions = {},
    private readonly currentTrace: TraceSource = () => null,
  ) {
    super();
    this.producer = new IORedis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 5_000,
      lazyConnect: false,
    });
    this.producer.on('error', (e) => this.logger.warn(`redis (producer): ${e.message}`));
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions): Promise<void> {
    assertValidJobId(options.jobId);
    const queue = this.queue(JOB_QUEUE[name]);
    if (this.producer.status !== 'ready') {
      throw new JobQueueUnavailableError(`Redis is not reachable (connection ${this.producer.status})`);
    }
    const trace = options.trace ?? this.currentTrace() ?? newJobTrace();
    try {
      // The trace rides in a reserved field beside the payload (BullMQ has no other place for metadata); the
      // worker takes it off again, so handlers see their payload only. Retries keep the job's data, so the trace.
      await queue.add(
        name,
        { ...data, [TRACE_FIELD]: trace },
        {
          jobId: options.jobId,
          delay: options.delayMs,
          attempts: this.options.attempts ?? JOB_DEFAULTS.attempts,
          backoff: { type: 'exponential', delay: this.options.backoffMs ?? JOB_DEFAULTS.backoffMs },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      );
    } catch (error) {
      if (!this.lostConnection(error)) throw error;
      throw new JobQueueUnavailableError(`could not enqueue ${name}: ${(error as Error).message}`);
    }
  }

  async process(queueName: QueueName, dispatch: JobDispatcher): Promise<void> {
    const worker = new Worker(
      queueName,
      async (job) => {
        const { payload, trace } = splitTracedData(job.data);
        try {
          await dispatch({
            id: job.id ?? '',
            name: job.name as JobName,
            data: payload,
            attempt: job.attemptsMade + 1,
            maxAttempts: job.opts.attempts ?? 1,
            // A job queued before traces existed gets one for this attempt.
            trace: trace ?? newJobTrace(),
          } as QueuedJob);
        } catch (error) {
          const thrown = error instanceof InvalidJobDataError ? new UnrecoverableError(error.message) : error;
          if (thrown instanceof Error) this.dispatchErrors.add(thrown);
          throw thrown;
        }
      },
      {
        connection: this.workerConnection(),
        prefix: this.prefix,
        concurrency: this.options.concurrency ?? 4,
        autorun: true,
        // A job whose worker died (SIGKILL, lost host) keeps its lock until it expires; the stalled check then
        // moves it back to waiting, once (maxStalledCount), and another worker runs it. Handlers are idempotent.
        lockDuration: this.options.stalledIntervalMs ?? 30_000,
        stalledInterval: this.options.stalledIntervalMs ?? 30_000,
        maxStalledCount: 1,
      },
    );
    // Failures of the handler were logged by the job runner; this catches the rest (e.g. a stalled job).
    worker.on('failed', (job, err) => {
      if (this.dispatchErrors.has(err)) return;
      this.logger.warn(
        `job ${job?.name} (${job?.id}) failed on attempt ${job?.attemptsMade}: ${err.message}`,
      );
    });
    worker.on('error', (err) => this.logger.warn(`worker ${queueName}: ${err.message}`));
    this.workers.push(worker);
    await worker.waitUntilReady();
  }

  async health(): Promise<'up' | 'down'> {
    try {
      return (await this.producer.ping()) === 'PONG' ? 'up' : 'down';
    } catch {
      return 'down';
    }
  }

  async counts(queueName: QueueName): Promise<JobCounts> {
    const raw = await this.whileReachable(() =>
      this.queue(queueName).getJobCounts('wait', 'prioritized', 'active', 'delayed', 'failed', 'completed'),
    );
    return {
      waiting: (raw['wait'] ?? 0) + (raw['prioritized'] ?? 0),
      active: raw['active'] ?? 0,
      delayed: raw['delayed'] ?? 0,
      failed: raw['failed'] ?? 0,
      completed: raw['completed'] ?? 0,
    };
  }

  async failed(queueName: QueueName, limit: number): Promise<FailedJob[]> {
    const jobs = await this.whileReachable(() => this.queue(queueName).getFailed(0, Math.max(0, limit - 1)));
    return jobs
      .filter((job) => job !== undefined && job !== null)
      .map((job) => ({
        id: job.id ?? '',
        queue: queueName,
        name: job.name,
        attempts: job.attemptsMade,
        error: job.failedReason ?? '',
        failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
      }));
  }

  async retry(queueName: QueueName, jobId: string): Promise<boolean> {
    return this.whileReachable(async () => {
      const job = await this.queue(queueName).getJob(jobId);
      if (!job || (await job.getState()) !== 'failed') return false;
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return true;
    });
  }

  async remove(queueName: QueueName, jobId: string): Promise<boolean> {
    return this.whileReachable(async () => {
      const job = await this.queue(queueName).getJob(jobId);
      if (!job || (await job.getState()) !== 'failed') return false;
      await job.remove();
      return true;
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.workerConnections.forEach((c) => c.disconnect());
    this.producer.disconnect();
  }

  /** Runs a Redis operation of an operator; answers {@link JobQueueUnavailableError} (503) while Redis is down. */
  private async whileReachable<T>(operation: () => Promise<T>): Promise<T> {
    if (this.producer.status !== 'ready')
      throw new JobQueueUnavailableError(`Redis is not reachable (connection ${this.producer.status})`);
    try {
      return await operation();
    } catch (error) {
      if (!this.lostConnection(error)) throw error;
      throw new JobQueueUnavailableError(`Redis became unreachable: ${(error as Error).message}`);
    }
  }

  /**
   * Whether a failed command failed because Redis went away. The connection's status can still read `ready`
   * for a moment after the server closed it, so the error itself is looked at too.
   */
  private lostConnection(error: unknown): boolean {
    if (this.producer.status !== 'ready') return true;
    const message = error instanceof Error ? error.message : String(error);
    return /Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|max retries per request|Reached the max retries/i.test(
      message,
    );
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.producer, prefix: this.prefix });
      queue.on('error', (e) => this.logger.warn(`queue ${name}: ${e.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private workerConnection(): ConnectionOptions {
    const connection = new IORedis(this.url, { maxRetriesPerRequest: null, enableOfflineQueue: true });
    connection.on('error', (e) => this.logger.warn(`redis (worker): ${e.message}`));
    this.workerConnections.push(connection);
    return connection;
  }
}
