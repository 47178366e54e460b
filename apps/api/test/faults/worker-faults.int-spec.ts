import { TransactionHost } from '@nestjs-cls/transactional';
import { PROBLEM_CONTENT_TYPE, type ExportRun } from '@brevet/contracts';
import { ClsService } from 'nestjs-cls';
import { Client } from 'pg';
import { Like } from 'typeorm';
import { JobName, QueueName } from '../../src/jobs/job-names';
import { JobOutbox } from '../../src/jobs/job-outbox.service';
import { JobQueue, JobQueueUnavailableError } from '../../src/jobs/job-queue.port';
import { MailMessageEntity } from '../../src/mail/mail.entity';
import { Mailer } from '../../src/mail/mailer.service';
import { TestSmtpServer } from '../mail/smtp-test-server';
import { signInAsAdmin, type SignedInAgent } from '../support/auth';
import { createTestApp, eventually, type TestApp } from '../support/test-app';
import { testDatabaseUrl, uniqueRedisPrefix } from '../support/test-env';
import { startFromSource, withApplicationName, type SourceProcess } from './brevet-source';
import { RedisProcess } from './redis-process';

/**
 * Security rows F1, F2 and F4 against processes the test starts itself: its own `redis-server` (stopped and
 * started again), real worker processes (SIGKILL, SIGTERM), a real SMTP server on loopback, and the run's
 * PostgreSQL. The API side is the application module in this process with real HTTP (supertest). Workers use a
 * 2 s stalled check (JOB_STALLED_INTERVAL_MS) so a dead worker's job comes back quickly.
 */
