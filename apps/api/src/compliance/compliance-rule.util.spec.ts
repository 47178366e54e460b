import {
  mergeRuleChanges,
  ruleFieldProblems,
  ruleFieldsFrom,
  type RuleFieldValues,
} from './compliance-rule.util';

const REGION_RULE: RuleFieldValues = {
  definitionId: 'cred',
  jobRoleId: 'forklift',
  area: 'region',
  regionId: 'north',
  branchId: null,
  dueDays: 30,
  warningDays: 60,
  effectiveFrom: '2026-01-01',
  note: 'Port sites',
};

describe('ruleFieldsFrom', () => {
  it('fills what a create request may leave out with null', () =>
    expect(
      ruleFieldsFrom({
        definitionId: 'cred',
        jobRoleId: null,
        area: 'company',
        dueDays: 0,
        warningDays: 0,
        effectiveFrom: '2026-01-01',
      }),
    ).toEqual({
      definitionId: 'cred',
      jobRoleId: null,
      area: 'company',
      regionId: null,
      branchId: null,
      dueDays: 0,
      warningDays: 0,
      effectiveFrom: '2026-01-01',
      note: null,
    }));
});

describe('mergeRuleChanges', () => {
  it.each<[string, Parameters<typeof mergeRuleChanges>[1], Partial<RuleFieldValues>]>([
    ['keeps what is not given', { dueDays: 14 }, { ...REGION_RULE, dueDays: 14 }],
    ['null clears the role and the note', { jobRoleId: null, note: null }, { jobRoleId: null, note: null }],
    [
      'a new area drops the region it no longer uses',
      { area: 'company' },
      { area: 'company', regionId: null },
    ],
    [
      'a new area takes the place given with it',
      { area: 'branch', branchId: 'ham' },
      { area: 'branch', regionId: null, branchId: 'ham' },
    ],
    ['the same area keeps its region', { area: 'region' }, { regionId: 'north' }],
    ['another region', { regionId: 'alps' }, { regionId: 'alps' }],
  ])('%s', (_, changes, expected) => expect(mergeRuleChanges(REGION_RULE, changes)).toMatchObject(expected));
});

describe('ruleFieldProblems', () => {
  it.each<[string, Partial<RuleFieldValues>, string[]]>([
    ['a region rule with its region', {}, []],
    ['a region rule without a region', { regionId: null }, ['regionId']],
    ['a region rule with a branch too', { branchId: 'ham' }, ['branchId']],
    ['a company rule with a region', { area: 'company' }, ['regionId']],
    ['a company rule with both', { area: 'company', branchId: 'ham' }, ['regionId', 'branchId']],
    ['a branch rule without a branch, with a region', { area: 'branch' }, ['branchId', 'regionId']],
    ['a branch rule with its branch', { area: 'branch', regionId: null, branchId: 'ham' }, []],
  ])('%s', (_, overrides, fields) =>
    expect(ruleFieldProblems({ ...REGION_RULE, ...overrides }).map((p) => p.field)).toEqual(fields),
  );
});
