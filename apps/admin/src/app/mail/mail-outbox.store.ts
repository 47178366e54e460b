import { Injectable, computed, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { MailMessagePage, MailTransportInfo, ProblemDetails } from '@brevet/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { MailApi } from './mail-api';
import { mailQuery, mailViewFromParams, mailViewToParams, type MailView } from './mail-query';

type LoadResult = { page: MailMessagePage; problem?: never } | { page?: never; problem: ProblemDetails };

/** The outbox page's state: the view (from the URL), the loaded page, and how mail leaves Brevet. */
@Injectable()
export class MailOutboxStore {
  private readonly api = inject(MailApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  readonly view: Signal<MailView> = toSignal(this.route.queryParamMap.pipe(map(mailViewFromParams)), {
    requireSync: true,
  });
  private readonly reloads = signal(0);
  private readonly result = signal<LoadResult | null>(null);
  readonly loading = signal(true);
  readonly page = computed(() => this.result()?.page ?? null);
  readonly problem = computed(() => this.result()?.problem ?? null);
  readonly transport = toSignal(
    this.api.transport().pipe(catchError(() => of<MailTransportInfo | null>(null))),
    {
      initialValue: null,
    },
  );

  constructor() {
    toObservable(computed(() => ({ view: this.view(), reload: this.reloads() })))
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(({ view }) =>
          this.api.messages(mailQuery(view)).pipe(
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

  update(change: Partial<MailView>, options: { replaceUrl?: boolean } = {}): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: mailViewToParams({ ...this.view(), ...change }),
      replaceUrl: options.replaceUrl ?? false,
    });
  }

  reload(): void {
    this.reloads.update((n) => n + 1);
  }
}
