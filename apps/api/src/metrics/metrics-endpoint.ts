import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricsService } from './metrics.service';

export const METRICS_PATH = '/metrics';

/** True when the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function hasMetricsToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(authorization ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Answers a scrape: 401 without the right bearer token (the token is the only protection, see
 * docs/operations.md), else the registry's text format. Shared by the API (Express) and the worker's
 * health listener (plain `node:http`).
 */
export function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: MetricsService,
  token: string,
): void {
  res.setHeader('cache-control', 'no-store');
  if (!hasMetricsToken(req.headers.authorization, token)) {
    res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' });
    res.end('metrics need the bearer token (METRICS_TOKEN)\n');
    return;
  }
  metrics.render().then(
    ({ contentType, body }) => {
      res.writeHead(200, { 'content-type': contentType });
      res.end(body);
    },
    () => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('metrics unavailable\n');
    },
  );
}
