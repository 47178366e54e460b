import { ChangeDetectionStrategy, Component, Injector, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type {
  ProblemDetails,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookEndpoint,
} from '@brevet/contracts';
import { catchError, combineLatest, filter, finalize, forkJoin, map, of, switchMap } from 'rxjs';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { Viewport } from '../core/ui/viewport';
import { DELIVERY_LOOK, EVENT_LABELS } from './webhook-labels';
import { WebhookSecretDialog, type WebhookSecretDialogData } from './webhook-secret-dialog';
import { WebhooksApi } from './webhooks-api';

const PAGE_SIZE = 20;

/** One endpoint: its delivery log (each attempt with status, duration and response), test event, redeliver, rotate. */
@Component({
  selector: 'bv-webhook-detail-page',
  imports: [
    MatButtonModule,
    MatExpansionModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './webhook-detail-page.html',
  styleUrl: './webhook-detail-page.scss',
})
export class WebhookDetailPage {
  /** The route's `:id`. */
  protected readonly id = toSignal(inject(ActivatedRoute).paramMap.pipe(map((p) => p.get('id') ?? '')), {
    requireSync: true,
  });
  protected readonly i18n = inject(I18n);
  private readonly api = inject(WebhooksApi);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  protected readonly phone = inject(Viewport).phone;

  protected readonly eventLabels = EVENT_LABELS;
  protected readonly deliveryLook = DELIVERY_LOOK;
  protected readonly pageSize = PAGE_SIZE;
  protected readonly dateTime: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' };
  protected readonly page = signal(1);
  private readonly reloads = signal(0);
  protected readonly loading = signal(true);
  protected readonly endpoint = signal<WebhookEndpoint | null>(null);
  protected readonly deliveries = signal<WebhookDeliveryPage | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);
  protected readonly problemMessageKey = problemMessageKey;
  protected readonly title = computed(() => this.endpoint()?.description || this.endpoint()?.url || '');

  constructor() {
    combineLatest([toObservable(this.id), toObservable(this.page), toObservable(this.reloads)])
      .pipe(
        switchMap(([id, page]) => {
          this.loading.set(true);
          return forkJoin([this.api.get(id), this.api.deliveries(id, page, PAGE_SIZE)]).pipe(
            catchError((error: unknown) => {
              this.problem.set(toProblem(error));
              return of(null);
            }),
            finalize(() => this.loading.set(false)),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        if (!result) return;
        this.problem.set(null);
        this.endpoint.set(result[0]);
        this.deliveries.set(result[1]);
      });
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected paginate(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
  }

  protected sendTest(): void {
    this.run(this.api.sendTest(this.id()), 'webhooks.detail.testSent');
  }

  protected redeliver(delivery: WebhookDelivery): void {
    this.run(this.api.redeliver(this.id(), delivery.id), 'webhooks.detail.redelivered');
  }

  protected rotate(): void {
    const t = this.i18n.t.bind(this.i18n);
    const data: ConfirmDialogData = {
      title: t('webhooks.rotateConfirm.title'),
      message: t('webhooks.rotateConfirm.text'),
      confirm: t('webhooks.rotateConfirm.confirm'),
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
        switchMap(() => this.api.rotateSecret(this.id())),
      )
      .subscribe({
        next: (result) => {
          this.endpoint.set(result.endpoint);
          this.dialog.open<WebhookSecretDialog, WebhookSecretDialogData>(WebhookSecretDialog, {
            data: { secret: result.secret, url: result.endpoint.url },
            width: '560px',
            maxWidth: 'calc(100vw - 24px)',
            disableClose: true,
            injector: this.injector,
          });
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  /** The response body as text, or a note that there was none. */
  protected responseText(body: string | null): string {
    return body === null || body === '' ? this.i18n.t('webhooks.detail.noBody') : body;
  }

  protected prettyBody(body: string): string {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }

  private run(
    request: ReturnType<WebhooksApi['sendTest']>,
    done: 'webhooks.detail.testSent' | 'webhooks.detail.redelivered',
  ): void {
    if (this.busy()) return;
    this.busy.set(true);
    request.pipe(finalize(() => this.busy.set(false))).subscribe({
      next: () => {
        this.notifier.info(done);
        this.page.set(1);
        // The first attempt runs in the background: look again shortly.
        setTimeout(() => this.reload(), 1500);
        this.reload();
      },
      error: (error: unknown) => this.notifier.problem(toProblem(error)),
    });
  }
}
