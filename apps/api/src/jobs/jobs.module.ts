import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { BullMqJobQueue } from './bullmq-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobOutboxRepository } from './job-outbox.repository';
import { JobOutbox } from './job-outbox.service';
import { JobQueue } from './job-queue.port';
import { JobRunner } from './job-runner';
import { RecurringJobRunRepository } from './recurring-job-run.repository';
import { RecurringJobScheduler } from './recurring-job-scheduler';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: JobQueue,
      inject: [AppConfig],
      useFactory: (config: AppConfig): JobQueue =>
        config.redis ? new BullMqJobQueue(config.redis.url, config.redis.prefix) : new InProcessJobQueue(),
    },
    JobRunner,
    JobOutboxRepository,
    JobOutbox,
    RecurringJobRunRepository,
    RecurringJobScheduler,
  ],
  exports: [JobQueue, JobOutbox, RecurringJobScheduler],
})
export class JobsModule {}
