import type { ExportRun } from '@brevet/contracts';
import { signInAsAdmin } from '../../test/support/auth';
import { captureStdout, type LogCapture } from '../../test/support/log-capture';
import { createTestApp, eventually, settleJobs, type TestApp } from '../../test/support/test-app';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../../test/support/test-env';
import { JobName } from './job-names';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type LogLine = Record<string, unknown>;

/** The log lines written while the export job `export.<id>` ran. */
function exportJobLines(log: LogCapture, exportId: string): LogLine[] {
  return log.lines().filter((l) => l['jobName'] === JobName.RunExport && l['jobId'] === `export.${exportId}`);
}

/**
 * Issue 10: a request's ID follows it into the jobs it enqueues (through the transactional outbox), and every
 * log line such a job writes carries `requestId`, `jobId` and `jobName` — with BullMQ (the job runs in a
 * worker process) and in-process (embedded mode). An unacceptable `X-Request-Id` is replaced, never logged.
 */
describe('request IDs carried into jobs and their JSON log lines', () => {
  let log: LogCapture;
  const apps: TestApp[] = [];
  beforeEach(() => {
    log = captureStdout();
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((a) => a.close()));
    log.stop();
  });

  it('in-process: the export job logs the requestId and user of the request that asked for it', async () => {
    const t = await createTestApp({ LOG_LEVEL: 'info' });
    apps.push(t);
    const admin = await signInAsAdmin(t);
    const requestId = 'abc-inprocess.7f3e_01';
    const res = await admin
      .post('/api/v1/exports')
      .set('X-Request-Id', requestId)
      .send({ kind: 'awards', format: 'csv' })
      .expect(202);
    expect(res.headers['x-request-id']).toBe(requestId);
    const exportId = (res.body as ExportRun).id;
    await settleJobs(t);

    const lines = await eventually(async () => {
      const found = exportJobLines(log, exportId);
      return found.length > 0 ? found : null;
    });
    for (const line of lines) {
      expect(line).toMatchObject({ requestId, actorId: admin.userId, role: 'api' });
      // The job's lines are its own, not the request's: no HTTP request object leaks into them.
      expect(line).not.toHaveProperty('req');
    }
    expect(lines.map((l) => l['msg'])).toContainEqual(expect.stringMatching(/^job export\.run .* done in/));
    // The request's own lines carry the same ID, so one filter finds both.
    expect(log.lines().some((l) => l['requestId'] === requestId && l['req'] !== undefined)).toBe(true);
    // Jobs nobody requested (the recurring scheduler's, at start-up) get a generated ID of their own.
    const unrequested = log.lines().filter((l) => l['jobName'] && l['jobName'] !== JobName.RunExport);
    for (const line of unrequested) expect(line['requestId']).toMatch(UUID);
  });

  it('BullMQ: the worker process logs the requestId of the API request that enqueued the job', async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix('trace'), LOG_LEVEL: 'info' };
    const api = await createTestApp(env, 'api');
    apps.push(api);
    const worker = await createTestApp(env, 'worker');
    apps.push(worker);
    const admin = await signInAsAdmin(api);
    const requestId = 'abc-bullmq-4c1d';
    const res = await admin
      .post('/api/v1/exports')
      .set('X-Request-Id', requestId)
      .send({ kind: 'awards', format: 'csv' })
      .expect(202);
    const exportId = (res.body as ExportRun).id;

    const lines = await eventually(async () => {
      const found = exportJobLines(log, exportId).filter((l) => /done in/.test(String(l['msg'])));
      return found.length > 0 ? exportJobLines(log, exportId) : null;
    }, 20_000);
    // Only the worker consumes BullMQ queues (the API app does not), so these lines are the worker's. Both apps
    // share pino's root logger inside this one test process, so `role` cannot tell them apart here.
    for (const line of lines) expect(line).toMatchObject({ requestId, actorId: admin.userId });
  });

  it.each([
    ['characters that could write into a log line', 'abc" ,"level":60,"msg":"forged'],
    ['spaces', 'abc def'],
    ['more than 100 characters', 'a'.repeat(101)],
  ])('replaces an X-Request-Id with %s by a fresh ID, for the request and its job', async (_what, bad) => {
    const t = await createTestApp({ LOG_LEVEL: 'info' });
    apps.push(t);
    const admin = await signInAsAdmin(t);
    const res = await admin
      .post('/api/v1/exports')
      .set('X-Request-Id', bad)
      .send({ kind: 'awards', format: 'csv' })
      .expect(202);
    const issued = res.headers['x-request-id'] as string;
    expect(issued).toMatch(UUID);
    const exportId = (res.body as ExportRun).id;
    await settleJobs(t);
    const lines = await eventually(async () => {
      const found = exportJobLines(log, exportId);
      return found.length > 0 ? found : null;
    });
    for (const line of lines) expect(line['requestId']).toBe(issued);
    // The header itself is logged only as an escaped JSON string (pino-http's request object), never as an ID
    // and never as fields of its own.
    const parsed = log.lines();
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed.some((l) => l['requestId'] === bad)).toBe(false);
    expect(parsed.some((l) => l['level'] === 60 || l['msg'] === 'forged')).toBe(false);
  });
});
