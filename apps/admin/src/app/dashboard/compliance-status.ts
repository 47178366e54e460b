import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ComplianceStatus } from '@brevet/contracts';
import { TranslatePipe, type TranslationKey } from '../core/i18n';

export interface ComplianceStatusLook {
  label: TranslationKey;
  /** A `bv-badge` modifier. */
  tone: 'success' | 'warning' | 'error' | 'info' | '';
}

/** Worst first, as the API sorts `status`. */
export const STATUS_ORDER: readonly ComplianceStatus[] = [
  'missing_overdue',
  'expired',
  'missing_in_grace',
  'expiring',
  'compliant',
  'exempt',
];

export const COMPLIANCE_STATUS_LOOK: Record<ComplianceStatus, ComplianceStatusLook> = {
  missing_overdue: { label: 'dashboard.status.missing_overdue', tone: 'error' },
  expired: { label: 'dashboard.status.expired', tone: 'error' },
  missing_in_grace: { label: 'dashboard.status.missing_in_grace', tone: 'info' },
  expiring: { label: 'dashboard.status.expiring', tone: 'warning' },
  compliant: { label: 'dashboard.status.compliant', tone: 'success' },
  exempt: { label: 'dashboard.status.exempt', tone: '' },
};

/** A requirement's status as a small pill: words first, colour only as a second cue. */
@Component({
  selector: 'bv-compliance-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="bv-badge {{ look().tone }}">{{ look().label | t }}</span>`,
})
export class ComplianceStatusBadge {
  readonly status = input.required<ComplianceStatus>();
  protected readonly look = computed(() => COMPLIANCE_STATUS_LOOK[this.status()]);
}
