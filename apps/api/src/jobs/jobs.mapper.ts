import type { FailedJobInfo } from '@brevet/contracts';
import type { FailedJob } from './job-queue.port';

const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[A-Za-z]{2,}/g;
const MAX_ERROR = 500;

/** A failed job for the jobs page: IDs, counts and the error with email addresses masked, shortened. */
export function mapFailedJob(job: FailedJob): FailedJobInfo {
  const error = job.error.replace(EMAIL, '[email]');
  return {
    id: job.id,
    queue: job.queue,
    name: job.name,
    attempts: job.attempts,
    error: error.length > MAX_ERROR ? `${error.slice(0, MAX_ERROR - 1)}…` : error,
    failedAt: job.failedAt ? job.failedAt.toISOString() : null,
  };
}
