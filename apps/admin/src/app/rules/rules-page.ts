import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
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
  COMPLIANCE_RULE_SORT_FIELDS,
  Permission,
  RULE_AREAS,
  type ComplianceRule,
  type ComplianceRulePage,
  type CredentialSummary,
} from '@brevet/contracts';
import { catchError, debounceTime, distinctUntilChanged, filter, map, of, switchMap } from 'rxjs';
import { AuthStore } from '../core/auth';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { ListState, type ListStateConfig, type PagedList } from '../core/ui/list-state';
import { Viewport } from '../core/ui/viewport';
import { ComplianceLookups } from '../dashboard/compliance-lookups';
import { LOADING, track, type Load } from '../dashboard/load-state';
import { ruleCredential, ruleWhere, ruleWho } from './rule-labels';
import { RuleRemoval } from './rule-removal';
import { RulesApi } from './rules-api';
import {
  AREA_LABELS,
  RULE_PAGE_SIZES,
  rulesViewFromParams,
  rulesViewToParams,
  toRuleListQuery,
  type RulesView,
} from './rules-query';
import { RulesTabs } from './rules-tabs';

type Column = 'credential' | 'who' | 'where' | 'due' | 'warning' | 'effectiveFrom' | 'actions';

const LIST_STATE: ListStateConfig = {
  loading: 'rules.loading',
  loadFailed: 'rules.loadFailed',
  noMatchTitle: 'rules.noMatch.title',
  noMatchText: 'rules.noMatch.text',
  clearFilters: 'rules.filter.clear',
  emptyTitle: 'rules.empty.title',
  emptyText: 'rules.empty.text',
  emptyIcon: 'rule',
  pageSizes: RULE_PAGE_SIZES,
};

const ALL = '';

