import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { ComplianceAreaRow, ComplianceFilter } from '@brevet/contracts';
import { switchMap } from 'rxjs';
import { I18n, TranslatePipe } from '../core/i18n';
import { scaleStep } from './compliance-scale';
import { ComplianceLookups } from './compliance-lookups';
import { peopleLink } from './dashboard-query';
import { DashboardStore } from './dashboard.store';
import { formatRate } from './heatmap-model';
import { LOADING } from './load-state';

/**
 * One level of the sites tree: the regions and branches below a region (or the top regions), each with its
 * rate as a coloured badge that prints the number. Regions open and close with a disclosure button and load
 * their level when first opened; a region's name opens it in the heat map, a branch's name lists its people.
 * A level with a single region opens by itself, and so does the path to the region the heat map shows, so a
 * branch manager sees their branch at once.
 */
@Component({
  selector: 'bv-region-tree',
  imports: [MatButtonModule, MatIconModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './region-tree.html',
  styleUrl: './region-tree.scss',
})
export class RegionTree {
  protected readonly store = inject(DashboardStore);
  private readonly lookups = inject(ComplianceLookups);
  private readonly i18n = inject(I18n);

  /** The filter of this level (`regionId`: the level's region; none for the top). */
  readonly filter = input.required<ComplianceFilter>();
  readonly depth = input(0);

  protected readonly level = toSignal(
    toObservable(this.filter).pipe(switchMap((filter) => this.store.areas(filter))),
    { initialValue: LOADING },
  );

  /** Regions on the way to the heat map's level. */
  private readonly path = computed(
    () => new Set(this.lookups.pathTo(this.store.view().regionId).map((r) => r.id)),
  );

  protected readonly rows = computed(() => {
    const level = this.level();
    if (level.status !== 'ok') return [];
    const only = level.value.rows.length === 1;
    const open = this.store.treeOpen();
    const current = this.store.view().regionId;
    return level.value.rows.map((row) => ({
      row,
      step: scaleStep(row.totals.rate),
      rate: row.totals.rate === null ? '–' : formatRate(this.i18n, row.totals.rate),
      label: this.rateLabel(row),
      expanded: row.kind === 'region' && (open.get(row.id) ?? (only || this.path().has(row.id))),
      current: row.kind === 'region' && row.id === current,
      people: peopleLink({
        branchId: row.id,
        country: this.filter().country ?? null,
        jobRoleId: this.filter().jobRoleId ?? null,
      }),
    }));
  });

  protected childFilter(row: ComplianceAreaRow): ComplianceFilter {
    return { ...this.filter(), regionId: row.id };
  }

  protected toggle(id: string, expanded: boolean): void {
    this.store.setTreeOpen(id, !expanded);
  }

  private rateLabel(row: ComplianceAreaRow): string {
    if (row.totals.rate === null) return this.i18n.t('dashboard.tree.nothingDue');
    return this.i18n.t('dashboard.tree.rate', { rate: formatRate(this.i18n, row.totals.rate) });
  }
}
