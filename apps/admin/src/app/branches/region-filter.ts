import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatChipsModule, type MatChipListboxChange } from '@angular/material/chips';
import type { Region } from '@brevet/contracts';
import { I18n, TranslatePipe } from '../core/i18n';

/**
 * The regions as filter chips, each with its number of active branches. The counts come from a
 * background job, so they catch up a moment after a change; the tooltip says when they were counted.
 */
@Component({
  selector: 'bv-region-filter',
  imports: [MatChipsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-chip-listbox
      class="regions"
      [attr.aria-label]="'branches.regions.label' | t"
      [value]="selected()"
      (change)="select($event)"
    >
      @for (region of shown(); track region.id) {
        <!-- A title, not matTooltip: the tooltip's aria-describedby on the chip's presentational host makes it
             a plain element, and the listbox then has no options (axe: aria-required-children). -->
        <mat-chip-option
          [value]="region.id"
          [aria-label]="label(region)"
          [attr.title]="countedAt(region) || null"
        >
          {{ region.name }}
          <span class="count" aria-hidden="true">{{ i18n.number(region.branchCount) }}</span>
        </mat-chip-option>
      }
    </mat-chip-listbox>
  `,
  styles: `
    .count {
      display: inline-block;
      min-width: 20px;
      margin-left: 6px;
      padding: 0 6px;
      border-radius: 10px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-medium);
      text-align: center;
    }
  `,
})
export class RegionFilter {
  protected readonly i18n = inject(I18n);

  readonly regions = input.required<readonly Region[]>();
  readonly selected = input<string | null>(null);
  readonly selectedChange = output<string | null>();

  /** Regions that hold branches themselves: leaves, and any parent that has direct branches. */
  protected readonly shown = computed(() => {
    const regions = this.regions();
    const parents = new Set(regions.map((r) => r.parentId));
    return regions
      .filter((r) => !parents.has(r.id) || r.branchCount > 0)
      .sort((a, b) => a.name.localeCompare(b.name));
  });

  /** "Germany North, 3 active branches" for screen readers; the badge alone would be just "3". */
  protected label(region: Region): string {
    const count = this.i18n.t('branches.regions.branchCount', { count: region.branchCount });
    return `${region.name}, ${count}`;
  }

  protected countedAt(region: Region): string {
    return region.branchCountUpdatedAt
      ? this.i18n.t('branches.regions.countedAt', { time: this.i18n.dateTime(region.branchCountUpdatedAt) })
      : '';
  }

  protected select(change: MatChipListboxChange): void {
    this.selectedChange.emit(typeof change.value === 'string' ? change.value : null);
  }
}
