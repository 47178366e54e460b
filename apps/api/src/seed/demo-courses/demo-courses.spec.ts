import { courseContentProblems } from '@brevet/domain';
import { DEMO_COURSE_CREDENTIALS } from './demo-course-credentials';
import { DEMO_COURSES } from './demo-courses';

describe('demo courses', () => {
  it.each(DEMO_COURSES.map((c) => [c.code, c] as const))(
    '%s is a complete, valid course',
    (_code, course) => {
      expect(courseContentProblems(course.content)).toEqual([]);
      const c = course.content;
      expect(c.lessons.length).toBeGreaterThanOrEqual(3);
      expect(c.lessons.length).toBeLessThanOrEqual(5);
      expect(c.questions.length).toBeGreaterThanOrEqual(8);
      expect(c.questions.length).toBeLessThanOrEqual(10);
      expect(c).toMatchObject({ passMark: 80, questionsPerAttempt: 5, maxAttempts: 3, cooldownMinutes: 60 });
      // Both languages are written, and the German is not the English copied.
      for (const lesson of c.lessons) expect(lesson.body.de).not.toBe(lesson.body.en);
      for (const question of c.questions) expect(question.prompt.de).not.toBe(question.prompt.en);
    },
  );

  it('links every course to a credential of the demo catalogue', () => {
    const added = DEMO_COURSE_CREDENTIALS.map((c) => c.code);
    expect(DEMO_COURSES.map((c) => c.credentialCode)).toEqual([
      'FIRE-SAFETY-BASICS',
      'GDPR-BASICS',
      'MANUAL-HANDLING',
    ]);
    expect(added).toEqual(['FIRE-SAFETY-BASICS', 'MANUAL-HANDLING']);
  });
});
