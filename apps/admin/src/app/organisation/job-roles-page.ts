import { ChangeDetectionStrategy, Component, Injector, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router } from '@angular/router';
import { Permission, type JobRole, type ProblemDetails } from '@brevet/contracts';
import { Subject, catchError, filter, map, of, startWith, switchMap, tap } from 'rxjs';
import { AuthStore } from '../core/auth';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { Viewport } from '../core/ui/viewport';
import { JobRoleDialog, type JobRoleDialogData } from './job-role-dialog';
import { OrganisationApi } from './organisation-api';

const STATUS_FILTERS = ['active', 'archived', 'all'] as const;
type StatusFilter = (typeof STATUS_FILTERS)[number];

const STATUS_LABELS: Record<StatusFilter, TranslationKey> = {
  active: 'jobRoles.statuses.active',
  archived: 'jobRoles.statuses.archived',
  all: 'jobRoles.statuses.all',
};

type LoadResult = { roles: JobRole[]; problem?: never } | { roles?: never; problem: ProblemDetails };

/** Job roles with their names in every UI language: create, rename, archive and restore. */
@Component({
  selector: 'bv-job-roles-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    MatTooltipModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './job-roles-page.html',
  styleUrl: './job-roles-page.scss',
})
export class JobRolesPage {
  protected readonly i18n = inject(I18n);
  /** Whether the person may change job roles (managers may only look). */
  protected readonly canEdit = inject(AuthStore).can(Permission.OrgWrite);
  private readonly api = inject(OrganisationApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  private readonly viewport = inject(Viewport);

  protected readonly phone = this.viewport.phone;
  protected readonly statuses = STATUS_FILTERS;
  protected readonly statusLabels = STATUS_LABELS;

  /** The status filter lives in the URL (`?status=archived`); active roles by default. */
  protected readonly status = toSignal(
    this.route.queryParamMap.pipe(
      map((params): StatusFilter => STATUS_FILTERS.find((s) => s === params.get('status')) ?? 'active'),
    ),
    { requireSync: true },
  );

  private readonly reloads = new Subject<void>();
  private readonly result = signal<LoadResult | null>(null);
  protected readonly loading = signal(true);
  protected readonly problem = computed(() => this.result()?.problem ?? null);
  private readonly roles = computed(() => this.result()?.roles ?? null);

  protected readonly rows = computed(() => {
    const status = this.status();
    const roles = this.roles() ?? [];
    return roles
      .filter((role) => status === 'all' || role.status === status)
      .sort((a, b) => this.i18n.localized(a.names).localeCompare(this.i18n.localized(b.names)));
  });

  protected readonly columns = computed(() => {
    const columns = this.phone() ? ['name', 'actions'] : ['code', 'en', 'de', 'status', 'actions'];
    return this.canEdit ? columns : columns.filter((c) => c !== 'actions');
  });

  constructor() {
    this.reloads
      .pipe(
        startWith(undefined),
        tap(() => this.loading.set(true)),
        switchMap(() =>
          this.api.jobRoles().pipe(
            map((roles): LoadResult => ({ roles })),
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
    this.reloads.next();
  }

  protected filterStatus(status: StatusFilter): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { status: status === 'active' ? null : status },
    });
  }

  protected create(): void {
    this.open({}, 'jobRoles.created');
  }

  protected edit(role: JobRole): void {
    this.open({ role }, 'jobRoles.saved');
  }

  protected archive(role: JobRole): void {
    const name = this.i18n.localized(role.names);
    const data: ConfirmDialogData = {
      title: this.i18n.t('jobRoles.archiveConfirm.title'),
      message: this.i18n.t('jobRoles.archiveConfirm.text', { name }),
      confirm: this.i18n.t('jobRoles.archiveConfirm.confirm'),
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data,
        role: 'alertdialog',
        width: '440px',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => this.api.updateJobRole(role.id, { status: 'archived' })),
      )
      .subscribe({
        next: () => {
          this.reload();
          this.notifier.withAction('jobRoles.archived', 'common.undo', () => this.restore(role), { name });
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  protected restore(role: JobRole): void {
    this.api.updateJobRole(role.id, { status: 'active' }).subscribe({
      next: () => {
        this.reload();
        this.notifier.info('jobRoles.restored', { name: this.i18n.localized(role.names) });
      },
      error: (error: unknown) => this.notifier.problem(toProblem(error)),
    });
  }

  private open(data: JobRoleDialogData, done: TranslationKey): void {
    this.dialog
      .open<JobRoleDialog, JobRoleDialogData, JobRole>(JobRoleDialog, {
        data,
        width: '560px',
        maxWidth: 'calc(100vw - 24px)',
        autoFocus: 'first-tabbable',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((role): role is JobRole => role !== undefined))
      .subscribe((role) => {
        this.reload();
        this.notifier.info(done, { name: this.i18n.localized(role.names) });
      });
  }
}
