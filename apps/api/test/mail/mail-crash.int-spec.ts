import { TransactionHost } from '@nestjs-cls/transactional';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { ClsService } from 'nestjs-cls';
import { JobName } from '../../src/jobs/job-names';
import { JobOutbox } from '../../src/jobs/job-outbox.service';
import { JobQueue } from '../../src/jobs/job-queue.port';
import { MailMessageEntity } from '../../src/mail/mail.entity';
import { Mailer } from '../../src/mail/mailer.service';
import { createTestApp, eventually, resetDatabase, type TestApp } from '../support/test-app';
import {
  TEST_KEY_ENCRYPTION_SECRET,
  TEST_REDIS_URL,
  testDatabaseUrl,
  uniqueRedisPrefix,
} from '../support/test-env';
import { TestSmtpServer } from './smtp-test-server';

const WORKSPACE = path.resolve(__dirname, '../../../..');

interface Worker {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/**
 * The real worker entry (`apps/api/src/worker.ts`, compiled on the fly by SWC) as a child process on the run's
 * PostgreSQL and on Redis, so a test can SIGKILL it mid-job.
 */
async function startWorker(env: Record<string, string>, onSpawn?: (worker: Worker) => void): Promise<Worker> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/worker.ts'], {
    cwd: WORKSPACE,
    env: {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      SWC_NODE_PROJECT: 'apps/api/tsconfig.spec.json',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: testDatabaseUrl(),
      DB_POOL_MAX: '3',
      RUN_MIGRATIONS: 'false',
      SEED_DEMO: 'false',
      KEY_ENCRYPTION_SECRET: TEST_KEY_ENCRYPTION_SECRET,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const worker: Worker = { child, output: () => output, exited };
  // Before it is ready: a worker takes jobs already queued while it starts up.
  onSpawn?.(worker);
  const deadline = Date.now() + 120_000;
  while (!output.includes('Brevet worker started')) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`worker did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return worker;
}

/**
 * Security row F2 for email: a worker SIGKILLed while it hands a message to the SMTP server. The server has
 * the message, the worker never recorded it. Expected: the job runs again after the stall check and does not
 * send it a second time (it is marked `uncertain`); messages claimed but not yet handed over are sent exactly
 * once by the next worker; queueing the deliveries again sends nothing.
 */
describe('mail when a worker is killed mid-send (real worker process, Redis, SMTP)', () => {
  const prefix = uniqueRedisPrefix('mail-crash');
  let smtp: TestSmtpServer;
  let t: TestApp;
  const workers: Worker[] = [];
  let killAfterAccept: Worker | null = null;

  beforeAll(async () => {
    smtp = await TestSmtpServer.start({
      // One message at a time: a second connection is told to come back later (a sure "not sent").
      refuseConnection: (open) => (open > 0 ? { code: 421, message: 'Too busy, try later' } : null),
      beforeAccept: async () => {
        const victim = killAfterAccept;
        if (!victim) return;
        killAfterAccept = null;
        // Let the other deliveries meet the busy server first, so they are certainly not handed over.
        await eventually(async () => smtp.refusedConnections >= 2, 10_000).catch(() => undefined);
        victim.child.kill('SIGKILL');
        await victim.exited;
      },
    });
    // The API side only enqueues (BullMQ): no jobs run in this process.
    t = await createTestApp({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, ...smtp.env() });
    await resetDatabase(t);
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await t.close();
    await smtp.close();
  });

  const rows = () =>
    t.dataSource.getRepository(MailMessageEntity).find({ order: { recipientAddress: 'ASC' } });

  it('sends what was claimed exactly once, and never resends the message whose sender died', async () => {
    const txHost = t.app.get(TransactionHost);
    const mailer = t.app.get(Mailer);
    await t.app.get(ClsService).run(() =>
      txHost.withTransaction(async () => {
        for (const name of ['a', 'b', 'c']) {
          await mailer.queue({
            recipient: {
              key: `staff:crash-${name}`,
              address: `${name}@example.com`,
              name: name.toUpperCase(),
            },
            reason: 'reminder.overdue',
            subjectKey: 'crash-test',
            reasonDate: '2026-11-02',
            template: 'reminder-overdue',
            language: 'en',
            subject: `Reminder for ${name}`,
            text: 'Please renew it.',
            html: null,
          });
        }
      }),
    );
    expect(await t.app.get(JobOutbox).flush()).toBe(3);

    // The killed worker's job is noticed within seconds (production: JOB_STALLED_INTERVAL_MS 30 s).
    const env = {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      JOB_STALLED_INTERVAL_MS: '3000',
      ...smtp.env(),
    };
    // Armed as soon as the process exists: the jobs are queued already, so it may send before it says it started.
    const first = await startWorker(env, (worker) => (killAfterAccept = worker));
    workers.push(first);
    expect(await first.exited).toBeNull(); // killed by the signal, not exited

    // What the crash left: one message at the server but recorded as `sending`; two claimed, never handed over.
    expect(smtp.arrived).toHaveLength(1);
    const killed = smtp.arrived[0].to[0];
    const afterCrash = await rows();
    expect(afterCrash.find((r) => r.recipientAddress === killed)?.status).toBe('sending');
    expect(afterCrash.filter((r) => r.recipientAddress !== killed).map((r) => r.status)).toEqual([
      'pending',
      'pending',
    ]);

    const second = await startWorker(env);
    workers.push(second);
    // The two pending ones go out on their retry; the killed job comes back after BullMQ's stall check.
    const settled = await eventually(async () => {
      const now = await rows();
      return now.every((r) => r.status === 'sent' || r.status === 'uncertain') ? now : null;
    }, 150_000);
    expect(settled.map((r) => [r.recipientAddress, r.status])).toEqual(
      ['a', 'b', 'c'].map((n) => [`${n}@example.com`, `${n}@example.com` === killed ? 'uncertain' : 'sent']),
    );
    expect(settled.find((r) => r.recipientAddress === killed)?.providerMessageId).toBeNull();

    // Everything arrived exactly once, the killed one included: at most once, never twice.
    const arrivals = smtp.arrived.map((m) => m.to[0]).sort();
    expect(arrivals).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
    expect(new Set(smtp.arrived.map((m) => m.messageId)).size).toBe(3);

    // Delivering every message again (a duplicated job, a manual retry) sends nothing more.
    for (const r of settled)
      await t.app.get(JobQueue).add(JobName.DeliverMail, { messageId: r.id }, { jobId: `again.${r.id}` });
    await new Promise((r) => setTimeout(r, 3_000));
    expect(smtp.arrived).toHaveLength(3);
    expect((await rows()).map((r) => r.status).sort()).toEqual(['sent', 'sent', 'uncertain']);
  }, 300_000);
});
