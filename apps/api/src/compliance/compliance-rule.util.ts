import type {
  CreateComplianceRuleRequest,
  FieldError,
  RuleArea,
  UpdateComplianceRuleRequest,
} from '@brevet/contracts';

/** A rule's fields as stored. */
export interface RuleFieldValues {
  definitionId: string;
  jobRoleId: string | null;
  area: RuleArea;
  regionId: string | null;
  branchId: string | null;
  dueDays: number;
  warningDays: number;
  effectiveFrom: string;
  note: string | null;
}

/** The fields of a new rule; a region or branch the area does not use stays, to be reported by `ruleFieldProblems`. */
export function ruleFieldsFrom(request: CreateComplianceRuleRequest): RuleFieldValues {
  return {
    definitionId: request.definitionId,
    jobRoleId: request.jobRoleId ?? null,
    area: request.area,
    regionId: request.regionId ?? null,
    branchId: request.branchId ?? null,
    dueDays: request.dueDays,
    warningDays: request.warningDays,
    effectiveFrom: request.effectiveFrom,
    note: request.note ?? null,
  };
}

/**
 * A saved rule with a change applied: fields not given stay. When the area changes, a region or branch the new
 * area does not use is dropped unless the change names one.
 */
export function mergeRuleChanges(
  current: RuleFieldValues,
  changes: UpdateComplianceRuleRequest,
): RuleFieldValues {
  const area = changes.area ?? current.area;
  const keep = (field: 'regionId' | 'branchId', usedBy: RuleArea) =>
    changes[field] !== undefined ? changes[field] : area === usedBy ? current[field] : null;
  return {
    definitionId: changes.definitionId ?? current.definitionId,
    jobRoleId: changes.jobRoleId !== undefined ? changes.jobRoleId : current.jobRoleId,
    area,
    regionId: keep('regionId', 'region'),
    branchId: keep('branchId', 'branch'),
    dueDays: changes.dueDays ?? current.dueDays,
    warningDays: changes.warningDays ?? current.warningDays,
    effectiveFrom: changes.effectiveFrom ?? current.effectiveFrom,
    note: changes.note !== undefined ? changes.note : current.note,
  };
}

/** What is wrong with where a rule applies: a region rule needs a region, a branch rule a branch, and only that. */
export function ruleFieldProblems(fields: RuleFieldValues): FieldError[] {
  const problems: FieldError[] = [];
  switch (fields.area) {
    case 'company':
      if (fields.regionId !== null)
        problems.push({ field: 'regionId', message: 'must be null for a company-wide rule' });
      if (fields.branchId !== null)
        problems.push({ field: 'branchId', message: 'must be null for a company-wide rule' });
      break;
    case 'region':
      if (fields.regionId === null)
        problems.push({ field: 'regionId', message: 'is required for a region rule' });
      if (fields.branchId !== null)
        problems.push({ field: 'branchId', message: 'must be null for a region rule' });
      break;
    case 'branch':
      if (fields.branchId === null)
        problems.push({ field: 'branchId', message: 'is required for a branch rule' });
      if (fields.regionId !== null)
        problems.push({ field: 'regionId', message: 'must be null for a branch rule' });
      break;
  }
  return problems;
}
