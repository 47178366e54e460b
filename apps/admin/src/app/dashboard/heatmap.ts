import { CdkVirtualScrollViewport, ScrollingModule } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { I18n, TranslatePipe } from '../core/i18n';
import { SCALE } from './compliance-scale';
import { nextSort, sameSortKey, type HeatmapSort } from './dashboard-query';
import type { HeatColumn, HeatRow } from './heatmap-model';

/** Row height in pixels: the virtual scroll's item size. */
const ROW = 44;
/** Rows shown before the heat map scrolls. */
const VISIBLE_ROWS = 12;

/**
 * The heat map: rows (regions or branches of one level) × credential columns, each cell coloured by its rate
 * and printing it, each a link to the people behind it. Rows scroll virtually (CDK), so a level with a thousand
 * branches renders only what is on screen; the header follows the horizontal scroll. Sort buttons sit in the
 * header. The table view (`HeatmapTable`) shows the same figures for screen readers.
 */
@Component({
  selector: 'bv-heatmap',
  imports: [MatIconModule, RouterLink, ScrollingModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './heatmap.html',
  styleUrl: './heatmap.scss',
})
export class Heatmap {
  private readonly i18n = inject(I18n);

  readonly rows = input.required<HeatRow[]>();
  readonly columns = input.required<HeatColumn[]>();
  readonly sort = input.required<HeatmapSort>();
  readonly sortChange = output<HeatmapSort>();

  private readonly viewport = viewChild.required(CdkVirtualScrollViewport);
  private readonly head = viewChild.required<ElementRef<HTMLElement>>('head');

  protected readonly scale = SCALE;
  protected readonly rowHeight = ROW;
  /** Room for every row up to VISIBLE_ROWS, plus a horizontal scroll bar. */
  protected readonly height = computed(() => Math.min(this.rows().length, VISIBLE_ROWS) * ROW + 16);
  protected readonly trackRow = (_index: number, row: HeatRow) => `${row.kind}:${row.id}`;

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const subscription = this.viewport()
        .elementScrolled()
        .subscribe(() => {
          this.head().nativeElement.scrollLeft = this.viewport().measureScrollOffset('left');
        });
      destroyRef.onDestroy(() => subscription.unsubscribe());
    });
    // The viewport's height follows the number of rows; tell the virtual scroll when it changes.
    effect(() => {
      this.height();
      queueMicrotask(() => this.viewport().checkViewportSize());
    });
  }

  protected sortBy(key: HeatmapSort['key']): void {
    this.sortChange.emit(nextSort(this.sort(), key));
  }

  protected sorted(key: HeatmapSort['key']): 'asc' | 'desc' | null {
    const sort = this.sort();
    return sameSortKey(sort.key, key) ? sort.direction : null;
  }

  /** "Sort by Forklift licence (sorted: lowest first)". */
  protected sortLabel(key: HeatmapSort['key'], column: string): string {
    const label = this.i18n.t('dashboard.heatmap.sortBy', { column });
    const state = this.sorted(key);
    if (!state) return label;
    const how =
      key === 'name'
        ? state === 'asc'
          ? 'dashboard.heatmap.sortedAz'
          : 'dashboard.heatmap.sortedZa'
        : state === 'asc'
          ? 'dashboard.heatmap.sortedLowest'
          : 'dashboard.heatmap.sortedHighest';
    return `${label} (${this.i18n.t(how)})`;
  }

  protected rateKey(definitionId: string): HeatmapSort['key'] {
    return { definitionId };
  }
}
