import { startBrevet, type BrevetProcess } from '@brevet/testing';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { databaseUrlFor, TEST_KEY_ENCRYPTION_SECRET, TEST_PG_ADMIN_URL } from '../support/test-env';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: number | string } }>;
}

/** A stand-in OpenTelemetry collector: keeps every span the process exports over OTLP/HTTP (JSON). */
async function startCollector(): Promise<{
  url: string;
  spans: OtlpSpan[];
  services: Set<string>;
  close(): Promise<void>;
}> {
  const spans: OtlpSpan[] = [];
  const services = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: Array<{
          resource: { attributes: OtlpSpan['attributes'] };
          scopeSpans: Array<{ spans: OtlpSpan[] }>;
        }>;
      };
      for (const resource of body.resourceSpans) {
        const name = resource.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue;
        if (name) services.add(name);
        for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    spans,
    services,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const attribute = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value;

describe('OpenTelemetry tracing (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)', () => {
  const dbName = `brevet_trace_${Date.now().toString(36)}`;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let api: BrevetProcess | undefined;

  beforeAll(async () => {
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    collector = await startCollector();
  });

  afterAll(async () => {
    await api?.stop('SIGKILL');
    await collector?.close();
    const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  it("continues the caller's trace through the HTTP request into its PostgreSQL queries", async () => {
    api = await startBrevet({
      env: {
        DATABASE_URL: databaseUrlFor(dbName),
        KEY_ENCRYPTION_SECRET: TEST_KEY_ENCRYPTION_SECRET,
        SEED_DEMO: 'false',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: collector.url,
      },
    });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(`${api.url}/api/v1/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: JSON.stringify({ email: 'nobody@brevet.test', password: 'not the password' }),
    });
    expect(res.status).toBe(401);

    const deadline = Date.now() + 15_000;
    const ofTrace = () => collector.spans.filter((s) => s.traceId.toLowerCase() === traceId);
    while (
      !ofTrace().some((s) => attribute(s, 'db.system.name')?.stringValue === 'postgresql') &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 250));

    const spans = ofTrace();
    const server = spans.find((s) => s.kind === 2); // SERVER
    expect(server).toBeDefined();
    expect(server?.parentSpanId?.toLowerCase()).toBe('00f067aa0ba902b7');
    expect(spans.some((s) => attribute(s, 'express.type')?.stringValue === 'request_handler')).toBe(true);
    expect(spans.some((s) => attribute(s, 'db.system.name')?.stringValue === 'postgresql')).toBe(true);
    expect(collector.services).toContain('brevet-api');
    // The log line of the request names the trace.
    expect(api.output()).toContain(`"trace_id":"${traceId}"`);
  });
});
