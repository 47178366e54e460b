import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.decorator';
import { JobName, type JobPayloads } from '../jobs/job-names';
import { ExportsService } from './exports.service';

/** Writes one export's file. A retry starts over; a settled export is left alone. */
@Injectable()
@HandlesJob(JobName.RunExport)
export class RunExportJob implements JobHandler<JobName.RunExport> {
  constructor(private readonly exports: ExportsService) {}

  handle({ exportId }: JobPayloads[JobName.RunExport]): Promise<void> {
    return this.exports.run(exportId);
  }
}
