import { BullMqJobQueue } from '../../src/jobs/bullmq-job-queue';
import { InProcessJobQueue } from '../../src/jobs/in-process-job-queue';
import { JobName, QueueName } from '../../src/jobs/job-names';
import { InvalidJobDataError, JobQueue } from '../../src/jobs/job-queue.port';
import { eventually } from '../support/test-app';
import { uniqueRedisPrefix } from '../support/test-env';
import { RedisProcess } from './redis-process';

const BACKOFF_MS = 150;
const ATTEMPTS = 4;

/**
 * Security row F3, for both adapters of the job port (BullMQ on the test's own Redis, and in-process): a
 * transient error is retried with exponential backoff up to the attempt limit, then the job is listed as
 * failed; invalid data (`InvalidJobDataError`) fails at the first attempt. A failed job can be retried by hand
 * (the jobs page) and then runs again with fresh attempts.
 */
describe('F3: retries with exponential backoff, invalid data at once', () => {
  let redis: RedisProcess;
  const queues: JobQueue[] = [];
  beforeAll(async () => {
    redis = await RedisProcess.start();
  });
  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await redis.close();
  });

  const adapters: Array<[string, () => JobQueue]> = [
    [
      'BullMQ',
      () =>
        new BullMqJobQueue(redis.url, uniqueRedisPrefix('f3'), { backoffMs: BACKOFF_MS, attempts: ATTEMPTS }),
    ],
    ['in-process', () => new InProcessJobQueue({ backoffMs: BACKOFF_MS, attempts: ATTEMPTS })],
  ];

  it.each(adapters)(
    '%s',
    async (_label, make) => {
      const queue = make();
      queues.push(queue);
      await eventually(async () => (await queue.health()) !== 'down');
      const seen: Record<string, number[]> = {};
      let healthy = false;
      await queue.process(QueueName.Organisation, async (job) => {
        (seen[job.id] ??= []).push(Date.now());
        if ((job.data as { regionId?: string }).regionId === 'invalid')
          throw new InvalidJobDataError('region does not exist');
        if (!healthy) throw new Error('database busy, try again');
      });
      const name = JobName.RecountRegionBranches;
      await queue.add(name, { regionId: 'transient' }, { jobId: 'f3.transient' });
      await queue.add(name, { regionId: 'invalid' }, { jobId: 'f3.invalid' });

      await eventually(async () => (await queue.counts(QueueName.Organisation)).failed === 2, 20_000);
      // Transient: every attempt made, each pause about twice the one before (150, 300, 600 ms).
      const times = seen['f3.transient'];
      expect(times).toHaveLength(ATTEMPTS);
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(BACKOFF_MS * 2 ** i * 0.9));
      expect(gaps[2]).toBeGreaterThan(gaps[0] * 2);
      // Invalid data: one attempt, no retry.
      expect(seen['f3.invalid']).toHaveLength(1);
      const failed = await queue.failed(QueueName.Organisation, 10);
      expect(failed.map((f) => [f.id, f.attempts]).sort()).toEqual([
        ['f3.invalid', 1],
        ['f3.transient', ATTEMPTS],
      ]);
      expect(failed.find((f) => f.id === 'f3.invalid')?.error).toContain('region does not exist');

      // Retried by hand once the cause is gone: it runs again and succeeds; removing the other one deletes it.
      healthy = true;
      expect(await queue.retry(QueueName.Organisation, 'f3.transient')).toBe(true);
      await eventually(async () => (await queue.counts(QueueName.Organisation)).completed === 1, 10_000);
      expect(seen['f3.transient']).toHaveLength(ATTEMPTS + 1);
      expect(await queue.remove(QueueName.Organisation, 'f3.invalid')).toBe(true);
      expect(await queue.retry(QueueName.Organisation, 'f3.invalid')).toBe(false);
      expect(await queue.counts(QueueName.Organisation)).toMatchObject({
        failed: 0,
        completed: 1,
        waiting: 0,
      });
    },
    40_000,
  );
});
