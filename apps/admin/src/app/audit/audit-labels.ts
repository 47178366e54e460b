import type { AuditAction, AuditChainBreak, AuditOutcome } from '@brevet/contracts';
import type { TranslationKey } from '../core/i18n';

export const ACTION_LABELS: Record<AuditAction, TranslationKey> = {
  'auth.login.succeeded': 'audit.actions.loginSucceeded',
  'auth.login.failed': 'audit.actions.loginFailed',
  'auth.logout': 'audit.actions.logout',
  'auth.access-denied': 'audit.actions.accessDenied',
  'auth.locked': 'audit.actions.locked',
  'session.ended': 'audit.actions.sessionEnded',
  'award.issued': 'audit.actions.awardIssued',
  'award.revoked': 'audit.actions.awardRevoked',
  'award.renewed': 'audit.actions.awardRenewed',
  'evidence.approved': 'audit.actions.evidenceApproved',
  'evidence.rejected': 'audit.actions.evidenceRejected',
  'evidence.submitted': 'audit.actions.evidenceSubmitted',
  'evidence.withdrawn': 'audit.actions.evidenceWithdrawn',
  'training-session.changed': 'trainingSessions.auditAction',
  'rule.changed': 'audit.actions.ruleChanged',
  'role.changed': 'audit.actions.roleChanged',
  'staff.changed': 'audit.actions.staffChanged',
  'credential.changed': 'audit.actions.credentialChanged',
  'course.changed': 'courses.auditAction',
  'import.applied': 'audit.actions.importApplied',
  'export.created': 'audit.actions.exportCreated',
  'scim.changed': 'audit.actions.scimChanged',
  'settings.changed': 'audit.actions.settingsChanged',
  'sso.provider.changed': 'audit.actions.ssoChanged',
  'audit.verified': 'audit.actions.auditVerified',
  'job.retried': 'audit.actions.jobRetried',
  'job.removed': 'audit.actions.jobRemoved',
};

export const OUTCOME_LOOK: Record<AuditOutcome, { label: TranslationKey; tone: string }> = {
  success: { label: 'audit.outcomes.success', tone: 'success' },
  failure: { label: 'audit.outcomes.failure', tone: 'warning' },
  denied: { label: 'audit.outcomes.denied', tone: 'error' },
};

export const CHAIN_BREAK_LABELS: Record<AuditChainBreak, TranslationKey> = {
  'sequence-gap': 'audit.verify.reasons.sequenceGap',
  'prev-hash-mismatch': 'audit.verify.reasons.prevHashMismatch',
  'hash-mismatch': 'audit.verify.reasons.hashMismatch',
};

/** The actions grouped by area (`auth`, `award`, …) for the filter, in the contract's order. */
export function actionGroups(actions: readonly AuditAction[]): { area: string; actions: AuditAction[] }[] {
  const groups = new Map<string, AuditAction[]>();
  for (const action of actions) {
    const area = action.split('.')[0];
    groups.set(area, [...(groups.get(area) ?? []), action]);
  }
  return [...groups].map(([area, list]) => ({ area, actions: list }));
}

/** Stored JSON, indented for reading; `null`/absent shows as nothing. */
export function prettyJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, null, 2);
}

export const AREA_LABELS: Record<string, TranslationKey> = {
  auth: 'audit.areas.auth',
  session: 'audit.areas.session',
  award: 'audit.areas.award',
  evidence: 'audit.areas.evidence',
  rule: 'audit.areas.rule',
  role: 'audit.areas.role',
  staff: 'audit.areas.staff',
  credential: 'audit.areas.credential',
  import: 'audit.areas.import',
  export: 'audit.areas.export',
  scim: 'audit.areas.scim',
  settings: 'audit.areas.settings',
  sso: 'audit.areas.sso',
  audit: 'audit.areas.audit',
  job: 'audit.areas.job',
  // Every area of AUDIT_ACTIONS needs one: a missing label broke the filter's rendering (axe then found the
  // half-drawn form fields without names).
  'training-session': 'trainingSessions.title',
  course: 'courses.title',
};
