import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { DEFAULT_PAGE_SIZE, type CoursePage, type ProblemDetails } from '@brevet/contracts';
import { catchError, debounceTime, map, of, startWith, switchMap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { COURSE_STATUS_LOOK } from './course-labels';
import { CoursesApi } from './courses-api';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; problem: ProblemDetails }
  | { status: 'ready'; page: CoursePage };

/** HR's list of courses: search, paging, status, versions, and what each issues. */
@Component({
  selector: 'bv-course-list-page',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './course-list-page.html',
  styleUrl: './courses.scss',
})
export class CourseListPage {
  private readonly api = inject(CoursesApi);
  protected readonly i18n = inject(I18n);
  protected readonly looks = COURSE_STATUS_LOOK;
  protected readonly query = signal({ q: '', page: 1, pageSize: DEFAULT_PAGE_SIZE });

  protected readonly load = toSignal(
    toObservable(this.query).pipe(
      debounceTime(150),
      switchMap((query) =>
        this.api.list({ ...query, sort: 'code' }).pipe(
          map((page): Load => ({ status: 'ready', page })),
          catchError((error: unknown) => of<Load>({ status: 'failed', problem: toProblem(error) })),
          startWith<Load>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as Load },
  );
  protected readonly page = computed(() => {
    const load = this.load();
    return load.status === 'ready' ? load.page : null;
  });

  protected search(q: string): void {
    this.query.update((query) => ({ ...query, q, page: 1 }));
  }

  protected paginate(event: PageEvent): void {
    this.query.update((query) => ({ ...query, page: event.pageIndex + 1, pageSize: event.pageSize }));
  }
}
