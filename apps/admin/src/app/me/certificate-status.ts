import type { CertificateStatus } from '@brevet/contracts';
import type { TranslationKey } from '../core/i18n';

export interface StatusLook {
  label: TranslationKey;
  /** A `bv-badge` modifier. */
  tone: 'success' | 'warning' | 'error' | 'info' | '';
}

/** How a certificate's effective status looks on a chip. */
export const CERTIFICATE_STATUS_LOOK: Record<CertificateStatus, StatusLook> = {
  valid: { label: 'certificateStatus.valid', tone: 'success' },
  expiring: { label: 'certificateStatus.expiring', tone: 'warning' },
  expired: { label: 'certificateStatus.expired', tone: 'error' },
  not_yet_valid: { label: 'certificateStatus.notYetValid', tone: 'info' },
  revoked: { label: 'certificateStatus.revoked', tone: 'error' },
  superseded: { label: 'certificateStatus.superseded', tone: '' },
};

/** Certificates that can still be shown to someone else (downloads make sense). */
export function canBeShared(status: CertificateStatus): boolean {
  return status !== 'revoked' && status !== 'superseded';
}
