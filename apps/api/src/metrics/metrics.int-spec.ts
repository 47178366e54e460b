import { freePort } from '@brevet/testing';
import request from 'supertest';
import { signInAsAdmin } from '../../test/support/auth';
import { JobName } from '../jobs/job-names';
import { JobQueue } from '../jobs/job-queue.port';
import { branchBody, makeRegion } from '../../test/support/factories';
import { createTestApp, eventually, settleJobs, type TestApp } from '../../test/support/test-app';
import { TEST_REDIS_URL, testDatabaseUrl, uniqueRedisPrefix } from '../../test/support/test-env';
import { startFromSource, type SourceProcess } from '../../test/faults/brevet-source';

const TOKEN = 'metrics-test-token-0123456789abcdef';
/** Codes unique in the run's shared database (other files' factories count from 1 as well). */
const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

/** The value of one series in Prometheus text format (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.indexOf('}'));
    if (Object.entries(labels).every(([k, v]) => inner.includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describe('Prometheus /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await t.close();
  });
  const scrape = async () => {
    const res = await request(t.app.getHttpServer()).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.text;
  };

  it('answers only to the bearer token', async () => {
    const server = t.app.getHttpServer();
    expect((await request(server).get('/metrics')).status).toBe(401);
    expect((await request(server).get('/metrics').set('Authorization', `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await request(server).get('/metrics').set('Authorization', `Basic ${TOKEN}`)).status).toBe(401);
  });

  it('is not served at all without METRICS_TOKEN', async () => {
    const plain = await createTestApp();
    try {
      expect((await request(plain.app.getHttpServer()).get('/metrics')).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('moves the HTTP, job and queue series after a request and a job', async () => {
    const admin = await signInAsAdmin(t);
    const region = await makeRegion(t.dataSource, { code: unique('MR') });
    const before = await scrape();
    const http = { method: 'POST', route: '/api/v1/branches', status: '201' };
    const job = { job: 'region.recount-branches', outcome: 'completed' };

    expect(
      (await admin.post('/api/v1/branches').send(branchBody(region.id, { code: unique('MB') }))).status,
    ).toBe(201);
    // The job added directly (not through the outbox, which every app on the run's database relays).
    await t.app
      .get(JobQueue)
      .add(JobName.RecountRegionBranches, { regionId: region.id }, { jobId: `metrics.${region.id}` });
    await settleJobs(t);

    const after = await scrape();
    expect(sample(after, 'brevet_http_request_duration_seconds_count', http)).toBe(
      sample(before, 'brevet_http_request_duration_seconds_count', http) + 1,
    );
    expect(sample(after, 'brevet_job_duration_seconds_count', job)).toBeGreaterThan(
      sample(before, 'brevet_job_duration_seconds_count', job),
    );
    expect(sample(after, 'brevet_queue_jobs', { queue: 'organisation', state: 'completed' })).toBeGreaterThan(
      sample(before, 'brevet_queue_jobs', { queue: 'organisation', state: 'completed' }),
    );
    expect(after).toMatch(/^brevet_job_outbox_backlog \d+$/m);
    expect(after).toContain('brevet_process_resident_memory_bytes');
    // Route templates, never IDs, as labels.
    expect(after).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});

// Apart from the block above: its in-process app (same database) would otherwise relay the outbox row itself.
describe('Prometheus /metrics of a worker', () => {
  it('the worker serves its own job metrics on its health port, behind the same token', async () => {
    const prefix = uniqueRedisPrefix('metrics');
    const producer = await createTestApp({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix });
    const port = await freePort();
    let worker: SourceProcess | undefined;
    try {
      worker = await startFromSource('worker', {
        DATABASE_URL: testDatabaseUrl(),
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        WORKER_HEALTH_PORT: String(port),
        METRICS_TOKEN: TOKEN,
      });
      const url = `http://127.0.0.1:${port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      const workerScrape = async () =>
        (await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      const job = { job: 'region.recount-branches', outcome: 'completed' };
      expect(sample(await workerScrape(), 'brevet_job_duration_seconds_count', job)).toBe(0);

      const region = await makeRegion(producer.dataSource, { code: unique('MW') });
      await producer.app
        .get(JobQueue)
        .add(JobName.RecountRegionBranches, { regionId: region.id }, { jobId: `metrics.${region.id}` });
      const text = await eventually(async () => {
        const body = await workerScrape();
        return sample(body, 'brevet_job_duration_seconds_count', job) >= 1 ? body : null;
      }, 30_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${worker?.output()}`);
      });
      expect(
        sample(text, 'brevet_queue_jobs', { queue: 'organisation', state: 'completed' }),
      ).toBeGreaterThan(0);
    } finally {
      if (worker) expect(await worker.stop('SIGTERM')).toBe(0);
      await producer.close();
    }
  }, 120_000);
});
