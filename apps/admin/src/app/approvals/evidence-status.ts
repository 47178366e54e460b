import type { EvidenceStatus } from '@brevet/contracts';
import type { TranslationKey } from '../core/i18n';

/** How a submission's status looks on a chip (`bv-badge` tones), for approvers and for the person. */
export const EVIDENCE_STATUS_LOOK: Record<
  EvidenceStatus,
  { label: TranslationKey; tone: 'success' | 'warning' | 'error' | '' }
> = {
  pending: { label: 'evidence.status.pending', tone: 'warning' },
  approved: { label: 'evidence.status.approved', tone: 'success' },
  rejected: { label: 'evidence.status.rejected', tone: 'error' },
  withdrawn: { label: 'evidence.status.withdrawn', tone: '' },
};
