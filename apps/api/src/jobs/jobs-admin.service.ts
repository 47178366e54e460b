import { Injectable } from '@nestjs/common';
import type { JobsOverview } from '@brevet/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { ALL_QUEUE_NAMES, type QueueName } from './job-names';
import { JobOutboxRepository } from './job-outbox.repository';
import { JobQueue } from './job-queue.port';
import { FailedJobNotFoundException } from './jobs.exceptions';
import { mapFailedJob } from './jobs.mapper';

const FAILED_PER_QUEUE = 50;
const FAILED_SHOWN = 100;

/**
 * The jobs page: what each queue holds, what waits in the outbox, and the failed jobs, for either adapter.
 * With BullMQ, every call needs Redis and answers 503 while it is down (`JobQueueUnavailableError`).
 * Retrying and removing a failed job are audited (`job.retried`, `job.removed`), with the job's ID and queue.
 */
@Injectable()
export class JobsAdminService {
  constructor(
    private readonly queue: JobQueue,
    private readonly outbox: JobOutboxRepository,
    private readonly audit: AuditLog,
  ) {}

  async overview(): Promise<JobsOverview> {
    const queues = [];
    const failed = [];
    for (const queue of ALL_QUEUE_NAMES) {
      queues.push({ queue, counts: await this.queue.counts(queue) });
      failed.push(...(await this.queue.failed(queue, FAILED_PER_QUEUE)));
    }
    failed.sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0));
    return {
      adapter: this.queue.kind,
      queues,
      outboxBacklog: await this.outbox.count(),
      failed: failed.slice(0, FAILED_SHOWN).map(mapFailedJob),
    };
  }

  async retry(queue: string, id: string): Promise<void> {
    if (!this.isQueue(queue) || !(await this.queue.retry(queue, id)))
      throw new FailedJobNotFoundException(queue, id);
    await this.recordDone('job.retried', queue, id);
  }

  async remove(queue: string, id: string): Promise<void> {
    if (!this.isQueue(queue) || !(await this.queue.remove(queue, id)))
      throw new FailedJobNotFoundException(queue, id);
    await this.recordDone('job.removed', queue, id);
  }

  /** Recorded after the queue has done it: Redis has no transaction to share with the audit log. */
  private async recordDone(
    action: 'job.retried' | 'job.removed',
    queue: QueueName,
    id: string,
  ): Promise<void> {
    await this.audit.record({ action, target: { type: 'job', id, label: queue }, details: { queue } });
  }

  private isQueue(queue: string): queue is QueueName {
    return (ALL_QUEUE_NAMES as readonly string[]).includes(queue);
  }
}
