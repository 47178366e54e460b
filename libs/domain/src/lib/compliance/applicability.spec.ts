import {
  areaCovers,
  openRunStart,
  requirementStart,
  ruleDueOn,
  type Placement,
  type RequirementRule,
  type RoleAssignment,
} from './applicability';

// The organisation: EU > DE-NORTH (Hamburg, Bremen), EU > ALPS (Wien).
const HAM = { branchId: 'ham', regionIds: ['de-north', 'eu'] };
const BRE = { branchId: 'bre', regionIds: ['de-north', 'eu'] };
const VIE = { branchId: 'vie', regionIds: ['alps', 'eu'] };
type Site = typeof HAM;

const at = (site: Site, from: string, to: string | null = null): Placement => ({ ...site, from, to });
const as = (jobRoleId: string, from: string, to: string | null = null): RoleAssignment => ({
  jobRoleId,
  from,
  to,
});
const rule = (overrides: Partial<RequirementRule> = {}): RequirementRule => ({
  id: 'rule',
  definitionId: 'cred',
  jobRoleId: null,
  area: 'company',
  regionId: null,
  branchId: null,
  dueDays: 30,
  warningDays: 60,
  effectiveFrom: '2015-01-01',
  ...overrides,
});

const COMPANY = rule();
const NORTH = rule({ area: 'region', regionId: 'de-north' });
const EU = rule({ area: 'region', regionId: 'eu' });
const IN_HAM = rule({ area: 'branch', branchId: 'ham' });
const IN_BRE = rule({ area: 'branch', branchId: 'bre' });
const FORKLIFT = rule({ jobRoleId: 'forklift' });
const FORKLIFT_IN_NORTH = rule({ jobRoleId: 'forklift', area: 'region', regionId: 'de-north' });

describe('areaCovers', () => {
  it.each<[string, RequirementRule, Placement, boolean]>([
    ['company covers any branch', COMPANY, at(VIE, '2022-01-01'), true],
    ['a region covers its branches', NORTH, at(HAM, '2022-01-01'), true],
    ['a region covers the branches of regions below it', EU, at(VIE, '2022-01-01'), true],
    ['a region does not cover other regions', NORTH, at(VIE, '2022-01-01'), false],
    ['a branch rule covers its branch', IN_HAM, at(HAM, '2022-01-01'), true],
    ['a branch rule covers no other branch', IN_HAM, at(BRE, '2022-01-01'), false],
    ['a region rule without a region covers nothing', rule({ area: 'region' }), at(HAM, '2022-01-01'), false],
  ])('%s', (_, r, placement, expected) => expect(areaCovers(r, placement)).toBe(expected));
});

describe('openRunStart', () => {
  const all = () => true;
  it.each<[string, Placement[], string | null]>([
    ['one open period', [at(HAM, '2022-01-10')], '2022-01-10'],
    ['no open period (left)', [at(HAM, '2022-01-10', '2025-01-01')], null],
    [
      'adjoining periods make one run',
      [at(HAM, '2020-01-01', '2023-05-01'), at(BRE, '2023-05-01')],
      '2020-01-01',
    ],
    ['a gap ends the run', [at(HAM, '2020-01-01', '2023-05-01'), at(HAM, '2023-06-01')], '2023-06-01'],
    [
      'order of the periods does not matter',
      [at(BRE, '2023-05-01'), at(VIE, '2018-01-01', '2020-01-01'), at(HAM, '2020-01-01', '2023-05-01')],
      '2018-01-01',
    ],
  ])('%s', (_, periods, expected) => expect(openRunStart(periods, all)).toBe(expected));

  it('a period that does not match ends the run', () =>
    expect(
      openRunStart(
        [at(HAM, '2018-01-01', '2020-01-01'), at(VIE, '2020-01-01', '2023-05-01'), at(BRE, '2023-05-01')],
        (p) => p.regionIds.includes('de-north'),
      ),
    ).toBe('2023-05-01'));
});

