import { EvidenceErrorCode, type ProblemDetails } from '@brevet/contracts';
import type { TranslationKey } from '../core/i18n';

/**
 * Plain words for what can go wrong when deciding on evidence: someone else was faster, it is one's own,
 * or it is gone (withdrawn, or the person moved out of one's branches). Null for anything else.
 */
export function approvalProblemKey(problem: ProblemDetails): TranslationKey | null {
  switch (problem.code) {
    case EvidenceErrorCode.EvidenceNotPending:
      return 'approvals.errors.notPending';
    case EvidenceErrorCode.EvidenceOwn:
      return 'approvals.errors.own';
    case EvidenceErrorCode.EvidenceNotFound:
      return 'approvals.errors.gone';
    case 'award.newer_award_exists':
      return 'approvals.errors.newerAward';
    case 'award.staff_left':
      return 'approvals.errors.staffLeft';
    case 'award.credential_not_published':
      return 'approvals.errors.notPublished';
    default:
      return null;
  }
}
