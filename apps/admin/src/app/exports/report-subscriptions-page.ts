import { ChangeDetectionStrategy, Component, Injector, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  Permission,
  type ProblemDetails,
  type ReportSubscription,
  type ReportSubscriptionPage,
} from '@brevet/contracts';
import { filter, finalize, switchMap } from 'rxjs';
import { AuthStore } from '../core/auth';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { Viewport } from '../core/ui/viewport';
import { KIND_LABELS } from './export-labels';
import { ExportsTabs } from './exports-tabs';
import { ReportSubscriptionDialog, WEEKDAY_LABELS } from './report-subscription-dialog';
import { ReportSubscriptionsApi } from './report-subscriptions-api';

const PAGE_SIZE = 10;

/**
 * Scheduled reports: the person's subscriptions (HR admins: everyone's), with cadence, next and last run; create,
 * pause or resume, delete.
 */
@Component({
  selector: 'bv-report-subscriptions-page',
  imports: [
    ExportsTabs,
    MatButtonModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './report-subscriptions-page.html',
  styleUrl: './report-subscriptions-page.scss',
})
export class ReportSubscriptionsPage {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(ReportSubscriptionsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  protected readonly phone = inject(Viewport).phone;
  protected readonly seesAll = inject(AuthStore).can(Permission.ReportSubscriptionsAll);

  protected readonly kindLabels = KIND_LABELS;
  protected readonly pageSize = PAGE_SIZE;
  protected readonly dateTime: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  protected readonly page = signal(1);
  protected readonly loading = signal(true);
  protected readonly result = signal<ReportSubscriptionPage | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly problemMessageKey = problemMessageKey;

  constructor() {
    this.reload();
  }

  protected reload(): void {
    this.loading.set(true);
    this.api
      .list(this.page(), PAGE_SIZE)
      .pipe(finalize(() => this.loading.set(false)))
      .subscribe({
        next: (page) => {
          this.problem.set(null);
          this.result.set(page);
        },
        error: (error: unknown) => this.problem.set(toProblem(error)),
      });
  }

  protected paginate(event: PageEvent): void {
    this.page.set(event.pageIndex + 1);
    this.reload();
  }

  protected cadenceText(s: ReportSubscription): string {
    const c = s.cadence;
    const t = this.i18n.t.bind(this.i18n);
    switch (c.every) {
      case 'daily':
        return t('scheduledReports.every.daily', { time: c.time });
      case 'weekly':
        return t('scheduledReports.every.weekly', { time: c.time, weekday: t(WEEKDAY_LABELS[c.weekday]) });
      case 'monthly':
        return t('scheduledReports.every.monthly', { time: c.time, day: c.dayOfMonth });
    }
  }

  protected lastRunText(s: ReportSubscription): string | null {
    const last = s.lastRun;
    if (!last) return null;
    if (last.status === 'running') return this.i18n.t('scheduledReports.lastRun.running');
    return this.i18n.t(`scheduledReports.lastRun.${last.status}`, {
      time: this.i18n.dateTime(last.slotAt, this.dateTime),
    });
  }

  protected create(): void {
    this.dialog
      .open<ReportSubscriptionDialog, undefined, ReportSubscription>(ReportSubscriptionDialog, {
        width: '600px',
        maxWidth: 'calc(100vw - 24px)',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((saved): saved is ReportSubscription => !!saved))
      .subscribe((saved) => {
        this.notifier.info('scheduledReports.created', {
          time: saved.nextRunAt ? this.i18n.dateTime(saved.nextRunAt, this.dateTime) : '',
        });
        this.page.set(1);
        this.reload();
      });
  }

  protected togglePaused(s: ReportSubscription): void {
    this.busy.set(s.id);
    this.api
      .setPaused(s.id, !s.paused)
      .pipe(finalize(() => this.busy.set(null)))
      .subscribe({
        next: (saved) => {
          this.notifier.info(saved.paused ? 'scheduledReports.pausedNow' : 'scheduledReports.resumed');
          this.reload();
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  protected remove(s: ReportSubscription): void {
    const t = this.i18n.t.bind(this.i18n);
    const what = t(KIND_LABELS[s.kind]);
    const data: ConfirmDialogData = {
      title: t('scheduledReports.deleteConfirm.title'),
      message: t('scheduledReports.deleteConfirm.text', { what }),
      confirm: t('scheduledReports.deleteConfirm.confirm'),
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
        switchMap(() => this.api.remove(s.id)),
      )
      .subscribe({
        next: () => {
          this.notifier.info('scheduledReports.deleted');
          this.reload();
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }
}
