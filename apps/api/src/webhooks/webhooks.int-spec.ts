import {
  WEBHOOK_HEADERS,
  type Award,
  type ProblemDetails,
  type WebhookDelivery,
  type WebhookDeliveryPage,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from '@brevet/contracts';
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makePeople, makePublishedCredential } from '../../test/support/credential-factories';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import {
  createTestApp,
  eventually,
  resetDatabase,
  settleJobs,
  type TestApp,
} from '../../test/support/test-app';
import { HttpsReceiver, makeTestTls, type ReceivedRequest } from '../../test/webhooks/https-receiver';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { WebhooksService } from './webhooks.service';

/** What a receiver does (docs/webhooks.md): recompute the HMAC over `<timestamp>.<body>`, compare in constant time. */
function verifySignature(secret: string, request: ReceivedRequest): boolean {
  const timestamp = String(request.headers[WEBHOOK_HEADERS.timestamp]);
  const signature = String(request.headers[WEBHOOK_HEADERS.signature]);
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${request.body}`).digest('hex')}`;
  return (
    signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
  );
}

describe('webhooks (real HTTPS receiver, real PostgreSQL)', () => {
  let t: TestApp;
  let http: SignedInAgent;
  let receiver: HttpsReceiver;
  let baseUrl: string;
  let tmp: string;

  beforeAll(async () => {
    const tls = makeTestTls();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-webhooks-'));
    const caFile = path.join(tmp, 'ca.pem');
    fs.writeFileSync(caFile, tls.caPem);
    t = await createTestApp({
      WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true',
      WEBHOOK_CA_FILE: caFile,
      WEBHOOK_RETRY_BASE_MS: '300',
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_TIMEOUT_MS: '3000',
    });
    receiver = new HttpsReceiver(tls);
    baseUrl = await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    receiver.requests.length = 0;
    receiver.respond = () => ({ status: 200, body: 'ok' });
    (t.app.get(AppConfig).webhooks as { allowPrivateHosts: boolean }).allowPrivateHosts = true;
  });

  const register = async (events: string[], extra: object = {}) =>
    (
      await http
        .post('/api/v1/webhooks')
        .send({ url: `${baseUrl}/hook`, description: 'HR system', events, ...extra })
        .expect(201)
    ).body as WebhookEndpointWithSecret;
  const deliveries = async (endpointId: string) =>
    ((await http.get(`/api/v1/webhooks/${endpointId}/deliveries`).expect(200)).body as WebhookDeliveryPage)
      .items;
  const settledDeliveries = (endpointId: string, count: number) =>
    eventually(async () => {
      await settleJobs(t);
      const items = await deliveries(endpointId);
      return items.length >= count && items.every((d) => d.status !== 'pending') ? items : null;
    }, 15_000);
  const issueAward = async () => {
    const person = (await makePeople(t.dataSource, http, 1)).people[0];
    const credential = await makePublishedCredential(http);
    const award = (
      await http
        .post('/api/v1/awards')
        .send({
          staffId: person.id,
          definitionId: credential.id,
          completedOn: '2026-01-15',
          issuer: 'HR admin',
        })
        .expect(201)
    ).body as Award;
    return { award, person, credential };
  };

  it('shows the secret once, keeps it encrypted, and signs a test event the receiver can verify', async () => {
    const { endpoint, secret } = await register(['credential.issued']);
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint.secretHint).toBe(secret.slice(-4));
    const shown = (await http.get(`/api/v1/webhooks/${endpoint.id}`).expect(200)).body as WebhookEndpoint;
    expect(JSON.stringify(shown)).not.toContain(secret);
    const [stored] = await t.dataSource.query(`SELECT secret_encrypted FROM webhook_endpoint WHERE id = $1`, [
      endpoint.id,
    ]);
    expect(stored.secret_encrypted).not.toContain(secret.slice(6));

    const { deliveryId } = (await http.post(`/api/v1/webhooks/${endpoint.id}/test`).expect(202)).body as {
      deliveryId: string;
    };
    const [delivery] = await settledDeliveries(endpoint.id, 1);
    expect(receiver.requests).toHaveLength(1);
    const request = receiver.requests[0];
    expect(request.headers[WEBHOOK_HEADERS.event]).toBe('webhook.test');
    expect(request.headers[WEBHOOK_HEADERS.delivery]).toBe(deliveryId);
    expect(request.headers['content-type']).toBe('application/json');
    expect(verifySignature(secret, request)).toBe(true);
    expect(verifySignature('whsec_wrong', request)).toBe(false);
    expect(JSON.parse(request.body)).toMatchObject({
      type: 'webhook.test',
      data: { endpoint: { id: endpoint.id } },
    });
    expect(delivery).toMatchObject({ id: deliveryId, status: 'succeeded', attempts: 1, body: request.body });
    expect(delivery.attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 200, responseBody: 'ok', error: null }),
    ]);
  });

  it('delivers credential.issued and credential.revoked, written with the award', async () => {
    const { endpoint, secret } = await register(['credential.issued', 'credential.revoked']);
    const { award, person, credential } = await issueAward();
    await http.post(`/api/v1/awards/${award.id}/revoke`).send({ reason: 'Issued by mistake' }).expect(200);
    const items = await settledDeliveries(endpoint.id, 2);
    expect(items.map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
    const bodies = receiver.requests.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.type).sort()).toEqual(['credential.issued', 'credential.revoked']);
    const issued = bodies.find((b) => b.type === 'credential.issued');
    expect(issued.data).toMatchObject({
      award: { id: award.id, issuedOn: '2026-01-15' },
      credential: { id: credential.id, code: credential.code },
      staff: { id: person.id, employeeNumber: person.employeeNumber },
    });
    expect(receiver.requests.every((r) => verifySignature(secret, r))).toBe(true);
  });

  it('retries a failing receiver with growing delays, logs each response cut at 2 KB, then fails', async () => {
    receiver.respond = () => ({ status: 500, body: 'x'.repeat(5000) });
    const { endpoint } = await register(['credential.issued']);
    await http.post(`/api/v1/webhooks/${endpoint.id}/test`).expect(202);
    const [delivery] = await settledDeliveries(endpoint.id, 1);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toBe(3);
    expect(delivery.attemptLog.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
    ]);
    expect(delivery.attemptLog.every((a) => a.responseBody?.length === 2048)).toBe(true);
    expect(receiver.requests).toHaveLength(3);
    const [a, b, c] = receiver.requests.map((r) => r.at);
    expect(b - a).toBeGreaterThanOrEqual(300);
    expect(c - b).toBeGreaterThanOrEqual(600);
    expect(c - b).toBeGreaterThan(b - a);
    // Every attempt carries the same delivery ID and body.
    expect(new Set(receiver.requests.map((r) => r.headers[WEBHOOK_HEADERS.delivery])).size).toBe(1);
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);

    // Redeliver: a new delivery of the same event, which now succeeds.
    receiver.respond = () => ({ status: 204, body: '' });
    const again = (
      await http.post(`/api/v1/webhooks/${endpoint.id}/deliveries/${delivery.id}/redeliver`).expect(202)
    ).body as { deliveryId: string };
    const items = await settledDeliveries(endpoint.id, 2);
    const redelivered = items.find((d) => d.id === again.deliveryId) as WebhookDelivery;
    expect(redelivered).toMatchObject({
      status: 'succeeded',
      redeliveryOf: delivery.id,
      eventId: delivery.eventId,
    });
    expect(receiver.requests.at(-1)?.body).toBe(receiver.requests[0].body);
  });

  it('sends nothing to a disabled endpoint', async () => {
    const { endpoint } = await register(['credential.issued'], { enabled: false });
    await issueAward();
    await settleJobs(t);
    expect(await deliveries(endpoint.id)).toEqual([]);
    const refused = await http.post(`/api/v1/webhooks/${endpoint.id}/test`).expect(409);
    expect((refused.body as ProblemDetails).code).toBe('webhook.disabled');
    await settleJobs(t);
    expect(receiver.requests).toHaveLength(0);
  });

  it('issues the award even when the endpoint is down', async () => {
    const down = (
      await http
        .post('/api/v1/webhooks')
        .send({ url: 'https://127.0.0.1:9/hook', events: ['credential.issued'] })
        .expect(201)
    ).body as WebhookEndpointWithSecret;
    const { award } = await issueAward();
    expect((await http.get(`/api/v1/awards/${award.id}`).expect(200)).body).toMatchObject({ id: award.id });
    const [delivery] = await settledDeliveries(down.endpoint.id, 1);
    expect(delivery.status).toBe('failed');
    expect(delivery.attemptLog[0]).toMatchObject({
      statusCode: null,
      error: expect.stringMatching(/ECONNREFUSED|connect/),
    });
  });

  it('rotating the secret signs with the new one only', async () => {
    const { endpoint, secret: old } = await register(['credential.issued']);
    const rotated = (await http.post(`/api/v1/webhooks/${endpoint.id}/rotate-secret`).expect(200))
      .body as WebhookEndpointWithSecret;
    expect(rotated.secret).not.toBe(old);
    await http.post(`/api/v1/webhooks/${endpoint.id}/test`).expect(202);
    await settledDeliveries(endpoint.id, 1);
    expect(verifySignature(rotated.secret, receiver.requests[0])).toBe(true);
    expect(verifySignature(old, receiver.requests[0])).toBe(false);
  });

  describe('SSRF', () => {
    it('refuses non-https URLs, and private hosts unless allowed', async () => {
      for (const url of ['http://example.com/hook', `${baseUrl.replace('https', 'http')}/hook`]) {
        const res = await http
          .post('/api/v1/webhooks')
          .send({ url, events: ['credential.issued'] })
          .expect(400);
        expect((res.body as ProblemDetails).code).toBe('webhook.url_refused');
      }
      (t.app.get(AppConfig).webhooks as { allowPrivateHosts: boolean }).allowPrivateHosts = false;
      for (const url of [
        `${baseUrl}/hook`,
        'https://169.254.169.254/latest',
        'https://[::1]/hook',
        'https://localhost/x',
      ]) {
        const res = await http
          .post('/api/v1/webhooks')
          .send({ url, events: ['credential.issued'] })
          .expect(400);
        expect((res.body as ProblemDetails).code).toBe('webhook.url_refused');
      }
    });

    it('checks the resolved address again when sending', async () => {
      const { endpoint } = await register(['credential.issued']);
      await http
        .patch(`/api/v1/webhooks/${endpoint.id}`)
        .send({ url: `${baseUrl.replace('127.0.0.1', 'localhost')}/hook` })
        .expect(200);
      (t.app.get(AppConfig).webhooks as { allowPrivateHosts: boolean }).allowPrivateHosts = false;
      await http.post(`/api/v1/webhooks/${endpoint.id}/test`).expect(202);
      const [delivery] = await settledDeliveries(endpoint.id, 1);
      expect(delivery.status).toBe('failed');
      expect(delivery.attemptLog[0].error).toMatch(/private address/);
      expect(receiver.requests).toHaveLength(0);
    });
  });

  it('reports an expired credential once, from the daily check', async () => {
    const { endpoint } = await register(['credential.expired']);
    const { award } = await issueAward(); // 2026-01-15 + 12 months: last valid day 2027-01-15
    const clock = jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date('2027-01-17T05:00:00Z'));
    try {
      const service = t.app.get(WebhooksService);
      expect(await service.dailyCheck()).toMatchObject({ expired: 1 });
      expect(await service.dailyCheck()).toMatchObject({ expired: 0 });
    } finally {
      clock.mockRestore();
    }
    const items = await settledDeliveries(endpoint.id, 1);
    expect(items).toHaveLength(1);
    expect(JSON.parse(items[0].body)).toMatchObject({
      type: 'credential.expired',
      data: { award: { id: award.id, validUntil: '2027-01-15' }, expiredOn: '2027-01-16' },
    });
  });

  it('reports a branch crossing the compliance threshold only when it crosses', async () => {
    const { endpoint } = await register(['compliance.threshold_crossed'], { complianceThresholdPercent: 90 });
    const { branchId } = await makePeople(t.dataSource, http, 0);
    const setCounts = (compliant: number) =>
      t.dataSource.query(
        `INSERT INTO compliance_branch_total (branch_id, counted_on, valid_through, total, compliant, expiring, expired,
                                              missing_overdue, missing_in_grace, exempt, definition_ids)
         VALUES ($1, '2026-11-01', NULL, 10, $2, 0, 10 - $2, 0, 0, 0, '{}')
         ON CONFLICT (branch_id) DO UPDATE SET compliant = excluded.compliant, expired = excluded.expired`,
        [branchId, compliant],
      );
    const service = t.app.get(WebhooksService);
    await setCounts(8);
    expect(await service.dailyCheck()).toMatchObject({ crossings: 1 });
    await setCounts(7);
    expect(await service.dailyCheck()).toMatchObject({ crossings: 0 });
    await setCounts(10);
    // A crossing back up on the same day is its own event.
    expect(await service.dailyCheck()).toMatchObject({ crossings: 1 });
    const items = await settledDeliveries(endpoint.id, 2);
    const bodies = items.map((d) => JSON.parse(d.body)).reverse();
    expect(bodies.map((b) => [b.data.direction, b.data.ratePercent])).toEqual([
      ['below', 80],
      ['recovered', 100],
    ]);
    expect(bodies[0].data).toMatchObject({ branch: { id: branchId }, thresholdPercent: 90 });
  });
});
