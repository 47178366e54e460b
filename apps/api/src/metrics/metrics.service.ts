import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ALL_QUEUE_NAMES } from '../jobs/job-names';
import { JobOutboxRepository } from '../jobs/job-outbox.repository';
import { JOB_STATES, JobQueue } from '../jobs/job-queue.port';

/** Seconds: from a quick lookup to a large export. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900];

/**
 * The Prometheus registry of one process (API or worker): process metrics, HTTP latency by route template,
 * job durations and failures by job name, queue depth per queue and state, and the outbox backlog. Labels
 * carry names and templates only, never IDs or personal data, so the number of series stays small.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger(MetricsService.name);
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'brevet_http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });
  private readonly jobDuration = new Histogram({
    name: 'brevet_job_duration_seconds',
    help: 'Duration of each job attempt by job name and outcome (completed or failed)',
    labelNames: ['job', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });
  private readonly jobFailures = new Counter({
    name: 'brevet_job_failures_total',
    help: 'Failed job attempts by job name; kind "invalid" fails at once, "error" is retried up to the limit',
    labelNames: ['job', 'kind'] as const,
    registers: [this.registry],
  });

  constructor(
    private readonly queue: JobQueue,
    private readonly outbox: JobOutboxRepository,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'brevet_' });
    const { queue: jobQueue, outbox: jobOutbox, logger } = this;
    new Gauge({
      name: 'brevet_queue_jobs',
      help: 'Jobs per queue and state, read from the queue at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of ALL_QUEUE_NAMES) {
          try {
            const counts = await jobQueue.counts(queue);
            for (const state of JOB_STATES) this.set({ queue, state }, counts[state]);
          } catch (error) {
            logger.warn(`queue depth of ${queue} unavailable: ${(error as Error).message}`);
          }
        }
      },
    });
    new Gauge({
      name: 'brevet_job_outbox_backlog',
      help: 'Jobs recorded in the transactional outbox and not yet handed to the queue',
      registers: [this.registry],
      async collect() {
        try {
          this.set(await jobOutbox.count());
        } catch (error) {
          logger.warn(`outbox backlog unavailable: ${(error as Error).message}`);
        }
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  observeJob(job: string, seconds: number, failure: 'invalid' | 'error' | null): void {
    this.jobDuration.observe({ job, outcome: failure ? 'failed' : 'completed' }, seconds);
    if (failure) this.jobFailures.inc({ job, kind: failure });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
