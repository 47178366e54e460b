import type { AuditEntry, AuditPage, JobsOverview } from '@brevet/contracts';
import { randomUUID } from 'node:crypto';
import { signInAs, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { createTestApp, settleJobs, type TestApp } from '../../test/support/test-app';
import { InProcessJobQueue } from './in-process-job-queue';
import { JobName } from './job-names';
import { JobQueue } from './job-queue.port';

/** The jobs page's API on the in-process adapter (the BullMQ side: test/faults/retries.int-spec.ts, F1). */
describe('GET/POST/DELETE /api/v1/jobs (in-process queue)', () => {
  let t: TestApp;
  let admin: SignedInAgent;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInAsAdmin(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists queues and a failed job by IDs only, retries it, and removes it', async () => {
    const messageId = randomUUID();
    const jobId = `jobs-page.${messageId}`;
    // A delivery of a message that does not exist: invalid data, failed at the first attempt.
    await t.app.get(JobQueue).add(JobName.DeliverMail, { messageId }, { jobId });
    await settleJobs(t);

    const overview = (await admin.get('/api/v1/jobs').expect(200)).body as JobsOverview;
    expect(overview.adapter).toBe('in-process');
    expect(overview.queues.map((q) => q.queue)).toEqual(expect.arrayContaining(['mail', 'exports']));
    expect(overview.queues.find((q) => q.queue === 'mail')?.counts.failed).toBeGreaterThanOrEqual(1);
    expect(typeof overview.outboxBacklog).toBe('number');
    const failed = overview.failed.find((f) => f.id === jobId);
    expect(failed).toMatchObject({ queue: 'mail', name: 'mail.deliver', attempts: 1 });
    expect(failed?.error).toContain('does not exist');
    expect(Object.keys(failed ?? {}).sort()).toEqual([
      'attempts',
      'error',
      'failedAt',
      'id',
      'name',
      'queue',
    ]);

    await admin.post(`/api/v1/jobs/mail/${jobId}/retry`).expect(204);
    await (t.app.get(JobQueue) as InProcessJobQueue).drain();
    const again = (await admin.get('/api/v1/jobs').expect(200)).body as JobsOverview;
    expect(again.failed.filter((f) => f.id === jobId)).toHaveLength(1); // ran again, failed again, listed once

    await admin.delete(`/api/v1/jobs/mail/${jobId}`).expect(204);
    const gone = (await admin.get('/api/v1/jobs').expect(200)).body as JobsOverview;
    expect(gone.failed.some((f) => f.id === jobId)).toBe(false);
    const missing = await admin.delete(`/api/v1/jobs/mail/${jobId}`).expect(404);
    expect(missing.body).toMatchObject({ code: 'jobs.job_not_found' });
    await admin.post(`/api/v1/jobs/no-such-queue/${jobId}/retry`).expect(404);

    // Both operations are in the audit log, with the admin as actor and the job's ID; refused ones are not.
    const auditor = await signInAs(t, 'auditor');
    const audited = async (action: string): Promise<AuditEntry[]> =>
      ((await auditor.get(`/api/v1/audit?action=${action}&targetId=${jobId}`).expect(200)).body as AuditPage)
        .items;
    for (const action of ['job.retried', 'job.removed'] as const) {
      const entries = await audited(action);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action,
        outcome: 'success',
        actor: { userId: admin.userId },
        target: { type: 'job', id: jobId, label: 'mail' },
        details: { queue: 'mail' },
      });
      expect(entries[0].requestId).toBeTruthy();
    }
  });
});
