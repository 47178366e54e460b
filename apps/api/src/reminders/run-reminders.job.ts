import { Injectable } from '@nestjs/common';
import { HandlesJob, type JobHandler } from '../jobs/job-handler.decorator';
import { JobName } from '../jobs/job-names';
import { RemindersService } from './reminders.service';

/** The daily reminder run. Running it again (retry, duplicate schedule) queues nothing twice. */
@Injectable()
@HandlesJob(JobName.RunReminders)
export class RunRemindersJob implements JobHandler<JobName.RunReminders> {
  constructor(private readonly reminders: RemindersService) {}

  async handle(): Promise<void> {
    await this.reminders.run();
  }
}
