import { TEST_REDIS_URL, uniqueRedisPrefix } from '../../test/support/test-env';
import { eventually } from '../../test/support/test-app';
import { BullMqJobQueue } from './bullmq-job-queue';
import { JobName, QueueName } from './job-names';
import {
  InvalidJobDataError,
  JOB_DEFAULTS,
  JobQueueUnavailableError,
  type QueuedJob,
} from './job-queue.port';

const name = JobName.RecountRegionBranches;

describe('BullMqJobQueue on the real Redis', () => {
  const queues: BullMqJobQueue[] = [];
  const make = (url = TEST_REDIS_URL) => {
    const queue = new BullMqJobQueue(url, uniqueRedisPrefix('bullmq'), { backoffMs: 10 });
    queues.push(queue);
    return queue;
  };
  const ready = async (queue: BullMqJobQueue) => eventually(async () => (await queue.health()) === 'up');
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.close()));
  });

  it('delivers a job to a worker once, even when added twice with the same ID', async () => {
    const queue = make();
    await ready(queue);
    const seen: QueuedJob[] = [];
    await queue.process(QueueName.Organisation, async (job) => void seen.push(job));
    await queue.add(name, { regionId: 'r1' }, { jobId: 'same' });
    await queue.add(name, { regionId: 'r1' }, { jobId: 'same' });
    await queue.add(name, { regionId: 'r2' }, { jobId: 'other' });
    await eventually(async () => seen.length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.map((j) => j.id).sort()).toEqual(['other', 'same']);
  });

  it('retries a transient failure with backoff, and fails invalid data at once', async () => {
    const queue = make();
    await ready(queue);
    const attempts: Record<string, number[]> = { flaky: [], invalid: [] };
    await queue.process(QueueName.Organisation, async (job) => {
      attempts[job.id].push(job.attempt);
      if (job.id === 'invalid') throw new InvalidJobDataError('bad');
      if (job.attempt < 3) throw new Error('transient');
    });
    await queue.add(name, { regionId: 'r1' }, { jobId: 'flaky' });
    await queue.add(name, { regionId: 'r1' }, { jobId: 'invalid' });
    await eventually(async () => attempts['flaky'].length === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts).toEqual({ flaky: [1, 2, 3], invalid: [1] });
    expect(JOB_DEFAULTS.attempts).toBeGreaterThan(3);
  });

  it('hands the handler its payload alone, with the same trace on every attempt', async () => {
    const queue = make();
    await ready(queue);
    const trace = { requestId: 'req-bull-1', actorId: '0b7a3f2e-5c1d-4e8f-9a6b-2d4c6e8f0a1b' };
    const seen: QueuedJob[] = [];
    await queue.process(QueueName.Organisation, async (job) => {
      seen.push(job);
      if (job.attempt < 2) throw new Error('transient');
    });
    await queue.add(name, { regionId: 'r1' }, { jobId: 'traced', trace });
    await eventually(async () => seen.length === 2);
    expect(seen.map((j) => [j.attempt, j.data, j.trace])).toEqual([
      [1, { regionId: 'r1' }, trace],
      [2, { regionId: 'r1' }, trace],
    ]);
    expect(seen[0].maxAttempts).toBe(JOB_DEFAULTS.attempts);
  });

  it('refuses to enqueue at once when Redis cannot be reached', async () => {
    const queue = make('redis://127.0.0.1:1');
    await expect(queue.add(name, { regionId: 'r1' }, { jobId: 'x' })).rejects.toBeInstanceOf(
      JobQueueUnavailableError,
    );
    expect(await queue.health()).toBe('down');
  });
});
