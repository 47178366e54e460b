import type { AwardPage, CredentialPage, StaffCredentials } from '@brevet/contracts';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { Clock } from '../common/clock';
import { DEMO_TODAY } from './demo-awards';
import { DemoSeedService } from './demo-seed.service';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';

/** The demo company as a visitor sees it on the seed's reference day. */
describe('demo seed (real PostgreSQL)', () => {
  let t: TestApp;
  let http: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    http = await signInAsAdmin(t);
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(`${DEMO_TODAY}T10:00:00Z`));
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    await t.app.get(DemoSeedService).seedIfEmpty();
  }, 120_000);
  afterAll(async () => {
    await resetDatabase(t);
    http = await signInAsAdmin(t);
    await t.close();
  });

  const total = async (query: string) =>
    ((await http.get(`/api/v1/awards?pageSize=1&${query}`).expect(200)).body as AwardPage).total;

  it('has a catalogue of about 15 credentials with versions, badges and every status', async () => {
    const catalogue = (await http.get('/api/v1/credentials?pageSize=100').expect(200)).body as CredentialPage;
    expect(catalogue.items.length).toBeGreaterThanOrEqual(15);
    expect(new Set(catalogue.items.map((c) => c.status))).toEqual(
      new Set(['published', 'draft', 'archived']),
    );
    expect(catalogue.items.every((c) => c.hasBadge)).toBe(true);
    expect(catalogue.items.find((c) => c.code === 'FIRST-AID')).toMatchObject({
      currentVersion: 2,
      validityMonths: 24,
    });
    expect(catalogue.items.find((c) => c.code === 'GERMAN-B1')).toMatchObject({
      validityMonths: null,
      awardingBody: { name: 'Goethe-Institut', country: 'DE' },
    });
    const badge = catalogue.items[0];
    const png = await http.get(`/api/v1/credentials/${badge.id}/badge`).expect(200);
    expect(png.headers['content-type']).toBe('image/png');
  });

  it('has awards with a realistic spread of effective statuses', async () => {
    const all = await total('');
    const current = all - (await total('status=superseded'));
    const valid = await total('status=valid');
    const expired = await total('status=expired');
    const revoked = await total('status=revoked');
    const soon = await total('expiringWithinDays=60');
    if (process.env['SEED_STATS']) {
      process.stdout.write(
        JSON.stringify({
          all,
          current,
          valid,
          expired,
          revoked,
          soon,
          expiring: await total('status=expiring'),
        }) + '\n',
      );
    }
    // Of the awards that count (not superseded by a renewal):
    expect(valid / current).toBeGreaterThan(0.65);
    expect(soon / current).toBeGreaterThan(0.06);
    expect(soon / current).toBeLessThan(0.16);
    expect(expired / current).toBeGreaterThan(0.06);
    expect(expired / current).toBeLessThan(0.16);
    expect(revoked).toBeGreaterThan(3);
    expect(revoked / current).toBeLessThan(0.03);
    expect(await total('status=superseded')).toBeGreaterThan(200);
    expect(await total('status=not_yet_valid')).toBe(0);

    // Awards issued before FIRST-AID version 2 (2025-03-01) keep version 1.
    const [versions] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE v.version = 1 AND a.issued_on < '2025-03-01')::int AS v1_before,
              count(*) FILTER (WHERE v.version = 2 AND a.issued_on >= '2025-03-01')::int AS v2_after,
              count(*) FILTER (WHERE (v.version = 1) <> (a.issued_on < '2025-03-01'))::int AS mismatched
         FROM award a JOIN credential_definition d ON d.id = a.definition_id
         JOIN credential_definition_version v ON v.id = a.definition_version_id
        WHERE d.code = 'FIRST-AID'`,
    );
    expect(versions.v1_before).toBeGreaterThan(0);
    expect(versions.v2_after).toBeGreaterThan(0);
    expect(versions.mismatched).toBe(0);
  });

  it('gives people the credentials their roles need', async () => {
    const forkliftDrivers: Array<{ id: string; holds: boolean }> = await t.dataSource.query(
      `SELECT s.id, EXISTS (SELECT 1 FROM award a JOIN credential_definition d ON d.id = a.definition_id
                             WHERE a.staff_id = s.id AND d.code = 'FORKLIFT-LICENCE') AS holds
         FROM staff s JOIN staff_role_period p ON p.staff_id = s.id AND p.valid_to IS NULL
         JOIN job_role r ON r.id = p.job_role_id AND r.code = 'FORKLIFT'
        WHERE s.hire_date < '2026-09-01'`,
    );
    expect(forkliftDrivers.length).toBeGreaterThan(20);
    expect(forkliftDrivers.filter((d) => d.holds).length / forkliftDrivers.length).toBeGreaterThan(0.9);
    const [{ gdpr, people }] = await t.dataSource.query(
      `SELECT count(DISTINCT a.staff_id)::int AS gdpr, (SELECT count(*)::int FROM staff) AS people
         FROM award a JOIN credential_definition d ON d.id = a.definition_id WHERE d.code = 'GDPR-BASICS'`,
    );
    expect(gdpr / people).toBeGreaterThan(0.8);

    const someone = forkliftDrivers.find((d) => d.holds) as { id: string };
    const page = (await http.get(`/api/v1/staff/${someone.id}/credentials`).expect(200))
      .body as StaffCredentials;
    expect(page.items.map((i) => i.credential.code)).toContain('FORKLIFT-LICENCE');
  });
});
