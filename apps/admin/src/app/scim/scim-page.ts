import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, Injector, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { SCIM_BASE_PATH, type ProblemDetails, type ScimTokenSummary } from '@brevet/contracts';
import { filter, finalize, switchMap } from 'rxjs';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { Viewport } from '../core/ui/viewport';
import { CopyField } from '../sso/copy-field';
import { CreateTokenDialog } from './create-token-dialog';
import { ScimApi } from './scim-api';
import { ScimMappingForm } from './scim-mapping-form';
import {
  DEFAULT_TOKEN_SORT,
  SCIM_TOKEN_SORT_FIELDS,
  sortTokens,
  tokenStatus,
  type ScimTokenSort,
  type ScimTokenSortField,
} from './scim-token-sort';

const COLUMN_LABELS: Record<ScimTokenSortField, TranslationKey> = {
  name: 'scim.tokens.name',
  createdAt: 'scim.tokens.created',
  lastUsedAt: 'scim.tokens.lastUsed',
  status: 'scim.tokens.status',
};

/**
 * SCIM provisioning for HR admins: the base URL to give the identity provider, its bearer tokens (create,
 * shown once; revoke) and the attribute mapping.
 */
@Component({
  selector: 'bv-scim-page',
  imports: [
    CopyField,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatSortModule,
    MatTableModule,
    ScimMappingForm,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './scim-page.html',
  styleUrl: './scim-page.scss',
})
export class ScimPage {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(ScimApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  private readonly phone = inject(Viewport).phone;

  /** Where the identity provider sends its requests: this server's address, outside the `/api` prefix. */
  protected readonly baseUrl = `${inject(DOCUMENT).location.origin}${SCIM_BASE_PATH}`;
  protected readonly labels = COLUMN_LABELS;
  protected readonly status = tokenStatus;
  protected readonly loading = signal(true);
  protected readonly tokens = signal<ScimTokenSummary[] | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly sort = signal<ScimTokenSort>(DEFAULT_TOKEN_SORT);
  protected readonly problemMessageKey = problemMessageKey;

  protected readonly empty = computed(() => this.tokens()?.length === 0);
  protected readonly rows = computed(() => {
    const collator = new Intl.Collator(this.i18n.language(), { sensitivity: 'base', numeric: true });
    return sortTokens(this.tokens() ?? [], this.sort(), collator);
  });
  protected readonly columns = computed(() =>
    this.phone()
      ? ['name', 'status', 'actions']
      : ['name', 'createdAt', 'createdBy', 'lastUsedAt', 'status', 'actions'],
  );

  constructor() {
    this.reload();
  }

  protected reload(): void {
    this.loading.set(true);
    this.api
      .tokens()
      .pipe(finalize(() => this.loading.set(false)))
      .subscribe({
        next: (tokens) => {
          this.problem.set(null);
          this.tokens.set(tokens);
        },
        error: (error: unknown) => this.problem.set(toProblem(error)),
      });
  }

  protected sortLabel(field: ScimTokenSortField): string {
    return this.i18n.t('scim.tokens.sortBy', { column: this.i18n.t(COLUMN_LABELS[field]) });
  }

  protected sortBy(sort: Sort): void {
    const field = SCIM_TOKEN_SORT_FIELDS.find((f) => f === sort.active);
    this.sort.set(field && sort.direction !== '' ? { field, direction: sort.direction } : DEFAULT_TOKEN_SORT);
  }

  protected create(): void {
    this.dialog
      .open<CreateTokenDialog, undefined, ScimTokenSummary>(CreateTokenDialog, {
        width: '560px',
        maxWidth: 'calc(100vw - 24px)',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((created): created is ScimTokenSummary => !!created))
      .subscribe((created) => {
        this.tokens.update((list) => [created, ...(list ?? []).filter((t) => t.id !== created.id)]);
        this.notifier.info('scim.tokens.createdNotice', { name: created.name });
      });
  }

  protected revoke(token: ScimTokenSummary): void {
    const t = this.i18n.t.bind(this.i18n);
    const data: ConfirmDialogData = {
      title: t('scim.revokeConfirm.title'),
      message: t('scim.revokeConfirm.text', { name: token.name }),
      confirm: t('scim.revokeConfirm.confirm'),
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data,
        role: 'alertdialog',
        width: '440px',
        maxWidth: 'calc(100vw - 24px)',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => {
          this.busy.set(token.id);
          return this.api.revokeToken(token.id).pipe(finalize(() => this.busy.set(null)));
        }),
      )
      .subscribe({
        next: (revoked) => {
          this.tokens.update((list) => list?.map((t) => (t.id === revoked.id ? revoked : t)) ?? null);
          this.notifier.info('scim.tokens.revokedNotice', { name: revoked.name });
        },
        error: (error: unknown) => {
          this.notifier.problem(toProblem(error));
          this.reload();
        },
      });
  }
}
