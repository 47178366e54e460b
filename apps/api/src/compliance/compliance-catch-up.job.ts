import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.decorator';
import { JobName, type JobPayloads } from '../jobs/job-names';
import { ComplianceService } from './compliance.service';

/**
 * Brings the compliance aggregates up to date in the background after a large change (an HR import that changed
 * people, a branch or region moved in the tree), so the rebuild runs in the worker right after the commit instead of in the first dashboard request.
 * A reader that arrives meanwhile waits on the same advisory lock and then finds nothing left to do; a second
 * run finds nothing marked and costs one query.
 */
@Injectable()
@HandlesJob(JobName.CatchUpCompliance)
export class ComplianceCatchUpJob implements JobHandler<JobName.CatchUpCompliance> {
  private readonly logger = new Logger(ComplianceCatchUpJob.name);

  constructor(
    private readonly compliance: ComplianceService,
    private readonly clock: Clock,
  ) {}

  async handle({ cause }: JobPayloads[JobName.CatchUpCompliance]): Promise<void> {
    const started = Date.now();
    await this.compliance.catchUp(this.clock.now(), true);
    this.logger.log(
      `compliance aggregates up to date after ${cause ?? 'a change'} (${Date.now() - started} ms)`,
    );
  }
}