describe('requirementStart: when a rule began to apply to a person as they are now', () => {
  type Row = [string, RequirementRule, string, Placement[], RoleAssignment[], string | null];
  // prettier-ignore
  it.each<Row>([
    // [scenario, rule, hire day, branch periods, role periods, start]
    ['everyone, from the hire day', COMPANY, '2022-01-10', [at(HAM, '2022-01-10')], [], '2022-01-10'],
    ['a rule effective after the hire day counts from its effective day', rule({ effectiveFrom: '2026-03-01' }), '2022-01-10', [at(HAM, '2022-01-10')], [], '2026-03-01'],
    ['a first period recorded before the hire day still counts from the hire day', COMPANY, '2022-01-10', [at(HAM, '2021-12-01')], [], '2022-01-10'],
    ['company rule: a move keeps the run', COMPANY, '2019-04-01', [at(VIE, '2019-04-01', '2026-06-01'), at(HAM, '2026-06-01')], [], '2019-04-01'],
    ['region rule: moving into the region starts it', NORTH, '2019-04-01', [at(VIE, '2019-04-01', '2026-06-01'), at(HAM, '2026-06-01')], [], '2026-06-01'],
    ['region rule: moving within the region keeps it', NORTH, '2019-04-01', [at(HAM, '2019-04-01', '2026-06-01'), at(BRE, '2026-06-01')], [], '2019-04-01'],
    ['region rule: the parent region covers both', EU, '2019-04-01', [at(VIE, '2019-04-01', '2026-06-01'), at(HAM, '2026-06-01')], [], '2019-04-01'],
    ['region rule: out of the region now', NORTH, '2019-04-01', [at(HAM, '2019-04-01', '2026-06-01'), at(VIE, '2026-06-01')], [], null],
    ['region rule: back in the region after time outside', NORTH, '2018-01-01', [at(HAM, '2018-01-01', '2020-01-01'), at(VIE, '2020-01-01', '2026-02-01'), at(BRE, '2026-02-01')], [], '2026-02-01'],
    ['branch rule: the day they came to the branch', IN_BRE, '2019-04-01', [at(HAM, '2019-04-01', '2026-06-01'), at(BRE, '2026-06-01')], [], '2026-06-01'],
    ['branch rule: the branch they left', IN_HAM, '2019-04-01', [at(HAM, '2019-04-01', '2026-06-01'), at(BRE, '2026-06-01')], [], null],
    ['left and came back: from the return', COMPANY, '2018-01-01', [at(HAM, '2018-01-01', '2024-01-01'), at(HAM, '2026-05-20')], [], '2026-05-20'],
    ['left: nothing applies', COMPANY, '2018-01-01', [at(HAM, '2018-01-01', '2024-01-01')], [], null],
    ['a move recorded ahead: the new branch counts from the move', IN_BRE, '2019-04-01', [at(HAM, '2019-04-01', '2026-07-01'), at(BRE, '2026-07-01')], [], '2026-07-01'],
    ['role rule: from the day they took the role', FORKLIFT, '2019-04-01', [at(HAM, '2019-04-01')], [as('warehouse', '2019-04-01', '2026-06-10'), as('forklift', '2026-06-10')], '2026-06-10'],
    ['role rule: a role held since hire', FORKLIFT, '2019-04-01', [at(HAM, '2019-04-01')], [as('forklift', '2019-04-01')], '2019-04-01'],
    ['role rule: the role given up', FORKLIFT, '2019-04-01', [at(HAM, '2019-04-01')], [as('forklift', '2019-04-01', '2026-01-01'), as('warehouse', '2026-01-01')], null],
    ['role rule: the role taken up again after a break', FORKLIFT, '2019-04-01', [at(HAM, '2019-04-01')], [as('forklift', '2019-04-01', '2021-01-01'), as('forklift', '2026-03-01')], '2026-03-01'],
    ['role rule: adjoining periods in the role keep it', FORKLIFT, '2019-04-01', [at(HAM, '2019-04-01')], [as('forklift', '2019-04-01', '2021-01-01'), as('forklift', '2021-01-01')], '2019-04-01'],
    ['role rule: a second role alongside does not matter', FORKLIFT, '2019-04-01', [at(HAM, '2019-04-01')], [as('forklift', '2019-04-01'), as('first-aider', '2026-01-01')], '2019-04-01'],
    ['role and region: the later of the two runs (role)', FORKLIFT_IN_NORTH, '2019-04-01', [at(VIE, '2019-04-01', '2024-01-01'), at(HAM, '2024-01-01')], [as('forklift', '2025-09-01')], '2025-09-01'],
    ['role and region: the later of the two runs (region)', FORKLIFT_IN_NORTH, '2019-04-01', [at(VIE, '2019-04-01', '2026-01-01'), at(HAM, '2026-01-01')], [as('forklift', '2019-04-01')], '2026-01-01'],
    ['role and region: the role, but not in the region', FORKLIFT_IN_NORTH, '2019-04-01', [at(VIE, '2019-04-01')], [as('forklift', '2019-04-01')], null],
  ])('%s', (_, r, hireDate, placements, roles, expected) =>
    expect(requirementStart(r, { hireDate, placements, roles })).toBe(expected),
  );
});

describe('ruleDueOn', () => {
  const person = { hireDate: '2026-06-01', placements: [at(HAM, '2026-06-01')], roles: [] };

  it.each<[string, RequirementRule, string, string | null]>([
    ['the start plus the due days', COMPANY, '2026-06-15', '2026-07-01'],
    ['zero due days: due on the start day', rule({ dueDays: 0 }), '2026-06-15', '2026-06-01'],
    ['across a month end and a leap day', rule({ dueDays: 30 }), '2028-03-01', '2026-07-01'],
    ['not before the rule is in effect', rule({ effectiveFrom: '2026-06-16' }), '2026-06-15', null],
    ['from the day it takes effect', rule({ effectiveFrom: '2026-06-15' }), '2026-06-15', '2026-07-15'],
    ['not for someone it does not cover', IN_BRE, '2026-06-15', null],
  ])('%s', (_, r, today, expected) => expect(ruleDueOn(r, person, today)).toBe(expected));

  it('refuses a bad day', () => {
    expect(() => ruleDueOn(COMPANY, person, '2026-02-30')).toThrow(RangeError);
    expect(() => ruleDueOn(rule({ effectiveFrom: '1.1.2026' }), person, '2026-06-15')).toThrow(RangeError);
    expect(() => ruleDueOn(COMPANY, { ...person, hireDate: '2026-13-01' }, '2026-06-15')).toThrow(RangeError);
  });
});
