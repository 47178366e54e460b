import { ChangeDetectionStrategy, Component, Injector, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  Permission,
  type CredentialDetail,
  type CredentialVersion,
  type ProblemDetails,
} from '@brevet/contracts';
import { catchError, filter, finalize, map, of, switchMap, tap, type Observable } from 'rxjs';
import { AuthStore } from '../core/auth';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { CatalogueApi } from './catalogue-api';
import { DEFINITION_STATUS_LOOK, VERSION_STATE_LOOK, categoryNames } from './catalogue-labels';
import { CredentialElements } from './credential-elements';

type LoadResult =
  { definition: CredentialDetail; problem?: never } | { definition?: never; problem: ProblemDetails };

/**
 * One definition: every EU element of the chosen version in both languages, the version history, the badge,
 * and the actions (edit, publish, archive). The shown version is in the URL (`?version=2`).
 */
@Component({
  selector: 'bv-credential-page',
  imports: [
    CredentialElements,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './credential-page.html',
  styleUrl: './credential-page.scss',
})
export class CredentialPage {
  protected readonly i18n = inject(I18n);
  protected readonly api = inject(CatalogueApi);
  private readonly auth = inject(AuthStore);
  protected readonly canEdit = this.auth.can(Permission.CatalogueWrite);
  protected readonly canSeeAwards = this.auth.can(Permission.AwardsRead);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);

  protected readonly statusLook = DEFINITION_STATUS_LOOK;
  protected readonly stateLook = VERSION_STATE_LOOK;
  protected readonly categoryNames = categoryNames;

  private readonly id = toSignal(this.route.paramMap.pipe(map((p) => p.get('id') ?? '')), {
    requireSync: true,
  });
  private readonly versionParam = toSignal(
    this.route.queryParamMap.pipe(map((p) => Number(p.get('version')) || null)),
    { requireSync: true },
  );
  private readonly reloads = signal(0);
  private readonly result = signal<LoadResult | null>(null);

  protected readonly loading = signal(true);
  protected readonly busy = signal(false);
  protected readonly definition = computed(() => this.result()?.definition ?? null);
  protected readonly problem = computed(() => this.result()?.problem ?? null);
  protected readonly notFound = computed(() => this.problem()?.status === 404);

  /** The version shown: the one in the URL, else the draft (what an edit changes), else the current one. */
  protected readonly shown = computed((): CredentialVersion | null => {
    const definition = this.definition();
    if (!definition) return null;
    const wanted = this.versionParam();
    return (
      definition.versions.find((v) => v.version === wanted) ??
      definition.draft ??
      definition.current ??
      definition.versions[0] ??
      null
    );
  });

  constructor() {
    toObservable(computed(() => ({ id: this.id(), reload: this.reloads() })))
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(({ id }) =>
          this.api.get(id).pipe(
            map((definition): LoadResult => ({ definition })),
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

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected showVersion(version: CredentialVersion): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { version: version.version },
      replaceUrl: true,
    });
  }

  protected publish(definition: CredentialDetail): void {
    const draft = definition.draft;
    const title = this.i18n.localized((draft ?? definition.current ?? definition).title);
    const data: ConfirmDialogData = draft
      ? {
          title: this.i18n.t('catalogue.publishConfirm.title', { version: draft.version }),
          message: this.i18n.t(
            definition.current
              ? 'catalogue.publishConfirm.textNewVersion'
              : 'catalogue.publishConfirm.textFirst',
            { title, version: draft.version, current: definition.current?.version ?? 0 },
          ),
          confirm: this.i18n.t('catalogue.publishConfirm.confirm'),
        }
      : {
          title: this.i18n.t('catalogue.restoreConfirm.title'),
          message: this.i18n.t('catalogue.restoreConfirm.text', { title }),
          confirm: this.i18n.t('catalogue.restoreConfirm.confirm'),
        };
    this.confirmThen(
      data,
      () => this.api.publish(definition.id),
      draft ? 'catalogue.published' : 'catalogue.restored',
    );
  }

  protected archive(definition: CredentialDetail): void {
    const title = this.i18n.localized((definition.current ?? definition).title);
    this.confirmThen(
      {
        title: this.i18n.t('catalogue.archiveConfirm.title'),
        message: this.i18n.t('catalogue.archiveConfirm.text', { title, count: definition.activeAwards }),
        confirm: this.i18n.t('catalogue.archiveConfirm.confirm'),
      },
      () => this.api.archive(definition.id),
      'catalogue.archived',
    );
  }

  private confirmThen(
    data: ConfirmDialogData,
    action: () => Observable<CredentialDetail>,
    done: TranslationKey,
  ): void {
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data,
        role: 'alertdialog',
        width: '480px',
        maxWidth: 'calc(100vw - 24px)',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        tap(() => this.busy.set(true)),
        switchMap(() => action().pipe(finalize(() => this.busy.set(false)))),
      )
      .subscribe({
        next: (definition) => {
          this.result.set({ definition });
          // Show what is now current.
          void this.router.navigate([], { relativeTo: this.route, queryParams: {}, replaceUrl: true });
          this.notifier.info(done, { title: this.i18n.localized((definition.current ?? definition).title) });
        },
        error: (error: unknown) => {
          this.notifier.problem(toProblem(error));
          this.reload();
        },
      });
  }
}
