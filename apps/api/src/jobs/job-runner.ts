import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { ClsService } from 'nestjs-cls';
import { RequestContext } from '../common/request-context';
import { MetricsService } from '../metrics/metrics.service';
import { PROCESS_ROLE, type ProcessRole } from '../process-role';
import { JOB_HANDLER_METADATA, type JobHandler } from './job-handler.decorator';
import { ALL_JOB_NAMES, ALL_QUEUE_NAMES, type JobName } from './job-names';
import { InvalidJobDataError, JobQueue, type QueuedJob } from './job-queue.port';
import { findHandlerProblems } from './job-registry.util';

/**
 * Finds every `@HandlesJob` provider, checks at startup that each job has exactly one handler, and — in a
 * process that runs jobs — consumes every queue and dispatches each job to its handler.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly queue: JobQueue,
    private readonly cls: ClsService,
    private readonly context: RequestContext,
    @Inject(PROCESS_ROLE) private readonly role: ProcessRole,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const registrations = [];
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype, instance } = wrapper;
      if (!metatype || !instance) continue;
      const job = this.reflector.get<JobName | undefined>(JOB_HANDLER_METADATA, metatype);
      if (!job) continue;
      registrations.push({ job, provider: metatype.name });
      this.handlers.set(job, instance as JobHandler<JobName>);
    }
    const problems = findHandlerProblems(ALL_JOB_NAMES, registrations);
    if (problems.length > 0)
      throw new Error(`Job handlers are inconsistent:\n  - ${problems.join('\n  - ')}`);

    if (this.runsJobs()) {
      for (const queue of ALL_QUEUE_NAMES) await this.queue.process(queue, (job) => this.dispatch(job));
      this.logger.log(`processing ${ALL_QUEUE_NAMES.length} queue(s) with the ${this.queue.kind} adapter`);
    }
  }

  /** Drains running jobs before any module (the database first of all) shuts down. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }

  private runsJobs(): boolean {
    return this.role === 'worker' || (this.role === 'api' && this.queue.kind === 'in-process');
  }

  private async dispatch(job: QueuedJob): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new InvalidJobDataError(`no handler for job "${job.name}"`);
    // A fresh context per job: a job queued from inside a request or the outbox relay would otherwise inherit
    // that caller's CLS store, including its finished transaction. It holds the job and the request it runs
    // for, so every log line the job writes carries requestId, jobId and jobName (jobLogFields).
    await this.cls.run({ ifNested: 'override' }, async () => {
      this.context.setJob({ jobId: job.id, jobName: job.name, ...job.trace });
      const started = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
      this.logger.debug(`job ${job.name} (${job.id}) started, attempt ${job.attempt} of ${job.maxAttempts}`);
      try {
        await handler.handle(job.data);
      } catch (error) {
        const invalid = error instanceof InvalidJobDataError;
        this.metrics?.observeJob(job.name, seconds(), invalid ? 'invalid' : 'error');
        const retry = !invalid && job.attempt < job.maxAttempts;
        this.logger.warn(
          `job ${job.name} (${job.id}) failed on attempt ${job.attempt} of ${job.maxAttempts}: ` +
            `${error instanceof Error ? error.message : String(error)}${retry ? '; will retry' : '; giving up'}`,
        );
        throw error;
      }
      this.metrics?.observeJob(job.name, seconds(), null);
      this.logger.log(`job ${job.name} (${job.id}) done in ${seconds().toFixed(3)} s`);
    });
  }
}
