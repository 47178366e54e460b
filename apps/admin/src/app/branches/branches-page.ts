import { ChangeDetectionStrategy, Component, Injector, computed, effect, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { BRANCH_SORT_FIELDS, Permission, type Branch, type BranchSortField } from '@brevet/contracts';
import { debounceTime, filter, map, switchMap } from 'rxjs';
import { AuthStore } from '../core/auth';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { Viewport } from '../core/ui/viewport';
import { BranchDialog, type BranchDialogData } from './branch-dialog';
import {
  DEFAULT_VIEW,
  PAGE_SIZES,
  STATUS_FILTERS,
  isFiltered,
  type BranchListView,
} from './branch-list-query';
import { BranchListStore } from './branch-list.store';
import { BranchesApi } from './branches-api';
import { RegionFilter } from './region-filter';

type Column = 'code' | 'name' | 'country' | 'region' | 'timezone' | 'createdAt' | 'actions';

const COLUMN_LABELS: Record<Column, TranslationKey> = {
  code: 'branches.columns.code',
  name: 'branches.columns.name',
  country: 'branches.columns.country',
  region: 'branches.columns.region',
  timezone: 'branches.columns.timezone',
  createdAt: 'branches.columns.createdAt',
  actions: 'branches.columns.actions',
};

const STATUS_LABELS: Record<BranchListView['status'], TranslationKey> = {
  active: 'branches.statuses.active',
  archived: 'branches.statuses.archived',
  all: 'branches.statuses.all',
};

/** The branch list: filters, table, paging, and the create/edit/archive flows. */
@Component({
  selector: 'bv-branches-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    MatTooltipModule,
    ReactiveFormsModule,
    RegionFilter,
    TranslatePipe,
  ],
  providers: [BranchListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './branches-page.html',
  styleUrl: './branches-page.scss',
})
export class BranchesPage {
  protected readonly store = inject(BranchListStore);
  protected readonly i18n = inject(I18n);
  /** Whether the person may change things here (managers may only look). */
  protected readonly canEdit = inject(AuthStore).can(Permission.OrgWrite);
  private readonly api = inject(BranchesApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly viewport = inject(Viewport);
  /** Dialogs get this page's injector, so they see the route's providers (form-field defaults). */
  private readonly injector = inject(Injector);

  protected readonly phone = this.viewport.phone;
  protected readonly view = this.store.view;
  protected readonly statuses = STATUS_FILTERS;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly labels = COLUMN_LABELS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly trackById = (_index: number, branch: Branch) => branch.id;
  protected readonly search = new FormControl(this.view().q, { nonNullable: true });

  protected readonly columns = computed((): Column[] => {
    const columns: Column[] = this.viewport.phone()
      ? ['name', 'actions']
      : this.viewport.narrow()
        ? ['code', 'name', 'region', 'actions']
        : ['code', 'name', 'country', 'region', 'timezone', 'createdAt', 'actions'];
    return this.canEdit ? columns : columns.filter((c) => c !== 'actions');
  });

  protected readonly rows = computed(() => this.store.page()?.items ?? []);
  protected readonly total = computed(() => this.store.page()?.total ?? 0);
  protected readonly filtered = computed(() => isFiltered(this.view()));
  /** Nothing to show: "no match" when filtered, otherwise the first-run state. */
  protected readonly empty = computed(() => this.store.page()?.total === 0);

  constructor() {
    this.search.valueChanges
      .pipe(
        debounceTime(300),
        map((q) => q.trim()),
        filter((q) => q !== this.view().q),
        takeUntilDestroyed(),
      )
      .subscribe((q) => this.store.update({ q, page: 1 }, { replaceUrl: true }));
    // Back/forward and "Clear filters" change the URL; mirror that into the box.
    effect(() => {
      const q = this.view().q;
      if (this.search.value.trim() !== q) this.search.setValue(q, { emitEvent: false });
    });
  }

  protected sortLabel(column: Column): string {
    return this.i18n.t('branches.sortBy', { column: this.i18n.t(COLUMN_LABELS[column]) });
  }

  protected sortBy(sort: Sort): void {
    const field = BRANCH_SORT_FIELDS.find((f) => f === sort.active);
    if (!field || sort.direction === '') {
      this.store.update({
        sortField: DEFAULT_VIEW.sortField,
        sortDirection: DEFAULT_VIEW.sortDirection,
        page: 1,
      });
      return;
    }
    this.store.update({ sortField: field satisfies BranchSortField, sortDirection: sort.direction, page: 1 });
  }

  protected paginate(event: PageEvent): void {
    this.store.update({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  protected filterStatus(status: BranchListView['status']): void {
    this.store.update({ status, page: 1 });
  }

  protected filterRegion(regionId: string | null): void {
    this.store.update({ regionId, page: 1 });
  }

  protected clearSearch(): void {
    this.search.setValue('', { emitEvent: false });
    this.store.update({ q: '', page: 1 }, { replaceUrl: true });
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    this.store.update({ q: '', status: DEFAULT_VIEW.status, regionId: null, page: 1 });
  }

  protected create(): void {
    this.openDialog({ regions: this.store.regions() }, 'branches.created');
  }

  protected edit(branch: Branch): void {
    this.openDialog({ branch, regions: this.store.regions() }, 'branches.saved');
  }

  protected archive(branch: Branch): void {
    const data: ConfirmDialogData = {
      title: this.i18n.t('branches.archiveConfirm.title'),
      message: this.i18n.t('branches.archiveConfirm.text', { name: branch.name }),
      confirm: this.i18n.t('branches.archiveConfirm.confirm'),
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data,
        role: 'alertdialog',
        width: '440px',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => this.api.archive(branch.id)),
      )
      .subscribe({
        next: () => {
          this.store.changed();
          this.notifier.withAction('branches.archived', 'common.undo', () => this.restore(branch));
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  protected restore(branch: Branch): void {
    this.api.restore(branch.id).subscribe({
      next: () => {
        this.store.changed();
        this.notifier.info('branches.restored');
      },
      error: (error: unknown) => this.notifier.problem(toProblem(error)),
    });
  }

  private openDialog(data: BranchDialogData, done: TranslationKey): void {
    this.dialog
      .open<BranchDialog, BranchDialogData, Branch>(BranchDialog, {
        data,
        width: '640px',
        maxWidth: 'calc(100vw - 24px)',
        autoFocus: 'first-tabbable',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((branch): branch is Branch => branch !== undefined))
      .subscribe((branch) => {
        this.store.changed();
        this.notifier.info(done, { name: branch.name });
      });
  }
}
