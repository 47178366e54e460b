import type {
  Award,
  ComplianceExemption,
  ComplianceImpact,
  ComplianceMatrix,
  ComplianceRequirementPage,
  ComplianceRule,
  ComplianceRulePage,
  ComplianceStatus,
  ComplianceSummary,
  CreateComplianceRuleRequest,
  CredentialDetail,
  ProblemDetails,
  StaffDetail,
} from '@brevet/contracts';
import request from 'supertest';
import { signInAs, signInAsAdmin, type SignedInAgent } from '../../test/support/auth';
import { makePublishedCredential } from '../../test/support/credential-factories';
import { makeBranch, makeJobRole, makeRegion, staffBody } from '../../test/support/factories';
import { createTestApp, resetDatabase, type TestApp } from '../../test/support/test-app';
import { Clock } from '../common/clock';

/** "Now" unless a test moves it: 1 November 2026, 11:00 in Berlin. */
const NOW = new Date('2026-11-01T10:00:00Z');
const RULES = '/api/v1/compliance/rules';
const EXEMPTIONS = '/api/v1/compliance/exemptions';

describe('compliance over HTTP (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: SignedInAgent;
  let now: Date;
  // EU > North (Hamburg, Bremen; Berlin time) and EU > Alps (Wien); New York on its own region under EU.
  let org: {
    eu: string;
    north: string;
    alps: string;
    ham: string;
    bre: string;
    vie: string;
    nyc: string;
    forklift: string;
    warehouse: string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => now);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    now = NOW;
    await resetDatabase(t);
    admin = await signInAsAdmin(t);
    const db = t.dataSource;
    const eu = await makeRegion(db, { code: 'EU' });
    const north = await makeRegion(db, { code: 'NORTH', parentId: eu.id });
    const alps = await makeRegion(db, { code: 'ALPS', parentId: eu.id });
    const usa = await makeRegion(db, { code: 'USA', parentId: eu.id });
    org = {
      eu: eu.id,
      north: north.id,
      alps: alps.id,
      ham: (await makeBranch(db, north.id, { code: 'HAM', name: 'Hamburg' })).id,
      bre: (await makeBranch(db, north.id, { code: 'BRE', name: 'Bremen' })).id,
      vie: (await makeBranch(db, alps.id, { code: 'VIE', name: 'Wien', timezone: 'Europe/Vienna' })).id,
      nyc: (await makeBranch(db, usa.id, { code: 'NYC', name: 'New York', timezone: 'America/New_York' })).id,
      forklift: (await makeJobRole(db, 'FORKLIFT')).id,
      warehouse: (await makeJobRole(db, 'WAREHOUSE')).id,
    };
  });

  const hire = async (branchId: string, roles: string[] = [], hireDate = '2024-03-01') =>
    (
      await admin
        .post('/api/v1/staff')
        .send(staffBody(branchId, roles, { hireDate }))
        .expect(201)
    ).body as StaffDetail;
  const credential = (validityMonths: number | null = 12) =>
    makePublishedCredential(admin, {
      validity: {
        validityMonths,
        recertification: { window: { months: 2 }, expiryBasis: 'completion', fixedExpiry: null },
      },
    });
  const ruleBody = (definitionId: string, overrides: Partial<CreateComplianceRuleRequest> = {}) => ({
    definitionId,
    jobRoleId: null,
    area: 'company',
    dueDays: 30,
    warningDays: 60,
    effectiveFrom: '2020-01-01',
    ...overrides,
  });
  const addRule = async (definitionId: string, overrides: Partial<CreateComplianceRuleRequest> = {}) =>
    (await admin.post(RULES).send(ruleBody(definitionId, overrides)).expect(201)).body as ComplianceRule;
  const issue = async (staffId: string, definitionId: string, completedOn: string) =>
    (
      await admin
        .post('/api/v1/awards')
        .send({ staffId, definitionId, completedOn, issuer: 'HR admin' })
        .expect(201)
    ).body as Award;
  const requirements = async (agent: SignedInAgent, query: Record<string, string | number> = {}) =>
    (
      await agent
        .get('/api/v1/compliance/requirements')
        .query({ pageSize: 100, ...query })
        .expect(200)
    ).body as ComplianceRequirementPage;
  /** Each person's status for one credential, by employee number. */
  const statusesOf = async (definitionId: string, agent = admin) =>
    Object.fromEntries(
      (await requirements(agent, { definitionId })).items.map((r) => [r.staff.employeeNumber, r.status]),
    ) as Record<string, ComplianceStatus>;

  describe('every status, end to end', () => {
    it('decides compliant, expiring, expired, missing and overdue, in grace and exempt, and keeps deciding as time passes', async () => {
      const gdpr = await credential(12);
      await addRule(gdpr.id, { dueDays: 30, warningDays: 60 });
      const compliant = await hire(org.ham);
      const expiring = await hire(org.ham);
      const expired = await hire(org.ham);
      const missing = await hire(org.ham);
      const newcomer = await hire(org.ham, [], '2026-10-20');
      const exempted = await hire(org.ham);
      const revoked = await hire(org.ham);
      const current = await issue(compliant.id, gdpr.id, '2026-10-01'); // valid until 2027-10-01
      await issue(expiring.id, gdpr.id, '2025-12-01'); // valid until 2026-12-01: 30 days left
      await issue(expired.id, gdpr.id, '2025-10-15'); // valid until 2026-10-15
      const withdrawn = await issue(revoked.id, gdpr.id, '2026-10-01');
      await admin
        .post(`/api/v1/awards/${withdrawn.id}/revoke`)
        .send({ reason: 'Issued in error.' })
        .expect(200);
      const exemption = (
        await admin
          .post(EXEMPTIONS)
          .send({
            staffId: exempted.id,
            definitionId: gdpr.id,
            reason: 'Long-term sick leave',
            until: '2026-12-31',
          })
          .expect(201)
      ).body as ComplianceExemption;
      expect(exemption).toMatchObject({ until: '2026-12-31', active: true, grantedBy: 'Test HR admin' });

      expect(await statusesOf(gdpr.id)).toEqual({
        [compliant.employeeNumber]: 'compliant',
        [expiring.employeeNumber]: 'expiring',
        [expired.employeeNumber]: 'expired',
        [missing.employeeNumber]: 'missing_overdue',
        [newcomer.employeeNumber]: 'missing_in_grace',
        [exempted.employeeNumber]: 'exempt',
        [revoked.employeeNumber]: 'missing_overdue',
      });
      const rows = (await requirements(admin, { definitionId: gdpr.id })).items;
      expect(rows.find((r) => r.staff.id === compliant.id)).toMatchObject({
        today: '2026-11-01',
        dueOn: '2024-03-31',
        warningDays: 60,
        award: { id: current.id, issuedOn: '2026-10-01', validUntil: '2027-10-01', daysLeft: 334 },
        exemption: null,
        branch: { id: org.ham, code: 'HAM' },
        credential: { id: gdpr.id, code: gdpr.code },
      });
      expect(rows.find((r) => r.staff.id === newcomer.id)).toMatchObject({
        dueOn: '2026-11-19',
        award: null,
      });
      expect(rows.find((r) => r.staff.id === exempted.id)?.exemption).toEqual({
        id: exemption.id,
        until: '2026-12-31',
        reason: 'Long-term sick leave',
      });
      // Worst first by default.
      expect(rows.map((r) => r.status)).toEqual([
        'missing_overdue',
        'missing_overdue',
        'expired',
        'missing_in_grace',
        'expiring',
        'compliant',
        'exempt',
      ]);

      const summary = (await admin.get('/api/v1/compliance/summary').expect(200)).body as ComplianceSummary;
      expect(summary.totals).toEqual({
        total: 7,
        compliant: 1,
        expiring: 1,
        expired: 1,
        missingOverdue: 2,
        missingInGrace: 1,
        exempt: 1,
        rate: 0.4, // 2 met of the 5 due (in grace and exempt are not due)
      });
      expect(summary.credentials.map((c) => [c.credential.code, c.counts.total])).toEqual([[gdpr.code, 7]]);
      expect(summary.regions.map((r) => [r.region.code, r.counts.total])).toEqual([
        ['EU', 7],
        ['NORTH', 7],
      ]);
      const matrix = (await admin.get('/api/v1/compliance/matrix').expect(200)).body as ComplianceMatrix;
      expect(matrix).toMatchObject({ total: 1, page: 1, columns: [{ id: gdpr.id, code: gdpr.code }] });
      expect(matrix.rows[0]).toMatchObject({
        branch: { id: org.ham, code: 'HAM', regionId: org.north },
        totals: summary.totals,
        cells: [{ definitionId: gdpr.id, counts: summary.totals }],
      });

      const expiringSoon = async (withinDays: number) =>
        (
          (await admin.get('/api/v1/compliance/expiring').query({ withinDays }).expect(200))
            .body as ComplianceRequirementPage
        ).items.map((r) => r.staff.id);
      expect(await expiringSoon(30)).toEqual([expiring.id]);
      expect(await expiringSoon(29)).toEqual([]);
      expect(await expiringSoon(365)).toEqual([expiring.id, compliant.id]);

      // Three weeks on: the newcomer's grace period is over.
      now = new Date('2026-11-20T10:00:00Z');
      expect((await statusesOf(gdpr.id))[newcomer.employeeNumber]).toBe('missing_overdue');
      // After New Year in Berlin: the exemption has ended, and the expiring certificate has expired.
      now = new Date('2026-12-31T23:00:00Z');
      const later = await statusesOf(gdpr.id);
      expect(later[exempted.employeeNumber]).toBe('missing_overdue');
      expect(later[expiring.employeeNumber]).toBe('expired');
      expect(
        (
          (await admin.get(EXEMPTIONS).query({ activeOnly: true }).expect(200)).body as {
            total: number;
          }
        ).total,
      ).toBe(0);
    });

    it('judges expiry and due days at midnight in the branch’s own time zone', async () => {
      const gdpr = await credential(12);
      await addRule(gdpr.id, { dueDays: 30, warningDays: 10 });
      const berlin = await hire(org.ham);
      const newYork = await hire(org.nyc);
      const berlinNewcomer = await hire(org.ham, [], '2026-10-02');
      const newYorkNewcomer = await hire(org.nyc, [], '2026-10-02');
      // Valid until 1 November 2026 (the end of that day where each person works); due on 1 November.
      await issue(berlin.id, gdpr.id, '2025-11-01');
      await issue(newYork.id, gdpr.id, '2025-11-01');

      // 04:00 on 2 November in Berlin, 22:00 on 1 November in New York.
      now = new Date('2026-11-02T03:00:00Z');
      expect(await statusesOf(gdpr.id)).toEqual({
        [berlin.employeeNumber]: 'expired',
        [newYork.employeeNumber]: 'expiring',
        [berlinNewcomer.employeeNumber]: 'missing_overdue',
        [newYorkNewcomer.employeeNumber]: 'missing_in_grace',
      });
      // 00:00 on 2 November in New York.
      now = new Date('2026-11-02T05:00:00Z');
      const later = await statusesOf(gdpr.id);
      expect([later[newYork.employeeNumber], later[newYorkNewcomer.employeeNumber]]).toEqual([
        'expired',
        'missing_overdue',
      ]);
    });
  });

  describe('re-evaluation after changes', () => {
    it('follows a rule through create, change and removal', async () => {
      const licence = await credential(null);
      const driver = await hire(org.ham, [org.forklift]);
      const operative = await hire(org.ham, [org.warehouse]);
      const rule = await addRule(licence.id, { jobRoleId: org.forklift, dueDays: 14 });
      expect(await statusesOf(licence.id)).toEqual({ [driver.employeeNumber]: 'missing_overdue' });

      const changed = (
        await admin
          .patch(`${RULES}/${rule.id}`)
          .send({ jobRoleId: org.warehouse, version: rule.version })
          .expect(200)
      ).body as ComplianceRule;
      expect(changed).toMatchObject({
        jobRole: { id: org.warehouse, code: 'WAREHOUSE' },
        version: rule.version + 1,
      });
      expect(await statusesOf(licence.id)).toEqual({ [operative.employeeNumber]: 'missing_overdue' });

      // A generous due period puts them in grace (hired 2024-03-01 + 3650 days).
      await admin.patch(`${RULES}/${rule.id}`).send({ dueDays: 3650 }).expect(200);
      expect(await statusesOf(licence.id)).toEqual({ [operative.employeeNumber]: 'missing_in_grace' });
      // An award makes them compliant; a stale version is refused.
      await issue(operative.id, licence.id, '2026-10-30');
      expect(await statusesOf(licence.id)).toEqual({ [operative.employeeNumber]: 'compliant' });
      const stale = await admin
        .patch(`${RULES}/${rule.id}`)
        .send({ dueDays: 1, version: rule.version })
        .expect(409);
      expect((stale.body as ProblemDetails).code).toBe('version_conflict');

      await admin.delete(`${RULES}/${rule.id}`).expect(204);
      expect(await statusesOf(licence.id)).toEqual({});
      await admin.get(`${RULES}/${rule.id}`).expect(404);
      await admin.delete(`${RULES}/${rule.id}`).expect(404);
    });

    it('follows people moving into a region, within it, and taking up a role', async () => {
      const hazmat = await credential(12);
      const licence = await credential(null);
      await addRule(hazmat.id, { area: 'region', regionId: org.north, dueDays: 30 });
      await addRule(licence.id, { jobRoleId: org.forklift, dueDays: 14 });
      const person = await hire(org.vie, [org.warehouse]);
      expect(await statusesOf(hazmat.id)).toEqual({});

      // Moved to Hamburg on 25 October: 30 days from then.
      await admin
        .patch(`/api/v1/staff/${person.id}`)
        .send({ branchId: org.ham, effectiveFrom: '2026-10-25' })
        .expect(200);
      let [row] = (await requirements(admin, { definitionId: hazmat.id })).items;
      expect(row).toMatchObject({ status: 'missing_in_grace', dueOn: '2026-11-24', branch: { id: org.ham } });
      // On to Bremen, still in the region: the run goes on, no new grace.
      await admin
        .patch(`/api/v1/staff/${person.id}`)
        .send({ branchId: org.bre, effectiveFrom: '2026-10-30' })
        .expect(200);
      [row] = (await requirements(admin, { definitionId: hazmat.id })).items;
      expect(row).toMatchObject({ status: 'missing_in_grace', dueOn: '2026-11-24', branch: { id: org.bre } });

      // Became a forklift driver on 28 October: 14 days.
      await admin
        .patch(`/api/v1/staff/${person.id}`)
        .send({ jobRoleIds: [org.forklift], effectiveFrom: '2026-10-28' })
        .expect(200);
      [row] = (await requirements(admin, { definitionId: licence.id })).items;
      expect(row).toMatchObject({ status: 'missing_in_grace', dueOn: '2026-11-11' });

      // Left: nothing is required any more.
      await admin
        .patch(`/api/v1/staff/${person.id}`)
        .send({ status: 'left', effectiveFrom: '2026-10-31' })
        .expect(200);
      expect((await requirements(admin)).total).toBe(0);
    });
  });

  describe('impact preview', () => {
    it('predicts what saving does, for a new rule, a change and a removal, and saves nothing', async () => {
      const fire = await credential(12);
      const hamPeople = [await hire(org.ham), await hire(org.ham), await hire(org.ham), await hire(org.ham)];
      const viePeople = [await hire(org.vie), await hire(org.vie, [], '2026-10-25')];
      await issue(hamPeople[0].id, fire.id, '2026-09-01');
      await issue(viePeople[0].id, fire.id, '2025-10-01'); // expired on 2026-10-01
      await admin
        .post(EXEMPTIONS)
        .send({ staffId: hamPeople[1].id, definitionId: fire.id, reason: 'Pregnancy', until: '2027-03-31' })
        .expect(201);

      const preview = async (body: object) =>
        (await admin.post(`${RULES}/impact`).send(body).expect(200)).body as ComplianceImpact;
      const draft = ruleBody(fire.id, { dueDays: 14, warningDays: 30 });
      const forNew = await preview({ rule: draft });
      expect(forNew).toEqual({
        // hamPeople[2], hamPeople[3] (overdue), viePeople[0] (expired), viePeople[1] (hired a week ago: in grace)
        becomeNonCompliant: { people: 4, branches: 2, overdueNow: 3, inGrace: 1 },
        alreadyCovered: 2, // hamPeople[0] holds it, hamPeople[1] is exempt
        noLongerRequired: 0,
        requirementsBefore: 0,
        requirementsAfter: 6,
      });
      expect(((await admin.get(RULES).expect(200)).body as ComplianceRulePage).total).toBe(0);

      // Saved, the engine says the same.
      const rule = (await admin.post(RULES).send(draft).expect(201)).body as ComplianceRule;
      const rows = (await requirements(admin, { definitionId: fire.id })).items;
      const notMet = rows.filter((r) =>
        ['missing_overdue', 'expired', 'missing_in_grace'].includes(r.status),
      );
      expect(notMet).toHaveLength(forNew.becomeNonCompliant.people);
      expect(new Set(notMet.map((r) => r.branch.id)).size).toBe(forNew.becomeNonCompliant.branches);
      expect(notMet.filter((r) => r.status !== 'missing_in_grace')).toHaveLength(
        forNew.becomeNonCompliant.overdueNow,
      );
      expect(rows.filter((r) => ['compliant', 'expiring', 'exempt'].includes(r.status))).toHaveLength(
        forNew.alreadyCovered,
      );

      // Narrowing it to Wien: Hamburg is no longer required; nobody gets worse.
      const narrowed = await preview({ ruleId: rule.id, changes: { area: 'branch', branchId: org.vie } });
      expect(narrowed).toEqual({
        becomeNonCompliant: { people: 0, branches: 0, overdueNow: 0, inGrace: 0 },
        alreadyCovered: 0,
        noLongerRequired: 4,
        requirementsBefore: 6,
        requirementsAfter: 2,
      });
      // A shorter due period: the newcomer in Wien would be overdue at once.
      const stricter = await preview({ ruleId: rule.id, changes: { dueDays: 0 } });
      expect(stricter.becomeNonCompliant).toEqual({ people: 1, branches: 1, overdueNow: 1, inGrace: 0 });
      await admin.patch(`${RULES}/${rule.id}`).send({ dueDays: 0 }).expect(200);
      expect((await statusesOf(fire.id))[viePeople[1].employeeNumber]).toBe('missing_overdue');

      const removal = await preview({ ruleId: rule.id, remove: true });
      expect(removal).toMatchObject({ noLongerRequired: 6, requirementsAfter: 0 });
      expect(((await admin.get(RULES).expect(200)).body as ComplianceRulePage).total).toBe(1);

      for (const body of [
        {},
        { rule: draft, ruleId: rule.id },
        { ruleId: rule.id },
        { ruleId: rule.id, remove: true, changes: {} },
      ]) {
        expect(
          ((await admin.post(`${RULES}/impact`).send(body).expect(400)).body as ProblemDetails).code,
        ).toBe('validation_failed');
      }
      await admin
        .post(`${RULES}/impact`)
        .send({ ruleId: '00000000-0000-4000-8000-000000000000', remove: true })
        .expect(404);
    });
  });

  describe('the viewer’s scope', () => {
    let licence: CredentialDetail;
    let hamPerson: StaffDetail;
    let brePerson: StaffDetail;
    let viePerson: StaffDetail;
    let vieRule: ComplianceRule;
    let alpsRule: ComplianceRule;
    let northRule: ComplianceRule;

    beforeEach(async () => {
      licence = await credential(12);
      await addRule(licence.id);
      northRule = await addRule(licence.id, { area: 'region', regionId: org.north, warningDays: 90 });
      alpsRule = await addRule(licence.id, { area: 'region', regionId: org.alps });
      vieRule = await addRule(licence.id, { area: 'branch', branchId: org.vie });
      hamPerson = await hire(org.ham);
      brePerson = await hire(org.bre);
      viePerson = await hire(org.vie);
      await issue(viePerson.id, licence.id, '2026-10-01');
    });

    it('a branch manager sees only their branch in every aggregate and drill-down', async () => {
      const manager = await signInAs(t, 'branch_manager', { branchIds: [org.ham] });
      const summary = (await manager.get('/api/v1/compliance/summary').expect(200)).body as ComplianceSummary;
      expect(summary.totals).toMatchObject({ total: 1, missingOverdue: 1 });
      expect(summary.regions.map((r) => r.region.code)).toEqual(['EU', 'NORTH']);
      const matrix = (await manager.get('/api/v1/compliance/matrix').expect(200)).body as ComplianceMatrix;
      expect(matrix.rows.map((r) => r.branch.id)).toEqual([org.ham]);
      expect(matrix.total).toBe(1);
      expect((await requirements(manager)).items.map((r) => r.staff.id)).toEqual([hamPerson.id]);
      // Asking for another branch, region or person gives nothing, not their data.
      expect(await requirements(manager, { branchId: org.vie })).toMatchObject({ total: 0, items: [] });
      expect(await requirements(manager, { regionId: org.alps })).toMatchObject({ total: 0, items: [] });
      expect(await requirements(manager, { staffId: viePerson.id })).toMatchObject({ total: 0, items: [] });
      const expiring = (
        await manager.get('/api/v1/compliance/expiring').query({ withinDays: 366 }).expect(200)
      ).body as ComplianceRequirementPage;
      expect(expiring.total).toBe(0); // the only award is in Wien
      const otherMatrix = (
        await manager.get('/api/v1/compliance/matrix').query({ branchId: org.vie }).expect(200)
      ).body as ComplianceMatrix;
      expect(otherMatrix).toMatchObject({ total: 0, rows: [], columns: [] });

      // Rules: the company rule and the rule of a region above Hamburg; not Wien's or the Alps'.
      const rules = (await manager.get(RULES).expect(200)).body as ComplianceRulePage;
      expect(rules.items.map((r) => r.area).sort()).toEqual(['company', 'region']);
      expect(rules.items.find((r) => r.area === 'region')?.id).toBe(northRule.id);
      await manager.get(`${RULES}/${vieRule.id}`).expect(404);
      await manager.get(`${RULES}/${alpsRule.id}`).expect(404);
      await manager.get(`${RULES}/${northRule.id}`).expect(200);
    });

    it('a regional manager sees the branches of their region and below', async () => {
      const manager = await signInAs(t, 'regional_manager', { regionIds: [org.north] });
      expect((await requirements(manager)).items.map((r) => r.staff.id).sort()).toEqual(
        [hamPerson.id, brePerson.id].sort(),
      );
      const matrix = (await manager.get('/api/v1/compliance/matrix').query({ sort: '-code' }).expect(200))
        .body as ComplianceMatrix;
      expect(matrix.rows.map((r) => r.branch.code)).toEqual(['HAM', 'BRE']);
      const auditor = await signInAs(t, 'auditor');
      expect((await requirements(auditor)).total).toBe(3);
    });

    it('only HR writes rules, previews them and handles exemptions; people without the permission get 403', async () => {
      const manager = await signInAs(t, 'branch_manager', { branchIds: [org.ham] });
      await manager.post(RULES).send(ruleBody(licence.id)).expect(403);
      await manager.patch(`${RULES}/${northRule.id}`).send({ dueDays: 1 }).expect(403);
      await manager.delete(`${RULES}/${northRule.id}`).expect(403);
      await manager
        .post(`${RULES}/impact`)
        .send({ rule: ruleBody(licence.id) })
        .expect(403);
      await manager.get(EXEMPTIONS).expect(403);
      await manager
        .post(EXEMPTIONS)
        .send({ staffId: hamPerson.id, definitionId: licence.id, reason: 'Because', until: '2027-01-01' })
        .expect(403);
      const employee = await signInAs(t, 'employee', { staffId: hamPerson.id });
      for (const path of ['summary', 'matrix', 'requirements', 'expiring?withinDays=30', 'rules'])
        await employee.get(`/api/v1/compliance/${path}`).expect(403);
      await request(t.app.getHttpServer()).get('/api/v1/compliance/summary').expect(401);
    });
  });

  describe('rules and exemptions: validation', () => {
    it('refuses rules whose area and place do not fit or that point at unknown things', async () => {
      const gdpr = await credential(12);
      const problem = async (body: object) =>
        ((await admin.post(RULES).send(body).expect(400)).body as ProblemDetails).errors?.map((e) => e.field);
      expect(await problem(ruleBody(gdpr.id, { area: 'region' }))).toEqual(['regionId']);
      expect(await problem(ruleBody(gdpr.id, { area: 'company', branchId: org.ham }))).toEqual(['branchId']);
      expect(
        await problem(ruleBody(gdpr.id, { area: 'branch', branchId: org.ham, regionId: org.north })),
      ).toEqual(['regionId']);
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(await problem(ruleBody(unknown))).toEqual(['definitionId']);
      expect(await problem(ruleBody(gdpr.id, { jobRoleId: unknown }))).toEqual(['jobRoleId']);
      expect(await problem(ruleBody(gdpr.id, { area: 'region', regionId: unknown }))).toEqual(['regionId']);
      expect(await problem(ruleBody(gdpr.id, { dueDays: -1 }))).toEqual(['dueDays']);
      expect(await problem(ruleBody(gdpr.id, { effectiveFrom: '2026-02-30' }))).toEqual(['effectiveFrom']);
      expect(await problem({ ...ruleBody(gdpr.id), jobRoleId: undefined })).toEqual(['jobRoleId']);

      // Changing the area drops the place that no longer fits.
      const rule = await addRule(gdpr.id, { area: 'region', regionId: org.north, note: 'Port sites' });
      const changed = (await admin.patch(`${RULES}/${rule.id}`).send({ area: 'company' }).expect(200))
        .body as ComplianceRule;
      expect(changed).toMatchObject({ area: 'company', region: null, branch: null, note: 'Port sites' });
      await admin.patch(`${RULES}/${rule.id}`).send({ area: 'branch' }).expect(400);
      await admin.get(`${RULES}/not-a-uuid`).expect(404);
    });

    it('grants, changes and withdraws exemptions, and refuses nonsense', async () => {
      const gdpr = await credential(12);
      await addRule(gdpr.id);
      const person = await hire(org.ham);
      const problem = async (body: object) =>
        ((await admin.post(EXEMPTIONS).send(body).expect(400)).body as ProblemDetails).errors?.map(
          (e) => e.field,
        );
      const body = { staffId: person.id, definitionId: gdpr.id, reason: 'On leave', until: '2026-12-31' };
      expect(await problem({ ...body, until: '2026-10-31' })).toEqual(['until']);
      expect(await problem({ ...body, staffId: '00000000-0000-4000-8000-000000000000' })).toEqual([
        'staffId',
      ]);
      expect(await problem({ ...body, definitionId: '00000000-0000-4000-8000-000000000000' })).toEqual([
        'definitionId',
      ]);
      expect(await problem({ ...body, reason: 'x' })).toEqual(['reason']);

      const granted = (await admin.post(EXEMPTIONS).send(body).expect(201)).body as ComplianceExemption;
      expect(granted).toMatchObject({
        staff: { id: person.id, branch: { id: org.ham } },
        credential: { id: gdpr.id },
        reason: 'On leave',
        active: true,
        grantedByUserId: admin.userId,
      });
      expect((await statusesOf(gdpr.id))[person.employeeNumber]).toBe('exempt');
      const changed = (
        await admin
          .patch(`${EXEMPTIONS}/${granted.id}`)
          .send({ until: '2026-11-15', reason: 'Back mid-November' })
          .expect(200)
      ).body as ComplianceExemption;
      expect(changed).toMatchObject({ until: '2026-11-15', reason: 'Back mid-November' });
      await admin.patch(`${EXEMPTIONS}/${granted.id}`).send({ until: '2026-10-01' }).expect(400);
      const listed = (await admin.get(EXEMPTIONS).query({ staffId: person.id }).expect(200)).body as {
        items: ComplianceExemption[];
      };
      expect(listed.items.map((e) => e.id)).toEqual([granted.id]);

      await admin.delete(`${EXEMPTIONS}/${granted.id}`).expect(204);
      expect((await statusesOf(gdpr.id))[person.employeeNumber]).toBe('missing_overdue');
      await admin.get(`${EXEMPTIONS}/${granted.id}`).expect(404);
    });
  });

  it('pages and sorts the matrix over branches', async () => {
    const gdpr = await credential(12);
    await addRule(gdpr.id);
    // Hamburg: 1 of 2 met; Bremen: 0 of 1; Wien: 1 of 1.
    const [h1] = [await hire(org.ham), await hire(org.ham)];
    await hire(org.bre);
    const v1 = await hire(org.vie);
    await issue(h1.id, gdpr.id, '2026-10-01');
    await issue(v1.id, gdpr.id, '2026-10-01');
    const page = async (query: object) =>
      (await admin.get('/api/v1/compliance/matrix').query(query).expect(200)).body as ComplianceMatrix;
    expect((await page({ sort: 'rate' })).rows.map((r) => [r.branch.code, r.totals.rate])).toEqual([
      ['BRE', 0],
      ['HAM', 0.5],
      ['VIE', 1],
    ]);
    expect((await page({ sort: '-nonCompliant', pageSize: 1 })).rows.map((r) => r.branch.code)).toEqual([
      'BRE',
    ]);
    const second = await page({ sort: 'code', pageSize: 2, page: 2 });
    expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(second.rows.map((r) => r.branch.code)).toEqual(['VIE']);
    expect(second.columns.map((c) => c.id)).toEqual([gdpr.id]);
    expect((await page({ page: 9 })).rows).toEqual([]);
  });
});
