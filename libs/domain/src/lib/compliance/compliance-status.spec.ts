import type { AwardRecordStatus, ComplianceStatus } from '@brevet/contracts';
import type { Placement, RequirementRule, RoleAssignment } from './applicability';
import {
  complianceRate,
  countStatuses,
  evaluateCompliance,
  evaluateComplianceAt,
  exemptionOn,
  lapsedAward,
  requirementStatus,
  requirementsOn,
  type ComplianceAward,
  type ComplianceExemptionFacts,
  type PersonComplianceFacts,
  type RequirementFacts,
} from './compliance-status';

// The organisation: EU > DE-NORTH (Hamburg, Bremen), EU > ALPS (Wien). Credentials: GDPR basics, forklift
// licence, first aid. "Today" is 15 June 2026 unless a scenario says otherwise.
const TODAY = '2026-06-15';
const HAM = { branchId: 'ham', regionIds: ['de-north', 'eu'] };
const BRE = { branchId: 'bre', regionIds: ['de-north', 'eu'] };
const VIE = { branchId: 'vie', regionIds: ['alps', 'eu'] };

const at = (site: typeof HAM, from: string, to: string | null = null): Placement => ({ ...site, from, to });
const as = (jobRoleId: string, from: string, to: string | null = null): RoleAssignment => ({
  jobRoleId,
  from,
  to,
});
const rule = (id: string, overrides: Partial<RequirementRule> = {}): RequirementRule => ({
  id,
  definitionId: 'gdpr',
  jobRoleId: null,
  area: 'company',
  regionId: null,
  branchId: null,
  dueDays: 30,
  warningDays: 60,
  effectiveFrom: '2015-01-01',
  ...overrides,
});
const award = (
  id: string,
  issuedOn: string,
  validUntil: string | null,
  status: AwardRecordStatus = 'active',
  definitionId = 'gdpr',
): ComplianceAward => ({ id, definitionId, issuedOn, validUntil, status });
const exemption = (id: string, until: string, definitionId = 'gdpr'): ComplianceExemptionFacts => ({
  id,
  definitionId,
  until,
});

/** A warehouse operative in Hamburg since 2022, unless overridden. */
const person = (overrides: Partial<PersonComplianceFacts> = {}): PersonComplianceFacts => ({
  hireDate: '2022-01-10',
  placements: [at(HAM, '2022-01-10')],
  roles: [as('warehouse', '2022-01-10')],
  awards: [],
  exemptions: [],
  ...overrides,
});

const GDPR = rule('gdpr-all');

/** [status, due day, award ID] of the one requirement the scenario produces. */
function only(facts: PersonComplianceFacts, rules: RequirementRule[], today = TODAY) {
  const result = evaluateCompliance(facts, rules, today);
  expect(result).toHaveLength(1);
  const [r] = result;
  return [r.status, r.dueOn, r.award?.id ?? null];
}

