import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.decorator';
import { JobName, type JobPayloads } from '../jobs/job-names';
import { HrImportService } from './hr-import.service';

/** The dry run of an uploaded file. Starts over when retried; does nothing for an import past validation. */
@Injectable()
@HandlesJob(JobName.ValidateHrImport)
export class ValidateHrImportJob implements JobHandler<JobName.ValidateHrImport> {
  constructor(private readonly imports: HrImportService) {}

  handle({ importId }: JobPayloads[JobName.ValidateHrImport]): Promise<void> {
    return this.imports.validate(importId);
  }
}
