import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink, type ParamMap } from '@angular/router';
import {
  DEFAULT_PAGE_SIZE,
  STAFF_COURSE_PROGRESS_SORT_FIELDS,
  STAFF_COURSE_STATES,
  type ProblemDetails,
  type StaffCourseProgress,
  type StaffCourseProgressPage,
  type StaffCourseProgressSortField,
  type StaffCourseState,
} from '@brevet/contracts';
import { catchError, map, of, switchMap, tap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Viewport } from '../core/ui/viewport';
import { TrainingApi } from './training-api';

/** The section's state in the URL (`progress*` parameters; the branch filter is the page's `branchId`). */
export interface ProgressView {
  branchId: string | null;
  courseId: string | null;
  state: StaffCourseState | null;
  page: number;
  pageSize: number;
  sort: StaffCourseProgressSortField;
  direction: 'asc' | 'desc';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function progressViewFromParams(params: ParamMap): ProgressView {
  const rawSort = params.get('progressSort') ?? 'name';
  const field = rawSort.replace(/^-/, '') as StaffCourseProgressSortField;
  const state = params.get('progressState') as StaffCourseState | null;
  const courseId = params.get('progressCourse');
  const page = Number(params.get('progressPage'));
  const pageSize = Number(params.get('progressPageSize'));
  return {
    branchId: params.get('branchId') || null,
    courseId: courseId && UUID.test(courseId) ? courseId : null,
    state: state && STAFF_COURSE_STATES.includes(state) ? state : null,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: [10, 25, 50, 100].includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sort: STAFF_COURSE_PROGRESS_SORT_FIELDS.includes(field) ? field : 'name',
    direction: rawSort.startsWith('-') ? 'desc' : 'asc',
  };
}

/** Only the section's own parameters; defaults are left out. */
export function progressViewToParams(view: ProgressView): Record<string, string | number | null> {
  const sort = view.direction === 'desc' ? `-${view.sort}` : view.sort;
  return {
    progressCourse: view.courseId,
    progressState: view.state,
    progressPage: view.page === 1 ? null : view.page,
    progressPageSize: view.pageSize === DEFAULT_PAGE_SIZE ? null : view.pageSize,
    progressSort: sort === 'name' ? null : sort,
  };
}

const STATE_LOOK: Record<StaffCourseState, { label: TranslationKey; tone: string }> = {
  not_started: { label: 'training.progress.states.not_started', tone: '' },
  in_progress: { label: 'training.progress.states.in_progress', tone: 'info' },
  passed: { label: 'training.progress.states.passed', tone: 'success' },
  failed: { label: 'training.progress.states.failed', tone: 'error' },
};

type Load<T> = { value: T; problem?: never } | { value?: never; problem: ProblemDetails };

/**
 * Managers' view of their staff's course progress (the Training page's third section): who has which course
 * assigned or begun, lessons read, attempts, result and last activity. The API keeps it to the viewer's branches.
 */
@Component({
  selector: 'bv-course-progress',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="bv-panel" [attr.aria-busy]="loading()" aria-labelledby="progress-heading">
      <h2 id="progress-heading" class="panel-heading">{{ 'training.progress.heading' | t }}</h2>
      <p class="hint">{{ 'training.progress.intro' | t }}</p>
      <div class="filters" role="search">
        <mat-form-field>
          <mat-label>{{ 'training.progress.state' | t }}</mat-label>
          <mat-select
            [value]="view().state ?? ''"
            (valueChange)="update({ state: $event || null })"
            data-testid="progress-state"
          >
            <mat-option value="">{{ 'training.filters.all' | t }}</mat-option>
            @for (s of states; track s) {
              <mat-option [value]="s">{{ stateLabel(s) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (view().courseId) {
          <button type="button" mat-stroked-button (click)="update({ courseId: null })">
            {{ 'training.progress.clearCourse' | t }}
          </button>
        }
        <p class="bv-total" aria-live="polite">
          @if (result()?.value; as page) {
            {{ 'training.progress.total' | t: { count: page.total } }}
          }
        </p>
      </div>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'training.progress.loading' | t" />
      }
      @if (result()?.problem) {
        <p class="bv-state" role="alert">{{ 'training.progress.loadFailed' | t }}</p>
      } @else if (items().length === 0 && !loading()) {
        <div class="bv-state">
          <h3>{{ 'training.progress.empty.title' | t }}</h3>
          <p>{{ 'training.progress.empty.text' | t }}</p>
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
            data-testid="progress-table"
          >
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef mat-sort-header>
                {{ 'training.progress.columns.person' | t }}
              </th>
              <td mat-cell *matCellDef="let p">
                <a [routerLink]="['/staff', p.staffId]">{{ p.familyName }}, {{ p.givenName }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="branch">
              <th mat-header-cell *matHeaderCellDef mat-sort-header>
                {{ 'training.progress.columns.branch' | t }}
              </th>
              <td mat-cell *matCellDef="let p">{{ p.branchName }}</td>
            </ng-container>
            <ng-container matColumnDef="course">
              <th mat-header-cell *matHeaderCellDef mat-sort-header>
                {{ 'training.progress.columns.course' | t }}
              </th>
              <td mat-cell *matCellDef="let p">
                <button
                  type="button"
                  class="link-button"
                  [attr.aria-label]="'training.progress.filterByCourse' | t: { course: p.courseTitle }"
                  (click)="update({ courseId: p.courseId })"
                >
                  {{ p.courseTitle }}
                </button>
              </td>
            </ng-container>
            <ng-container matColumnDef="assigned">
              <th mat-header-cell *matHeaderCellDef>{{ 'training.progress.columns.assigned' | t }}</th>
              <td mat-cell *matCellDef="let p">
                @if (p.assigned && p.dueBy) {
                  {{ 'training.progress.assignedBy' | t: { date: day(p.dueBy) } }}
                } @else {
                  {{ 'training.progress.notAssigned' | t }}
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="lessons">
              <th mat-header-cell *matHeaderCellDef>{{ 'training.progress.columns.lessons' | t }}</th>
              <td mat-cell *matCellDef="let p">
                {{ 'training.progress.lessonsOf' | t: { done: p.lessonsDone, total: p.lessonsTotal } }}
              </td>
            </ng-container>
            <ng-container matColumnDef="attempts">
              <th mat-header-cell *matHeaderCellDef>{{ 'training.progress.columns.attempts' | t }}</th>
              <td mat-cell *matCellDef="let p">
                {{ p.attempts }}
                @if (p.lastScore !== null) {
                  <span class="muted">({{ 'training.progress.lastScore' | t: { score: p.lastScore } }})</span>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="state">
              <th mat-header-cell *matHeaderCellDef mat-sort-header>
                {{ 'training.progress.columns.state' | t }}
              </th>
              <td mat-cell *matCellDef="let p">
                <span class="bv-badge" [class]="look(p).tone">{{ look(p).label | t }}</span>
              </td>
            </ng-container>
            <ng-container matColumnDef="lastActivity">
              <th mat-header-cell *matHeaderCellDef mat-sort-header>
                {{ 'training.progress.columns.lastActivity' | t }}
              </th>
              <td mat-cell *matCellDef="let p">
                {{ p.lastActivityAt ? when(p.lastActivityAt) : ('training.progress.never' | t) }}
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns()"></tr>
            <tr mat-row *matRowDef="let row; columns: columns()"></tr>
          </table>
        </div>
        <mat-paginator
          [length]="result()?.value?.total ?? 0"
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
      margin-top: 24px;
    }
    .panel-heading {
      margin: 0;
      padding: 16px 16px 0;
      font-size: 1.125rem;
    }
    .hint {
      padding: 0 16px;
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
    .link-button {
      padding: 0;
      border: 0;
      background: none;
      color: inherit;
      font: inherit;
      text-align: left;
      text-decoration: underline;
      cursor: pointer;
    }
    .muted {
      opacity: 0.75;
    }
  `,
})
export class CourseProgress {
  private readonly i18n = inject(I18n);
  private readonly api = inject(TrainingApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly phone = inject(Viewport).phone;

  protected readonly states = STAFF_COURSE_STATES;
  protected readonly view = toSignal(this.route.queryParamMap.pipe(map(progressViewFromParams)), {
    requireSync: true,
  });
  protected readonly loading = signal(true);
  protected readonly result = signal<Load<StaffCourseProgressPage> | null>(null);
  protected readonly items = computed(() => this.result()?.value?.items ?? []);
  protected readonly columns = computed(() =>
    this.phone()
      ? ['name', 'course', 'state']
      : ['name', 'branch', 'course', 'assigned', 'lessons', 'attempts', 'state', 'lastActivity'],
  );

  constructor() {
    toObservable(computed(() => ({ view: this.view(), lang: this.i18n.language() })))
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(({ view, lang }) =>
          this.api
            .progress({
              branchId: view.branchId ?? undefined,
              courseId: view.courseId ?? undefined,
              state: view.state ?? undefined,
              page: view.page,
              pageSize: view.pageSize,
              sort: view.direction === 'desc' ? `-${view.sort}` : view.sort,
              lang,
            })
            .pipe(
              map((value): Load<StaffCourseProgressPage> => ({ value })),
              catchError((error: unknown) =>
                of<Load<StaffCourseProgressPage>>({ problem: toProblem(error) }),
              ),
            ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.loading.set(false);
        this.result.set(result);
      });
  }

  protected look(item: StaffCourseProgress) {
    return STATE_LOOK[item.state];
  }

  protected stateLabel(state: StaffCourseState): TranslationKey {
    return STATE_LOOK[state].label;
  }

  protected day(isoDay: string): string {
    return this.i18n.day(isoDay);
  }

  protected when(instant: string): string {
    return this.i18n.dateTime(instant);
  }

  protected update(change: Partial<ProgressView>, resetPage = true): void {
    const next = { ...this.view(), ...(resetPage ? { page: 1 } : {}), ...change };
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: progressViewToParams(next),
      queryParamsHandling: 'merge',
    });
  }

  protected sortBy(sort: Sort): void {
    const field = (sort.direction ? sort.active : 'name') as StaffCourseProgressSortField;
    this.update({ sort: field, direction: sort.direction === 'desc' ? 'desc' : 'asc' });
  }

  protected paginate(event: PageEvent): void {
    this.update({ page: event.pageIndex + 1, pageSize: event.pageSize }, false);
  }
}
