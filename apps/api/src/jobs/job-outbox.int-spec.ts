import { Queue } from 'bullmq';
import { branchBody, makeRegion } from '../../test/support/factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../../test/support/test-env';
import { JobOutboxEntity } from './job-outbox.entity';
import { JobOutbox } from './job-outbox.service';
import { JobName, QueueName } from './job-names';
import { TRACE_FIELD } from './job-trace';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';
import request from 'supertest';
import { BranchesService } from '../branches/branches.service';
import type { CreateBranchDto } from '../branches/branch.dto';
import { signInAsAdmin } from '../../test/support/auth';

describe('job outbox (real PostgreSQL and Redis)', () => {
  describe('with Redis up', () => {
    let t: TestApp;
    const prefix = uniqueRedisPrefix('outbox');
    const queue = new Queue(QueueName.Organisation, { connection: { url: TEST_REDIS_URL }, prefix });

    beforeAll(async () => {
      t = await createTestApp({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix });
      await resetDatabase(t);
    });
    afterAll(async () => {
      await queue.obliterate({ force: true });
      await queue.close();
      await t.close();
    });

    it('hands a committed change’s job to Redis and empties the outbox; the API process does not run it', async () => {
      const region = await makeRegion(t.dataSource);
      const http = await signInAsAdmin(t);
      const res = await http
        .post('/api/v1/branches')
        .set('X-Request-Id', 'outbox-req-1')
        .send(branchBody(region.id))
        .expect(201);
      await t.app.get(JobOutbox).flush();
      const job = await queue.getJob(`branch.${res.body.id}.created.region.${region.id}`);
      expect(job?.name).toBe(JobName.RecountRegionBranches);
      // The payload, and beside it the request's trace, kept by the outbox row and relayed with the job.
      expect(job?.data).toEqual({
        regionId: region.id,
        [TRACE_FIELD]: { requestId: 'outbox-req-1', actorId: http.userId },
      });
      expect(await job?.getState()).toBe('waiting');
      expect(await t.dataSource.getRepository(JobOutboxEntity).count()).toBe(0);
    });

    it('drops the job of a change that rolled back', async () => {
      const cls = t.app.get(ClsService);
      const txHost = t.app.get(TransactionHost);
      const outbox = t.app.get(JobOutbox);
      await expect(
        cls.run(() =>
          txHost.withTransaction(async () => {
            await outbox.enqueue(JobName.RecountRegionBranches, { regionId: 'r' }, { jobId: 'rolled-back' });
            throw new Error('business rule failed');
          }),
        ),
      ).rejects.toThrow('business rule failed');
      await outbox.flush();
      expect(await queue.getJob('rolled-back')).toBeUndefined();
    });

    it('refuses to enqueue outside a transaction', async () => {
      const outbox = t.app.get(JobOutbox);
      await expect(
        t.app
          .get(ClsService)
          .run(() => outbox.enqueue(JobName.RecountRegionBranches, { regionId: 'r' }, { jobId: 'x' })),
      ).rejects.toThrow(/outside a transaction/);
    });
  });

  describe('with Redis down', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
      await t.dataSource.query('DELETE FROM job_outbox');
    });
    afterAll(() => t.close());

    it('still saves the change, keeps its job in the outbox, and reports not ready', async () => {
      const region = await makeRegion(t.dataSource);
      // Sessions live in Redis too, so this use case runs as the service (as a job or a CLI would).
      await t.app
        .get(ClsService)
        .run(() => t.app.get(BranchesService).create(branchBody(region.id) as CreateBranchDto));
      await expect(t.app.get(JobOutbox).flush()).rejects.toThrow(/Redis is not reachable/);
      expect(await t.dataSource.getRepository(JobOutboxEntity).count()).toBe(1);
      const http = request(t.app.getHttpServer());
      const ready = await http.get('/api/ready').expect(503);
      expect(ready.body).toMatchObject({
        status: 'not_ready',
        checks: { database: { status: 'up' }, redis: { status: 'down' } },
      });
    });

    it('answers a signed-in request 503, not 500, while the session store is unreachable', async () => {
      const res = await request(t.app.getHttpServer())
        .get('/api/v1/branches')
        .set('Cookie', 'brevet_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'service_unavailable' });
    });
  });
});
