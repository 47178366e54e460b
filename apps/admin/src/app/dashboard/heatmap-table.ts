import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { RouterLink } from '@angular/router';
import { I18n, TranslatePipe } from '../core/i18n';
import { nextSort, sameSortKey, type HeatmapSort } from './dashboard-query';
import type { HeatColumn, HeatRow } from './heatmap-model';

const PAGE_SIZE = 50;

/**
 * The heat map's figures as a plain table: row and column headers a screen reader announces with every cell,
 * `aria-sort` on the sorted column, the rate and "met of due" in words in each cell, and paging for long levels.
 */
@Component({
  selector: 'bv-heatmap-table',
  imports: [MatIconModule, MatPaginatorModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './heatmap-table.html',
  styleUrl: './heatmap-table.scss',
})
export class HeatmapTable {
  private readonly i18n = inject(I18n);

  readonly rows = input.required<HeatRow[]>();
  readonly columns = input.required<HeatColumn[]>();
  readonly sort = input.required<HeatmapSort>();
  /** The level's name, for the caption. */
  readonly level = input.required<string>();
  readonly sortChange = output<HeatmapSort>();

  protected readonly pageSize = PAGE_SIZE;
  protected readonly pageIndex = signal(0);
  protected readonly pageRows = computed(() =>
    this.rows().slice(this.pageIndex() * PAGE_SIZE, (this.pageIndex() + 1) * PAGE_SIZE),
  );

  constructor() {
    // A new level or order starts on the first page.
    effect(() => {
      this.rows();
      this.pageIndex.set(0);
    });
  }

  protected sortBy(key: HeatmapSort['key']): void {
    this.sortChange.emit(nextSort(this.sort(), key));
  }

  protected ariaSort(key: HeatmapSort['key']): 'ascending' | 'descending' | null {
    const sort = this.sort();
    if (!sameSortKey(sort.key, key)) return null;
    return sort.direction === 'asc' ? 'ascending' : 'descending';
  }

  protected sortLabel(column: string): string {
    return this.i18n.t('dashboard.heatmap.sortBy', { column });
  }

  protected rateKey(definitionId: string): HeatmapSort['key'] {
    return { definitionId };
  }

  protected page(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
  }
}
