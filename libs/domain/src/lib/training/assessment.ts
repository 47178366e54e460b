import type { CourseAssessmentSettings, CourseQuestion, CourseContent, FieldError } from '@brevet/contracts';
import { COURSE_LIMITS } from '@brevet/contracts';

/**
 * Pure rules of a course assessment (docs/training-courses.md): drawing questions from the pool with a seed,
 * scoring answers against the pass mark, and whether a learner may start another attempt now.
 */

// ── Drawing ─────────────────────────────────────────────────────────────────────────────────────────────

/** A 32-bit hash of a string (FNV-1a), the seed of the generator below. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough to shuffle a question pool; deterministic for a seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` distinct IDs of `pool`, in a random order that only depends on `seed` (the same seed draws the same
 * questions, so an attempt can be re-shown and re-scored). A pool smaller than `count` is drawn whole.
 */
export function drawQuestions(pool: readonly string[], count: number, seed: string): string[] {
  const ids = [...pool];
  const next = generator(seedOf(seed));
  // Fisher–Yates, stopping once the first `count` places are settled.
  const n = Math.min(count, ids.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids.slice(0, n);
}

// ── Scoring ─────────────────────────────────────────────────────────────────────────────────────────────

export interface ScoredAssessment {
  /** Percent, rounded to one decimal. */
  score: number;
  passed: boolean;
  correctCount: number;
  questionCount: number;
  questions: Array<{ id: string; correct: boolean }>;
}

/**
 * Scores answers to the drawn questions. A question counts only when the chosen options are exactly its
 * correct ones (a multiple-choice question with one right option missing, or one wrong option added, is
 * wrong: no partial credit). Unknown option IDs are simply not correct. Passed means score ≥ pass mark.
 */
export function scoreAttempt(
  drawn: readonly CourseQuestion[],
  answers: Readonly<Record<string, readonly string[]>>,
  passMark: number,
): ScoredAssessment {
  const questions = drawn.map((q) => {
    const chosen = new Set(answers[q.id] ?? []);
    const right = q.options.filter((o) => o.correct).map((o) => o.id);
    const correct = chosen.size === right.length && right.every((id) => chosen.has(id));
    return { id: q.id, correct };
  });
  const correctCount = questions.filter((q) => q.correct).length;
  const questionCount = questions.length;
  const score = questionCount === 0 ? 0 : Math.round((correctCount / questionCount) * 1000) / 10;
  return { score, passed: score >= passMark, correctCount, questionCount, questions };
}

/** Problems with a learner's answer sheet: every drawn question answered, a single choice has one option. */
export function answerSheetProblems(
  drawn: readonly CourseQuestion[],
  answers: Readonly<Record<string, readonly string[]>>,
): FieldError[] {
  const problems: FieldError[] = [];
  const drawnIds = new Set(drawn.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!drawnIds.has(id))
      problems.push({ field: `answers.${id}`, message: 'is not a question of this attempt' });
  }
  for (const q of drawn) {
    const chosen = answers[q.id];
    if (!chosen || chosen.length === 0) problems.push({ field: `answers.${q.id}`, message: 'is required' });
    else if (q.kind === 'single' && chosen.length !== 1)
      problems.push({ field: `answers.${q.id}`, message: 'takes exactly one option' });
    else if (new Set(chosen).size !== chosen.length)
      problems.push({ field: `answers.${q.id}`, message: 'lists an option twice' });
  }
  return problems;
}

// ── Attempts and cool-down ──────────────────────────────────────────────────────────────────────────────

/** What the rules need to know about one earlier attempt on the same version. */
export interface PastAttempt {
  startedAt: Date;
  submittedAt: Date | null;
  passed: boolean | null;
}

export type AttemptAllowance =
  | { allowed: true; attemptsLeft: number; openAttempt: boolean }
  | { allowed: false; reason: 'cooldown'; attemptsLeft: number; nextAttemptAt: Date }
  | { allowed: false; reason: 'no_attempts_left'; attemptsLeft: 0 };

/**
 * Whether a learner may start an attempt at `now`. Only failed attempts since the last pass count against
 * `maxAttempts` (a pass resets the count, so someone can retake the course to renew the certificate). After a
 * failed attempt the next one waits `cooldownMinutes` from its submission. An open (started, not submitted)
 * attempt is always allowed: it is resumed, not started again.
 */
export function attemptAllowance(
  settings: Pick<CourseAssessmentSettings, 'maxAttempts' | 'cooldownMinutes'>,
  attempts: readonly PastAttempt[],
  now: Date,
): AttemptAllowance {
  const ordered = [...attempts].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const lastPass = ordered.map((a) => a.passed === true).lastIndexOf(true);
  const since = ordered.slice(lastPass + 1);
  const failed = since.filter((a) => a.submittedAt !== null && a.passed === false);
  const attemptsLeft = Math.max(0, settings.maxAttempts - failed.length);
  if (since.some((a) => a.submittedAt === null)) return { allowed: true, attemptsLeft, openAttempt: true };
  if (attemptsLeft === 0) return { allowed: false, reason: 'no_attempts_left', attemptsLeft: 0 };
  const lastFailed = failed[failed.length - 1];
  if (lastFailed?.submittedAt) {
    const nextAttemptAt = new Date(lastFailed.submittedAt.getTime() + settings.cooldownMinutes * 60_000);
    if (now < nextAttemptAt) return { allowed: false, reason: 'cooldown', attemptsLeft, nextAttemptAt };
  }
  return { allowed: true, attemptsLeft, openAttempt: false };
}

