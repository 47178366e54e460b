import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { AttemptResult, AttemptStart, LearnerCourse, ProblemDetails } from '@brevet/contracts';
import { firstValueFrom, map } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { LearnApi } from './learn-api';

/**
 * The final assessment: the rules first (questions, pass mark, attempts left, a cool-down), then the drawn
 * questions, then the result. The page never knows the right answers: the API scores the submission and says
 * only which questions were right.
 */
@Component({
  selector: 'bv-assessment-page',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatIconModule,
    MatProgressBarModule,
    MatRadioModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './assessment-page.html',
  styleUrl: './learn.scss',
})
export class AssessmentPage {
  private readonly api = inject(LearnApi);
  private readonly route = inject(ActivatedRoute);
  protected readonly i18n = inject(I18n);
  private readonly id = toSignal(this.route.paramMap.pipe(map((params) => params.get('id') ?? '')), {
    initialValue: '',
  });

  protected readonly course = signal<LearnerCourse | null>(null);
  protected readonly attempt = signal<AttemptStart | null>(null);
  protected readonly answers = signal<Record<string, string[]>>({});
  protected readonly result = signal<AttemptResult | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly busy = signal(false);

  protected readonly answeredCount = computed(
    () => Object.values(this.answers()).filter((chosen) => chosen.length > 0).length,
  );
  protected readonly complete = computed(() => {
    const attempt = this.attempt();
    return !!attempt && this.answeredCount() === attempt.questions.length;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      if (id) void this.loadCourse(id);
    });
  }

  private async loadCourse(id: string): Promise<void> {
    try {
      this.course.set(await firstValueFrom(this.api.course(id, this.i18n.language())));
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected async start(): Promise<void> {
    const course = this.course();
    if (!course) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.attempt.set(await firstValueFrom(this.api.startAttempt(course.id, this.i18n.language())));
      this.answers.set({});
      this.result.set(null);
    } catch (error) {
      this.problem.set(toProblem(error));
      await this.loadCourse(course.id);
    } finally {
      this.busy.set(false);
    }
  }

  protected choose(questionId: string, optionId: string, single: boolean, checked = true): void {
    this.answers.update((answers) => {
      const current = answers[questionId] ?? [];
      const next = single
        ? [optionId]
        : checked
          ? [...current.filter((id) => id !== optionId), optionId]
          : current.filter((id) => id !== optionId);
      return { ...answers, [questionId]: next };
    });
  }

  protected isChosen(questionId: string, optionId: string): boolean {
    return (this.answers()[questionId] ?? []).includes(optionId);
  }

  protected async submit(): Promise<void> {
    const attempt = this.attempt();
    if (!attempt || !this.complete()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      this.result.set(
        await firstValueFrom(this.api.submit(attempt.courseId, attempt.attemptId, this.answers())),
      );
      this.attempt.set(null);
      await this.loadCourse(attempt.courseId);
    } catch (error) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected questionNumber(questionId: string): number {
    return (this.attempt()?.questions.findIndex((q) => q.id === questionId) ?? 0) + 1;
  }
}
