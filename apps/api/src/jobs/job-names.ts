/**
 * Every queue and every job Brevet knows. A job carries IDs only, never personal data: the handler loads
 * what it needs, so a payload in Redis reveals nothing and is never stale.
 */
export enum QueueName {
  Organisation = 'organisation',
  HrImport = 'hr-import',
  Exports = 'exports',
  Mail = 'mail',
  Reminders = 'reminders',
  Compliance = 'compliance',
  Webhooks = 'webhooks',
}

export enum JobName {
  RecountRegionBranches = 'region.recount-branches',
  ValidateHrImport = 'hr-import.validate',
  ApplyHrImport = 'hr-import.apply',
  RunExport = 'export.run',
  DeliverMail = 'mail.deliver',
  RunReminders = 'reminders.run',
  SnapshotCompliance = 'compliance.snapshot',
  CatchUpCompliance = 'compliance.catch-up',
  DeliverWebhook = 'webhook.deliver',
  CheckWebhookEvents = 'webhook.daily-check',
  RunReportSubscription = 'report-subscription.run',
  SendTrainingAssignmentMails = 'training.assignment-mails',
}

export interface JobPayloads {
  [JobName.RecountRegionBranches]: { regionId: string };
  [JobName.ValidateHrImport]: { importId: string };
  [JobName.ApplyHrImport]: { importId: string; requestedBy?: string | null; requestId?: string | null };
  [JobName.RunExport]: { exportId: string };
  [JobName.DeliverMail]: { messageId: string };
  /** `slot`: the scheduled instant this run stands for (ISO 8601), for logs only; the run reads the clock. */
  [JobName.RunReminders]: { slot?: string };
  /** `through`: the last day (YYYY-MM-DD) to store compliance counts for; earlier missing days are filled too. */
  [JobName.SnapshotCompliance]: { through: string };
  /** Brings the compliance aggregates up to date after a large change; `cause` (e.g. an import ID) for logs only. */
  [JobName.CatchUpCompliance]: { cause?: string };
  /** Makes attempt `attempt` of one webhook delivery (docs/webhooks.md). */
  [JobName.DeliverWebhook]: { deliveryId: string; attempt: number };
  /** Expired credentials and compliance threshold crossings, for webhooks; `slot` for logs only. */
  [JobName.CheckWebhookEvents]: { slot?: string };
  /** One slot of one scheduled report (`slot`: the slot's instant, ISO 8601; docs/scheduled-reports.md). */
  [JobName.RunReportSubscription]: { subscriptionId: string; slot: string };
  /** The "training for you" emails of newly assigned training (docs/training-assignments.md); `slot` for logs only. */
  [JobName.SendTrainingAssignmentMails]: { slot?: string };
}

/** Which queue each job runs on. A `Record` so that a new `JobName` without a queue does not compile. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.RecountRegionBranches]: QueueName.Organisation,
  [JobName.ValidateHrImport]: QueueName.HrImport,
  [JobName.ApplyHrImport]: QueueName.HrImport,
  [JobName.RunExport]: QueueName.Exports,
  [JobName.DeliverMail]: QueueName.Mail,
  [JobName.RunReminders]: QueueName.Reminders,
  [JobName.SnapshotCompliance]: QueueName.Compliance,
  [JobName.CatchUpCompliance]: QueueName.Compliance,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
  [JobName.CheckWebhookEvents]: QueueName.Webhooks,
  [JobName.RunReportSubscription]: QueueName.Exports,
  [JobName.SendTrainingAssignmentMails]: QueueName.Reminders,
};

export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JobName);
export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);
