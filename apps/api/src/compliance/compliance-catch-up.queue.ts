import { JobName } from '../jobs/job-names';
import type { JobOutbox } from '../jobs/job-outbox.service';

/**
 * Queues the catch-up in the caller's transaction, so it runs after the change commits. `key` names the change
 * (one job per change); `cause` is what the log says.
 */
export function queueComplianceCatchUp(outbox: JobOutbox, key: string, cause: string): Promise<void> {
  return outbox.enqueue(JobName.CatchUpCompliance, { cause }, { jobId: `compliance.catch-up.${key}` });
}
