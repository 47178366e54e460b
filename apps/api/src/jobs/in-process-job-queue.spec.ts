import { JobName, QueueName } from './job-names';
import { InProcessJobQueue } from './in-process-job-queue';
import { InvalidJobDataError, JOB_DEFAULTS, type QueuedJob } from './job-queue.port';

const name = JobName.RecountRegionBranches;

describe('InProcessJobQueue', () => {
  let queue: InProcessJobQueue;
  beforeEach(() => {
    queue = new InProcessJobQueue({ backoffMs: 1 });
  });
  afterEach(() => queue.close());

  it('runs a queued job once, even when added twice with the same ID', async () => {
    const seen: QueuedJob[] = [];
    await queue.process(QueueName.Organisation, async (job) => void seen.push(job));
    await queue.add(name, { regionId: 'r1' }, { jobId: 'same' });
    await queue.add(name, { regionId: 'r1' }, { jobId: 'same' });
    await queue.add(name, { regionId: 'r2' }, { jobId: 'other' });
    await queue.drain();
    expect(seen.map((j) => [j.id, j.data])).toEqual([
      ['same', { regionId: 'r1' }],
      ['other', { regionId: 'r2' }],
    ]);
  });

  it('retries a failing job with backoff up to the attempt limit', async () => {
    const attempts: number[] = [];
    await queue.process(QueueName.Organisation, async (job) => {
      attempts.push(job.attempt);
      throw new Error('transient');
    });
    await queue.add(name, { regionId: 'r1' }, { jobId: 'j' });
    await queue.drain();
    expect(attempts).toEqual(Array.from({ length: JOB_DEFAULTS.attempts }, (_, i) => i + 1));
  });

  it('succeeds on a later attempt after a transient failure', async () => {
    const attempts: number[] = [];
    await queue.process(QueueName.Organisation, async (job) => {
      attempts.push(job.attempt);
      if (job.attempt < 3) throw new Error('transient');
    });
    await queue.add(name, { regionId: 'r1' }, { jobId: 'j' });
    await queue.drain();
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('does not retry a job whose data is invalid', async () => {
    let calls = 0;
    await queue.process(QueueName.Organisation, async () => {
      calls += 1;
      throw new InvalidJobDataError('no such region');
    });
    await queue.add(name, { regionId: 'gone' }, { jobId: 'j' });
    await queue.drain();
    expect(calls).toBe(1);
  });

  it('carries a job’s trace unchanged through every attempt and a retry by hand', async () => {
    const trace = { requestId: 'req-1', actorId: null };
    const seen: Array<[number, unknown]> = [];
    await queue.process(QueueName.Organisation, async (job) => {
      seen.push([job.attempt, job.trace]);
      throw new Error('transient');
    });
    await queue.add(name, { regionId: 'r1' }, { jobId: 'traced', trace });
    await queue.drain();
    expect(await queue.retry(QueueName.Organisation, 'traced')).toBe(true);
    await queue.drain();
    expect(seen).toHaveLength(JOB_DEFAULTS.attempts * 2);
    expect(seen.every(([, t]) => JSON.stringify(t) === JSON.stringify(trace))).toBe(true);
  });

  it('takes the current trace when none is given, and generates one when there is none', async () => {
    let current: { requestId: string; actorId: string | null } | null = { requestId: 'req-2', actorId: null };
    const traced = new InProcessJobQueue({ backoffMs: 1 }, () => current);
    const seen: Record<string, string> = {};
    await traced.process(QueueName.Organisation, async (job) => void (seen[job.id] = job.trace.requestId));
    await traced.add(name, { regionId: 'r1' }, { jobId: 'in-request' });
    current = null;
    await traced.add(name, { regionId: 'r1' }, { jobId: 'unrequested' });
    await traced.drain();
    await traced.close();
    expect(seen['in-request']).toBe('req-2');
    expect(seen['unrequested']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('holds jobs until a processor is registered', async () => {
    const seen: string[] = [];
    await queue.add(name, { regionId: 'r1' }, { jobId: 'early' });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([]);
    await queue.process(QueueName.Organisation, async (job) => void seen.push(job.id));
    await queue.drain();
    expect(seen).toEqual(['early']);
  });
});

describe('job IDs', () => {
  it('are refused with a colon, as BullMQ would, so both adapters behave alike', async () => {
    const queue = new InProcessJobQueue();
    await expect(queue.add(name, { regionId: 'r' }, { jobId: 'a:b' })).rejects.toThrow(/invalid job ID/);
    await queue.close();
  });
});
