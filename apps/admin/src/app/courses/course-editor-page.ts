import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type {
  CourseContent,
  CourseDetail,
  CourseLesson,
  CourseQuestion,
  CredentialSummary,
  FieldError,
} from '@brevet/contracts';
import { firstValueFrom } from 'rxjs';
import { CatalogueApi } from '../catalogue/catalogue-api';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { CoursesApi } from './courses-api';

const LANGS = ['en', 'de'] as const;

/** A fresh ID, unique within its list (IDs are stable across versions, so progress carries over). */
function freshId(prefix: string, taken: readonly { id: string }[]): string {
  for (let n = taken.length + 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!taken.some((t) => t.id === id)) return id;
  }
}

function emptyContent(): CourseContent {
  return {
    title: { en: '', de: '' },
    summary: { en: '', de: '' },
    durationMinutes: 15,
    lessons: [
      { id: 'l1', title: { en: '', de: '' }, body: { en: '', de: '' }, videoUrl: null, attachments: [] },
    ],
    questions: [],
    passMark: 80,
    questionsPerAttempt: 5,
    maxAttempts: 3,
    cooldownMinutes: 60,
  };
}

/**
 * Writing a course: texts in English and German side by side, lessons (Markdown, a video link, files), the
 * question pool with the right answers, and the test's numbers. Saving puts everything into the draft; when
 * the course is published, that is a new draft version which learners get only once it is published. The API
 * checks everything and names each problem by field; those are listed at the top and beside the fields.
 */
@Component({
  selector: 'bv-course-editor-page',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './course-editor-page.html',
  styleUrl: './courses.scss',
})
export class CourseEditorPage {
  private readonly api = inject(CoursesApi);
  private readonly catalogue = inject(CatalogueApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18n);
  protected readonly langs = LANGS;

  protected readonly id = this.route.snapshot.paramMap.get('id');
  protected readonly loaded = signal(false);
  protected readonly existing = signal<CourseDetail | null>(null);
  protected readonly credentials = signal<CredentialSummary[]>([]);
  protected readonly errors = signal<FieldError[]>([]);
  protected readonly saving = signal(false);
  /** The working copy; edited in place by the template's handlers (OnPush re-renders on their events). */
  protected content: CourseContent = emptyContent();
  protected code = '';
  protected definitionId = '';

  constructor() {
    void this.init();
  }

  private async init(): Promise<void> {
    const page = await firstValueFrom(
      this.catalogue.list({ pageSize: 100, sort: 'code', status: 'published' }),
    );
    this.credentials.set(page.items);
    if (this.id) {
      const course = await firstValueFrom(this.api.get(this.id));
      this.existing.set(course);
      this.content = structuredClone(course.content);
      this.code = course.code;
      this.definitionId = course.credential.id;
    }
    this.loaded.set(true);
  }

  protected errorAt(field: string): string | null {
    const error = this.errors().find((e) => e.field === `content.${field}` || e.field === field);
    return error ? error.message : null;
  }

  protected num(value: string): number {
    return value.trim() === '' ? NaN : Number(value);
  }

  protected addLesson(): void {
    this.content.lessons.push({
      id: freshId('l', this.content.lessons),
      title: { en: '', de: '' },
      body: { en: '', de: '' },
      videoUrl: null,
      attachments: [],
    });
  }

  protected removeLesson(lesson: CourseLesson): void {
    this.content.lessons = this.content.lessons.filter((l) => l !== lesson);
  }

  /** Files as lines `English title | German title | link`. */
  protected attachmentsText(lesson: CourseLesson): string {
    return lesson.attachments.map((a) => `${a.title.en} | ${a.title.de} | ${a.url}`).join('\n');
  }

  protected setAttachments(lesson: CourseLesson, text: string): void {
    lesson.attachments = text
      .split('\n')
      .map((line) => line.split('|').map((part) => part.trim()))
      .filter((parts) => parts.some((p) => p !== ''))
      .map(([en = '', de = '', url = '']) => ({ title: { en, de: de || en }, url }));
  }

  protected addQuestion(): void {
    this.content.questions.push({
      id: freshId('q', this.content.questions),
      kind: 'single',
      prompt: { en: '', de: '' },
      options: [
        { id: 'a', text: { en: '', de: '' }, correct: true },
        { id: 'b', text: { en: '', de: '' }, correct: false },
      ],
    });
  }

  protected removeQuestion(question: CourseQuestion): void {
    this.content.questions = this.content.questions.filter((q) => q !== question);
  }

  protected addOption(question: CourseQuestion): void {
    const letters = 'abcdefgh';
    const id =
      [...letters].find((l) => !question.options.some((o) => o.id === l)) ?? freshId('o', question.options);
    question.options.push({ id, text: { en: '', de: '' }, correct: false });
  }

  protected setRight(question: CourseQuestion, optionId: string, right: boolean): void {
    for (const o of question.options) {
      if (o.id === optionId) o.correct = right;
      else if (question.kind === 'single' && right) o.correct = false;
    }
  }

  protected setMultiple(question: CourseQuestion, multiple: boolean): void {
    question.kind = multiple ? 'multiple' : 'single';
    if (!multiple) {
      const first = question.options.find((o) => o.correct);
      for (const o of question.options) o.correct = o === first;
    }
  }

  protected async save(): Promise<void> {
    this.saving.set(true);
    this.errors.set([]);
    try {
      const existing = this.existing();
      const saved = existing
        ? await firstValueFrom(
            this.api.update(existing.id, {
              revision: existing.revision,
              content: this.content,
              ...(this.definitionId !== existing.credential.id ? { definitionId: this.definitionId } : {}),
            }),
          )
        : await firstValueFrom(
            this.api.create({
              code: this.code.trim(),
              definitionId: this.definitionId,
              content: this.content,
            }),
          );
      this.notifier.info('courses.saved', { version: saved.version.version });
      await this.router.navigate(['/courses', saved.id]);
    } catch (error) {
      const problem = toProblem(error);
      this.errors.set(problem.errors ?? []);
      if (!problem.errors?.length) this.notifier.problem(problem);
    } finally {
      this.saving.set(false);
    }
  }
}
