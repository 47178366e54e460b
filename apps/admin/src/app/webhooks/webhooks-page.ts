import { ChangeDetectionStrategy, Component, Injector, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import type { ProblemDetails, WebhookEndpoint } from '@brevet/contracts';
import { filter, finalize, switchMap } from 'rxjs';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { WebhookDialog, type WebhookDialogData, type WebhookDialogResult } from './webhook-dialog';
import { DELIVERY_LOOK, EVENT_LABELS } from './webhook-labels';
import { WebhookSecretDialog, type WebhookSecretDialogData } from './webhook-secret-dialog';
import { WebhooksApi } from './webhooks-api';

/** HR admins' webhook endpoints: register, enable or disable, change, delete; each links to its delivery log. */
@Component({
  selector: 'bv-webhooks-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './webhooks-page.html',
  styleUrl: './webhooks-page.scss',
})
export class WebhooksPage {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(WebhooksApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);

  protected readonly eventLabels = EVENT_LABELS;
  protected readonly deliveryLook = DELIVERY_LOOK;
  protected readonly dateTime: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  protected readonly loading = signal(true);
  protected readonly endpoints = signal<WebhookEndpoint[] | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly empty = computed(() => this.endpoints()?.length === 0);
  protected readonly problemMessageKey = problemMessageKey;

  constructor() {
    this.reload();
  }

  protected reload(): void {
    this.loading.set(true);
    this.api
      .list()
      .pipe(finalize(() => this.loading.set(false)))
      .subscribe({
        next: (list) => {
          this.problem.set(null);
          this.endpoints.set(list);
        },
        error: (error: unknown) => this.problem.set(toProblem(error)),
      });
  }

  protected create(): void {
    this.openDialog({}).subscribe((result) => {
      if (result.secret) this.showSecret(result.secret, result.endpoint.url);
      this.reload();
    });
  }

  protected edit(endpoint: WebhookEndpoint): void {
    this.openDialog({ endpoint }).subscribe(() => {
      this.notifier.info('webhooks.saved');
      this.reload();
    });
  }

  protected setEnabled(endpoint: WebhookEndpoint, enabled: boolean): void {
    this.busy.set(endpoint.id);
    this.api
      .update(endpoint.id, { enabled })
      .pipe(finalize(() => this.busy.set(null)))
      .subscribe({
        next: (saved) => {
          this.notifier.info(saved.enabled ? 'webhooks.enabledNow' : 'webhooks.disabledNow');
          this.endpoints.update((list) => list?.map((e) => (e.id === saved.id ? saved : e)) ?? null);
        },
        error: (error: unknown) => {
          this.notifier.problem(toProblem(error));
          this.reload();
        },
      });
  }

  protected remove(endpoint: WebhookEndpoint): void {
    const t = this.i18n.t.bind(this.i18n);
    const data: ConfirmDialogData = {
      title: t('webhooks.deleteConfirm.title'),
      message: t('webhooks.deleteConfirm.text', { url: endpoint.url }),
      confirm: t('webhooks.deleteConfirm.confirm'),
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
        switchMap(() => this.api.remove(endpoint.id)),
      )
      .subscribe({
        next: () => {
          this.notifier.info('webhooks.deleted');
          this.reload();
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  private openDialog(data: WebhookDialogData) {
    return this.dialog
      .open<WebhookDialog, WebhookDialogData, WebhookDialogResult>(WebhookDialog, {
        data,
        width: '560px',
        maxWidth: 'calc(100vw - 24px)',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((result): result is WebhookDialogResult => !!result));
  }

  private showSecret(secret: string, url: string): void {
    this.dialog.open<WebhookSecretDialog, WebhookSecretDialogData>(WebhookSecretDialog, {
      data: { secret, url },
      width: '560px',
      maxWidth: 'calc(100vw - 24px)',
      disableClose: true,
      injector: this.injector,
    });
  }
}
