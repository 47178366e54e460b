import type { ComplianceMatrix, ComplianceRulePage, ComplianceSummary } from '@brevet/contracts';
import { signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { Clock } from '../common/clock';
import { DEMO_TODAY } from '../seed/demo-awards';
import { DemoSeedService } from '../seed/demo-seed.service';
import { DEMO_COMPLIANCE_RULES } from './demo-compliance-rules';
import { DemoComplianceSeed } from './demo-compliance-seed';

/** The demo company's rules on top of the demo seed, as HR sees them on the seed's reference day. */
describe('demo compliance rules (real PostgreSQL)', () => {
  let t: TestApp;
  let http: SignedInAgent;

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(`${DEMO_TODAY}T10:00:00Z`));
    await resetDatabase(t);
    await t.app.get(DemoSeedService).seedIfEmpty();
    await t.app.get(DemoComplianceSeed).seed();
    http = await signInAsAdmin(t);
  }, 120_000);
  afterAll(async () => {
    await resetDatabase(t);
    await t.close();
  });

  it('adds every rule once', async () => {
    const rules = (await http.get('/api/v1/compliance/rules?pageSize=100').expect(200))
      .body as ComplianceRulePage;
    expect(rules.total).toBe(DEMO_COMPLIANCE_RULES.length);
    expect(await t.app.get(DemoComplianceSeed).seed()).toBe(0);
  });

  it('gives a realistic picture: mostly compliant, with every status somewhere', async () => {
    const summary = (await http.get('/api/v1/compliance/summary').expect(200)).body as ComplianceSummary;
    const { totals } = summary;
    expect(totals.total).toBeGreaterThan(500);
    expect(totals.rate).toBeGreaterThan(0.6);
    expect(totals.rate).toBeLessThan(0.98);
    for (const key of ['compliant', 'expiring', 'expired', 'missingOverdue', 'missingInGrace'] as const)
      expect(totals[key]).toBeGreaterThan(0);
    expect(summary.regions.map((r) => r.region.code)).toEqual(['ALPS', 'DE-NORTH', 'DE-SOUTH', 'EU', 'PL']);
    const matrix = (await http.get('/api/v1/compliance/matrix?pageSize=100').expect(200))
      .body as ComplianceMatrix;
    expect(matrix.total).toBe(12);
    expect(matrix.columns.map((c) => c.code)).toContain('HACCP');
  });
});
