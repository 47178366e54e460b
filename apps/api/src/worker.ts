import 'reflect-metadata';
import './bootstrap/tracing-worker.preload';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { startRuntime } from './bootstrap/runtime';
import { stopOnSignals } from './bootstrap/shutdown';
import { describeStartupFailure } from './bootstrap/startup-failure';
import { stopTracing } from './bootstrap/tracing';
import { startWorkerHealthServer, type WorkerHealthServer } from './bootstrap/worker-health';
import { HealthService } from './health/health.service';
import { MetricsService } from './metrics/metrics.service';

/** Worker entry point: the same modules as the API, no HTTP; consumes every queue on Redis. */
async function bootstrap(): Promise<void> {
  const runtime = await startRuntime();
  if (!runtime.config.redis || runtime.config.database.mode === 'embedded') {
    process.stderr.write(
      '\nThe worker runs as its own process only with DATABASE_URL and REDIS_URL set.\n' +
        'In embedded mode (no DATABASE_URL/REDIS_URL) `npm start` runs the jobs inside the API process.\n\n',
    );
    await runtime.stop();
    process.exit(78);
  }
  const app = await NestFactory.createApplicationContext(AppModule.register(runtime.config, 'worker'), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  let health: WorkerHealthServer | undefined;
  stopOnSignals('Brevet worker', async () => {
    await health?.close();
    await app.close();
    await runtime.stop();
    await stopTracing();
  });
  await app.init();
  const { workerHealthPort, host, metrics } = runtime.config;
  if (workerHealthPort !== null) {
    health = await startWorkerHealthServer(
      app.get(HealthService),
      workerHealthPort,
      host,
      metrics ? { service: app.get(MetricsService), token: metrics.token } : undefined,
    );
  }
  process.stdout.write(
    'Brevet worker started: processing jobs from Redis' +
      (health ? `; health on http://${host}:${health.port}/api/ready` : '') +
      '. Stop with Ctrl-C.\n',
  );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(describeStartupFailure('Brevet worker', error));
  process.exit(1);
});
