import { Injectable, computed, inject, signal, type Signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { formatSort, type ComplianceRequirementPage } from '@brevet/contracts';
import { map, switchMap, tap } from 'rxjs';
import { ComplianceApi } from './compliance-api';
import { ComplianceLookups } from './compliance-lookups';
import { peopleViewFromParams, peopleViewToParams, type PeopleView } from './dashboard-query';
import { LOADING, track, type Load } from './load-state';

/** The drill-down's state: the filters from the URL and one page of the people behind them. */
@Injectable()
export class PeopleStore {
  private readonly api = inject(ComplianceApi);
  private readonly lookups = inject(ComplianceLookups);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  readonly view: Signal<PeopleView> = toSignal(this.route.queryParamMap.pipe(map(peopleViewFromParams)), {
    requireSync: true,
  });

  private readonly reloads = signal(0);

  readonly page: Signal<Load<ComplianceRequirementPage>> = toSignal(
    toObservable(computed(() => ({ view: this.view(), reload: this.reloads() }))).pipe(
      switchMap(({ view }) => track(this.request(view))),
      tap((load) => {
        if (load.status === 'ok') {
          this.lookups.rememberCredentials(load.value.items.map((r) => r.credential));
          this.leaveEmptyTrailingPage(load.value);
        }
      }),
    ),
    { initialValue: LOADING as Load<ComplianceRequirementPage> },
  );

  update(change: Partial<PeopleView>, options: { replaceUrl?: boolean } = {}): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: peopleViewToParams({ ...this.view(), ...change }),
      replaceUrl: options.replaceUrl ?? false,
    });
  }

  reload(): void {
    this.reloads.update((n) => n + 1);
  }

  private request(view: PeopleView) {
    const filter = {
      regionId: view.regionId ?? undefined,
      branchId: view.branchId ?? undefined,
      definitionId: view.definitionId ?? undefined,
      jobRoleId: view.jobRoleId ?? undefined,
      country: view.country ?? undefined,
      page: view.page,
      pageSize: view.pageSize,
      sort: formatSort(view.sortField, view.sortDirection),
    };
    return view.within !== null
      ? this.api.expiring({ ...filter, withinDays: view.within })
      : this.api.requirements({
          ...filter,
          status: view.statuses.length > 0 ? view.statuses.join(',') : undefined,
        });
  }

  private leaveEmptyTrailingPage(page: ComplianceRequirementPage): void {
    if (page.items.length > 0 || page.total === 0 || page.page === 1) return;
    this.update({ page: Math.ceil(page.total / page.pageSize) }, { replaceUrl: true });
  }
}
