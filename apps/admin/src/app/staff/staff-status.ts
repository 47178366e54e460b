import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { StaffStatus } from '@brevet/contracts';
import { TranslatePipe, type TranslationKey } from '../core/i18n';

export const STAFF_STATUS_LABELS: Record<StaffStatus | 'all', TranslationKey> = {
  active: 'staff.statuses.active',
  on_leave: 'staff.statuses.on_leave',
  left: 'staff.statuses.left',
  all: 'staff.statuses.all',
};

/** A person's status as a coloured pill: active, on leave, left. */
@Component({
  selector: 'bv-staff-status',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="bv-badge" [class.success]="status() === 'active'" [class.warning]="status() === 'on_leave'">
      {{ labels[status()] | t }}
    </span>
  `,
})
export class StaffStatusBadge {
  readonly status = input.required<StaffStatus>();
  protected readonly labels = STAFF_STATUS_LABELS;
}
