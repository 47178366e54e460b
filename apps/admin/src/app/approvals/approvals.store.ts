import { Injectable, computed, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { EvidencePage, ProblemDetails } from '@brevet/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { ApprovalsApi } from './approvals-api';
import {
  approvalsQuery,
  approvalsViewFromParams,
  approvalsViewToParams,
  type ApprovalsView,
} from './approvals-query';

type LoadResult = { page: EvidencePage; problem?: never } | { page?: never; problem: ProblemDetails };

/** The inbox's state: the view (from the URL) and the loaded page. Lives as long as the page. */
@Injectable()
export class ApprovalsStore {
  private readonly api = inject(ApprovalsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  readonly view: Signal<ApprovalsView> = toSignal(
    this.route.queryParamMap.pipe(map(approvalsViewFromParams)),
    { requireSync: true },
  );
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
          this.api.list(approvalsQuery(view)).pipe(
            map((page): LoadResult => ({ page })),
            catchError((error: unknown) => of<LoadResult>({ problem: toProblem(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.loading.set(false);
        this.result.set(result);
        // Deciding on the last item of the last page leaves it empty: go back a page.
        const page = result.page;
        if (page && page.items.length === 0 && page.total > 0 && page.page > 1) {
          this.update({ page: Math.ceil(page.total / page.pageSize) }, { replaceUrl: true });
        }
      });
  }

  update(change: Partial<ApprovalsView>, options: { replaceUrl?: boolean } = {}): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: approvalsViewToParams({ ...this.view(), ...change }),
      replaceUrl: options.replaceUrl ?? false,
    });
  }

  reload(): void {
    this.reloads.update((n) => n + 1);
  }
}
