import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  CREDENTIAL_CATEGORIES,
  CREDENTIAL_SORT_FIELDS,
  Permission,
  type CredentialSummary,
} from '@brevet/contracts';
import { debounceTime, filter, map } from 'rxjs';
import { AuthStore } from '../core/auth';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { ListState, type ListStateConfig } from '../core/ui/list-state';
import { Viewport } from '../core/ui/viewport';
import { CatalogueApi } from './catalogue-api';
import { DEFINITION_STATUS_LOOK, categoryNames } from './catalogue-labels';
import {
  DEFAULT_VIEW,
  PAGE_SIZES,
  STATUS_FILTERS,
  filterCount,
  type CatalogueListView,
} from './catalogue-list-query';
import { CatalogueListStore } from './catalogue-list.store';

type Column = 'badge' | 'title' | 'code' | 'category' | 'validity' | 'status' | 'awards' | 'updatedAt';

const COLUMN_LABELS: Record<Column, TranslationKey> = {
  badge: 'catalogue.columns.badge',
  title: 'catalogue.columns.title',
  code: 'catalogue.columns.code',
  category: 'catalogue.columns.category',
  validity: 'catalogue.columns.validity',
  status: 'catalogue.columns.status',
  awards: 'catalogue.columns.awards',
  updatedAt: 'catalogue.columns.updatedAt',
};

const STATUS_FILTER_LABELS: Record<(typeof STATUS_FILTERS)[number], TranslationKey> = {
  all: 'catalogue.statuses.all',
  draft: 'catalogue.statuses.draft',
  published: 'catalogue.statuses.published',
  archived: 'catalogue.statuses.archived',
};

const LIST_STATE: ListStateConfig = {
  loading: 'catalogue.loading',
  loadFailed: 'catalogue.loadFailed',
  noMatchTitle: 'catalogue.noMatch.title',
  noMatchQuery: 'catalogue.noMatch.query',
  noMatchText: 'catalogue.noMatch.text',
  clearFilters: 'catalogue.noMatch.clear',
  emptyTitle: 'catalogue.empty.title',
  emptyText: 'catalogue.empty.text',
  emptyIcon: 'school',
  pageSizes: PAGE_SIZES,
};

/** "All" in the filter selects: Material shows an option with an empty value, but not one with null. */
const ALL = '';

/** The catalogue of credential definitions: search, category and status filters, sorting and paging in the URL. */
@Component({
  selector: 'bv-catalogue-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    ListState,
    MatInputModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  providers: [CatalogueListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './catalogue-page.html',
  styleUrl: './catalogue-page.scss',
})
export class CataloguePage {
  protected readonly store = inject(CatalogueListStore);
  protected readonly i18n = inject(I18n);
  protected readonly api = inject(CatalogueApi);
  protected readonly canEdit = inject(AuthStore).can(Permission.CatalogueWrite);
  private readonly viewport = inject(Viewport);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly phone = this.viewport.phone;
  protected readonly view = this.store.view;
  protected readonly all = ALL;
  protected readonly categories = CREDENTIAL_CATEGORIES;
  protected readonly statuses = STATUS_FILTERS;
  protected readonly statusFilterLabels = STATUS_FILTER_LABELS;
  protected readonly labels = COLUMN_LABELS;
  protected readonly listState = LIST_STATE;
  protected readonly categoryNames = categoryNames;
  protected readonly trackById = (_index: number, item: CredentialSummary) => item.id;
  protected readonly search = new FormControl(this.view().q, { nonNullable: true });
  protected readonly filtersOpen = signal(false);

  protected readonly columns = computed((): Column[] => {
    if (this.viewport.phone()) return ['badge', 'title', 'status'];
    if (this.viewport.narrow()) return ['badge', 'title', 'category', 'status'];
    // A 1280 px laptop: the award count and the last change are on the definition's page.
    if (!this.viewport.roomy()) return ['badge', 'title', 'code', 'category', 'validity', 'status'];
    return ['badge', 'title', 'code', 'category', 'validity', 'status', 'awards', 'updatedAt'];
  });

  protected readonly rows = computed(() => this.store.page()?.items ?? []);
  protected readonly activeFilters = computed(() => filterCount(this.view()));

  constructor() {
    this.search.valueChanges
      .pipe(
        debounceTime(300),
        map((q) => q.trim()),
        filter((q) => q !== this.view().q),
        takeUntilDestroyed(),
      )
      .subscribe((q) => this.store.update({ q, page: 1 }, { replaceUrl: true }));
    effect(() => {
      const view = this.view();
      if (this.search.value.trim() !== view.q) this.search.setValue(view.q, { emitEvent: false });
    });
  }

  protected sortLabel(column: Column): string {
    return this.i18n.t('catalogue.sortBy', { column: this.i18n.t(COLUMN_LABELS[column]) });
  }

  protected sortBy(sort: Sort): void {
    const field = CREDENTIAL_SORT_FIELDS.find((f) => f === sort.active);
    if (!field || sort.direction === '') {
      this.store.update({
        sortField: DEFAULT_VIEW.sortField,
        sortDirection: DEFAULT_VIEW.sortDirection,
        page: 1,
      });
      return;
    }
    this.store.update({ sortField: field, sortDirection: sort.direction, page: 1 });
  }

  protected filterCategory(category: string): void {
    this.store.update({ category: (category || null) as CatalogueListView['category'], page: 1 });
  }

  protected filterStatus(status: CatalogueListView['status']): void {
    this.store.update({ status, page: 1 });
  }

  protected clearSearch(): void {
    this.search.setValue('', { emitEvent: false });
    this.store.update({ q: '', page: 1 }, { replaceUrl: true });
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    this.store.update({ q: '', category: null, status: DEFAULT_VIEW.status, page: 1 });
  }

  protected validity(item: CredentialSummary): string {
    return item.validityMonths === null
      ? this.i18n.t('catalogue.noExpiry')
      : this.i18n.t('catalogue.months', { count: item.validityMonths });
  }

  protected lookOf(item: CredentialSummary) {
    return DEFINITION_STATUS_LOOK[item.status];
  }

  protected open(item: CredentialSummary): void {
    void this.router.navigate([item.id], { relativeTo: this.route });
  }
}
