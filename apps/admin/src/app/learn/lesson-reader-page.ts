import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  effect,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { toSignal } from '@angular/core/rxjs-interop';
import type { LearnerCourse, ProblemDetails } from '@brevet/contracts';
import { firstValueFrom, map } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { LearnApi } from './learn-api';

/**
 * Reading a course, one lesson at a time. Every step is saved on the server (the lesson being read and the
 * lessons finished), so the learner can stop and go on later on another device. Lesson HTML comes rendered
 * and sanitised from the API; Angular's `[innerHTML]` sanitises it once more.
 */
@Component({
  selector: 'bv-lesson-reader-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lesson-reader-page.html',
  styleUrl: './learn.scss',
})
export class LessonReaderPage {
  private readonly api = inject(LearnApi);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18n);
  private readonly route = inject(ActivatedRoute);
  /** The course ID, from the route. */
  private readonly id = toSignal(this.route.paramMap.pipe(map((params) => params.get('id') ?? '')), {
    initialValue: '',
  });

  protected readonly course = signal<LearnerCourse | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly saving = signal(false);
  protected readonly index = signal(0);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('lessonHeading');
  private moved = false;

  protected readonly lesson = computed(() => this.course()?.lessons[this.index()] ?? null);
  protected readonly isLast = computed(() => {
    const course = this.course();
    return !!course && this.index() === course.lessons.length - 1;
  });
  protected readonly percent = computed(() => {
    const c = this.course();
    return c && c.lessonCount > 0 ? Math.round((c.completedLessons / c.lessonCount) * 100) : 0;
  });

  constructor() {
    // Load (again) when the course or the language changes; resume at the saved lesson.
    effect(() => {
      const id = this.id();
      const lang = this.i18n.language();
      if (id) void this.fetch(id, lang);
    });
    effect(() => {
      const el = this.heading()?.nativeElement;
      this.lesson();
      if (el && this.moved) el.focus();
    });
  }

  private async fetch(id: string, lang: 'en' | 'de'): Promise<void> {
    try {
      const course = await firstValueFrom(this.api.course(id, lang));
      const first = this.course() === null;
      this.course.set(course);
      if (first) {
        const saved = course.lessons.findIndex((l) => l.id === course.currentLessonId);
        const unread = course.lessons.findIndex((l) => !l.completed);
        this.index.set(saved >= 0 ? saved : Math.max(0, unread));
      }
      this.problem.set(null);
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected async go(index: number): Promise<void> {
    const course = this.course();
    if (!course) return;
    this.moved = true;
    this.index.set(index);
    await this.save({ currentLessonId: course.lessons[index].id });
  }

  /** Marks the lesson as read and moves on (to the next lesson, or to the assessment after the last). */
  protected async next(): Promise<void> {
    const course = this.course();
    const lesson = this.lesson();
    if (!course || !lesson) return;
    const last = this.isLast();
    const nextLesson = last ? lesson : course.lessons[this.index() + 1];
    const saved = await this.save({ currentLessonId: nextLesson.id, completedLessonId: lesson.id });
    if (!saved) return;
    if (last) await this.router.navigate(['/learn', course.id, 'assessment']);
    else {
      this.moved = true;
      this.index.update((i) => i + 1);
    }
  }

  private async save(request: { currentLessonId: string; completedLessonId?: string }): Promise<boolean> {
    const course = this.course();
    if (!course) return false;
    this.saving.set(true);
    try {
      this.course.set(await firstValueFrom(this.api.saveProgress(course.id, request, this.i18n.language())));
      return true;
    } catch (error) {
      this.problem.set(toProblem(error));
      return false;
    } finally {
      this.saving.set(false);
    }
  }
}
