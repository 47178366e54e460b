import 'reflect-metadata';
import './bootstrap/tracing-api.preload';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './bootstrap/configure-app';
import { startRuntime } from './bootstrap/runtime';
import { stopOnSignals } from './bootstrap/shutdown';
import { describeStartupFailure } from './bootstrap/startup-failure';
import { stopTracing } from './bootstrap/tracing';
import { HealthService } from './health/health.service';
import { MigrationService } from './database/migration.service';
import { DemoSeedService } from './seed/demo-seed.service';
import { DemoIdpRegistration } from './sso/demo-idp/demo-idp-registration.service';

/** HTTP entry point: the API and the admin UI on one port. In embedded mode it also runs the jobs. */
async function bootstrap(): Promise<void> {
  const runtime = await startRuntime();
  const { config } = runtime;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, 'api'), {
    bufferLogs: true,
    abortOnError: false,
  });
  configureApp(app, config);
  if (config.runMigrations) await app.get(MigrationService).runPending();
  if (config.seedDemo) await app.get(DemoSeedService).seedIfEmpty();
  if (config.demoIdp) await app.get(DemoIdpRegistration).ensureRegistered();

  stopOnSignals('Brevet', async () => {
    // Leave the balancer's rotation while still serving, so no request meets a closed port; then stop
    // accepting requests. Requests in flight finish before the modules shut down.
    app.get(HealthService).beginShutdown();
    if (config.shutdownDelayMs > 0)
      await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
    const server = app.getHttpServer() as import('node:http').Server;
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await drained;
    await app.close();
    await runtime.stop();
    await stopTracing();
  });

  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  const shown = url.replace('127.0.0.1', 'localhost').replace('[::1]', 'localhost');
  process.stdout.write(
    `\nBrevet is running at ${shown}/\n` +
      `  API docs:  ${shown}/api/docs\n` +
      `  Database:  ${config.database.mode === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL'}\n` +
      `  Jobs:      ${config.redis ? 'BullMQ on Redis (start workers with: npm run start:worker)' : 'in this process'}\n` +
      `Press Ctrl-C to stop.\n\n`,
  );
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(describeStartupFailure('Brevet', error));
  process.exit(1);
});
