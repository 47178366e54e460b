import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RequestContext } from '../common/request-context';
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
      inject: [AppConfig, RequestContext],
      // Jobs enqueued without an explicit trace carry the current request's (or running job's) ID.
      useFactory: (config: AppConfig, context: RequestContext): JobQueue =>
        config.redis
          ? new BullMqJobQueue(config.redis.url, config.redis.prefix, config.jobs, () => context.trace)
          : new InProcessJobQueue(config.jobs, () => context.trace),
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
