import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Permission, STAFF_SORT_FIELDS, type StaffDetail, type StaffSummary } from '@brevet/contracts';
import { debounceTime, filter, map } from 'rxjs';
import { AuthStore } from '../core/auth';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { ListState, type ListStateConfig } from '../core/ui/list-state';
import { Notifier } from '../core/ui/notifier';
import { Viewport } from '../core/ui/viewport';
import { PersonDialog, type PersonDialogData } from './person-dialog';
import { StaffLookups } from './staff-lookups';
import {
  DEFAULT_VIEW,
  PAGE_SIZES,
  STATUS_FILTERS,
  filterCount,
  type StaffListView,
} from './staff-list-query';
import { StaffListStore } from './staff-list.store';
import { STAFF_STATUS_LABELS, StaffStatusBadge } from './staff-status';

type Column = 'name' | 'employeeNumber' | 'branch' | 'roles' | 'status' | 'hireDate';

const COLUMN_LABELS: Record<Column, TranslationKey> = {
  name: 'staff.columns.name',
  employeeNumber: 'staff.columns.employeeNumber',
  branch: 'staff.columns.branch',
  roles: 'staff.columns.roles',
  status: 'staff.columns.status',
  hireDate: 'staff.columns.hireDate',
};

const LIST_STATE: ListStateConfig = {
  loading: 'staff.loading',
  loadFailed: 'staff.loadFailed',
  noMatchTitle: 'staff.noMatch.title',
  noMatchQuery: 'staff.noMatch.query',
  noMatchText: 'staff.noMatch.text',
  clearFilters: 'staff.noMatch.clear',
  emptyTitle: 'staff.empty.title',
  emptyText: 'staff.empty.text',
  emptyIcon: 'people',
  pageSizes: PAGE_SIZES,
};

/** "All" in the filter selects: Material shows an option with an empty value, but not one with null. */
const ALL = '';

/** The staff directory: search, filters, sorting and paging in the URL; a phone gets a compact list. */
@Component({
  selector: 'bv-staff-page',
  imports: [
    ListState,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    ReactiveFormsModule,
    RouterLink,
    StaffStatusBadge,
    TranslatePipe,
  ],
  providers: [StaffListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './staff-page.html',
  styleUrl: './staff-page.scss',
})
export class StaffPage {
  protected readonly store = inject(StaffListStore);
  protected readonly lookups = inject(StaffLookups);
  protected readonly i18n = inject(I18n);
  /** Whether the person may change things here (managers may only look). */
  protected readonly canEdit = inject(AuthStore).can(Permission.StaffWrite);
  protected readonly canImport = inject(AuthStore).can(Permission.HrImport);
  private readonly viewport = inject(Viewport);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);

  protected readonly phone = this.viewport.phone;
  protected readonly view = this.store.view;
  protected readonly all = ALL;
  protected readonly statuses = STATUS_FILTERS;
  protected readonly statusLabels = STAFF_STATUS_LABELS;
  protected readonly labels = COLUMN_LABELS;
  protected readonly listState = LIST_STATE;
  protected readonly trackById = (_index: number, person: StaffSummary) => person.id;
  protected readonly search = new FormControl(this.view().q, { nonNullable: true });
  /** On phones the filters fold away behind a button. */
  protected readonly filtersOpen = signal(false);

  protected readonly columns = computed((): Column[] => {
    if (this.viewport.phone()) return ['name', 'status'];
    if (this.viewport.narrow()) return ['name', 'branch', 'roles', 'status'];
    return ['name', 'employeeNumber', 'branch', 'roles', 'status', 'hireDate'];
  });

  protected readonly rows = computed(() => this.store.page()?.items ?? []);
  protected readonly activeFilters = computed(() => filterCount(this.view()));

  /** Branch choices, narrowed to the chosen region. */
  protected readonly branchGroups = computed(() => {
    const regionId = this.view().regionId;
    const groups = this.lookups.branchGroups();
    if (!regionId) return groups;
    const scope = this.lookups.regionScope(regionId);
    return groups.filter((group) => scope.has(group.regionId));
  });

  /** Active roles, plus the chosen one if it has been archived since. */
  protected readonly roleOptions = computed(() => {
    const chosen = this.view().jobRoleId;
    return this.lookups.roles().filter((role) => role.status === 'active' || role.id === chosen);
  });

  constructor() {
    this.lookups.refresh();
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
    this.route.queryParams
      .pipe(takeUntilDestroyed())
      .subscribe((params) => this.lookups.directoryParams.set(params as Record<string, string>));
  }

  protected sortLabel(column: Column): string {
    return this.i18n.t('staff.sortBy', { column: this.i18n.t(COLUMN_LABELS[column]) });
  }

  protected sortBy(sort: Sort): void {
    const field = STAFF_SORT_FIELDS.find((f) => f === sort.active);
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

  protected filterRegion(regionId: string): void {
    const branchId = this.view().branchId;
    const scope = regionId ? this.lookups.regionScope(regionId) : null;
    const branch = this.lookups.branches().find((b) => b.id === branchId);
    const keepBranch = !scope || (branch !== undefined && scope.has(branch.regionId));
    this.store.update({ regionId: regionId || null, branchId: keepBranch ? branchId : null, page: 1 });
  }

  protected filterBy(change: Partial<Pick<StaffListView, 'branchId' | 'jobRoleId'>>): void {
    const normalized = Object.fromEntries(Object.entries(change).map(([key, value]) => [key, value || null]));
    this.store.update({ ...normalized, page: 1 });
  }

  protected filterStatus(status: StaffListView['status']): void {
    this.store.update({ status, page: 1 });
  }

  protected clearSearch(): void {
    this.search.setValue('', { emitEvent: false });
    this.store.update({ q: '', page: 1 }, { replaceUrl: true });
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    this.store.update({
      q: '',
      branchId: null,
      regionId: null,
      jobRoleId: null,
      status: DEFAULT_VIEW.status,
      page: 1,
    });
  }

  protected open(person: StaffSummary): void {
    void this.router.navigate([person.id], { relativeTo: this.route });
  }

  protected create(): void {
    this.dialog
      .open<PersonDialog, PersonDialogData, StaffDetail>(PersonDialog, {
        data: { branchId: this.view().branchId },
        width: '720px',
        maxWidth: 'calc(100vw - 24px)',
        autoFocus: 'first-tabbable',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((person): person is StaffDetail => person !== undefined))
      .subscribe((person) => {
        this.notifier.info('staff.created', { name: `${person.givenName} ${person.familyName}` });
        void this.router.navigate([person.id], { relativeTo: this.route });
      });
  }
}
