import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  TemplateRef,
  computed,
  inject,
  input,
  output,
  type Signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ProblemDetails } from '@brevet/contracts';
import { problemMessageKey } from '../http/api-error';
import { TranslatePipe } from '../i18n';
import { listStateOf, type ListStateConfig } from './list-state-model';
import { Viewport } from './viewport';

export type { ListStateConfig } from './list-state-model';

/**
 * A paged list as `<bv-list-state>` reads it. The list stores (`CatalogueListStore`, `StaffListStore`, …) fit
 * it as they are: the page and its size live in their view, and `update` navigates to another one.
 */
export interface PagedList {
  /** A load is under way (the first one or a later one). */
  readonly loading: Signal<boolean>;
  /** Why the last load failed, or null. */
  readonly problem: Signal<ProblemDetails | null>;
  /** The last page loaded, or null before the first one arrives. */
  readonly page: Signal<{ readonly total: number } | null>;
  /** The page shown (one-based) and its size. */
  readonly view: Signal<{ readonly page: number; readonly pageSize: number }>;
  reload(): void;
  update(change: { page: number; pageSize: number }): void;
}

/**
 * The body of a paged list under its filters: the progress bar's slot, then the load error with "Try again",
 * "nothing matches your filters" with "Clear filters", "nothing here yet" with the page's own actions (the
 * projected content), or the results and the paginator. The results (the page's table or cards) come as an
 * `<ng-template>`, so they are created only while there are results to show.
 *
 * It adds no landmark and no heading level of its own: the page's `<section>` keeps `aria-busy` and its label,
 * the states are `<h2>` as before, and only the error is an alert.
 */
@Component({
  selector: 'bv-list-state',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    NgTemplateOutlet,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="bv-progress-slot">
      @if (list().loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="config().loading | t" />
      }
    </div>

    @switch (state()) {
      @case ('problem') {
        <div class="bv-state error" role="alert">
          <mat-icon svgIcon="error" aria-hidden="true" />
          <h2>{{ config().loadFailed | t }}</h2>
          @if (problemText(); as text) {
            <p>{{ text | t }}</p>
          }
          <button type="button" mat-stroked-button (click)="list().reload()">{{ 'common.retry' | t }}</button>
        </div>
      }
      @case ('noMatch') {
        <div class="bv-state">
          <mat-icon svgIcon="search" aria-hidden="true" />
          <h2>{{ config().noMatchTitle | t }}</h2>
          <p>
            @if (queryKey(); as key) {
              {{ key | t: { query: query() } }}
            }
            {{ config().noMatchText | t }}
          </p>
          <button type="button" mat-stroked-button (click)="clearFilters.emit()">
            {{ config().clearFilters | t }}
          </button>
        </div>
      }
      @case ('empty') {
        <div class="bv-state">
          <mat-icon [svgIcon]="config().emptyIcon" aria-hidden="true" />
          <h2>{{ config().emptyTitle | t }}</h2>
          <p>{{ config().emptyText | t }}</p>
          <ng-content />
        </div>
      }
      @case ('results') {
        <ng-container [ngTemplateOutlet]="results()" />
        <mat-paginator
          [length]="list().page()?.total ?? 0"
          [pageIndex]="list().view().page - 1"
          [pageSize]="list().view().pageSize"
          [pageSizeOptions]="config().pageSizes"
          [hidePageSize]="phone()"
          [showFirstLastButtons]="!phone()"
          (page)="paginate($event)"
        />
      }
    }
  `,
  // No box of its own: the slot, the states and the results stay laid out as children of the page's panel.
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class ListState {
  readonly list = input.required<PagedList>();
  readonly config = input.required<ListStateConfig>();
  /** The page's table or cards, shown above the paginator while the list has items. */
  readonly results = input.required<TemplateRef<unknown>>();
  /** A search term or filter narrows the list: an empty list then offers to clear them. */
  readonly filtered = input(false);
  /** The search term, quoted in "nothing matches" when the config has `noMatchQuery`. */
  readonly query = input('');

  readonly clearFilters = output<void>();

  protected readonly phone = inject(Viewport).phone;
  protected readonly state = computed(() =>
    listStateOf({
      problem: this.list().problem() !== null,
      total: this.list().page()?.total ?? null,
      filtered: this.filtered(),
    }),
  );
  protected readonly problemText = computed(() => {
    const problem = this.list().problem();
    return problem && this.config().explainProblem ? problemMessageKey(problem) : null;
  });
  protected readonly queryKey = computed(() => (this.query() ? (this.config().noMatchQuery ?? null) : null));

  protected paginate(event: PageEvent): void {
    this.list().update({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }
}
