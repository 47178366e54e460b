import type { CourseContent, CourseQuestion } from '@brevet/contracts';
import {
  answerSheetProblems,
  attemptAllowance,
  courseContentProblems,
  drawQuestions,
  scoreAttempt,
  type PastAttempt,
} from './assessment';

const NOW = new Date('2026-03-10T12:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const t = (en: string) => ({ en, de: `${en} (de)` });

const single = (id: string, right: string): CourseQuestion => ({
  id,
  kind: 'single',
  prompt: t(id),
  options: ['a', 'b', 'c'].map((o) => ({ id: o, text: t(o), correct: o === right })),
});
const multiple = (id: string, right: string[]): CourseQuestion => ({
  id,
  kind: 'multiple',
  prompt: t(id),
  options: ['a', 'b', 'c', 'd'].map((o) => ({ id: o, text: t(o), correct: right.includes(o) })),
});

describe('drawQuestions', () => {
  const pool = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10'];

  it('draws the same questions for the same seed and distinct ones from the pool', () => {
    const a = drawQuestions(pool, 5, 'attempt-1');
    expect(drawQuestions(pool, 5, 'attempt-1')).toEqual(a);
    expect(new Set(a).size).toBe(5);
    for (const id of a) expect(pool).toContain(id);
  });

  it('draws differently for different seeds (over many seeds every question comes up)', () => {
    const seen = new Set<string>();
    const draws = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const d = drawQuestions(pool, 5, `seed-${i}`);
      d.forEach((q) => seen.add(q));
      draws.add(d.join(','));
    }
    expect(seen.size).toBe(10);
    expect(draws.size).toBeGreaterThan(150);
  });

  it('draws a pool smaller than the count whole and leaves the pool untouched', () => {
    const small = ['x', 'y'];
    expect(drawQuestions(small, 5, 's').sort()).toEqual(['x', 'y']);
    expect(small).toEqual(['x', 'y']);
  });
});

describe('scoreAttempt', () => {
  const drawn = [
    single('q1', 'a'),
    single('q2', 'b'),
    multiple('q3', ['a', 'c']),
    single('q4', 'c'),
    single('q5', 'a'),
  ];
  const allRight = { q1: ['a'], q2: ['b'], q3: ['c', 'a'], q4: ['c'], q5: ['a'] };

  it.each([
    ['all right', allRight, 100, true],
    ['one wrong (80 % is the pass mark: passes)', { ...allRight, q1: ['b'] }, 80, true],
    ['two wrong', { ...allRight, q1: ['b'], q2: ['a'] }, 60, false],
    ['multiple choice missing a right option', { ...allRight, q3: ['a'] }, 80, true],
    ['multiple choice with a wrong option added', { ...allRight, q3: ['a', 'c', 'd'], q4: ['a'] }, 60, false],
    ['unknown option IDs', { ...allRight, q1: ['zzz'], q2: ['zzz'] }, 60, false],
    ['nothing answered', {}, 0, false],
  ])('%s', (_label, answers, score, passed) => {
    const result = scoreAttempt(drawn, answers, 80);
    expect(result.score).toBe(score);
    expect(result.passed).toBe(passed);
    expect(result.questionCount).toBe(5);
  });

  it('rounds to one decimal and compares with the pass mark', () => {
    const three = [single('a', 'a'), single('b', 'a'), single('c', 'a')];
    const r = scoreAttempt(three, { a: ['a'], b: ['a'], c: ['b'] }, 67);
    expect(r.score).toBe(66.7);
    expect(r.passed).toBe(false);
    expect(r.questions).toEqual([
      { id: 'a', correct: true },
      { id: 'b', correct: true },
      { id: 'c', correct: false },
    ]);
  });
});

describe('answerSheetProblems', () => {
  const drawn = [single('q1', 'a'), multiple('q2', ['a', 'b'])];
  it('wants every drawn question answered, one option for a single choice, no strangers', () => {
    expect(answerSheetProblems(drawn, { q1: ['a'], q2: ['a', 'b'] })).toEqual([]);
    expect(answerSheetProblems(drawn, { q1: ['a', 'b'], q9: ['a'] }).map((p) => p.field)).toEqual([
      'answers.q9',
      'answers.q1',
      'answers.q2',
    ]);
    expect(answerSheetProblems(drawn, { q1: ['a'], q2: ['a', 'a'] })[0].message).toMatch(/twice/);
  });
});

