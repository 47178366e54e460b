import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { Permission, type ComplianceCounts, type ComplianceStatus } from '@brevet/contracts';
import { AuthStore } from '../core/auth';
import { I18n, TranslatePipe } from '../core/i18n';
import { Viewport } from '../core/ui/viewport';
import { COMPLIANCE_STATUS_LOOK, STATUS_ORDER } from './compliance-status';
import { due, notMet } from './compliance-scale';
import { ComplianceLookups } from './compliance-lookups';
import { peopleLink, type DashboardView, type HeatmapSort, type HeatmapView } from './dashboard-query';
import { DashboardStore } from './dashboard.store';
import { ExpiringPanel } from './expiring-panel';
import { Heatmap } from './heatmap';
import { buildHeatRows, formatRate, heatColumns } from './heatmap-model';
import { HeatmapTable } from './heatmap-table';
import { RegionTree } from './region-tree';
import { TrainingPanel } from './training-panel';
import { ComplianceTrendChart, type TrendSeries } from '../trends';

/** "All" in the filter selects: Material shows an option with an empty value, but not one with null. */
const ALL = '';

const COUNT_OF: Record<ComplianceStatus, (c: ComplianceCounts) => number> = {
  compliant: (c) => c.compliant,
  expiring: (c) => c.expiring,
  expired: (c) => c.expired,
  missing_overdue: (c) => c.missingOverdue,
  missing_in_grace: (c) => c.missingInGrace,
  exempt: (c) => c.exempt,
};

/**
 * The compliance dashboard: headline figures, a heat map of one organisation level × credentials (drill into a
 * region to see what is below it), a tree of the sites, and who expires next. Every figure and cell links to the
 * people behind it; every filter, sort and tab is in the URL. See docs/compliance-dashboard.md.
 */
@Component({
  selector: 'bv-dashboard-page',
  imports: [
    ComplianceTrendChart,
    ExpiringPanel,
    Heatmap,
    HeatmapTable,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
    RegionTree,
    RouterLink,
    TrainingPanel,
    TranslatePipe,
  ],
  providers: [DashboardStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard-page.html',
  styleUrl: './dashboard-page.scss',
})
export class DashboardPage {
  protected readonly store = inject(DashboardStore);
  protected readonly lookups = inject(ComplianceLookups);
  protected readonly i18n = inject(I18n);
  private readonly viewport = inject(Viewport);
  protected readonly canWriteRules = inject(AuthStore).can(Permission.RulesWrite);

  protected readonly phone = this.viewport.phone;
  protected readonly view = this.store.view;
  protected readonly all = ALL;
  protected readonly filtersOpen = signal(false);

  protected readonly activeFilters = computed(() => {
    const view = this.view();
    return [view.regionId, view.country, view.jobRoleId].filter((v) => v !== null).length;
  });

  /** From the top down to the level shown. */
  protected readonly path = computed(() => this.lookups.pathTo(this.view().regionId));
  protected readonly levelName = computed(
    () => this.path().at(-1)?.name ?? this.i18n.t('dashboard.allRegions'),
  );

  protected readonly roleOptions = computed(() => {
    const chosen = this.view().jobRoleId;
    return this.lookups.roles().filter((role) => role.status === 'active' || role.id === chosen);
  });

  protected readonly asOf = computed(() => {
    const summary = this.store.summary();
    return summary.status === 'ok'
      ? this.i18n.dateTime(summary.value.asOf, { dateStyle: 'medium', timeStyle: 'short' })
      : null;
  });

  /** The base of every drill-down link: the dashboard's filters. */
  private readonly base = computed(() => ({
    regionId: this.view().regionId,
    country: this.view().country,
    jobRoleId: this.view().jobRoleId,
  }));

  protected readonly figures = computed(() => {
    const summary = this.store.summary();
    if (summary.status !== 'ok') return null;
    const totals = summary.value.totals;
    const expiring = this.store.expiringSoon();
    const base = this.base();
    return {
      rate: totals.rate === null ? null : formatRate(this.i18n, totals.rate, 1),
      met: totals.compliant + totals.expiring,
      due: due(totals),
      overdue: notMet(totals),
      missing: totals.missingOverdue,
      expired: totals.expired,
      grace: totals.missingInGrace,
      expiring30: expiring.status === 'ok' ? expiring.value.total : null,
      approvals: this.approvalsCount(),
      links: {
        all: peopleLink(base),
        overdue: peopleLink({ ...base, statuses: ['missing_overdue', 'expired'] }),
        grace: peopleLink({ ...base, statuses: ['missing_in_grace'] }),
        expiring: peopleLink({ ...base, within: 30 }),
      },
      breakdown: STATUS_ORDER.map((status) => ({
        status,
        look: COMPLIANCE_STATUS_LOOK[status],
        count: COUNT_OF[status](totals),
        link: peopleLink({ ...base, statuses: [status] }),
      })),
    };
  });

  /** Pending approvals for approvers; null while loading or when the inbox cannot be read. */
  private approvalsCount(): number | null {
    const pending = this.store.pendingApprovals();
    return pending.status === 'ok' ? pending.value : null;
  }

  /** What an empty view means: no rules at all, nothing matching the filters, or nothing required here. */
  protected readonly emptyReason = computed((): 'noRules' | 'noMatch' | 'nothing' | null => {
    const summary = this.store.summary();
    if (summary.status !== 'ok' || summary.value.totals.total > 0) return null;
    const rules = this.store.ruleCount();
    if (rules.status === 'ok' && rules.value === 0) return 'noRules';
    return this.activeFilters() > 0 ? 'noMatch' : 'nothing';
  });

  protected readonly columns = computed(() => {
    const level = this.store.level();
    return level.status === 'ok' ? heatColumns(level.value.columns, this.i18n) : [];
  });

  protected readonly rows = computed(() => {
    const level = this.store.level();
    if (level.status !== 'ok') return [];
    return buildHeatRows(level.value, this.view().sort, this.store.filter(), this.i18n);
  });

  /** One line: the level shown (or all regions), for the trend chart. */
  protected readonly trendSeries = computed((): TrendSeries[] => {
    const trend = this.store.trend();
    return trend.status === 'ok' ? [{ label: this.levelName(), trend: trend.value }] : [];
  });

  protected filterBy(change: Partial<Pick<DashboardView, 'regionId' | 'country' | 'jobRoleId'>>): void {
    const normalized = Object.fromEntries(Object.entries(change).map(([key, value]) => [key, value || null]));
    this.store.update(normalized);
  }

  protected clearFilters(): void {
    this.store.update({ regionId: null, country: null, jobRoleId: null });
  }

  protected sortBy(sort: HeatmapSort): void {
    this.store.update({ sort });
  }

  constructor() {
    this.lookups.load();
  }

  protected show(view: HeatmapView): void {
    this.store.update({ view });
  }
}
