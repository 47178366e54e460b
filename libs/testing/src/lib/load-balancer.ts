import { fork, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';

/** One API process behind the balancer. */
export interface Backend {
  url: string;
  /**
   * Set when a connection to it was refused, or its readiness check failed; no request goes there again until
   * `revive` or a passing readiness check.
   */
  down: boolean;
}

export interface BalancerStats {
  /** Requests answered by each backend, by index. */
  answeredBy: number[];
  /** Requests sent again to the next backend after a refused connection (they never reached the first). */
  retriedAfterRefusal: number;
  /** Requests that failed after reaching a backend (answered 502 here): not accepted, the client may retry. */
  failedInFlight: number;
}

/** Headers that belong to one connection and are not passed on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive']);

/** Header a test sets to send a request to one backend by index, e.g. to start a sign-in on the first. */
export const PIN_HEADER = 'x-test-backend';

/**
 * A small round-robin reverse proxy on loopback, standing in for the load balancer in front of several API
 * processes. It behaves like a careful production proxy: a request whose connection is refused never reached
 * the backend and is sent to the next one; a request that fails after it was sent (the backend died with it)
 * is answered 502 and not retried, because it may have been carried out. Request bodies are buffered (tests
 * send small ones), so a refused request can be replayed. Sets X-Forwarded-For/-Proto like a real proxy.
 * With `healthCheck` it also asks every backend's readiness path on an interval, like Caddy's active checks or a
 * Kubernetes Service: a backend that answers anything but 200 (e.g. "stopping" after SIGTERM) gets no new
 * requests until it answers 200 again.
 */
export class LoadBalancer implements Balancer {
  readonly backends: Backend[] = [];
  readonly stats: BalancerStats = { answeredBy: [], retriedAfterRefusal: 0, failedInFlight: 0 };
  private server?: http.Server;
  private next = 0;
  /**
   * Keep-alive connections to the backends (load tests): faster, but a request on a kept connection that the
   * backend closed at that moment fails; a GET is then sent again, anything else answered 502. Off by default,
   * so a test's POSTs never meet that race.
   */
  private readonly agent: http.Agent | false;
  private readonly healthCheck?: { path: string; intervalMs: number };
  private healthTimer?: NodeJS.Timeout;

  constructor(options: { keepAlive?: boolean; healthCheck?: { path: string; intervalMs: number } } = {}) {
    this.agent = options.keepAlive ? new http.Agent({ keepAlive: true, maxSockets: 256 }) : false;
    this.healthCheck = options.healthCheck;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('the load balancer is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  async listen(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    if (this.healthCheck) this.scheduleReadinessChecks(this.healthCheck.path, this.healthCheck.intervalMs);
  }

  /**
   * Asks every backend's readiness path, then again `intervalMs` after the round ended. A backend that answers
   * anything but 200, or refuses the connection, is down; one that answers 200 is up. A check that takes longer
   * than 2 s (a busy machine) changes nothing.
   */
  private scheduleReadinessChecks(readinessPath: string, intervalMs: number): void {
    const round = async () => {
      await Promise.all(
        this.backends.map(async (backend) => {
          const ok = await fetch(new URL(readinessPath, backend.url), {
            signal: AbortSignal.timeout(2_000),
          }).then(
            (answer) => {
              void answer.body?.cancel();
              return answer.status === 200;
            },
            (error: Error) => (error.name === 'TimeoutError' ? undefined : false),
          );
          // The backend may have been replaced (revive) while the check ran; its result is then stale.
          if (ok !== undefined && this.backends.includes(backend)) backend.down = !ok;
        }),
      );
      if (this.server?.listening) this.healthTimer = setTimeout(() => void round(), intervalMs);
    };
    this.healthTimer = setTimeout(() => void round(), intervalMs);
  }

  add(url: string): number {
    this.backends.push({ url, down: false });
    this.stats.answeredBy.push(0);
    return this.backends.length - 1;
  }

  /** Points backend `index` at a new process (e.g. after a restart) and sends it requests again. */
  revive(index: number, url: string): void {
    this.backends[index] = { url, down: false };
  }

  async close(): Promise<void> {
    clearTimeout(this.healthTimer);
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const pinned = req.headers[PIN_HEADER];
    const order = this.order(typeof pinned === 'string' ? Number(pinned) : undefined);
    for (const index of order) {
      let outcome = await this.forward(index, req, body, res);
      if (outcome === 'reset-before-answer' && req.method === 'GET')
        outcome = await this.forward(index, req, body, res);
      if (outcome === 'answered') {
        this.stats.answeredBy[index] += 1;
        return;
      }
      if (outcome === 'failed' || outcome === 'reset-before-answer') {
        this.stats.failedInFlight += 1;
        if (res.headersSent) res.destroy();
        else res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway: the backend failed');
        return;
      }
      this.backends[index].down = true;
      this.stats.retriedAfterRefusal += 1;
    }
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('no backend is up');
  }

  /** Backends to try, in order: the pinned one only, or every live one starting at the next in turn. */
  private order(pinned: number | undefined): number[] {
    if (pinned !== undefined && Number.isInteger(pinned) && this.backends[pinned]) return [pinned];
    const live = this.backends.map((b, i) => (b.down ? -1 : i)).filter((i) => i >= 0);
    if (live.length === 0) return [];
    const start = this.next++ % live.length;
    return [...live.slice(start), ...live.slice(0, start)];
  }

  private forward(
    index: number,
    req: http.IncomingMessage,
    body: Buffer,
    res: http.ServerResponse,
  ): Promise<'answered' | 'refused' | 'failed' | 'reset-before-answer'> {
    const target = new URL(req.url ?? '/', this.backends[index].url);
    const headers = { ...req.headers };
    delete headers[PIN_HEADER];
    const forwardedFor = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = [forwardedFor, req.socket.remoteAddress].filter(Boolean).join(', ');
    headers['x-forwarded-proto'] = 'http';
    headers['content-length'] = String(body.length);
    if (!this.agent) headers.connection = 'close';
    return new Promise((resolve) => {
      let connected = false;
      const upstream = http.request(target, { method: req.method, headers, agent: this.agent }, (answer) => {
        // Hop-by-hop headers stay between balancer and backend: the client's connection stays open.
        const forwarded = Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name));
        res.writeHead(answer.statusCode ?? 502, Object.fromEntries(forwarded));
        answer.pipe(res);
        answer.on('close', () => resolve(answer.complete ? 'answered' : 'failed'));
      });
      upstream.on('socket', (socket) => {
        if (upstream.reusedSocket) connected = true;
        else socket.on('connect', () => (connected = true));
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (!connected && error.code === 'ECONNREFUSED') resolve('refused');
        else if (upstream.reusedSocket && error.code === 'ECONNRESET' && !res.headersSent)
          resolve('reset-before-answer');
        else resolve('failed');
      });
      upstream.end(body);
    });
  }
}

/** The part of a balancer the cluster drives. */
export interface Balancer {
  readonly url: string;
  add(url: string): number;
  revive(index: number, url: string): void;
  close(): Promise<void>;
}

/** The {@link LoadBalancer} in a child process of its own (load-balancer.main.ts), for load tests. */
export class ChildLoadBalancer implements Balancer {
  private count = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(): Promise<ChildLoadBalancer> {
    const child = fork(path.join(__dirname, 'load-balancer.main.ts'), [], {
      execArgv: ['-r', '@swc-node/register'],
      env: {
        ...process.env,
        SWC_NODE_PROJECT: process.env['SWC_NODE_PROJECT'] ?? 'apps/api/tsconfig.spec.json',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (m: { url: string }) => resolve(m.url));
      child.once('exit', (code) => reject(new Error(`the load balancer process exited with ${code}`)));
    });
    return new ChildLoadBalancer(child, url);
  }

  add(url: string): number {
    this.child.send({ add: url });
    return this.count++;
  }

  revive(index: number, url: string): void {
    this.child.send({ revive: [index, url] });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const gone = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await gone;
  }
}
