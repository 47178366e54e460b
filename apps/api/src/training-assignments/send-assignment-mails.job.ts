import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.decorator';
import { JobName } from '../jobs/job-names';
import { TrainingAssignmentMails } from './training-assignment-mails.service';

/** The daily "training for you" emails. Running it again (retry, second worker) queues nothing twice. */
@Injectable()
@HandlesJob(JobName.SendTrainingAssignmentMails)
export class SendTrainingAssignmentMailsJob implements JobHandler<JobName.SendTrainingAssignmentMails> {
  constructor(private readonly mails: TrainingAssignmentMails) {}

  async handle(): Promise<void> {
    await this.mails.run();
  }
}