// ── Content checks ──────────────────────────────────────────────────────────────────────────────────────

const LANGUAGES = ['en', 'de'] as const;
const SAFE_URL = /^(https?:\/\/[^\s]+|\/[^\s/][^\s]*)$/i;

/** Every problem with a version's content, by field, so the editor can show each one at its place. */
export function courseContentProblems(content: CourseContent): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const texts = (field: string, value: { en: string; de: string } | undefined, max: number) => {
    for (const lang of LANGUAGES) {
      const text = value?.[lang];
      if (typeof text !== 'string' || text.trim() === '') add(`${field}.${lang}`, 'is required');
      else if (text.length > max) add(`${field}.${lang}`, `must be at most ${max} characters`);
    }
  };
  const uniqueIds = (field: string, ids: string[]) => {
    ids.forEach((id, i) => {
      if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) add(`${field}.${i}.id`, 'must be 1–40 letters, digits, - or _');
      else if (ids.indexOf(id) !== i) add(`${field}.${i}.id`, 'is used twice');
    });
  };
  texts('title', content.title, 200);
  texts('summary', content.summary, 1000);
  if (
    !Number.isInteger(content.durationMinutes) ||
    content.durationMinutes < 1 ||
    content.durationMinutes > 600
  )
    add('durationMinutes', 'must be a whole number from 1 to 600');

  if (content.lessons.length === 0) add('lessons', 'needs at least one lesson');
  if (content.lessons.length > COURSE_LIMITS.lessonsMax)
    add('lessons', `must have at most ${COURSE_LIMITS.lessonsMax} lessons`);
  uniqueIds(
    'lessons',
    content.lessons.map((l) => l.id),
  );
  content.lessons.forEach((lesson, i) => {
    texts(`lessons.${i}.title`, lesson.title, 200);
    texts(`lessons.${i}.body`, lesson.body, COURSE_LIMITS.lessonBodyMaxChars);
    if (lesson.videoUrl !== null && !/^https:\/\/[^\s]+$/i.test(lesson.videoUrl))
      add(`lessons.${i}.videoUrl`, 'must be an https link');
    if (lesson.attachments.length > COURSE_LIMITS.attachmentsMax)
      add(`lessons.${i}.attachments`, `must have at most ${COURSE_LIMITS.attachmentsMax} files`);
    lesson.attachments.forEach((file, j) => {
      texts(`lessons.${i}.attachments.${j}.title`, file.title, 200);
      if (!SAFE_URL.test(file.url))
        add(`lessons.${i}.attachments.${j}.url`, 'must be an http(s) link or a /path');
    });
  });

  if (content.questions.length > COURSE_LIMITS.questionsMax)
    add('questions', `must have at most ${COURSE_LIMITS.questionsMax} questions`);
  uniqueIds(
    'questions',
    content.questions.map((q) => q.id),
  );
  content.questions.forEach((q, i) => {
    texts(`questions.${i}.prompt`, q.prompt, 1000);
    if (q.options.length < COURSE_LIMITS.optionsMin || q.options.length > COURSE_LIMITS.optionsMax)
      add(`questions.${i}.options`, `needs ${COURSE_LIMITS.optionsMin}–${COURSE_LIMITS.optionsMax} options`);
    uniqueIds(
      `questions.${i}.options`,
      q.options.map((o) => o.id),
    );
    q.options.forEach((o, j) => texts(`questions.${i}.options.${j}.text`, o.text, 500));
    const right = q.options.filter((o) => o.correct).length;
    if (q.kind === 'single' && right !== 1)
      add(`questions.${i}.options`, 'a single choice has exactly one right option');
    if (q.kind === 'multiple' && right < 1) add(`questions.${i}.options`, 'needs at least one right option');
  });

  const int = (field: keyof CourseAssessmentSettings, min: number, max: number) => {
    const value = content[field];
    if (!Number.isInteger(value) || value < min || value > max)
      add(field, `must be a whole number from ${min} to ${max}`);
  };
  int('passMark', 1, 100);
  int('questionsPerAttempt', 1, COURSE_LIMITS.questionsMax);
  int('maxAttempts', 1, COURSE_LIMITS.attemptsMax);
  int('cooldownMinutes', 0, COURSE_LIMITS.cooldownMinutesMax);
  if (Number.isInteger(content.questionsPerAttempt) && content.questionsPerAttempt > content.questions.length)
    add('questionsPerAttempt', 'must not exceed the number of questions in the pool');
  return problems;
}
