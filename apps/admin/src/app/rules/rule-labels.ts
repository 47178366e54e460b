import type { ComplianceRule } from '@brevet/contracts';
import type { I18n } from '../core/i18n';

/** "Forklift licence" */
export function ruleCredential(rule: ComplianceRule, i18n: I18n): string {
  return i18n.localized(rule.credential.title) || rule.credential.code;
}

/** "Everyone" or "Forklift drivers" */
export function ruleWho(rule: ComplianceRule, i18n: I18n): string {
  return rule.jobRole
    ? i18n.localized(rule.jobRole.names) || rule.jobRole.code
    : i18n.t('rules.who.everyone');
}

/** "Whole company", "Region Germany North" or "Branch Hamburg Hafen" */
export function ruleWhere(rule: ComplianceRule, i18n: I18n): string {
  switch (rule.area) {
    case 'company':
      return i18n.t('rules.where.company');
    case 'region':
      return i18n.t('rules.where.region', { name: rule.region?.name ?? '' });
    case 'branch':
      return i18n.t('rules.where.branch', { name: rule.branch?.name ?? '' });
  }
}

/** "Forklift licence for forklift drivers in the whole company" */
export function ruleSummary(rule: ComplianceRule, i18n: I18n): string {
  return i18n.t('rules.summary', {
    credential: ruleCredential(rule, i18n),
    who: ruleWho(rule, i18n),
    where: ruleWhere(rule, i18n),
  });
}