/** The requirement rules: filter by credential, job role and area; sort and page in the URL. */
@Component({
  selector: 'bv-rules-page',
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
    RulesTabs,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rules-page.html',
  styleUrl: './rules-page.scss',
})
export class RulesPage {
  private readonly api = inject(RulesApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly removal = inject(RuleRemoval);
  private readonly viewport = inject(Viewport);
  protected readonly lookups = inject(ComplianceLookups);
  protected readonly i18n = inject(I18n);
  protected readonly canWrite = inject(AuthStore).can(Permission.RulesWrite);

  protected readonly phone = this.viewport.phone;
  protected readonly all = ALL;
  protected readonly areas = RULE_AREAS;
  protected readonly areaLabels = AREA_LABELS;
  protected readonly listState = LIST_STATE;
  protected readonly trackById = (_index: number, rule: ComplianceRule) => rule.id;

  protected readonly view = toSignal(this.route.queryParamMap.pipe(map(rulesViewFromParams)), {
    requireSync: true,
  });
  private readonly reloads = signal(0);
  protected readonly list = toSignal(
    toObservable(computed(() => ({ view: this.view(), reload: this.reloads() }))).pipe(
      switchMap(({ view }) => track(this.api.list(toRuleListQuery(view)))),
    ),
    { initialValue: LOADING as Load<ComplianceRulePage> },
  );
  protected readonly page = computed(() => {
    const list = this.list();
    return list.status === 'ok' ? list.value : null;
  });
  protected readonly rows = computed(() => this.page()?.items ?? []);
  /** The rule list as `<bv-list-state>` reads it. */
  protected readonly listSource: PagedList = {
    loading: computed(() => this.list().status === 'loading'),
    problem: computed(() => this.list().problem ?? null),
    page: this.page,
    view: this.view,
    reload: () => this.reload(),
    update: (change) => this.update(change),
  };

  protected readonly columns = computed((): Column[] => {
    const actions: Column[] = this.canWrite ? ['actions'] : [];
    if (this.viewport.phone()) return ['credential', ...actions];
    return ['credential', 'who', 'where', 'due', 'warning', 'effectiveFrom', ...actions];
  });

  protected readonly activeFilters = computed(
    () =>
      [this.view().definitionId, this.view().jobRoleId, this.view().area].filter((v) => v !== null).length,
  );

  /** The credential filter: type to search the catalogue, pick one. */
  protected readonly credentialSearch = new FormControl<string | CredentialSummary>('', {
    nonNullable: true,
  });
  protected readonly credentialOptions = toSignal(
    this.credentialSearch.valueChanges.pipe(
      filter((value): value is string => typeof value === 'string'),
      debounceTime(250),
      map((q) => q.trim()),
      distinctUntilChanged(),
      switchMap((q) => (q ? this.api.searchCredentials(q).pipe(catchError(() => of([]))) : of([]))),
    ),
    { initialValue: [] as CredentialSummary[] },
  );

  protected readonly displayCredential = (value: string | CredentialSummary | null): string =>
    typeof value === 'string' || value === null
      ? (value ?? '')
      : this.i18n.localized(value.title) || value.code;

  constructor() {
    this.lookups.load();
    // Show the chosen credential's name in the search box once it is known.
    effect(() => {
      const id = this.view().definitionId;
      const title = this.lookups.credentialTitle(id);
      if (!id) {
        if (typeof this.credentialSearch.value !== 'string')
          this.credentialSearch.setValue('', { emitEvent: false });
      } else if (title && this.credentialSearch.value !== title) {
        this.credentialSearch.setValue(title, { emitEvent: false });
      }
    });
    this.credentialSearch.valueChanges
      .pipe(
        filter((value) => value === '' && this.view().definitionId !== null),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.update({ definitionId: null, page: 1 }));
    toObservable(this.list)
      .pipe(takeUntilDestroyed())
      .subscribe((list) => {
        if (list.status === 'ok') this.lookups.rememberCredentials(list.value.items.map((r) => r.credential));
      });
  }

  protected credentialName(rule: ComplianceRule): string {
    return ruleCredential(rule, this.i18n);
  }

  protected who(rule: ComplianceRule): string {
    return ruleWho(rule, this.i18n);
  }

  protected where(rule: ComplianceRule): string {
    return ruleWhere(rule, this.i18n);
  }

  protected areaLabel(rule: ComplianceRule): TranslationKey {
    return AREA_LABELS[rule.area];
  }

  protected upcoming(rule: ComplianceRule): boolean {
    return rule.effectiveFrom > new Date().toISOString().slice(0, 10);
  }

  protected sortLabel(column: TranslationKey): string {
    return this.i18n.t('rules.sortBy', { column: this.i18n.t(column) });
  }

  protected sortBy(sort: Sort): void {
    const field = COMPLIANCE_RULE_SORT_FIELDS.find((f) => f === sort.active);
    if (!field || sort.direction === '') {
      this.update({ sortField: 'credential', sortDirection: 'asc', page: 1 });
      return;
    }
    this.update({ sortField: field, sortDirection: sort.direction, page: 1 });
  }

  protected pickCredential(event: MatAutocompleteSelectedEvent): void {
    const credential = event.option.value as CredentialSummary;
    this.lookups.rememberCredentials([credential]);
    this.update({ definitionId: credential.id, page: 1 });
  }

  protected filterBy(change: Partial<Pick<RulesView, 'jobRoleId' | 'area'>>): void {
    const normalized = Object.fromEntries(Object.entries(change).map(([key, value]) => [key, value || null]));
    this.update({ ...normalized, page: 1 });
  }

  protected clearFilters(): void {
    this.credentialSearch.setValue('', { emitEvent: false });
    this.update({ definitionId: null, jobRoleId: null, area: null, page: 1 });
  }

  protected open(rule: ComplianceRule): void {
    void this.router.navigate([rule.id], { relativeTo: this.route });
  }

  protected remove(rule: ComplianceRule): void {
    this.removal.remove(rule).subscribe((removed) => {
      if (removed) this.reloads.update((n) => n + 1);
    });
  }

  private reload(): void {
    this.reloads.update((n) => n + 1);
  }

  private update(change: Partial<RulesView>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: rulesViewToParams({ ...this.view(), ...change }),
    });
  }
}
