import { Injectable } from '@nestjs/common';
import type { HealthResponse, ReadinessResponse } from '@brevet/contracts';
import { AppConfig } from '../config/app-config';
import { DatabaseHealthRepository } from '../database/database-health.repository';
import { JobQueue } from '../jobs/job-queue.port';

const startedAt = Date.now();
const VERSION = '0.1.0';

@Injectable()
export class HealthService {
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly database: DatabaseHealthRepository,
    private readonly queue: JobQueue,
  ) {}

  liveness(): HealthResponse {
    return { status: 'ok', version: VERSION, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
  }

  /** From now on readiness answers `stopping`, so load balancers take this process out of rotation. */
  beginShutdown(): void {
    this.stopping = true;
  }

  async readiness(): Promise<ReadinessResponse> {
    const [databaseUp, redis] = await Promise.all([this.database.ping(), this.queue.health()]);
    const checks: ReadinessResponse['checks'] = {
      database: { status: databaseUp ? 'up' : 'down', mode: this.config.database.mode },
      redis: { status: redis },
    };
    const ready = databaseUp && redis !== 'down';
    if (this.stopping) return { status: 'stopping', checks };
    return { status: ready ? 'ready' : 'not_ready', checks };
  }
}
