import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink, type ParamMap } from '@angular/router';
import {
  DEFAULT_PAGE_SIZE,
  TRAINING_ASSIGNMENT_SORT_FIELDS,
  type ExportFilters,
  TRAINING_ASSIGNMENT_STATUSES,
  type ProblemDetails,
  type TrainingAssignment,
  type TrainingAssignmentPage,
  type TrainingAssignmentSortField,
  type TrainingAssignmentStatus,
  type TrainingReport,
  type TrainingStanding,
} from '@brevet/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Viewport } from '../core/ui/viewport';
import { ExportButton } from '../exports/export-button';
import { SessionsApi } from '../sessions/sessions-api';
import { CourseProgress } from './course-progress';
import { ASSIGNMENT_STATUS_LOOK, STANDING_LABELS } from './training-format';
import { TrainingApi } from './training-api';

/** The page's state in the URL: filters, order, page and the report's range; defaults are left out. */
export interface TrainingView {
  branchId: string | null;
  status: TrainingAssignmentStatus | null;
  page: number;
  pageSize: number;
  sort: TrainingAssignmentSortField;
  direction: 'asc' | 'desc';
  from: string | null;
  to: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function trainingViewFromParams(params: ParamMap): TrainingView {
  const rawSort = params.get('sort') ?? 'dueBy';
  const field = rawSort.replace(/^-/, '') as TrainingAssignmentSortField;
  const status = params.get('status') as TrainingAssignmentStatus | null;
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const day = (name: string) => {
    const v = params.get(name);
    return v && DAY.test(v) ? v : null;
  };
  return {
    branchId: params.get('branchId') || null,
    status: status && TRAINING_ASSIGNMENT_STATUSES.includes(status) ? status : null,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: [10, 25, 50, 100].includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sort: TRAINING_ASSIGNMENT_SORT_FIELDS.includes(field) ? field : 'dueBy',
    direction: rawSort.startsWith('-') ? 'desc' : 'asc',
    from: day('from'),
    to: day('to'),
  };
}

export function trainingViewToParams(view: TrainingView): Record<string, string | number | null> {
  const sort = view.direction === 'desc' ? `-${view.sort}` : view.sort;
  return {
    branchId: view.branchId,
    status: view.status,
    page: view.page === 1 ? null : view.page,
    pageSize: view.pageSize === DEFAULT_PAGE_SIZE ? null : view.pageSize,
    sort: sort === 'dueBy' ? null : sort,
    from: view.from,
    to: view.to,
  };
}

type Load<T> = { value: T; problem?: never } | { value?: never; problem: ProblemDetails };

/**
 * Training for managers and HR: who must train for which required certificate (from the compliance rules,
 * within the viewer's branches), what is offered and where they stand; then completion and pass rates.
 */
@Component({
  selector: 'bv-training-page',
  imports: [
    CourseProgress,
    ExportButton,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './training-page.html',
  styleUrl: './training-page.scss',
})
export class TrainingPage {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(TrainingApi);
  private readonly sessionsApi = inject(SessionsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly phone = inject(Viewport).phone;

  protected readonly statuses = TRAINING_ASSIGNMENT_STATUSES;
  protected readonly view = toSignal(this.route.queryParamMap.pipe(map(trainingViewFromParams)), {
    requireSync: true,
  });
  protected readonly loading = signal(true);
  protected readonly result = signal<Load<TrainingAssignmentPage> | null>(null);
  protected readonly items = computed(() => this.result()?.value?.items ?? []);
  protected readonly report = signal<Load<TrainingReport> | null>(null);
  protected readonly columns = computed(() =>
    this.phone()
      ? ['name', 'credential', 'standing']
      : ['name', 'branch', 'credential', 'status', 'dueBy', 'offered', 'standing'],
  );
  protected readonly courseColumns = [
    'course',
    'started',
    'passed',
    'attempts',
    'passRate',
    'completionRate',
  ];
  protected readonly sessionColumns = ['credential', 'held', 'participants', 'attended', 'passed'];
  protected readonly monthColumns = ['month', 'attempts', 'passedAttempts', 'sessionsHeld', 'sessionsPassed'];
  protected readonly branches = toSignal(this.sessionsApi.branches().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  /** The report as shown, for its export: the branch filter and the range in the date fields. */
  protected readonly reportExportFilters = computed((): ExportFilters => {
    const v = this.view();
    const shown = this.report()?.value;
    return { branchId: v.branchId ?? undefined, from: v.from ?? shown?.from, to: v.to ?? shown?.to };
  });
  /** The tallest month, for the bars. */
  protected readonly monthMax = computed(() =>
    Math.max(1, ...(this.report()?.value?.months ?? []).map((m) => m.attempts + m.sessionParticipantsPassed)),
  );

  constructor() {
    toObservable(computed(() => ({ view: this.view(), lang: this.i18n.language() })))
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(({ view, lang }) =>
          this.api
            .assignments({
              branchId: view.branchId ?? undefined,
              status: view.status ?? undefined,
              page: view.page,
              pageSize: view.pageSize,
              sort: view.direction === 'desc' ? `-${view.sort}` : view.sort,
              lang,
            })
            .pipe(
              map((value): Load<TrainingAssignmentPage> => ({ value })),
              catchError((error: unknown) => of<Load<TrainingAssignmentPage>>({ problem: toProblem(error) })),
            ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.loading.set(false);
        this.result.set(result);
      });

    toObservable(
      computed(() => {
        const v = this.view();
        return { from: v.from, to: v.to, branchId: v.branchId, lang: this.i18n.language() };
      }),
    )
      .pipe(
        switchMap((q) =>
          this.api
            .report({
              from: q.from ?? undefined,
              to: q.to ?? undefined,
              branchId: q.branchId ?? undefined,
              lang: q.lang,
            })
            .pipe(
              map((value): Load<TrainingReport> => ({ value })),
              catchError((error: unknown) => of<Load<TrainingReport>>({ problem: toProblem(error) })),
            ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((report) => this.report.set(report));
  }

  protected look(item: TrainingAssignment) {
    return ASSIGNMENT_STATUS_LOOK[item.status];
  }

  protected statusLabel(status: TrainingAssignmentStatus): TranslationKey {
    return ASSIGNMENT_STATUS_LOOK[status].label;
  }

  protected standingLabel(standing: TrainingStanding): TranslationKey {
    return STANDING_LABELS[standing];
  }

  protected day(isoDay: string): string {
    return this.i18n.day(isoDay);
  }

  protected rate(value: number | null): string {
    return value === null
      ? '–'
      : new Intl.NumberFormat(this.i18n.language(), { style: 'percent', maximumFractionDigits: 1 }).format(
          value,
        );
  }

  protected month(month: string): string {
    return this.i18n.dateTime(`${month}-01T00:00:00Z`, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  }

  protected barWidth(value: number): number {
    return Math.round((value / this.monthMax()) * 100);
  }

  protected dayValue(event: Event): string | null {
    const value = (event.target as HTMLInputElement).value;
    return DAY.test(value) ? value : null;
  }

  protected update(change: Partial<TrainingView>, resetPage = true): void {
    const next = { ...this.view(), ...(resetPage ? { page: 1 } : {}), ...change };
    // Merged, so the course-progress section keeps its own parameters.
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        ...trainingViewToParams(next),
        // The branch filters the course progress too: back to its first page.
        ...('branchId' in change ? { progressPage: null } : {}),
      },
      queryParamsHandling: 'merge',
    });
  }

  protected sortBy(sort: Sort): void {
    const field = (sort.direction ? sort.active : 'dueBy') as TrainingAssignmentSortField;
    this.update({ sort: field, direction: sort.direction === 'desc' ? 'desc' : 'asc' });
  }

  protected paginate(event: PageEvent): void {
    this.update({ page: event.pageIndex + 1, pageSize: event.pageSize }, false);
  }
}
