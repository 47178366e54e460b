import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import * as os from 'node:os';
import { AppConfig, ConfigError } from '../config/app-config';
import type { ProcessRole } from '../process-role';

let provider: NodeTracerProvider | null = null;

/**
 * Starts OpenTelemetry tracing when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set: spans for incoming and outgoing
 * HTTP, Express routes, PostgreSQL queries and Redis commands, exported in batches over OTLP/HTTP. Must run
 * before Express, pg and ioredis are loaded, so the entry points import a `tracing-*.preload` module first.
 * An invalid configuration is left for the start-up proper to report.
 */
export function startTracing(role: ProcessRole): void {
  let config: AppConfig;
  try {
    config = AppConfig.load();
  } catch (error) {
    if (error instanceof ConfigError) return;
    throw error;
  }
  const { endpoint, serviceName } = config.tracing;
  if (!endpoint || provider) return;
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: serviceName ?? `brevet-${role}`,
      [ATTR_SERVICE_VERSION]: '0.1.0',
      'service.instance.id': `${os.hostname()}-${process.pid}`,
    }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }), { scheduledDelayMillis: 1_000 }),
    ],
  });
  provider.register();
  registerInstrumentations({
    instrumentations: [
      new HttpInstrumentation({
        // Probes and the admin UI's static files are not worth a trace each.
        ignoreIncomingRequestHook: (req) =>
          /^\/(api\/(health|ready)|assets\/|favicon)/.test(req.url ?? '') ||
          /\.(js|css|woff2?|png|svg|ico)$/.test(req.url ?? ''),
      }),
      new ExpressInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
}

/** Sends the spans still buffered; part of a clean shutdown. */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = null;
}
