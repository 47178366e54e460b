import type { AuditPage, AuditVerifyResult } from '@brevet/contracts';
import request from 'supertest';
import { signInAs } from '../../test/support/auth';
import { resetDatabase, type TestApp, createTestApp } from '../../test/support/test-app';
import { AuditLog } from './audit-log.service';

/** The audit routes over real HTTP: who may read the log, validation, and the response shapes. */
describe('audit routes (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await resetDatabase(t);
    const log = t.app.get(AuditLog);
    await log.record({ action: 'award.issued', target: { type: 'award', id: 'a-1', label: 'Forklift B' } });
    await log.record({ action: 'award.revoked', target: { type: 'award', id: 'a-1', label: 'Forklift B' } });
    await log.record({ action: 'settings.changed', outcome: 'failure' });
  });

  const ROUTES = ['/api/v1/audit', '/api/v1/audit/verify', '/api/v1/audit/export.csv'];

  it.each(ROUTES)('%s answers 401 without a session', async (route) => {
    await request(t.app.getHttpServer()).get(route).expect(401);
  });

  it.each(ROUTES)('%s answers 403 to a signed-in person without audit.read', async (route) => {
    for (const role of ['none', 'branch_manager', 'regional_manager'] as const) {
      await (await signInAs(t, role)).get(route).expect(403);
    }
  });

  it('lets an auditor and an HR admin search, newest first, with several actions', async () => {
    for (const role of ['auditor', 'hr_admin'] as const) {
      const agent = await signInAs(t, role);
      const res = await agent.get('/api/v1/audit?action=award.issued,award.revoked&pageSize=1').expect(200);
      const page = res.body as AuditPage;
      expect(page).toMatchObject({ total: 2, page: 1, pageSize: 1 });
      expect(page.items[0]).toMatchObject({ action: 'award.revoked', target: { type: 'award', id: 'a-1' } });
      const repeated = await agent
        .get('/api/v1/audit?action=award.issued&action=settings.changed')
        .expect(200);
      expect((repeated.body as AuditPage).items.map((e) => e.action)).toEqual([
        'settings.changed',
        'award.issued',
      ]);
    }
  });

  it.each([
    ['a page larger than 200', 'pageSize=201', 'pageSize'],
    ['an unknown action', 'action=award.issued,award.stolen', 'action'],
    ['an actor that is not a UUID', 'actorUserId=admin', 'actorUserId'],
    ['a date that is not ISO 8601', 'from=yesterday', 'from'],
    ['an unknown outcome', 'outcome=maybe', 'outcome'],
    ['an unknown sort', 'sort=actor', 'sort'],
    ['an unknown parameter', 'limit=5', 'limit'],
  ])('refuses %s with 400', async (_name, queryString, field) => {
    const agent = await signInAs(t, 'auditor');
    const res = await agent.get(`/api/v1/audit?${queryString}`).expect(400);
    expect(res.body).toMatchObject({ code: 'validation_failed' });
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
  });

  it('verifies the chain and records that the auditor did', async () => {
    const agent = await signInAs(t, 'auditor');
    const res = await agent.get('/api/v1/audit/verify').expect(200);
    const result = res.body as AuditVerifyResult;
    expect(result).toMatchObject({ ok: true });
    expect(result.entriesChecked).toBeGreaterThanOrEqual(3);
    const recorded = await agent.get('/api/v1/audit?action=audit.verified').expect(200);
    const [entry] = (recorded.body as AuditPage).items;
    expect(entry.actor.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entry.actor.label).not.toBe('system');
    expect(entry.requestId).toBeTruthy();
  });

  it('exports CSV as an attachment (UTF-8 with BOM) and records the export with the auditor as actor', async () => {
    const agent = await signInAs(t, 'auditor');
    const res = await agent.get('/api/v1/audit/export.csv?action=award.issued').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.text.startsWith('\uFEFFsequence,occurred_at,')).toBe(true);
    expect(res.text).toContain(',award.issued,success,award,a-1,Forklift B,');
    const recorded = await agent.get('/api/v1/audit?action=export.created').expect(200);
    const [entry] = (recorded.body as AuditPage).items;
    expect(entry).toMatchObject({
      outcome: 'success',
      details: { format: 'csv', filters: { action: ['award.issued'] } },
    });
    expect(entry.actor.userId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses the export to a manager without recording one', async () => {
    await (await signInAs(t, 'regional_manager')).get('/api/v1/audit/export.csv').expect(403);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'export.created'`,
    );
    expect(n).toBe(0);
  });
});
