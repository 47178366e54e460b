import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.decorator';
import { JobName, type JobPayloads } from '../jobs/job-names';
import { Mailer } from './mailer.service';

/** Hands one recorded email to SMTP (or the local outbox). Safe to run twice: see `Mailer.deliver`. */
@Injectable()
@HandlesJob(JobName.DeliverMail)
export class DeliverMailJob implements JobHandler<JobName.DeliverMail> {
  constructor(private readonly mailer: Mailer) {}

  handle({ messageId }: JobPayloads[JobName.DeliverMail]): Promise<void> {
    return this.mailer.deliver(messageId);
  }
}
