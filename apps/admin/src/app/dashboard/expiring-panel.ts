import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import {
  COMPLIANCE_EXPIRING_WINDOWS,
  Permission,
  type ComplianceFilter,
  type ComplianceRequirementPage,
} from '@brevet/contracts';
import { AuthStore } from '../core/auth';
import { I18n, TranslatePipe } from '../core/i18n';
import { peopleLink, type ExpiringWindow } from './dashboard-query';
import type { Load } from './load-state';

/**
 * "Who expires next": the soonest certificates running out within 30, 60 or 90 days (the window is in the URL),
 * with a link to the full list.
 */
@Component({
  selector: 'bv-expiring-panel',
  imports: [MatButtonModule, MatButtonToggleModule, MatIconModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './expiring-panel.html',
  styleUrl: './expiring-panel.scss',
})
export class ExpiringPanel {
  protected readonly i18n = inject(I18n);
  /** Person pages are for people who may read the staff directory. */
  protected readonly canOpenPeople = inject(AuthStore).can(Permission.StaffRead);

  readonly list = input.required<Load<ComplianceRequirementPage>>();
  readonly window = input.required<ExpiringWindow>();
  readonly filter = input.required<ComplianceFilter>();
  readonly windowChange = output<ExpiringWindow>();
  readonly retry = output<void>();

  protected readonly windows = COMPLIANCE_EXPIRING_WINDOWS;

  protected readonly items = computed(() => {
    const list = this.list();
    if (list.status !== 'ok') return [];
    return list.value.items.map((r) => ({
      key: `${r.staff.id}:${r.credential.id}`,
      staffId: r.staff.id,
      name: `${r.staff.givenName} ${r.staff.familyName}`,
      credential: this.i18n.localized(r.credential.title) || r.credential.code,
      branch: r.branch.name,
      until: r.award?.validUntil ? this.i18n.day(r.award.validUntil) : '',
      left: this.daysLeft(r.award?.daysLeft ?? null),
      soon: (r.award?.daysLeft ?? 99) <= 7,
    }));
  });

  protected readonly allLink = computed(() =>
    peopleLink({
      within: this.window(),
      regionId: this.filter().regionId ?? null,
      country: this.filter().country ?? null,
      jobRoleId: this.filter().jobRoleId ?? null,
    }),
  );

  private daysLeft(days: number | null): string {
    if (days === null) return '';
    if (days <= 0) return this.i18n.t('dashboard.expiring.lastDay');
    return this.i18n.t('dashboard.expiring.inDays', { count: days });
  }
}
