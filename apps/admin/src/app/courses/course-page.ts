import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { CourseDetail, ProblemDetails } from '@brevet/contracts';
import { catchError, combineLatest, firstValueFrom, map, of, switchMap, type Observable } from 'rxjs';
import { toObservable } from '@angular/core/rxjs-interop';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { COURSE_STATUS_LOOK, KIND_LABEL, VERSION_STATUS_LABEL } from './course-labels';
import { CoursesApi } from './courses-api';

type Load = { course: CourseDetail; problem?: never } | { course?: never; problem: ProblemDetails };

/**
 * One course for HR: the shown version (the draft if any, else the current one, or `?version=N`) with its
 * lessons in both languages and the question pool with its answer key; the version history; edit, publish and
 * archive behind a confirmation.
 */
@Component({
  selector: 'bv-course-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './course-page.html',
  styleUrl: './courses.scss',
})
export class CoursePage {
  private readonly api = inject(CoursesApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18n);
  protected readonly looks = COURSE_STATUS_LOOK;
  protected readonly versionLabels = VERSION_STATUS_LABEL;
  protected readonly kindLabels = KIND_LABEL;
  protected readonly langs = ['en', 'de'] as const;
  private readonly reloads = signal(0);
  protected readonly busy = signal(false);

  protected readonly load = toSignal(
    combineLatest([this.route.paramMap, this.route.queryParamMap, toObservable(this.reloads)]).pipe(
      switchMap(([params, query]) => {
        const version = Number(query.get('version')) || undefined;
        return this.api.get(params.get('id') ?? '', version).pipe(
          map((course): Load => ({ course })),
          catchError((error: unknown) => of<Load>({ problem: toProblem(error) })),
        );
      }),
    ),
  );
  protected readonly course = computed(() => this.load()?.course ?? null);

  protected showVersion(version: number): void {
    void this.router.navigate([], { queryParams: { version }, replaceUrl: true });
  }

  protected async publish(course: CourseDetail): Promise<void> {
    await this.confirmThen(
      {
        title: this.i18n.t('courses.publish'),
        message: this.i18n.t('courses.confirmPublish', {
          version: course.draftVersion ?? course.currentVersion ?? 1,
        }),
        confirm: this.i18n.t('courses.publish'),
      },
      () => this.api.publish(course.id),
      'courses.published',
    );
  }

  protected async archive(course: CourseDetail): Promise<void> {
    await this.confirmThen(
      {
        title: this.i18n.t('courses.archive'),
        message: this.i18n.t('courses.confirmArchive'),
        confirm: this.i18n.t('courses.archive'),
      },
      () => this.api.archive(course.id),
      'courses.archived',
    );
  }

  private async confirmThen(
    data: ConfirmDialogData,
    action: () => Observable<CourseDetail>,
    done: 'courses.published' | 'courses.archived',
  ): Promise<void> {
    const ok = await firstValueFrom(this.dialog.open(ConfirmDialog, { data }).afterClosed());
    if (!ok) return;
    this.busy.set(true);
    try {
      await firstValueFrom(action());
      this.notifier.info(done);
      await this.router.navigate([], { queryParams: {}, replaceUrl: true });
      this.reloads.update((n) => n + 1);
    } catch (error) {
      this.notifier.problem(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
