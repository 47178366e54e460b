import type { JobName, JobPayloads, QueueName } from './job-names';
import type { JobTrace } from './job-trace';

export interface EnqueueOptions {
  /**
   * Deterministic ID derived from the cause, e.g. `branch.<id>.v<version>`. Adding a job whose ID is
   * already queued, running or recently completed does nothing, so a retried request enqueues once.
   */
  jobId: string;
  delayMs?: number;
  /**
   * The request this job runs for. Left out, the adapter takes the current one (the request being handled,
   * or the job being run) and otherwise generates one. The outbox passes the trace it stored.
   */
  trace?: JobTrace;
}

/** Where an adapter finds the current trace when `add` is not given one (see `RequestContext.trace`). */
export type TraceSource = () => JobTrace | null;

export interface QueuedJob<N extends JobName = JobName> {
  id: string;
  name: N;
  data: JobPayloads[N];
  attempt: number;
  /** The most attempts this job gets (after the last one it is listed as failed). */
  maxAttempts: number;
  /** The same on every attempt and after a retry by hand. */
  trace: JobTrace;
}

export type JobDispatcher = (job: QueuedJob) => Promise<void>;

/** Thrown by a handler when the job can never succeed (bad data): it fails at once, without retries. */
export class InvalidJobDataError extends Error {
  override readonly name = 'InvalidJobDataError';
}

/** Thrown by `add` when the queue's backend cannot accept jobs right now (e.g. Redis is down). */
export class JobQueueUnavailableError extends Error {
  override readonly name = 'JobQueueUnavailableError';
}

const JOB_ID = /^[A-Za-z0-9._-]{1,200}$/;

/** Job IDs are letters, digits, `.`, `_` and `-` (BullMQ reserves `:`); both adapters enforce the same rule. */
export function assertValidJobId(jobId: string): void {
  if (!JOB_ID.test(jobId))
    throw new Error(`invalid job ID "${jobId}": use letters, digits, ".", "_" and "-"`);
}

/** The states an operator sees per queue. */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type JobState = (typeof JOB_STATES)[number];
export type JobCounts = Record<JobState, number>;

/** A job that gave up: IDs and the error, never the payload (which holds IDs only anyway). */
export interface FailedJob {
  id: string;
  queue: QueueName;
  name: string;
  attempts: number;
  error: string;
  failedAt: Date | null;
}

/** Retry rules and timing of both adapters (from `AppConfig.jobs`). */
export interface JobQueueOptions {
  attempts?: number;
  backoffMs?: number;
  concurrency?: number;
  /** BullMQ: how often active jobs are checked for a dead worker, and how long a job's lock lasts. */
  stalledIntervalMs?: number;
}

export const JOB_DEFAULTS = {
  attempts: 5,
  backoffMs: 1_000,
} as const;

/**
 * The small port every background job goes through. Two adapters: BullMQ on Redis (`REDIS_URL` set;
 * workers run in their own process) and in-process (embedded mode; jobs run inside the API process).
 */
export abstract class JobQueue {
  abstract readonly kind: 'bullmq' | 'in-process';
  abstract add<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions): Promise<void>;
  /** Starts consuming `queue`; each job is handed to `dispatch`. */
  abstract process(queue: QueueName, dispatch: JobDispatcher): Promise<void>;
  /** `disabled` when the adapter has no external backend. */
  abstract health(): Promise<'up' | 'down' | 'disabled'>;
  /** Jobs per state in `queue` (what the jobs page and `/metrics` show). */
  abstract counts(queue: QueueName): Promise<JobCounts>;
  /** The most recently failed jobs of `queue`, newest first. */
  abstract failed(queue: QueueName, limit: number): Promise<FailedJob[]>;
  /** Puts a failed job back to waiting, with fresh attempts; false when there is no such failed job. */
  abstract retry(queue: QueueName, jobId: string): Promise<boolean>;
  /** Deletes a failed job; false when there is no such failed job. */
  abstract remove(queue: QueueName, jobId: string): Promise<boolean>;
  /** Stops taking new jobs and waits for running ones to finish. */
  abstract close(): Promise<void>;
}
