import { Injectable, computed, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { AuditPage, AuditVerifyResult, ProblemDetails } from '@brevet/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { AuditApi } from './audit-api';
import {
  auditFilters,
  auditPageQuery,
  auditViewFromParams,
  auditViewToParams,
  type AuditView,
} from './audit-query';

type LoadResult = { page: AuditPage; problem?: never } | { page?: never; problem: ProblemDetails };
export type VerifyState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: AuditVerifyResult; at: Date }
  | { status: 'failed'; problem: ProblemDetails };

/** The audit page's state: the view (from the URL), the loaded page, and the last chain check. */
@Injectable()
export class AuditLogStore {
  private readonly api = inject(AuditApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  readonly view: Signal<AuditView> = toSignal(this.route.queryParamMap.pipe(map(auditViewFromParams)), {
    requireSync: true,
  });
  private readonly reloads = signal(0);
  private readonly result = signal<LoadResult | null>(null);
  readonly loading = signal(true);
  readonly page = computed(() => this.result()?.page ?? null);
  readonly problem = computed(() => this.result()?.problem ?? null);
  /** The CSV export of exactly what the filters show. */
  readonly exportUrl = computed(() => this.api.exportUrl(auditFilters(this.view())));
  readonly verification = signal<VerifyState>({ status: 'idle' });

  constructor() {
    toObservable(computed(() => ({ view: this.view(), reload: this.reloads() })))
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(({ view }) =>
          this.api.search(auditPageQuery(view)).pipe(
            map((page): LoadResult => ({ page })),
            catchError((error: unknown) => of<LoadResult>({ problem: toProblem(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.loading.set(false);
        this.result.set(result);
      });
  }

  update(change: Partial<AuditView>, options: { replaceUrl?: boolean } = {}): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: auditViewToParams({ ...this.view(), ...change }),
      replaceUrl: options.replaceUrl ?? false,
    });
  }

  reload(): void {
    this.reloads.update((n) => n + 1);
  }

  verify(): void {
    this.verification.set({ status: 'running' });
    this.api.verify().subscribe({
      next: (result) => {
        this.verification.set({ status: 'done', result, at: new Date() });
        // Verifying is itself audited: show that entry too.
        this.reload();
      },
      error: (error: unknown) => this.verification.set({ status: 'failed', problem: toProblem(error) }),
    });
  }
}
