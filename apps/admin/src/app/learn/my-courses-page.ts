import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { LearnerCourseSummary, ProblemDetails } from '@brevet/contracts';
import { catchError, combineLatest, map, of, startWith, switchMap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { AssignedTraining } from '../training/assigned-training';
import { LearnApi } from './learn-api';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; problem: ProblemDetails }
  | { status: 'ready'; courses: LearnerCourseSummary[] };

/** "My courses": every published course with the learner's progress. Phone first. */
@Component({
  selector: 'bv-my-courses-page',
  imports: [
    AssignedTraining,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-courses-page.html',
  styleUrl: './learn.scss',
})
export class MyCoursesPage {
  private readonly api = inject(LearnApi);
  protected readonly i18n = inject(I18n);
  private readonly reloads = signal(0);

  protected readonly load = toSignal(
    combineLatest([toObservable(this.reloads), toObservable(this.i18n.language)]).pipe(
      switchMap(([, lang]) =>
        this.api.courses(lang).pipe(
          map((mine): Load => ({ status: 'ready', courses: mine.items })),
          catchError((error: unknown) => of<Load>({ status: 'failed', problem: toProblem(error) })),
          startWith<Load>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as Load },
  );

  protected readonly courses = computed(() => {
    const load = this.load();
    return load.status === 'ready' ? load.courses : [];
  });

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected percent(course: LearnerCourseSummary): number {
    return course.lessonCount === 0 ? 0 : Math.round((course.completedLessons / course.lessonCount) * 100);
  }
}
