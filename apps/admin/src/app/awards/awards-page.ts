import { ChangeDetectionStrategy, Component, Injector, computed, effect, inject } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  AWARD_SORT_FIELDS,
  Permission,
  type Award,
  type CertificateStatus,
  type CredentialSummary,
} from '@brevet/contracts';
import { catchError, filter, map, of, switchMap } from 'rxjs';
import { CatalogueApi } from '../catalogue/catalogue-api';
import { AuthStore } from '../core/auth';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { branchGroups } from '../core/org-tree';
import { ListState, type ListStateConfig } from '../core/ui/list-state';
import { Viewport } from '../core/ui/viewport';
import { CERTIFICATE_STATUS_LOOK } from '../me/certificate-status';
import { StaffApi } from '../staff/staff-api';
import { AwardDialogs } from './award-dialogs';
import { DEFAULT_VIEW, PAGE_SIZES, STATUS_FILTERS, filterCount } from './award-list-query';
import { AwardListStore } from './award-list.store';
import { credentialOptions, isCredential, type Picked } from './pickers';

type Column = 'person' | 'credential' | 'issuedOn' | 'validUntil' | 'status' | 'actions';

const COLUMN_LABELS: Record<Column, TranslationKey> = {
  person: 'awards.columns.person',
  credential: 'awards.columns.credential',
  issuedOn: 'awards.columns.issuedOn',
  validUntil: 'awards.columns.validUntil',
  status: 'awards.columns.status',
  actions: 'awards.columns.actions',
};

const LIST_STATE: ListStateConfig = {
  loading: 'awards.loading',
  loadFailed: 'awards.loadFailed',
  noMatchTitle: 'awards.noMatch.title',
  noMatchText: 'awards.noMatch.text',
  clearFilters: 'awards.noMatch.clear',
  emptyTitle: 'awards.empty.title',
  emptyText: 'awards.empty.text',
  emptyIcon: 'verified',
  pageSizes: PAGE_SIZES,
};

const ALL = '';

/**
 * Every award in the caller's scope: filter by credential, branch and effective status (and a person, when
 * coming from their page), sort and page, all in the URL. Issue one, renew or revoke from here.
 */
@Component({
  selector: 'bv-awards-page',
  imports: [
    ListState,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatMenuModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  providers: [AwardListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './awards-page.html',
  styleUrl: './awards-page.scss',
})
export class AwardsPage {
  protected readonly store = inject(AwardListStore);
  protected readonly i18n = inject(I18n);
  protected readonly canWrite = inject(AuthStore).can(Permission.AwardsWrite);
  private readonly viewport = inject(Viewport);
  private readonly dialogs = inject(AwardDialogs);
  private readonly catalogue = inject(CatalogueApi);
  private readonly staff = inject(StaffApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly injector = inject(Injector);

  protected readonly phone = this.viewport.phone;
  protected readonly view = this.store.view;
  protected readonly all = ALL;
  protected readonly statuses = STATUS_FILTERS;
  protected readonly looks = CERTIFICATE_STATUS_LOOK;
  protected readonly labels = COLUMN_LABELS;
  protected readonly listState = LIST_STATE;
  protected readonly trackById = (_index: number, award: Award) => award.id;

  protected readonly credential = new FormControl<Picked<CredentialSummary>>(null);
  protected readonly credentialOptions = credentialOptions(this.credential, this.catalogue, 'all');
  protected readonly credentialLabel = (value: Picked<CredentialSummary>) =>
    isCredential(value) ? `${this.i18n.localized(value.title)} (${value.code})` : (value ?? '');

  protected readonly branchGroups = toSignal(
    this.staff.organisation().pipe(
      map(branchGroups),
      catchError(() => of([])),
    ),
    { initialValue: [] },
  );

  /** The person filter (from a person's page), named. */
  protected readonly person = toSignal(
    this.route.queryParamMap.pipe(
      map((params) => params.get('staffId')),
      switchMap((id) => (id ? this.staff.get(id).pipe(catchError(() => of(null))) : of(null))),
    ),
    { initialValue: null },
  );

  protected readonly columns = computed((): Column[] => {
    if (this.viewport.phone()) return ['person', 'status', 'actions'];
    if (this.viewport.narrow()) return ['person', 'credential', 'validUntil', 'status', 'actions'];
    return ['person', 'credential', 'issuedOn', 'validUntil', 'status', 'actions'];
  });

  protected readonly rows = computed(() => this.store.page()?.items ?? []);
  protected readonly activeFilters = computed(() => filterCount(this.view()));

  constructor() {
    // The credential filter shows the chosen definition's name, also when the page is opened from a link.
    effect(() => {
      const id = this.view().definitionId;
      const shown = this.credential.value;
      if (!id) {
        if (isCredential(shown)) this.credential.setValue(null, { emitEvent: false });
        return;
      }
      if (isCredential(shown) && shown.id === id) return;
      this.catalogue.get(id).subscribe({
        next: (definition) => this.credential.setValue(definition, { emitEvent: false }),
        error: () => this.credential.setValue(null, { emitEvent: false }),
      });
    });
    this.credential.valueChanges
      .pipe(
        filter((value) => value === null || value === '' || isCredential(value)),
        takeUntilDestroyed(),
      )
      .subscribe((value) => {
        const definitionId = isCredential(value) ? value.id : null;
        if (definitionId !== this.view().definitionId) this.store.update({ definitionId, page: 1 });
      });
  }

  protected sortLabel(column: Column): string {
    return this.i18n.t('awards.sortBy', { column: this.i18n.t(COLUMN_LABELS[column]) });
  }

  protected sortBy(sort: Sort): void {
    const field = AWARD_SORT_FIELDS.find((f) => f === sort.active);
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

  protected filterBranch(branchId: string): void {
    this.store.update({ branchId: branchId || null, page: 1 });
  }

  protected filterStatus(status: CertificateStatus | ''): void {
    this.store.update({ status: status || null, page: 1 });
  }

  protected clearCredential(): void {
    this.credential.setValue(null);
  }

  protected clearPerson(): void {
    this.store.update({ staffId: null, page: 1 });
  }

  protected clearFilters(): void {
    this.credential.setValue(null, { emitEvent: false });
    this.store.update({ definitionId: null, branchId: null, staffId: null, status: null, page: 1 });
  }

  protected lookOf(award: Award) {
    return CERTIFICATE_STATUS_LOOK[award.status];
  }

  protected verifyUrl(award: Award): string {
    return `/verify/${award.id}`;
  }

  protected open(award: Award): void {
    void this.router.navigate([award.id], { relativeTo: this.route });
  }

  protected issue(): void {
    const definitionId = this.view().definitionId;
    const chosen = this.credential.value;
    this.dialogs
      .issue(
        this.injector,
        isCredential(chosen) && chosen.id === definitionId && chosen.status === 'published'
          ? { credential: chosen }
          : {},
      )
      .subscribe(() => this.store.reload());
  }

  protected renew(award: Award): void {
    this.dialogs.renew(this.injector, award).subscribe(() => this.store.reload());
  }

  protected revoke(award: Award): void {
    this.dialogs.revoke(this.injector, award).subscribe(() => this.store.reload());
  }
}
