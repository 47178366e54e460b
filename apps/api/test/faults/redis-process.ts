import { freePort } from '@brevet/testing';
import IORedis from 'ioredis';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A `redis-server` of the test's own, on a free loopback port, that the test stops and starts again. No
 * automatic persistence (`--save "" --appendonly no`); `stop({ save: true })` writes one snapshot into the
 * server's own directory first (`SHUTDOWN SAVE`), so the next `start()` finds the jobs it held: a Redis
 * restart as an operator does it. `stop()` without saving is a crash that loses what Redis held.
 */
export class RedisProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisProcess> {
    const redis = new RedisProcess(await freePort(), fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-redis-')));
    await redis.start();
    return redis;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 10_000;
    for (;;) {
      const client = new IORedis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        if ((await client.ping()) === 'PONG') return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        client.disconnect();
      }
    }
  }

  /** Stops the server: `save` writes a snapshot first (graceful restart), otherwise SIGKILL (crash). */
  async stop(options: { save?: boolean } = {}): Promise<void> {
    if (!this.child) return;
    if (options.save) {
      const client = new IORedis(this.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      await client.call('SHUTDOWN', 'SAVE').catch(() => undefined);
      client.disconnect();
    } else {
      this.child.kill('SIGKILL');
    }
    await this.exited;
    this.child = null;
  }

  async close(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
