import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { RequestContext } from '../common/request-context';
import type { JobName, JobPayloads } from './job-names';
import { JobOutboxRepository } from './job-outbox.repository';
import { JobQueue, type EnqueueOptions } from './job-queue.port';
import { newJobTrace } from './job-trace';

const RELAY_INTERVAL_MS = 5_000;
const BATCH = 100;

/**
 * Transactional outbox in front of the {@link JobQueue}. Services call `enqueue` inside their transaction
 * and `flushSoon` after it commits; a timer relays anything left over (e.g. while Redis was down).
 */
@Injectable()
export class JobOutbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobOutbox.name);
  private timer?: NodeJS.Timeout;
  private relaying?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly outbox: JobOutboxRepository,
    private readonly queue: JobQueue,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService,
    private readonly context: RequestContext,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.flushSoon(), RELAY_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops relaying before any module shuts down, so no relay is left using a closing database. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.relaying?.catch(() => undefined);
  }

  /**
   * Must run inside the transaction of the change that causes the job. The row keeps the current request's
   * ID and user (or a generated ID outside requests), and the relay hands them to the queue with the job.
   */
  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], options: EnqueueOptions): Promise<void> {
    if (!this.txHost.isTransactionActive()) {
      throw new Error(
        `JobOutbox.enqueue(${name}) outside a transaction; use JobQueue.add for direct enqueueing`,
      );
    }
    await this.outbox.insert({
      jobId: options.jobId,
      name,
      payload: data as Record<string, unknown>,
      trace: options.trace ?? this.context.trace ?? newJobTrace(),
    });
  }

  /** Starts a relay in the background; failures are logged and retried by the timer. */
  flushSoon(): void {
    if (this.stopped) return;
    this.flush().catch((error: Error) =>
      this.logger.warn(`outbox relay failed, will retry: ${error.message}`),
    );
  }

  /** Relays everything waiting; resolves with the number of jobs handed to the queue. */
  async flush(): Promise<number> {
    if (this.relaying) return this.relaying;
    this.relaying = this.cls
      .run({ ifNested: 'override' }, () => this.relayAll())
      .finally(() => {
        this.relaying = undefined;
      });
    return this.relaying;
  }

  private async relayAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const relayed = await this.txHost.withTransaction(async () => {
        const rows = await this.outbox.lockBatch(BATCH);
        for (const row of rows) {
          await this.queue.add(row.name as JobName, row.payload as never, {
            jobId: row.jobId,
            trace: row.trace ?? undefined,
          });
        }
        await this.outbox.delete(rows.map((r) => r.id));
        return rows.length;
      });
      total += relayed;
      if (relayed < BATCH) return total;
    }
  }
}
