import { createTestApp, resetDatabase, settleJobs, type TestApp } from '../../test/support/test-app';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../../test/support/test-env';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobName } from './job-names';
import { JobQueue } from './job-queue.port';
import { RecurringJobScheduler } from './recurring-job-scheduler';

/** A slot of the compliance snapshot (daily 03:00 UTC), on the day Europe moves its clocks forward. */
const SLOT = new Date('2026-03-29T03:00:00Z');
const hours = (n: number) => n * 3_600_000;

/**
 * Two instances of the app on one PostgreSQL database, both running jobs (embedded-style, in-process queues,
 * one shared outbox table), race for the slots of the recurring compliance snapshot. Other recurring jobs may be
 * defined too; each slot they claim must also run exactly once, so runs are compared with claims.
 */
describe('recurring jobs: one run per slot across app instances (real PostgreSQL)', () => {
  const apps: TestApp[] = [];
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await createTestApp();
    apps.push(a);
    await resetDatabase(a);
    b = await createTestApp(); // its start-up claims the real clock's latest slot
    apps.push(b);
    await settleAll();
  }, 120_000);
  afterAll(async () => {
    await settleAll();
    await resetDatabase(apps[apps.length - 1]);
    for (const app of apps) await app.close();
  });

  async function settleAll(): Promise<void> {
    // Either instance may relay an outbox row; settle both twice so nothing is left in flight.
    for (let i = 0; i < 2; i++) for (const app of [a, b]) await settleJobs(app);
  }
  const completed = () =>
    [a, b].reduce((sum, app) => sum + (app.app.get(JobQueue) as InProcessJobQueue).stats.completed, 0);
  const scheduler = (app: TestApp) => app.app.get(RecurringJobScheduler);
  const snapshotOnly = <T extends { job: string }>(items: readonly T[]) =>
    items.filter((item) => item.job === JobName.SnapshotCompliance);
  const claims = async () =>
    (
      (await a.dataSource.query(
        `SELECT job_name, slot_at, job_id FROM recurring_job_run ORDER BY slot_at`,
      )) as Array<{ job_name: string; slot_at: Date; job_id: string }>
    ).map((r) => ({ job: r.job_name, slotAt: new Date(r.slot_at).toISOString(), jobId: r.job_id }));
  const storedDays = async () =>
    (
      (await a.dataSource.query(
        `SELECT day::text AS day FROM compliance_snapshot_day ORDER BY day`,
      )) as Array<{
        day: string;
      }>
    ).map((r) => r.day);

  it('enqueues a slot once, however many instances check it how often at the same time', async () => {
    const before = { completed: completed(), claims: await claims() };
    // b's start-up claimed the real clock's latest slot of each recurring job, once.
    expect(snapshotOnly(before.claims)).toHaveLength(1);
    expect(new Set(before.claims.map((c) => c.job)).size).toBe(before.claims.length);
    const now = new Date(SLOT.getTime() + hours(2));
    const results = (await Promise.all([a, b, a, b, b, a].map((app) => scheduler(app).tick(now)))).flat();
    expect(new Set(results.map((r) => r.job)).size).toBe(results.length); // one claim per job
    expect(snapshotOnly(results)).toEqual([
      {
        job: JobName.SnapshotCompliance,
        slot: { at: SLOT, day: '2026-03-29' },
        jobId: 'compliance.snapshot.20260329T0300Z',
      },
    ]);
    await settleAll();
    expect(completed() - before.completed).toBe(results.length); // each claimed slot ran once
    expect(snapshotOnly(await claims()).filter((c) => c.slotAt === SLOT.toISOString())).toEqual([
      {
        job: JobName.SnapshotCompliance,
        slotAt: SLOT.toISOString(),
        jobId: 'compliance.snapshot.20260329T0300Z',
      },
    ]);
    expect(await storedDays()).toContain('2026-03-28'); // the slot stores the day before it
  });

  it('does nothing more during the same slot, nor after an instance restarts', async () => {
    let before = { completed: completed(), claims: await claims() };
    let others = 0;
    for (const offset of [0, 1, 23]) {
      for (const app of [a, b]) {
        const claimed = await scheduler(app).tick(new Date(SLOT.getTime() + hours(offset) + 1));
        expect(snapshotOnly(claimed)).toEqual([]);
        others += claimed.length; // other jobs' slots that fall in these hours
      }
    }
    await settleAll();
    expect(completed() - before.completed).toBe(others);
    // A restart checks the real clock's latest slots at start-up: already claimed, so nothing runs.
    before = { completed: completed(), claims: await claims() };
    await a.close();
    apps.splice(apps.indexOf(a), 1);
    a = await createTestApp();
    apps.push(a);
    before = { ...before, completed: completed() };
    expect(snapshotOnly(await scheduler(a).tick(new Date(SLOT.getTime() + hours(5))))).toEqual([]);
    await settleAll();
    expect(completed() - before.completed).toBe(0);
    expect(await claims()).toEqual(before.claims);
  });

  it('after downtime runs the latest missed slot once and skips the ones before it', async () => {
    const before = completed();
    // Down from just after the 29 March slot until 1 April, 09:00 UTC: slots of 30 and 31 March and 1 April missed.
    const back = new Date('2026-04-01T09:00:00Z');
    const claimed = (await Promise.all([scheduler(a).tick(back), scheduler(b).tick(back)])).flat();
    expect(snapshotOnly(claimed).map((c) => c.jobId)).toEqual(['compliance.snapshot.20260401T0300Z']);
    await settleAll();
    expect(completed() - before).toBe(claimed.length);
    const slots = snapshotOnly(await claims()).map((c) => c.slotAt);
    expect(slots).toContain('2026-04-01T03:00:00.000Z');
    expect(slots).not.toContain('2026-03-30T03:00:00.000Z');
    expect(slots).not.toContain('2026-03-31T03:00:00.000Z');
    // The one run still fills in the days the missed runs would have stored.
    expect(await storedDays()).toEqual(expect.arrayContaining(['2026-03-28', '2026-03-30', '2026-03-31']));
  });

  it('schedules only in processes that run jobs', async () => {
    expect(scheduler(a).active).toBe(true); // the API in embedded style: in-process queue
    const cli = await createTestApp({}, 'cli');
    const apiWithWorkers = await createTestApp({
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: uniqueRedisPrefix('recurring'),
    });
    const worker = await createTestApp(
      { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix('recurring') },
      'worker',
    );
    try {
      expect(scheduler(cli).active).toBe(false);
      expect(scheduler(apiWithWorkers).active).toBe(false);
      expect(scheduler(worker).active).toBe(true);
    } finally {
      await cli.close();
      await apiWithWorkers.close();
      await worker.close();
    }
  });
});
