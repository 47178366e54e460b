import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import {
  ErrorCode,
  type IdentityProvider,
  type LastAssertion,
  type ProblemDetails,
  type UpdateIdentityProviderRequest,
} from '@brevet/contracts';
import { catchError, map, of, switchMap, tap, type Observable } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { Notifier } from '../core/ui/notifier';
import { SsoApi } from './sso-api';

type LastAssertionState =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'failed' }
  | { status: 'ready'; assertion: LastAssertion };

/**
 * One identity provider's page: the loaded identity provider, its last received assertion, and every change,
 * each answered with the identity provider as it now is (and its new `version`). Provided by the page.
 */
@Injectable()
export class SsoDetailStore {
  private readonly api = inject(SsoApi);
  private readonly notifier = inject(Notifier);
  private readonly id = inject(ActivatedRoute).snapshot.paramMap.get('id') ?? '';

  private readonly reloads = signal(0);
  readonly idp = signal<IdentityProvider | null>(null);
  readonly problem = signal<ProblemDetails | null>(null);
  readonly loading = signal(true);
  /** Someone else changed it since it was loaded: saving again would overwrite their change. */
  readonly stale = signal(false);
  readonly lastAssertion = signal<LastAssertionState>({ status: 'loading' });
  /** Attribute names seen in the last assertion, offered when mapping. */
  readonly receivedAttributeNames = computed(() => {
    const state = this.lastAssertion();
    return state.status === 'ready' ? state.assertion.attributes.map((a) => a.name) : [];
  });

  constructor() {
    toObservable(this.reloads)
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(() =>
          this.api.get(this.id).pipe(
            map((idp) => ({ idp, problem: null })),
            catchError((error: unknown) => of({ idp: null, problem: toProblem(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ idp, problem }) => {
        this.loading.set(false);
        this.stale.set(false);
        this.problem.set(problem);
        if (idp) this.idp.set(idp);
      });
    this.refreshLastAssertion();
  }

  reload(): void {
    this.reloads.update((n) => n + 1);
    this.refreshLastAssertion();
  }

  refreshLastAssertion(): void {
    this.lastAssertion.set({ status: 'loading' });
    this.api.lastAssertion(this.id).subscribe({
      next: (assertion) => this.lastAssertion.set({ status: 'ready', assertion }),
      error: (error: unknown) =>
        this.lastAssertion.set({ status: toProblem(error).status === 404 ? 'none' : 'failed' }),
    });
  }

  /** Changes settings, mapping or rules against the loaded version. */
  update(change: Omit<UpdateIdentityProviderRequest, 'version'>): Observable<IdentityProvider> {
    const idp = this.idp();
    if (!idp) throw new Error('not loaded');
    return this.apply(this.api.update(idp.id, { ...change, version: idp.version }));
  }

  /** Runs a change and keeps its answer; a version conflict marks the page stale. */
  apply(request: Observable<IdentityProvider>): Observable<IdentityProvider> {
    return request.pipe(
      tap({
        next: (idp) => this.idp.set(idp),
        error: (error: unknown) => {
          if (toProblem(error).code === ErrorCode.VersionConflict) this.stale.set(true);
        },
      }),
    );
  }

  /** For buttons without a form of their own: the change, with problems shown in a snack bar. */
  run(request: Observable<IdentityProvider>, done?: () => void): void {
    this.apply(request).subscribe({
      next: () => done?.(),
      error: (error: unknown) => this.report(error),
    });
  }

  /** Tells about a failed change; a version conflict is already said by the page's "reload" notice. */
  report(error: unknown): void {
    const problem = toProblem(error);
    if (problem.code !== ErrorCode.VersionConflict) this.notifier.problem(problem);
  }
}
