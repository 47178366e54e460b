import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.decorator';
import { JobName, type JobPayloads } from '../jobs/job-names';
import { HrImportService } from './hr-import.service';

/** Applies a validated import in one transaction. A retry after a crash finds it still `applying`. */
@Injectable()
@HandlesJob(JobName.ApplyHrImport)
export class ApplyHrImportJob implements JobHandler<JobName.ApplyHrImport> {
  constructor(private readonly imports: HrImportService) {}

  handle({ importId, requestedBy, requestId }: JobPayloads[JobName.ApplyHrImport]): Promise<void> {
    return this.imports.apply(importId, { requestedBy, requestId });
  }
}
