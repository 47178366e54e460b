import { ChangeDetectionStrategy, Component, DestroyRef, Injector, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import {
  JOB_STATE_NAMES,
  type FailedJobInfo,
  type JobStateName,
  type JobsOverview,
  type ProblemDetails,
} from '@brevet/contracts';
import { filter, switchMap, type Observable } from 'rxjs';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { JobsApi } from './jobs-api';

const STATE_LABELS: Record<JobStateName, TranslationKey> = {
  waiting: 'jobs.states.waiting',
  active: 'jobs.states.active',
  delayed: 'jobs.states.delayed',
  failed: 'jobs.states.failed',
  completed: 'jobs.states.completed',
};

/**
 * Background jobs for HR admins: per queue how many jobs wait, run, are delayed, failed or completed; the
 * outbox backlog; and the failed jobs (IDs and errors only), each of which can be retried or removed after a
 * confirmation. Works with Redis workers and with the in-process queue of embedded mode.
 */
@Component({
  selector: 'bv-jobs-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, MatTableModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="head">
      <div>
        <h1>{{ 'jobs.title' | t }}</h1>
        <p class="intro">{{ 'jobs.intro' | t }}</p>
      </div>
      <button mat-stroked-button type="button" (click)="reload()" [disabled]="loading()">
        <mat-icon svgIcon="refresh" aria-hidden="true" />{{ 'jobs.refresh' | t }}
      </button>
    </header>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'jobs.loading' | t" />
    }
    @if (problem(); as p) {
      <p class="problem" role="alert">{{ problemKey(p) | t }}</p>
    }
    @if (overview(); as o) {
      <p class="facts">
        <span>{{ (o.adapter === 'bullmq' ? 'jobs.adapter.bullmq' : 'jobs.adapter.inProcess') | t }}</span>
        <span>{{ 'jobs.outbox' | t: { count: o.outboxBacklog } }}</span>
      </p>
      <section aria-labelledby="jobs-queues">
        <h2 id="jobs-queues">{{ 'jobs.queues' | t }}</h2>
        <div class="scroll">
          <table mat-table [dataSource]="o.queues">
            <ng-container matColumnDef="queue">
              <th mat-header-cell *matHeaderCellDef scope="col">{{ 'jobs.columns.queue' | t }}</th>
              <td mat-cell *matCellDef="let q">
                <code>{{ q.queue }}</code>
              </td>
            </ng-container>
            @for (state of states; track state) {
              <ng-container [matColumnDef]="state">
                <th mat-header-cell *matHeaderCellDef scope="col" class="num">
                  {{ stateLabels[state] | t }}
                </th>
                <td
                  mat-cell
                  *matCellDef="let q"
                  class="num"
                  [class.alert]="state === 'failed' && q.counts[state] > 0"
                >
                  {{ q.counts[state] }}
                </td>
              </ng-container>
            }
            <tr mat-header-row *matHeaderRowDef="queueColumns"></tr>
            <tr mat-row *matRowDef="let row; columns: queueColumns"></tr>
          </table>
        </div>
      </section>
      <section aria-labelledby="jobs-failed">
        <h2 id="jobs-failed">{{ 'jobs.failedTitle' | t }}</h2>
        @if (o.failed.length === 0) {
          <p class="empty" role="status">{{ 'jobs.empty' | t }}</p>
        } @else {
          <div class="scroll">
            <table mat-table [dataSource]="o.failed">
              <ng-container matColumnDef="name">
                <th mat-header-cell *matHeaderCellDef scope="col">{{ 'jobs.columns.job' | t }}</th>
                <td mat-cell *matCellDef="let j">
                  <code>{{ j.name }}</code><br /><small class="id">{{ j.id }}</small>
                </td>
              </ng-container>
              <ng-container matColumnDef="attempts">
                <th mat-header-cell *matHeaderCellDef scope="col" class="num">
                  {{ 'jobs.columns.attempts' | t }}
                </th>
                <td mat-cell *matCellDef="let j" class="num">{{ j.attempts }}</td>
              </ng-container>
              <ng-container matColumnDef="error">
                <th mat-header-cell *matHeaderCellDef scope="col">{{ 'jobs.columns.error' | t }}</th>
                <td mat-cell *matCellDef="let j" class="error">{{ j.error }}</td>
              </ng-container>
              <ng-container matColumnDef="failedAt">
                <th mat-header-cell *matHeaderCellDef scope="col">{{ 'jobs.columns.failedAt' | t }}</th>
                <td mat-cell *matCellDef="let j">{{ j.failedAt ? i18n.dateTime(j.failedAt) : '' }}</td>
              </ng-container>
              <ng-container matColumnDef="actions">
                <th mat-header-cell *matHeaderCellDef scope="col">
                  <span class="visually-hidden">{{ 'jobs.columns.actions' | t }}</span>
                </th>
                <td mat-cell *matCellDef="let j" class="actions">
                  <button mat-button type="button" (click)="retry(j)" [disabled]="busy()">
                    {{ 'jobs.retry' | t }}
                  </button>
                  <button mat-button type="button" (click)="remove(j)" [disabled]="busy()">
                    {{ 'jobs.remove' | t }}
                  </button>
                </td>
              </ng-container>
              <tr mat-header-row *matHeaderRowDef="failedColumns"></tr>
              <tr mat-row *matRowDef="let row; columns: failedColumns"></tr>
            </table>
          </div>
        }
      </section>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 16px;
      max-width: 1200px;
    }
    .head {
      display: flex;
      gap: 16px;
      align-items: flex-start;
      justify-content: space-between;
      flex-wrap: wrap;
    }
    .intro {
      margin: 0 0 8px;
    }
    .facts {
      display: flex;
      gap: 24px;
      flex-wrap: wrap;
    }
    .scroll {
      overflow-x: auto;
    }
    table {
      width: 100%;
    }
    .num {
      text-align: end;
    }
    .alert {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    .error {
      max-width: 48ch;
      overflow-wrap: anywhere;
    }
    .id {
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .actions {
      white-space: nowrap;
    }
    .problem {
      color: var(--mat-sys-error);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
  `,
})
export class JobsPage {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(JobsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly states = JOB_STATE_NAMES;
  protected readonly stateLabels = STATE_LABELS;
  protected readonly queueColumns = ['queue', ...JOB_STATE_NAMES];
  protected readonly failedColumns = ['name', 'attempts', 'error', 'failedAt', 'actions'];
  protected readonly overview = signal<JobsOverview | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly loading = signal(false);
  protected readonly busy = signal(false);
  protected readonly problemKey = problemMessageKey;

  constructor() {
    this.reload();
  }

  protected reload(): void {
    this.loading.set(true);
    this.api
      .overview()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (overview) => {
          this.overview.set(overview);
          this.problem.set(null);
          this.loading.set(false);
        },
        error: (error: unknown) => {
          this.problem.set(toProblem(error));
          this.loading.set(false);
        },
      });
  }

  protected retry(job: FailedJobInfo): void {
    this.confirmThen('jobs.retryConfirm', job, () => this.api.retry(job.queue, job.id), 'jobs.retried');
  }

  protected remove(job: FailedJobInfo): void {
    this.confirmThen('jobs.removeConfirm', job, () => this.api.remove(job.queue, job.id), 'jobs.removed');
  }

  private confirmThen(
    prefix: 'jobs.retryConfirm' | 'jobs.removeConfirm',
    job: FailedJobInfo,
    action: () => Observable<void>,
    done: 'jobs.retried' | 'jobs.removed',
  ): void {
    const t = this.i18n.t.bind(this.i18n);
    const data: ConfirmDialogData = {
      title: t(`${prefix}.title`),
      message: t(`${prefix}.text`, { name: job.name, id: job.id }),
      confirm: t(`${prefix}.confirm`),
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
          this.busy.set(true);
          return action();
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.busy.set(false);
          this.notifier.info(done);
          this.reload();
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.notifier.problem(toProblem(error));
          this.reload();
        },
      });
  }
}
