import { DestroyRef, Injectable, computed, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { BranchPage, ProblemDetails, Region } from '@brevet/contracts';
import { catchError, map, of, switchMap, takeWhile, tap, timer, type Subscription } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { BranchesApi } from './branches-api';
import { toListQuery, viewFromParams, viewToParams, type BranchListView } from './branch-list-query';

type LoadResult = { page: BranchPage; problem?: never } | { page?: never; problem: ProblemDetails };

/**
 * State of the branches page: the view (from the URL), the loaded page and the region summary.
 * Provided by the page component, so it lives exactly as long as the page.
 */
@Injectable()
export class BranchListStore {
  private readonly api = inject(BranchesApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  readonly view: Signal<BranchListView> = toSignal(this.route.queryParamMap.pipe(map(viewFromParams)), {
    requireSync: true,
  });

  private readonly reloads = signal(0);
  private readonly result = signal<LoadResult | null>(null);
  private regionPoll?: Subscription;

  readonly loading = signal(true);
  readonly page = computed(() => this.result()?.page ?? null);
  readonly problem = computed(() => this.result()?.problem ?? null);
  readonly regions = signal<readonly Region[]>([]);

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
    this.api
      .regions()
      .pipe(takeUntilDestroyed())
      .subscribe({ next: (regions) => this.regions.set(regions), error: () => this.regions.set([]) });
  }

  /** Changes the view by navigating; `replaceUrl` keeps typing in the search box out of the history. */
  update(change: Partial<BranchListView>, options: { replaceUrl?: boolean } = {}): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: viewToParams({ ...this.view(), ...change }),
      replaceUrl: options.replaceUrl ?? false,
    });
  }

  reload(): void {
    this.reloads.update((n) => n + 1);
  }

  /**
   * After a change: reload the list, and poll the regions for a few seconds until the background job has
   * recounted them, so the summary shows the new numbers without a manual refresh.
   */
  changed(): void {
    this.reload();
    const before = countsOf(this.regions());
    this.regionPoll?.unsubscribe();
    this.regionPoll = timer(300, 1000)
      .pipe(
        switchMap(() => this.api.regions()),
        tap((regions) => this.regions.set(regions)),
        takeWhile((regions, attempt) => countsOf(regions) === before && attempt < 5),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({ error: () => undefined });
  }

  private leaveEmptyTrailingPage(page: BranchPage | undefined): void {
    if (!page || page.items.length > 0 || page.total === 0 || page.page === 1) return;
    this.update({ page: Math.ceil(page.total / page.pageSize) }, { replaceUrl: true });
  }
}

function countsOf(regions: readonly Region[]): string {
  return regions.map((r) => `${r.id}:${r.branchCount}`).join();
}
