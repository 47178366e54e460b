/** The jobs page (`/api/v1/jobs`, HR admins): queue counts, the outbox backlog and failed jobs. */

export const JOB_STATE_NAMES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type JobStateName = (typeof JOB_STATE_NAMES)[number];

export interface JobQueueSummary {
  queue: string;
  counts: Record<JobStateName, number>;
}

/** A job that gave up after its attempts (or at once, on invalid data). IDs only, no personal data. */
export interface FailedJobInfo {
  /** Deterministic job ID, e.g. `export.<uuid>`. */
  id: string;
  queue: string;
  /** The job's name, e.g. `mail.deliver`. */
  name: string;
  attempts: number;
  /** The last error, with email addresses masked. */
  error: string;
  failedAt: string | null;
}

export interface JobsOverview {
  /** `bullmq`: Redis and worker processes; `in-process`: embedded mode (jobs run in the API, not kept). */
  adapter: 'bullmq' | 'in-process';
  queues: JobQueueSummary[];
  /** Jobs recorded by a change and not yet handed to the queue (e.g. while Redis is down). */
  outboxBacklog: number;
  /** The most recently failed jobs of every queue, newest first (at most 100). */
  failed: FailedJobInfo[];
}

export const JobErrorCode = {
  JobNotFound: 'jobs.job_not_found',
} as const;
