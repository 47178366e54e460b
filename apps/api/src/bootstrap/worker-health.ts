import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthService } from '../health/health.service';
import { METRICS_PATH, serveMetrics } from '../metrics/metrics-endpoint';
import type { MetricsService } from '../metrics/metrics.service';

export interface WorkerHealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * The worker's only listener: the same liveness (`/api/health`) and readiness (`/api/ready`: database and
 * Redis reachable) answers as the API, for container health checks and Kubernetes probes, and — with
 * `METRICS_TOKEN` set — the worker's Prometheus metrics at `/metrics` (bearer token). Nothing else is served;
 * any other path is 404. Started only when WORKER_HEALTH_PORT is set.
 */
export async function startWorkerHealthServer(
  health: HealthService,
  port: number,
  host: string,
  metrics?: { service: MetricsService; token: string },
): Promise<WorkerHealthServer> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { status: 'method_not_allowed' });
    if (path === '/api/health') return send(200, health.liveness());
    if (path === METRICS_PATH && metrics) return serveMetrics(req, res, metrics.service, metrics.token);
    if (path === '/api/ready') {
      health.readiness().then(
        (result) => send(result.status === 'ready' ? 200 : 503, result),
        () => send(503, { status: 'not_ready' }),
      );
      return;
    }
    send(404, { status: 'not_found' });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