describe('evaluateCompliance: every status', () => {
  type Row = [string, Partial<PersonComplianceFacts>, string, [ComplianceStatus, string, string | null]];
  // prettier-ignore
  it.each<Row>([
    // Warning window 60 days: an award valid until 14 August is expiring from 15 June on.
    ['compliant: an award in force, far from expiry', { awards: [award('a', '2026-01-20', '2027-01-20')] }, TODAY, ['compliant', '2022-02-09', 'a']],
    ['compliant: a credential that never expires', { awards: [award('a', '2022-01-20', null)] }, TODAY, ['compliant', '2022-02-09', 'a']],
    ['compliant: the day before the warning window', { awards: [award('a', '2025-08-15', '2026-08-15')] }, TODAY, ['compliant', '2022-02-09', 'a']],
    ['expiring: the first day of the warning window', { awards: [award('a', '2025-08-14', '2026-08-14')] }, TODAY, ['expiring', '2022-02-09', 'a']],
    ['expiring: the last valid day', { awards: [award('a', '2025-06-15', '2026-06-15')] }, TODAY, ['expiring', '2022-02-09', 'a']],
    ['expired: the day after the last valid day', { awards: [award('a', '2025-06-14', '2026-06-14')] }, TODAY, ['expired', '2022-02-09', 'a']],
    ['missing and overdue: never held', {}, TODAY, ['missing_overdue', '2022-02-09', null]],
    ['missing and overdue: the only award was revoked', { awards: [award('a', '2026-01-20', '2027-01-20', 'revoked')] }, TODAY, ['missing_overdue', '2022-02-09', null]],
    ['missing and overdue: a superseded award never counts', { awards: [award('a', '2026-01-20', '2027-01-20', 'superseded')] }, TODAY, ['missing_overdue', '2022-02-09', null]],
    ['missing and overdue: renewed, then the renewal revoked', { awards: [award('old', '2025-01-20', '2026-01-20', 'superseded'), award('new', '2026-01-10', '2027-01-10', 'revoked')] }, TODAY, ['missing_overdue', '2022-02-09', null]],
    ['missing and overdue: an award recorded ahead of its first day is not in force', { awards: [award('a', '2026-06-16', '2027-06-16')] }, TODAY, ['missing_overdue', '2022-02-09', null]],
    ['in grace: hired two weeks ago', { hireDate: '2026-06-01', placements: [at(HAM, '2026-06-01')] }, TODAY, ['missing_in_grace', '2026-07-01', null]],
    ['in grace: on the due day itself', { hireDate: '2026-06-01', placements: [at(HAM, '2026-06-01')] }, '2026-07-01', ['missing_in_grace', '2026-07-01', null]],
    ['overdue: the day after the due day', { hireDate: '2026-06-01', placements: [at(HAM, '2026-06-01')] }, '2026-07-02', ['missing_overdue', '2026-07-01', null]],
    ['compliant in grace: got it before the due day', { hireDate: '2026-06-01', placements: [at(HAM, '2026-06-01')], awards: [award('a', '2026-06-10', '2027-06-10')] }, TODAY, ['compliant', '2026-07-01', 'a']],
    ['in grace beats expired: came back with a lapsed certificate', { hireDate: '2018-01-01', placements: [at(HAM, '2018-01-01', '2024-01-01'), at(HAM, '2026-06-01')], awards: [award('a', '2020-01-01', '2023-01-01')] }, TODAY, ['missing_in_grace', '2026-07-01', 'a']],
    ['expired once the grace period is over', { hireDate: '2018-01-01', placements: [at(HAM, '2018-01-01', '2024-01-01'), at(HAM, '2026-06-01')], awards: [award('a', '2020-01-01', '2023-01-01')] }, '2026-07-02', ['expired', '2026-07-01', 'a']],
    ['exempt: no award, exemption running', { exemptions: [exemption('x', '2026-12-31')] }, TODAY, ['exempt', '2022-02-09', null]],
    ['exempt: on the exemption’s last day', { exemptions: [exemption('x', TODAY)] }, TODAY, ['exempt', '2022-02-09', null]],
    ['exempt wins over an expired award', { awards: [award('a', '2024-01-01', '2025-01-01')], exemptions: [exemption('x', '2026-12-31')] }, TODAY, ['exempt', '2022-02-09', 'a']],
    ['expired exemption: overdue again the day after', { exemptions: [exemption('x', '2026-06-14')] }, TODAY, ['missing_overdue', '2022-02-09', null]],
    ['an exemption from another credential does not count', { exemptions: [exemption('x', '2026-12-31', 'forklift-licence')] }, TODAY, ['missing_overdue', '2022-02-09', null]],
    ['an award of another credential does not count', { awards: [award('a', '2026-01-20', '2027-01-20', 'active', 'first-aid')] }, TODAY, ['missing_overdue', '2022-02-09', null]],
  ])('%s', (_, overrides, today, expected) => expect(only(person(overrides), [GDPR], today)).toEqual(expected));

  it('reports the exemption that runs longest', () => {
    const [r] = evaluateCompliance(
      person({ exemptions: [exemption('short', '2026-07-01'), exemption('long', '2026-12-31')] }),
      [GDPR],
      TODAY,
    );
    expect(r.exemption?.id).toBe('long');
  });

  it('nothing for someone who left (no open period)', () =>
    expect(
      evaluateCompliance(person({ placements: [at(HAM, '2022-01-10', '2026-05-01')] }), [GDPR], TODAY),
    ).toEqual([]));

  it('nothing without rules', () => expect(evaluateCompliance(person(), [], TODAY)).toEqual([]));
});

