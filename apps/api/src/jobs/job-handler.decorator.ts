import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from './job-names';

export const JOB_HANDLER_METADATA = 'brevet:job-handler';

/** Marks a provider as the one handler of a job. It must implement {@link JobHandler}. */
export const HandlesJob = (name: JobName) => SetMetadata(JOB_HANDLER_METADATA, name);

export interface JobHandler<N extends JobName> {
  handle(data: JobPayloads[N]): Promise<void>;
}