describe('attemptAllowance (3 attempts, 60 minutes cool-down, now = 10 Mar 2026 12:00 UTC)', () => {
  const settings = { maxAttempts: 3, cooldownMinutes: 60 };
  const failed = (startedMin: number, submittedMin: number): PastAttempt => ({
    startedAt: minutesAgo(startedMin),
    submittedAt: minutesAgo(submittedMin),
    passed: false,
  });
  const passed = (min: number): PastAttempt => ({
    startedAt: minutesAgo(min + 5),
    submittedAt: minutesAgo(min),
    passed: true,
  });
  const open = (min: number): PastAttempt => ({
    startedAt: minutesAgo(min),
    submittedAt: null,
    passed: null,
  });

  it.each<[string, PastAttempt[], unknown]>([
    ['first attempt', [], { allowed: true, attemptsLeft: 3, openAttempt: false }],
    [
      'an open attempt is resumed',
      [failed(200, 190), open(5)],
      { allowed: true, attemptsLeft: 2, openAttempt: true },
    ],
    [
      'failed 10 minutes ago: cool-down until 12:50',
      [failed(15, 10)],
      {
        allowed: false,
        reason: 'cooldown',
        attemptsLeft: 2,
        nextAttemptAt: new Date('2026-03-10T12:50:00Z'),
      },
    ],
    [
      'failed exactly 60 minutes ago: allowed',
      [failed(65, 60)],
      { allowed: true, attemptsLeft: 2, openAttempt: false },
    ],
    [
      'three failures: locked',
      [failed(300, 290), failed(200, 190), failed(100, 90)],
      { allowed: false, reason: 'no_attempts_left', attemptsLeft: 0 },
    ],
    [
      'a pass resets the count (retaking to renew)',
      [failed(500, 490), failed(400, 390), passed(300)],
      { allowed: true, attemptsLeft: 3, openAttempt: false },
    ],
  ])('%s', (_label, attempts, expected) => {
    expect(attemptAllowance(settings, attempts, NOW)).toEqual(expected);
  });

  it('no cool-down when it is 0 minutes', () => {
    expect(attemptAllowance({ maxAttempts: 3, cooldownMinutes: 0 }, [failed(2, 1)], NOW)).toEqual({
      allowed: true,
      attemptsLeft: 2,
      openAttempt: false,
    });
  });
});

describe('courseContentProblems', () => {
  const valid: CourseContent = {
    title: t('Fire safety'),
    summary: t('Basics'),
    durationMinutes: 15,
    lessons: [{ id: 'l1', title: t('One'), body: t('Text'), videoUrl: null, attachments: [] }],
    questions: [single('q1', 'a'), multiple('q2', ['a'])],
    passMark: 80,
    questionsPerAttempt: 2,
    maxAttempts: 3,
    cooldownMinutes: 60,
  };

  it('accepts a valid course', () => {
    expect(courseContentProblems(valid)).toEqual([]);
  });

  it('names each problem by field', () => {
    const fields = courseContentProblems({
      ...valid,
      title: { en: 'Fire', de: ' ' },
      lessons: [
        {
          id: 'l1',
          title: t('One'),
          body: t('Text'),
          videoUrl: 'javascript:alert(1)',
          attachments: [{ title: t('x'), url: 'javascript:alert(1)' }],
        },
        {
          id: 'l1',
          title: t('Two'),
          body: t('Text'),
          videoUrl: 'http://plain.example/video',
          attachments: [],
        },
      ],
      questions: [
        { ...single('q1', 'a'), options: single('q1', 'a').options.map((o) => ({ ...o, correct: true })) },
      ],
      passMark: 0,
      questionsPerAttempt: 3,
    }).map((p) => p.field);
    expect(fields).toEqual([
      'title.de',
      'lessons.1.id',
      'lessons.0.videoUrl',
      'lessons.0.attachments.0.url',
      'lessons.1.videoUrl',
      'questions.0.options',
      'passMark',
      'questionsPerAttempt',
    ]);
  });
});
