import { ChangeDetectionStrategy, Component, Injector, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink, type ParamMap } from '@angular/router';
import {
  DEFAULT_PAGE_SIZE,
  TRAINING_SESSION_SORT_FIELDS,
  TrainingSessionRoutes,
  type ExportFilters,
  type ProblemDetails,
  type TrainingSession,
  type TrainingSessionPage,
  type TrainingSessionSortField,
} from '@brevet/contracts';
import { catchError, filter, map, of, switchMap, tap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { ExportButton } from '../exports/export-button';
import { Viewport } from '../core/ui/viewport';
import { SessionDialog, type SessionDialogData } from './session-dialog';
import { SESSION_STATUS_LOOK, sessionWhen } from './session-format';
import { SessionsApi } from './sessions-api';

/** The list's state in the URL: filters, order and page; defaults are left out. */
export interface SessionsView {
  branchId: string | null;
  definitionId: string | null;
  from: string | null;
  to: string | null;
  page: number;
  pageSize: number;
  sort: TrainingSessionSortField;
  direction: 'asc' | 'desc';
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function sessionsViewFromParams(params: ParamMap): SessionsView {
  const rawSort = params.get('sort') ?? 'startsAt';
  const field = rawSort.replace(/^-/, '') as TrainingSessionSortField;
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const day = (name: string) => {
    const v = params.get(name);
    return v && DAY.test(v) ? v : null;
  };
  return {
    branchId: params.get('branchId') || null,
    definitionId: params.get('definitionId') || null,
    from: day('from'),
    to: day('to'),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: [10, 25, 50, 100].includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sort: TRAINING_SESSION_SORT_FIELDS.includes(field) ? field : 'startsAt',
    direction: rawSort.startsWith('-') ? 'desc' : 'asc',
  };
}

export function sessionsViewToParams(view: SessionsView): Record<string, string | number | null> {
  const sort = view.direction === 'desc' ? `-${view.sort}` : view.sort;
  return {
    branchId: view.branchId,
    definitionId: view.definitionId,
    from: view.from,
    to: view.to,
    page: view.page === 1 ? null : view.page,
    pageSize: view.pageSize === DEFAULT_PAGE_SIZE ? null : view.pageSize,
    sort: sort === 'startsAt' ? null : sort,
  };
}

type Load = { page: TrainingSessionPage; problem?: never } | { page?: never; problem: ProblemDetails };

/**
 * Training sessions of the manager's branches (HR: all): branch, credential and date-range filters, order and
 * page in the URL; "New session" opens the dialog; each row opens the session page.
 */
@Component({
  selector: 'bv-sessions-list-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    RouterLink,
    TranslatePipe,
    ExportButton,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="bv-page-header">
      <div>
        <h1>{{ 'trainingSessions.title' | t }}</h1>
        <p class="bv-intro">{{ 'trainingSessions.intro' | t }}</p>
      </div>
      <div class="actions">
        <a mat-stroked-button [href]="feedUrl()" download>
          <mat-icon svgIcon="event" aria-hidden="true" />
          {{ 'trainingSessions.calendarFeed' | t }}
        </a>
        <bv-export-button kind="training-attendance" [filters]="attendanceFilters()" />
        <button type="button" mat-flat-button (click)="create()">
          <mat-icon svgIcon="add" aria-hidden="true" />
          {{ 'trainingSessions.new' | t }}
        </button>
      </div>
    </header>

    <section class="bv-panel" [attr.aria-busy]="loading()" [attr.aria-label]="'trainingSessions.title' | t">
      <div class="filters" role="search">
        <mat-form-field>
          <mat-label>{{ 'trainingSessions.filters.branch' | t }}</mat-label>
          <mat-select [value]="view().branchId ?? ''" (valueChange)="update({ branchId: $event || null })">
            <mat-option value="">{{ 'trainingSessions.filters.all' | t }}</mat-option>
            @for (b of branches(); track b.id) {
              <mat-option [value]="b.id">{{ b.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'trainingSessions.filters.credential' | t }}</mat-label>
          <mat-select
            [value]="view().definitionId ?? ''"
            (valueChange)="update({ definitionId: $event || null })"
          >
            <mat-option value="">{{ 'trainingSessions.filters.all' | t }}</mat-option>
            @for (c of credentials(); track c.id) {
              <mat-option [value]="c.id">{{ i18n.localized(c.title) }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'trainingSessions.filters.from' | t }}</mat-label>
          <input
            matInput
            type="date"
            [value]="view().from ?? ''"
            (change)="update({ from: dayValue($event) })"
          />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'trainingSessions.filters.to' | t }}</mat-label>
          <input matInput type="date" [value]="view().to ?? ''" (change)="update({ to: dayValue($event) })" />
        </mat-form-field>
        <p class="bv-total" aria-live="polite">
          @if (result()?.page; as page) {
            {{ 'trainingSessions.total' | t: { count: page.total } }}
          }
        </p>
      </div>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'trainingSessions.loading' | t" />
      }
      @if (result()?.problem) {
        <p class="bv-state" role="alert">{{ 'trainingSessions.loadFailed' | t }}</p>
      } @else if (items().length === 0 && !loading()) {
        <div class="bv-state">
          <p>{{ 'trainingSessions.empty' | t }}</p>
          <button type="button" mat-stroked-button (click)="create()">
            {{ 'trainingSessions.new' | t }}
          </button>
        </div>
      } @else {
        <div class="table-wrap">
          <table
            mat-table
            [dataSource]="items()"
            matSort
            [matSortActive]="view().sort"
            [matSortDirection]="view().direction"
            (matSortChange)="sortBy($event)"
          >
            <ng-container matColumnDef="startsAt">
              <th mat-header-cell *matHeaderCellDef mat-sort-header>
                {{ 'trainingSessions.columns.when' | t }}
              </th>
              <td mat-cell *matCellDef="let s">
                <a [routerLink]="['/sessions', s.id]">{{ when(s) }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="credential">
              <th mat-header-cell *matHeaderCellDef mat-sort-header>
                {{ 'trainingSessions.columns.credential' | t }}
              </th>
              <td mat-cell *matCellDef="let s">{{ i18n.localized(s.definitionTitle) }}</td>
            </ng-container>
            <ng-container matColumnDef="branch">
              <th mat-header-cell *matHeaderCellDef mat-sort-header>
                {{ 'trainingSessions.columns.branch' | t }}
              </th>
              <td mat-cell *matCellDef="let s">{{ s.branchName }}</td>
            </ng-container>
            <ng-container matColumnDef="instructor">
              <th mat-header-cell *matHeaderCellDef>{{ 'trainingSessions.columns.instructor' | t }}</th>
              <td mat-cell *matCellDef="let s">{{ s.instructor.name }}</td>
            </ng-container>
            <ng-container matColumnDef="seats">
              <th mat-header-cell *matHeaderCellDef>{{ 'trainingSessions.columns.seats' | t }}</th>
              <td mat-cell *matCellDef="let s">
                {{ 'trainingSessions.seats' | t: { enrolled: s.enrolledCount, capacity: s.capacity } }}
                @if (s.waitlistCount > 0) {
                  <span class="bv-badge warning">{{
                    'trainingSessions.waiting' | t: { count: s.waitlistCount }
                  }}</span>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef>{{ 'trainingSessions.columns.status' | t }}</th>
              <td mat-cell *matCellDef="let s">
                <span class="bv-badge" [class]="look(s).tone">{{ look(s).label | t }}</span>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns()"></tr>
            <tr mat-row *matRowDef="let row; columns: columns()"></tr>
          </table>
        </div>
        <mat-paginator
          [length]="result()?.page?.total ?? 0"
          [pageIndex]="view().page - 1"
          [pageSize]="view().pageSize"
          [pageSizeOptions]="[10, 25, 50, 100]"
          (page)="paginate($event)"
        />
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      padding: 16px 16px 0;
    }
    .filters mat-form-field {
      width: 200px;
    }
    .bv-total {
      margin-left: auto;
    }
    .table-wrap {
      overflow-x: auto;
    }
    table {
      width: 100%;
    }
    .bv-badge {
      margin-left: 6px;
    }
  `,
})
export class SessionsListPage {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(SessionsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly phone = inject(Viewport).phone;

  protected readonly view = toSignal(this.route.queryParamMap.pipe(map(sessionsViewFromParams)), {
    requireSync: true,
  });
  private readonly reloads = signal(0);
  protected readonly loading = signal(true);
  protected readonly result = signal<Load | null>(null);
  protected readonly items = computed(() => this.result()?.page?.items ?? []);
  protected readonly columns = computed(() =>
    this.phone()
      ? ['startsAt', 'credential', 'seats']
      : ['startsAt', 'credential', 'branch', 'instructor', 'seats', 'status'],
  );
  protected readonly branches = toSignal(this.api.branches().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  protected readonly credentials = toSignal(this.api.credentials().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  /** The attendance list of the sessions the filters show (the export applies the requester's scope itself). */
  protected readonly attendanceFilters = computed((): ExportFilters => {
    const v = this.view();
    return {
      branchId: v.branchId ?? undefined,
      definitionId: v.definitionId ?? undefined,
      from: v.from ?? undefined,
      to: v.to ?? undefined,
    };
  });
  protected readonly feedUrl = computed(() => {
    const branchId = this.view().branchId;
    return branchId
      ? `${TrainingSessionRoutes.feed}?branchId=${encodeURIComponent(branchId)}`
      : TrainingSessionRoutes.feed;
  });

  constructor() {
    toObservable(computed(() => ({ view: this.view(), reload: this.reloads() })))
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(({ view }) =>
          this.api
            .list({
              branchId: view.branchId ?? undefined,
              definitionId: view.definitionId ?? undefined,
              from: view.from ?? undefined,
              to: view.to ?? undefined,
              page: view.page,
              pageSize: view.pageSize,
              sort: view.direction === 'desc' ? `-${view.sort}` : view.sort,
            })
            .pipe(
              map((page): Load => ({ page })),
              catchError((error: unknown) => of<Load>({ problem: toProblem(error) })),
            ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.loading.set(false);
        this.result.set(result);
      });
  }

  protected look(session: TrainingSession) {
    return SESSION_STATUS_LOOK[session.status];
  }

  protected when(session: TrainingSession): string {
    return sessionWhen(this.i18n, session);
  }

  protected dayValue(event: Event): string | null {
    const value = (event.target as HTMLInputElement).value;
    return DAY.test(value) ? value : null;
  }

  protected update(change: Partial<SessionsView>): void {
    const next = { ...this.view(), page: 1, ...change };
    void this.router.navigate([], { relativeTo: this.route, queryParams: sessionsViewToParams(next) });
  }

  protected sortBy(sort: Sort): void {
    const field = (sort.direction ? sort.active : 'startsAt') as TrainingSessionSortField;
    this.update({ sort: field, direction: sort.direction === 'desc' ? 'desc' : 'asc' });
  }

  protected paginate(event: PageEvent): void {
    this.update({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  protected create(): void {
    this.dialog
      .open<SessionDialog, SessionDialogData, string>(SessionDialog, {
        data: { session: null },
        injector: this.injector,
        width: '560px',
        maxWidth: '100vw',
      })
      .afterClosed()
      .pipe(filter((id): id is string => typeof id === 'string'))
      .subscribe((id) => void this.router.navigate(['/sessions', id]));
  }
}
