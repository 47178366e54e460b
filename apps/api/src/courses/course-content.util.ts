import {
  QUESTION_KINDS,
  type CourseContent,
  type FieldError,
  type LocalizedText,
  type QuestionKind,
} from '@brevet/contracts';
import { courseContentProblems } from '@brevet/domain';

/**
 * Reads a course's content from a request body: builds a clean object of exactly the known fields (anything
 * else is dropped), reports wrong types by path, then the domain's content rules. Throws nothing; the caller
 * turns problems into a 400.
 */
export function readCourseContent(raw: unknown): { content: CourseContent | null; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const bad = (field: string, message: string) => {
    problems.push({ field, message });
    return undefined;
  };
  const obj = (v: unknown, field: string): Record<string, unknown> | undefined =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : bad(field, 'must be an object');
  const arr = (v: unknown, field: string): unknown[] =>
    Array.isArray(v) ? v : (bad(field, 'must be a list') ?? []);
  const str = (v: unknown, field: string): string =>
    typeof v === 'string' ? v : (bad(field, 'must be text') ?? '');
  const num = (v: unknown, field: string): number =>
    typeof v === 'number' ? v : (bad(field, 'must be a number') ?? NaN);
  const text = (v: unknown, field: string): LocalizedText => {
    const o = obj(v, field);
    return { en: o ? str(o['en'], `${field}.en`) : '', de: o ? str(o['de'], `${field}.de`) : '' };
  };

  const root = obj(raw, 'content');
  if (!root) return { content: null, problems };
  const content: CourseContent = {
    title: text(root['title'], 'title'),
    summary: text(root['summary'], 'summary'),
    durationMinutes: num(root['durationMinutes'], 'durationMinutes'),
    lessons: arr(root['lessons'], 'lessons').map((l, i) => {
      const f = `lessons.${i}`;
      const o = obj(l, f) ?? {};
      const video = o['videoUrl'];
      return {
        id: str(o['id'], `${f}.id`),
        title: text(o['title'], `${f}.title`),
        body: text(o['body'], `${f}.body`),
        videoUrl: video === null || video === undefined || video === '' ? null : str(video, `${f}.videoUrl`),
        attachments: arr(o['attachments'] ?? [], `${f}.attachments`).map((a, j) => {
          const ao = obj(a, `${f}.attachments.${j}`) ?? {};
          return {
            title: text(ao['title'], `${f}.attachments.${j}.title`),
            url: str(ao['url'], `${f}.attachments.${j}.url`),
          };
        }),
      };
    }),
    questions: arr(root['questions'], 'questions').map((q, i) => {
      const f = `questions.${i}`;
      const o = obj(q, f) ?? {};
      const kind = o['kind'];
      if (!QUESTION_KINDS.includes(kind as QuestionKind)) bad(`${f}.kind`, 'must be single or multiple');
      return {
        id: str(o['id'], `${f}.id`),
        kind: (kind as QuestionKind) ?? 'single',
        prompt: text(o['prompt'], `${f}.prompt`),
        options: arr(o['options'], `${f}.options`).map((opt, j) => {
          const oo = obj(opt, `${f}.options.${j}`) ?? {};
          if (typeof oo['correct'] !== 'boolean') bad(`${f}.options.${j}.correct`, 'must be true or false');
          return {
            id: str(oo['id'], `${f}.options.${j}.id`),
            text: text(oo['text'], `${f}.options.${j}.text`),
            correct: oo['correct'] === true,
          };
        }),
      };
    }),
    passMark: num(root['passMark'], 'passMark'),
    questionsPerAttempt: num(root['questionsPerAttempt'], 'questionsPerAttempt'),
    maxAttempts: num(root['maxAttempts'], 'maxAttempts'),
    cooldownMinutes: num(root['cooldownMinutes'], 'cooldownMinutes'),
  };
  if (problems.length > 0) return { content: null, problems };
  const rules = courseContentProblems(content);
  return rules.length > 0 ? { content: null, problems: rules } : { content, problems: [] };
}
