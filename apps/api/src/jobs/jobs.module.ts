import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { BullMqJobQueue } from './bullmq-job-queue';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobOutboxRepository } from './job-outbox.repository';
import { JobOutbox } from './job-outbox.service';
import { JobQueue } from './job-queue.port';
import { JobRunner } from './job-runner';
import { JobsAdminService } from './jobs-admin.service';
import { JobsController } from './jobs.controller';
import { RecurringJobRunRepository } from './recurring-job-run.repository';
import { RecurringJobScheduler } from './recurring-job-scheduler';

@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [JobsController],
  providers: [
    {
      provide: JobQueue,
      inject: [AppConfig],
      useFactory: (config: AppConfig): JobQueue =>
        config.redis
          ? new BullMqJobQueue(config.redis.url, config.redis.prefix, config.jobs)
          : new InProcessJobQueue(config.jobs),
    },
    JobRunner,
    JobOutboxRepository,
    JobOutbox,
    RecurringJobRunRepository,
    RecurringJobScheduler,
    JobsAdminService,
  ],
  exports: [JobQueue, JobOutbox, JobOutboxRepository, RecurringJobScheduler],
})
export class JobsModule {}
