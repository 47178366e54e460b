import { Injectable } from '@nestjs/common';
import { isIsoDay } from '@brevet/domain';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.decorator';
import { JobName, type JobPayloads } from '../jobs/job-names';
import { InvalidJobDataError } from '../jobs/job-queue.port';
import { ComplianceSnapshotService } from './compliance-snapshot.service';

/**
 * The daily compliance snapshot, enqueued by the recurring-job scheduler once per slot. It replaces the days it
 * computes, so a retry or a second run stores the same rows.
 */
@Injectable()
@HandlesJob(JobName.SnapshotCompliance)
export class ComplianceSnapshotJob implements JobHandler<JobName.SnapshotCompliance> {
  constructor(private readonly snapshots: ComplianceSnapshotService) {}

  async handle({ through }: JobPayloads[JobName.SnapshotCompliance]): Promise<void> {
    if (typeof through !== 'string' || !isIsoDay(through))
      throw new InvalidJobDataError(`"through" must be a day written YYYY-MM-DD`);
    await this.snapshots.snapshotThrough(through);
  }
}