describe('evaluateCompliance: several rules for the same credential count once', () => {
  const forklift = (id: string, overrides: Partial<RequirementRule> = {}) =>
    rule(id, {
      definitionId: 'forklift-licence',
      jobRoleId: 'forklift',
      dueDays: 14,
      warningDays: 30,
      ...overrides,
    });

  it('the earliest due day and the widest warning window win, whichever rule they come from', () => {
    const rules = [
      rule('company', { dueDays: 90, warningDays: 30 }),
      rule('north', { area: 'region', regionId: 'de-north', dueDays: 14, warningDays: 10 }),
      rule('ham', { area: 'branch', branchId: 'ham', dueDays: 60, warningDays: 90 }),
    ];
    const facts = person({
      hireDate: '2026-06-01',
      placements: [at(HAM, '2026-06-01')],
      awards: [award('a', '2026-06-05', '2026-09-10')],
    });
    expect(evaluateCompliance(facts, rules, TODAY)).toEqual([
      {
        definitionId: 'gdpr',
        dueOn: '2026-06-15',
        warningDays: 90,
        ruleIds: ['company', 'ham', 'north'],
        status: 'expiring', // 87 days left: inside the widest window only
        award: facts.awards[0],
        exemption: null,
      },
    ]);
    // Without the branch rule the 30-day window applies: compliant.
    expect(evaluateCompliance(facts, rules.slice(0, 2), TODAY)[0]).toMatchObject({
      status: 'compliant',
      warningDays: 30,
    });
  });

  it('a new role does not give grace for a credential another rule already required', () => {
    // Everyone in DE-NORTH needs the licence since 2026-01-01 (60 days); forklift drivers within 14 days of
    // taking the role. Took the role on 10 June: the region rule was due on 2 March already.
    const rules = [
      forklift('drivers'),
      rule('north', {
        definitionId: 'forklift-licence',
        area: 'region',
        regionId: 'de-north',
        dueDays: 60,
        effectiveFrom: '2026-01-01',
      }),
    ];
    const facts = person({
      roles: [as('warehouse', '2022-01-10', '2026-06-10'), as('forklift', '2026-06-10')],
    });
    expect(only(facts, rules)).toEqual(['missing_overdue', '2026-03-02', null]);
    expect(only(facts, [rules[0]])).toEqual(['missing_in_grace', '2026-06-24', null]);
  });

  it('requires each credential once, sorted by credential', () => {
    const rules = [
      forklift('drivers'),
      rule('gdpr'),
      rule('first-aid', { definitionId: 'first-aid', jobRoleId: 'first-aider' }),
    ];
    const facts = person({ roles: [as('forklift', '2022-01-10'), as('first-aider', '2024-01-01')] });
    expect(evaluateCompliance(facts, rules, TODAY).map((r) => [r.definitionId, r.status, r.dueOn])).toEqual([
      ['first-aid', 'missing_overdue', '2024-01-31'],
      ['forklift-licence', 'missing_overdue', '2022-01-24'],
      ['gdpr', 'missing_overdue', '2022-02-09'],
    ]);
  });

  it.each<[string, RequirementRule]>([
    ['a rule not yet in effect', rule('later', { effectiveFrom: '2026-06-16' })],
    ['a rule for another role', forklift('drivers')],
    ['a rule for another branch', rule('bre', { area: 'branch', branchId: 'bre' })],
    ['a rule for another region', rule('alps', { area: 'region', regionId: 'alps' })],
  ])('ignores %s', (_, r) => expect(evaluateCompliance(person(), [r], TODAY)).toEqual([]));

  it('a rule that takes effect today requires from today, with its due period', () =>
    expect(only(person(), [rule('new', { effectiveFrom: TODAY })])).toEqual([
      'missing_in_grace',
      '2026-07-15',
      null,
    ]));
});

describe('evaluateCompliance: role and branch changes over time', () => {
  const NORTH = rule('north', { area: 'region', regionId: 'de-north' });
  const IN_BRE = rule('bre', { area: 'branch', branchId: 'bre' });
  const DRIVERS = rule('drivers', { definitionId: 'forklift-licence', jobRoleId: 'forklift', dueDays: 14 });

  it.each<
    [string, Partial<PersonComplianceFacts>, RequirementRule[], [ComplianceStatus, string, string | null]]
  >([
    [
      'moved into the region two weeks ago: in grace for the region’s rule',
      { hireDate: '2019-04-01', placements: [at(VIE, '2019-04-01', '2026-06-01'), at(HAM, '2026-06-01')] },
      [NORTH],
      ['missing_in_grace', '2026-07-01', null],
    ],
    [
      'moved within the region: still overdue',
      { hireDate: '2019-04-01', placements: [at(HAM, '2019-04-01', '2026-06-01'), at(BRE, '2026-06-01')] },
      [NORTH],
      ['missing_overdue', '2019-05-01', null],
    ],
    [
      'moved to a branch with its own rule: in grace there',
      { hireDate: '2019-04-01', placements: [at(HAM, '2019-04-01', '2026-06-01'), at(BRE, '2026-06-01')] },
      [IN_BRE],
      ['missing_in_grace', '2026-07-01', null],
    ],
    [
      'a company rule does not restart on a move',
      { hireDate: '2019-04-01', placements: [at(VIE, '2019-04-01', '2026-06-01'), at(HAM, '2026-06-01')] },
      [GDPR],
      ['missing_overdue', '2019-05-01', null],
    ],
    [
      'became a forklift driver five days ago',
      { roles: [as('warehouse', '2022-01-10', '2026-06-10'), as('forklift', '2026-06-10')] },
      [DRIVERS],
      ['missing_in_grace', '2026-06-24', null],
    ],
    [
      'a forklift driver for years',
      { roles: [as('forklift', '2022-01-10')] },
      [DRIVERS],
      ['missing_overdue', '2022-01-24', null],
    ],
    [
      'back in the role after two years off',
      {
        roles: [
          as('forklift', '2022-01-10', '2024-01-01'),
          as('warehouse', '2024-01-01', '2026-06-10'),
          as('forklift', '2026-06-10'),
        ],
      },
      [DRIVERS],
      ['missing_in_grace', '2026-06-24', null],
    ],
  ])('%s', (_, overrides, rules, expected) => expect(only(person(overrides), rules)).toEqual(expected));

  it.each<[string, Partial<PersonComplianceFacts>, RequirementRule[]]>([
    [
      'moved out of the region',
      { placements: [at(HAM, '2022-01-10', '2026-06-01'), at(VIE, '2026-06-01')] },
      [NORTH],
    ],
    [
      'gave up the role',
      { roles: [as('forklift', '2022-01-10', '2026-06-01'), as('warehouse', '2026-06-01')] },
      [DRIVERS],
    ],
  ])('no longer required once %s', (_, overrides, rules) =>
    expect(evaluateCompliance(person(overrides), rules, TODAY)).toEqual([]),
  );
});