describe('F1, F2, F4: worker faults (own Redis, real worker processes, SMTP)', () => {
  const prefix = uniqueRedisPrefix('faults');
  let redis: RedisProcess;
  let smtp: TestSmtpServer;
  let t: TestApp;
  let admin: SignedInAgent;
  let pg: Client;
  const workers: SourceProcess[] = [];
  let acceptDelayMs = 0;

  const workerEnv = (name: string) => ({
    DATABASE_URL: withApplicationName(testDatabaseUrl(), name),
    REDIS_URL: redis.url,
    REDIS_PREFIX: prefix,
    JOB_STALLED_INTERVAL_MS: '2000',
    JOB_BACKOFF_MS: '200',
    ...smtp.env(),
  });
  const startWorker = async (name: string) => {
    const worker = await startFromSource('worker', workerEnv(name));
    workers.push(worker);
    return worker;
  };

  /** Stops every worker still running, cleanly (each must exit 0). */
  const stopWorkers = async () => {
    for (const w of workers) {
      if (w.child.exitCode === null && w.child.signalCode === null) expect(await w.stop('SIGTERM')).toBe(0);
    }
  };

  beforeAll(async () => {
    redis = await RedisProcess.start();
    smtp = await TestSmtpServer.start({
      beforeAccept: () => new Promise((r) => setTimeout(r, acceptDelayMs)),
    });
    t = await createTestApp({ REDIS_URL: redis.url, REDIS_PREFIX: prefix, ...smtp.env() });
    admin = await signInAsAdmin(t);
    pg = new Client({ connectionString: testDatabaseUrl() });
    await pg.connect();
  }, 60_000);
  afterAll(async () => {
    for (const w of workers) await w.stop('SIGKILL');
    await pg?.end();
    await t?.close();
    await smtp?.close();
    await redis?.close();
  });

  /** Holds `audit_entry` so that an audit export blocks on its first read; returns the release. */
  const holdAuditTable = async () => {
    const locker = new Client({ connectionString: testDatabaseUrl() });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE audit_entry IN ACCESS EXCLUSIVE MODE');
    return async () => {
      await locker.query('ROLLBACK');
      await locker.end();
    };
  };
  const requestAuditExport = async (): Promise<string> => {
    const res = await admin.post('/api/v1/exports').send({ kind: 'audit', format: 'csv' });
    expect(res.status).toBe(202);
    return (res.body as ExportRun).id;
  };
  const exportRow = async (id: string) =>
    (await pg.query(`SELECT status, attempts, rows_total, file_name FROM export_run WHERE id = $1`, [id]))
      .rows[0] as { status: string; attempts: number; rows_total: number | null };
  /** The worker's connection waiting for the lock: the job is certainly running. */
  const blockedIn = (applicationName: string) =>
    eventually(async () => {
      const { rows } = await pg.query(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
        [applicationName],
      );
      return rows.length > 0;
    }, 60_000);
  const downloadedRows = async (id: string) => {
    const res = await admin.get(`/api/v1/exports/${id}/file`).buffer(true);
    expect(res.status).toBe(200);
    const text = res.text.replace(/^\uFEFF/, '').trimEnd();
    return text.split('\r\n').length - 1; // without the header
  };

  it('F2: a job of a worker killed mid-job runs again after the stall check, and its effect happens once', async () => {
    const exportId = await requestAuditExport();
    await t.app.get(JobOutbox).flush();
    const release = await holdAuditTable();
    const victim = await startWorker('brevet-f2-victim');
    try {
      await blockedIn('brevet-f2-victim');
      expect((await exportRow(exportId)).attempts).toBe(1);
      expect(await victim.stop('SIGKILL')).toBeNull(); // killed by the signal, mid-job
    } finally {
      await release();
    }
    expect((await exportRow(exportId)).status).toBe('running'); // what the crash left

    await startWorker('brevet-f2-rescuer');
    const done = await eventually(async () => {
      const row = await exportRow(exportId);
      return row.status === 'ready' ? row : null;
    }, 60_000);
    await stopWorkers();
    // Run again exactly once more, by the stalled-job recovery; one file with every row once.
    expect(done.attempts).toBe(2);
    expect(await downloadedRows(exportId)).toBe(done.rows_total);
    const created = await pg.query(
      `SELECT count(*) AS n FROM audit_entry WHERE action = 'export.created' AND target_id = $1`,
      [exportId],
    );
    expect(Number(created.rows[0].n)).toBe(1);
  }, 120_000);

  it('F4: the same job enqueued twice has one effect', async () => {
    await startWorker('brevet-f4-twice');
    const messageId = await queueMails(['f4-twice'], 'f4');
    const queue = t.app.get(JobQueue);
    // The outbox relays its row; the same job ID added again (a relay repeated after a crash) is one job.
    await t.app.get(JobOutbox).flush();
    await queue.add(JobName.DeliverMail, { messageId: messageId[0] }, { jobId: `f4.same.${messageId[0]}` });
    await queue.add(JobName.DeliverMail, { messageId: messageId[0] }, { jobId: `f4.same.${messageId[0]}` });
    await eventually(async () => (await mailRows('f4')).every((m) => m.status === 'sent'), 30_000).catch(
      async (error: Error) => {
        throw new Error(
          `${error.message}: ${JSON.stringify(await mailRows('f4'))}\n${workers.at(-1)?.output()}`,
        );
      },
    );
    await new Promise((r) => setTimeout(r, 1_500));
    expect(smtp.to('f4-twice@f4.fault.test')).toHaveLength(1);
    await stopWorkers();
  }, 60_000);

  it('F4: a worker stopped with SIGTERM during a job finishes it, then exits 0', async () => {
    const exportId = await requestAuditExport();
    const release = await holdAuditTable();
    const draining = await startWorker('brevet-f4-drain');
    let released = false;
    try {
      await t.app.get(JobOutbox).flush();
      await blockedIn('brevet-f4-drain');
      const exit = draining.stop('SIGTERM');
      await new Promise((r) => setTimeout(r, 1_500));
      expect(draining.child.exitCode).toBeNull(); // still draining its job
      await release();
      released = true;
      expect(await exit).toBe(0);
    } finally {
      if (!released) await release();
    }
    const row = await exportRow(exportId);
    expect(row).toMatchObject({ status: 'ready', attempts: 1 });
    expect(await downloadedRows(exportId)).toBe(row.rows_total);
  }, 120_000);

  it('F1: workers recover from a Redis restart by themselves, nothing is lost or sent twice, and enqueueing answers 503 meanwhile', async () => {
    const worker = await startWorker('brevet-f1');
    acceptDelayMs = 150;
    const first = Array.from({ length: 20 }, (_, i) => `f1-a${i}`);
    await queueMails(first, 'f1');
    await t.app.get(JobOutbox).flush();
    await eventually(async () => smtp.arrived.filter((m) => m.to[0].endsWith('@f1.fault.test')).length >= 3);

    await redis.stop({ save: true });
    // Enqueueing fails fast while Redis is down…
    const queue = t.app.get(JobQueue);
    const started = Date.now();
    await expect(
      queue.add(JobName.DeliverMail, { messageId: 'x' }, { jobId: 'f1.while-down' }),
    ).rejects.toBeInstanceOf(JobQueueUnavailableError);
    expect(Date.now() - started).toBeLessThan(1_000);
    // …and over HTTP it is a 503 problem, not a hang or a 500.
    const retry = await admin.post(`/api/v1/jobs/${QueueName.Mail}/f1.anything/retry`);
    expect(retry.status).toBe(503);
    expect(retry.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(retry.body).toMatchObject({ code: 'service_unavailable' });
    expect((await admin.get('/api/ready')).status).toBe(503);
    // Changes still commit: their jobs wait in the outbox.
    const later = Array.from({ length: 10 }, (_, i) => `f1-b${i}`);
    await queueMails(later, 'f1');
    await expect(t.app.get(JobOutbox).flush()).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 2_000));

    await redis.start();
    const sent = await eventually(async () => {
      await t.app
        .get(JobOutbox)
        .flush()
        .catch(() => undefined);
      const rows = await mailRows('f1');
      return rows.length === 30 && rows.every((r) => r.status === 'sent') ? rows : null;
    }, 90_000);
    expect(sent).toHaveLength(30);
    // The same worker process, never restarted, did it.
    expect(worker.child.exitCode).toBeNull();
    await new Promise((r) => setTimeout(r, 2_500)); // a stall check later: nothing more arrives
    const arrivals = smtp.arrived.map((m) => m.to[0]).filter((a) => a.endsWith('@f1.fault.test'));
    expect(arrivals.sort()).toEqual([...first, ...later].map((n) => `${n}@f1.fault.test`).sort());
  }, 150_000);

  async function queueMails(names: string[], domain: string): Promise<string[]> {
    const txHost = t.app.get(TransactionHost);
    const mailer = t.app.get(Mailer);
    const ids: string[] = [];
    await t.app.get(ClsService).run(() =>
      txHost.withTransaction(async () => {
        for (const name of names) {
          const id = await mailer.queue({
            recipient: { key: `staff:${name}`, address: `${name}@${domain}.fault.test`, name },
            reason: 'reminder.overdue',
            subjectKey: `fault-${domain}`,
            reasonDate: '2026-11-02',
            template: 'reminder-overdue',
            language: 'en',
            subject: `Reminder for ${name}`,
            text: 'Please renew it.',
            html: null,
          });
          if (id) ids.push(id);
        }
      }),
    );
    return ids;
  }

  function mailRows(domain: string) {
    return t.dataSource
      .getRepository(MailMessageEntity)
      .find({ where: { recipientAddress: Like(`%@${domain}.fault.test`) } });
  }
});
