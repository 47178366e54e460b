import { Injectable, Logger } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.decorator';
import { JobName, type JobPayloads } from '../jobs/job-names';
import { InvalidJobDataError } from '../jobs/job-queue.port';
import { RegionRepository } from './region.repository';

/** Recomputes a region's branch count from the branch table: idempotent, so retries are harmless. */
@Injectable()
@HandlesJob(JobName.RecountRegionBranches)
export class RecountRegionBranchesJob implements JobHandler<JobName.RecountRegionBranches> {
  private readonly logger = new Logger(RecountRegionBranchesJob.name);

  constructor(private readonly regions: RegionRepository) {}

  async handle({ regionId }: JobPayloads[JobName.RecountRegionBranches]): Promise<void> {
    const count = await this.regions.recountBranches(regionId);
    if (count === null) throw new InvalidJobDataError(`region ${regionId} does not exist`);
    this.logger.log(`region ${regionId} now has ${count} active branch(es)`);
  }
}
