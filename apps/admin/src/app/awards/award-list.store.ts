import { Injectable, computed, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { AwardPage, ProblemDetails } from '@brevet/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { AwardsApi } from './awards-api';
import { toListQuery, viewFromParams, viewToParams, type AwardListView } from './award-list-query';

type LoadResult = { page: AwardPage; problem?: never } | { page?: never; problem: ProblemDetails };

/** State of the award list: the view (from the URL) and the loaded page. Lives as long as the page. */
@Injectable()
export class AwardListStore {
  private readonly api = inject(AwardsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  readonly view: Signal<AwardListView> = toSignal(this.route.queryParamMap.pipe(map(viewFromParams)), {
    requireSync: true,
  });

  private readonly reloads = signal(0);
  private readonly result = signal<LoadResult | null>(null);

  readonly loading = signal(true);
  readonly page = computed(() => this.result()?.page ?? null);
  readonly problem = computed(() => this.result()?.problem ?? null);

  constructor() {
    toObservable(computed(() => ({ view: this.view(), reload: this.reloads() })))
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(({ view }) =>
          this.api.list(toListQuery(view)).pipe(
            map((page): LoadResult => ({ page })),
            catchError((error: unknown) => of<LoadResult>({ problem: toProblem(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.loading.set(false);
        this.result.set(result);
        this.leaveEmptyTrailingPage(result.page);
      });
  }

  /** Changes the view by navigating; `replaceUrl` keeps typing in the search box out of the history. */
  update(change: Partial<AwardListView>, options: { replaceUrl?: boolean } = {}): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: viewToParams({ ...this.view(), ...change }),
      replaceUrl: options.replaceUrl ?? false,
    });
  }

  reload(): void {
    this.reloads.update((n) => n + 1);
  }

  private leaveEmptyTrailingPage(page: AwardPage | undefined): void {
    if (!page || page.items.length > 0 || page.total === 0 || page.page === 1) return;
    this.update({ page: Math.ceil(page.total / page.pageSize) }, { replaceUrl: true });
  }
}
