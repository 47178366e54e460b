import type { ParamMap, Params } from '@angular/router';
import {
  COMPLIANCE_RULE_SORT_FIELDS,
  DEFAULT_PAGE_SIZE,
  RULE_AREAS,
  formatSort,
  parseSort,
  type ComplianceImpact,
  type ComplianceRuleListQuery,
  type ComplianceRuleSortField,
  type RuleArea,
  type SortDirection,
} from '@brevet/contracts';
import type { I18n, TranslationKey } from '../core/i18n';

/** The rule list's view state, kept in the URL's query parameters (defaults left out). */
export interface RulesView {
  page: number;
  pageSize: number;
  sortField: ComplianceRuleSortField;
  sortDirection: SortDirection;
  definitionId: string | null;
  jobRoleId: string | null;
  area: RuleArea | null;
}

export const RULE_PAGE_SIZES = [10, DEFAULT_PAGE_SIZE, 50, 100] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DEFAULT_RULES_VIEW: RulesView = {
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  sortField: 'credential',
  sortDirection: 'asc',
  definitionId: null,
  jobRoleId: null,
  area: null,
};

export function rulesViewFromParams(params: ParamMap): RulesView {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const area = params.get('area');
  const uuid = (name: string) => {
    const value = params.get(name);
    return value && UUID.test(value) ? value : null;
  };
  const sort = parseSort(params.get('sort') ?? undefined, COMPLIANCE_RULE_SORT_FIELDS, 'credential');
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (RULE_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sortField: sort.field,
    sortDirection: sort.direction,
    definitionId: uuid('definitionId'),
    jobRoleId: uuid('jobRoleId'),
    area: RULE_AREAS.find((a) => a === area) ?? null,
  };
}

export function rulesViewToParams(view: RulesView): Params {
  const sort = formatSort(view.sortField, view.sortDirection);
  return {
    page: view.page === 1 ? null : view.page,
    pageSize: view.pageSize === DEFAULT_PAGE_SIZE ? null : view.pageSize,
    sort: sort === 'credential' ? null : sort,
    definitionId: view.definitionId,
    jobRoleId: view.jobRoleId,
    area: view.area,
  };
}

export function toRuleListQuery(view: RulesView): ComplianceRuleListQuery {
  return {
    page: view.page,
    pageSize: view.pageSize,
    sort: formatSort(view.sortField, view.sortDirection),
    definitionId: view.definitionId ?? undefined,
    jobRoleId: view.jobRoleId ?? undefined,
    area: view.area ?? undefined,
  };
}

export const AREA_LABELS: Record<RuleArea, TranslationKey> = {
  company: 'rules.area.company',
  region: 'rules.area.region',
  branch: 'rules.area.branch',
};

/**
 * The impact preview in sentences: "412 people in 37 branches will become non-compliant", then how many of them
 * at once and how many with a grace period, then who is already covered and who is no longer required.
 */
export function impactSentences(impact: ComplianceImpact, i18n: I18n, removal = false): string[] {
  const worse = impact.becomeNonCompliant;
  const lines: string[] = [];
  if (worse.people > 0) {
    const branches = i18n.t('rules.impact.branches', { count: worse.branches });
    lines.push(i18n.t('rules.impact.nonCompliant', { count: worse.people, branches }));
    if (worse.overdueNow > 0 && worse.inGrace > 0) {
      lines.push(i18n.t('rules.impact.split', { now: worse.overdueNow, grace: worse.inGrace }));
    } else if (worse.inGrace > 0) {
      lines.push(i18n.t('rules.impact.allInGrace'));
    } else {
      lines.push(i18n.t('rules.impact.allAtOnce'));
    }
  }
  if (impact.alreadyCovered > 0) lines.push(i18n.t('rules.impact.covered', { count: impact.alreadyCovered }));
  if (impact.noLongerRequired > 0) {
    lines.push(i18n.t('rules.impact.noLongerRequired', { count: impact.noLongerRequired }));
  }
  if (lines.length === 0) lines.push(i18n.t(removal ? 'rules.impact.nobodyRemoval' : 'rules.impact.nobody'));
  return lines;
}
