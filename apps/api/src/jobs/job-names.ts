/**
 * Every queue and every job Brevet knows. A job carries IDs only, never personal data: the handler loads
 * what it needs, so a payload in Redis reveals nothing and is never stale.
 */
export enum QueueName {
  Organisation = 'organisation',
  HrImport = 'hr-import',
}

export enum JobName {
  RecountRegionBranches = 'region.recount-branches',
  ValidateHrImport = 'hr-import.validate',
  ApplyHrImport = 'hr-import.apply',
}

export interface JobPayloads {
  [JobName.RecountRegionBranches]: { regionId: string };
  [JobName.ValidateHrImport]: { importId: string };
  [JobName.ApplyHrImport]: { importId: string; requestedBy?: string | null; requestId?: string | null };
}

/** Which queue each job runs on. A `Record` so that a new `JobName` without a queue does not compile. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.RecountRegionBranches]: QueueName.Organisation,
  [JobName.ValidateHrImport]: QueueName.HrImport,
  [JobName.ApplyHrImport]: QueueName.HrImport,
};

export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JobName);
export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);