describe('evaluateComplianceAt: days in the branch’s time zone', () => {
  // A certificate valid until 30 June 2026 is valid until the end of that day where the person works.
  const holder = person({ awards: [award('a', '2025-06-30', '2026-06-30')] });
  // Hired on 1 June with 30 days: due on 1 July, overdue from 2 July where the person works.
  const newcomer = person({ hireDate: '2026-06-01', placements: [at(HAM, '2026-06-01')] });
  const exempted = person({ exemptions: [exemption('x', '2026-06-30')] });

  type Row = [string, PersonComplianceFacts, string, string, ComplianceStatus];
  // prettier-ignore
  it.each<Row>([
    ['Berlin, 23:59:59 on the last valid day', holder, '2026-06-30T21:59:59Z', 'Europe/Berlin', 'expiring'],
    ['Berlin, midnight after the last valid day', holder, '2026-06-30T22:00:00Z', 'Europe/Berlin', 'expired'],
    ['the same instant in New York: still the last day', holder, '2026-06-30T22:00:00Z', 'America/New_York', 'expiring'],
    ['New York, midnight after the last day', holder, '2026-07-01T04:00:00Z', 'America/New_York', 'expired'],
    ['Tokyo is already on the next day', holder, '2026-06-30T15:00:00Z', 'Asia/Tokyo', 'expired'],
    ['Kiritimati (UTC+14) is a day ahead at 10:00 UTC', holder, '2026-06-30T10:00:00Z', 'Pacific/Kiritimati', 'expired'],
    ['due day in Berlin, last second', newcomer, '2026-07-01T21:59:59Z', 'Europe/Berlin', 'missing_in_grace'],
    ['day after the due day in Berlin', newcomer, '2026-07-01T22:00:00Z', 'Europe/Berlin', 'missing_overdue'],
    ['the same instant in New York: still the due day', newcomer, '2026-07-01T22:00:00Z', 'America/New_York', 'missing_in_grace'],
    ['exemption, last day in New York', exempted, '2026-07-01T03:59:59Z', 'America/New_York', 'exempt'],
    ['exemption ended in Berlin at the same instant', exempted, '2026-07-01T03:59:59Z', 'Europe/Berlin', 'missing_overdue'],
  ])('%s', (_, facts, now, zone, status) =>
    expect(evaluateComplianceAt(facts, [GDPR], new Date(now), zone)[0].status).toBe(status),
  );

  it('the warning window opens at local midnight', () => {
    // Valid until 30 June with 60 days: expiring from 1 May, local time.
    const atInstant = (zone: string) =>
      evaluateComplianceAt(holder, [GDPR], new Date('2026-04-30T22:30:00Z'), zone)[0].status;
    expect(atInstant('Europe/Berlin')).toBe('expiring');
    expect(atInstant('America/New_York')).toBe('compliant');
  });

  it('refuses an invalid instant or zone', () => {
    expect(() => evaluateComplianceAt(holder, [GDPR], new Date('nope'), 'UTC')).toThrow(RangeError);
    expect(() => evaluateComplianceAt(holder, [GDPR], new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('requirementStatus', () => {
  const facts = (overrides: Partial<RequirementFacts> = {}): RequirementFacts => ({
    dueOn: '2026-07-01',
    warningDays: 30,
    current: null,
    lapsed: false,
    exempt: false,
    ...overrides,
  });
  const inForce = { issuedOn: '2026-01-01', validUntil: '2026-12-31', status: 'active' as const };

  it.each<[string, RequirementFacts, string, ComplianceStatus]>([
    ['exempt comes first', facts({ exempt: true, current: inForce }), TODAY, 'exempt'],
    ['in force', facts({ current: inForce }), TODAY, 'compliant'],
    ['in force, 30 days left', facts({ current: inForce }), '2026-12-01', 'expiring'],
    ['in force, 31 days left', facts({ current: inForce }), '2026-11-30', 'compliant'],
    [
      'zero warning days: only the last day is expiring',
      facts({ current: inForce, warningDays: 0 }),
      '2026-12-31',
      'expiring',
    ],
    [
      'zero warning days: the day before',
      facts({ current: inForce, warningDays: 0 }),
      '2026-12-30',
      'compliant',
    ],
    ['nothing, before the due day', facts(), TODAY, 'missing_in_grace'],
    ['lapsed, before the due day', facts({ lapsed: true }), TODAY, 'missing_in_grace'],
    ['lapsed, after the due day', facts({ lapsed: true }), '2026-07-02', 'expired'],
    ['nothing, after the due day', facts(), '2026-07-02', 'missing_overdue'],
  ])('%s', (_, f, today, expected) => expect(requirementStatus(f, today)).toBe(expected));

  it('refuses an award that is not in force, and bad input', () => {
    expect(() => requirementStatus(facts({ current: inForce }), '2027-01-01')).toThrow(RangeError);
    expect(() => requirementStatus(facts({ warningDays: -1 }), TODAY)).toThrow(RangeError);
    expect(() => requirementStatus(facts({ warningDays: 1.5 }), TODAY)).toThrow(RangeError);
    expect(() => requirementStatus(facts({ dueOn: '2026-02-30' }), TODAY)).toThrow(RangeError);
  });
});

describe('lapsedAward and exemptionOn', () => {
  it('picks the active award that expired last, ignoring revoked, superseded and running ones', () => {
    const awards = [
      award('older', '2020-01-01', '2021-01-01'),
      award('newer', '2023-01-01', '2024-01-01'),
      award('revoked', '2024-01-01', '2025-01-01', 'revoked'),
      award('superseded', '2024-01-01', '2025-06-01', 'superseded'),
      award('lifetime', '2019-01-01', null),
    ];
    expect(lapsedAward(awards, TODAY)?.id).toBe('newer');
    expect(lapsedAward([award('running', '2026-01-01', TODAY)], TODAY)).toBeNull();
  });

  it('picks the exemption that ends last; on a tie the smaller ID', () => {
    expect(exemptionOn([exemption('b', '2026-09-01'), exemption('a', '2026-09-01')], TODAY)?.id).toBe('a');
    expect(exemptionOn([exemption('a', '2026-06-14')], TODAY)).toBeNull();
  });
});

describe('requirementsOn', () => {
  it('merges rules per credential and keeps which rules require it', () =>
    expect(
      requirementsOn(
        [rule('b', { dueDays: 10, warningDays: 5 }), rule('a', { dueDays: 20, warningDays: 50 })],
        person(),
        TODAY,
      ),
    ).toEqual([{ definitionId: 'gdpr', dueOn: '2022-01-20', warningDays: 50, ruleIds: ['a', 'b'] }]));
});

describe('countStatuses and complianceRate', () => {
  it('counts each status and the share of due requirements met', () =>
    expect(
      countStatuses([
        'compliant',
        'compliant',
        'expiring',
        'expired',
        'missing_overdue',
        'missing_in_grace',
        'exempt',
      ]),
    ).toEqual({
      total: 7,
      compliant: 2,
      expiring: 1,
      expired: 1,
      missingOverdue: 1,
      missingInGrace: 1,
      exempt: 1,
      rate: 0.6,
    }));

  it('has no rate when nothing is due', () => {
    expect(countStatuses([]).rate).toBeNull();
    expect(countStatuses(['exempt', 'missing_in_grace']).rate).toBeNull();
  });

  it('rounds to four decimals', () =>
    expect(
      complianceRate({
        total: 3,
        compliant: 2,
        expiring: 0,
        expired: 1,
        missingOverdue: 0,
        missingInGrace: 0,
        exempt: 0,
      }),
    ).toBe(0.6667));
});
