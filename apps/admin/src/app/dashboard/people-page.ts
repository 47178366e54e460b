import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule, type MatChipListboxChange } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  COMPLIANCE_REQUIREMENT_SORT_FIELDS,
  Permission,
  type ComplianceRequirement,
  type ComplianceStatus,
} from '@brevet/contracts';
import { AuthStore } from '../core/auth';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Viewport } from '../core/ui/viewport';
import { COMPLIANCE_STATUS_LOOK, ComplianceStatusBadge, STATUS_ORDER } from './compliance-status';
import { ComplianceLookups } from './compliance-lookups';
import { PEOPLE_PAGE_SIZES, defaultPeopleSort, type PeopleView } from './dashboard-query';
import { PeopleStore } from './people.store';

type Column = 'name' | 'branch' | 'credential' | 'status' | 'date';
type FilterName = 'regionId' | 'branchId' | 'definitionId' | 'jobRoleId' | 'country';

const FILTER_LABELS: Record<FilterName, TranslationKey> = {
  regionId: 'dashboard.region',
  branchId: 'dashboard.people.branch',
  definitionId: 'dashboard.people.credential',
  jobRoleId: 'dashboard.role',
  country: 'dashboard.country',
};

/**
 * The people behind a figure or cell of the dashboard: one row per person and required credential, with the
 * dashboard's filters as removable chips, status chips to narrow it, server-side sorting and paging, all in the
 * URL. With `within`, it is the list of certificates that run out within that many days.
 */
@Component({
  selector: 'bv-people-page',
  imports: [
    ComplianceStatusBadge,
    MatButtonModule,
    MatChipsModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSortModule,
    MatTableModule,
    RouterLink,
    TranslatePipe,
  ],
  providers: [PeopleStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './people-page.html',
  styleUrl: './people-page.scss',
})
export class PeoplePage {
  protected readonly store = inject(PeopleStore);
  protected readonly lookups = inject(ComplianceLookups);
  protected readonly i18n = inject(I18n);
  private readonly viewport = inject(Viewport);
  protected readonly canOpenPeople = inject(AuthStore).can(Permission.StaffRead);

  protected readonly phone = this.viewport.phone;
  protected readonly view = this.store.view;
  protected readonly statuses = STATUS_ORDER;
  protected readonly looks = COMPLIANCE_STATUS_LOOK;
  protected readonly pageSizes = PEOPLE_PAGE_SIZES;
  protected readonly trackRow = (_index: number, r: ComplianceRequirement) =>
    `${r.staff.id}:${r.credential.id}`;

  protected readonly columns = computed((): Column[] =>
    this.viewport.phone() ? ['name', 'status'] : ['name', 'branch', 'credential', 'status', 'date'],
  );

  protected readonly loaded = computed(() => {
    const page = this.store.page();
    return page.status === 'ok' ? page.value : null;
  });
  protected readonly loading = computed(() => this.store.page().status === 'loading');

  protected readonly title = computed(() =>
    this.view().within !== null
      ? this.i18n.t('dashboard.people.expiringTitle', { count: this.view().within ?? 0 })
      : this.i18n.t('dashboard.people.title'),
  );

  /** The active filters as chips: "Region: Germany North", each removable. */
  protected readonly filterChips = computed(() => {
    this.lookups.regions();
    const view = this.view();
    const name = (filter: FilterName): string | undefined => {
      const value = view[filter];
      if (!value) return undefined;
      switch (filter) {
        case 'regionId':
          return this.lookups.region(value)?.name;
        case 'branchId':
          return this.lookups.branch(value)?.name;
        case 'definitionId':
          return this.lookups.credentialTitle(value);
        case 'jobRoleId':
          return this.lookups.roleName(value);
        case 'country':
          return this.i18n.countryName(value);
      }
    };
    return (Object.keys(FILTER_LABELS) as FilterName[])
      .filter((filter) => view[filter] !== null)
      .map((filter) => ({
        filter,
        text: `${this.i18n.t(FILTER_LABELS[filter])}: ${name(filter) ?? '…'}`,
      }));
  });

  /** The dashboard with the same region, country and role. */
  protected readonly back = computed(() => ({
    regionId: this.view().regionId,
    country: this.view().country,
    jobRoleId: this.view().jobRoleId,
  }));

  constructor() {
    this.lookups.load();
  }

  /** The date that matters for the status: due day, last valid day or end of the exemption. */
  protected when(r: ComplianceRequirement): string {
    switch (r.status) {
      case 'exempt':
        return r.exemption
          ? this.i18n.t('dashboard.people.exemptUntil', { date: this.i18n.day(r.exemption.until) })
          : '';
      case 'missing_in_grace':
        return this.i18n.t('dashboard.people.dueBy', { date: this.i18n.day(r.dueOn) });
      case 'missing_overdue':
        return this.i18n.t('dashboard.people.wasDue', { date: this.i18n.day(r.dueOn) });
      case 'compliant':
      case 'expiring':
      case 'expired':
        if (!r.award) return '';
        return r.award.validUntil
          ? this.i18n.t('dashboard.people.validUntil', { date: this.i18n.day(r.award.validUntil) })
          : this.i18n.t('dashboard.people.noExpiry');
    }
  }

  protected credentialName(r: ComplianceRequirement): string {
    return this.i18n.localized(r.credential.title) || r.credential.code;
  }

  protected sortLabel(column: TranslationKey): string {
    return this.i18n.t('dashboard.people.sortBy', { column: this.i18n.t(column) });
  }

  /** The date column sorts by due day, or by last valid day in the expiring lists. */
  protected dateSortField(): 'dueOn' | 'validUntil' {
    return this.view().within !== null ? 'validUntil' : 'dueOn';
  }

  protected sortBy(sort: Sort): void {
    const field = COMPLIANCE_REQUIREMENT_SORT_FIELDS.find((f) => f === sort.active);
    const fallback = defaultPeopleSort(this.view().within);
    if (!field || sort.direction === '') {
      this.store.update({ sortField: fallback, sortDirection: 'asc', page: 1 });
      return;
    }
    this.store.update({ sortField: field, sortDirection: sort.direction, page: 1 });
  }

  protected paginate(event: PageEvent): void {
    this.store.update({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  protected filterStatuses(change: MatChipListboxChange): void {
    const chosen = (change.value as ComplianceStatus[] | null) ?? [];
    this.store.update({ statuses: STATUS_ORDER.filter((s) => chosen.includes(s)), page: 1 });
  }

  protected removeFilter(filter: FilterName): void {
    const change: Partial<PeopleView> = { [filter]: null, page: 1 };
    this.store.update(change);
  }

  protected clearAll(): void {
    this.store.update({
      regionId: null,
      branchId: null,
      definitionId: null,
      jobRoleId: null,
      country: null,
      statuses: [],
      page: 1,
    });
  }
}
