import type { CourseReportRow, TrainingReport } from '@brevet/contracts';
import { busiestCourses, monthRates, trainingPanelRange } from '../src/app/dashboard/training-panel-model';

const course = (code: string, attempts: number, learnersStarted = attempts): CourseReportRow => ({
  courseId: code,
  code,
  title: code,
  definitionId: 'd',
  learnersStarted,
  learnersPassed: 0,
  attempts,
  passedAttempts: 0,
  passRate: null,
  completionRate: null,
});

const report = (courses: CourseReportRow[]): TrainingReport => ({
  from: '2026-06-01',
  to: '2026-11-29',
  courses,
  sessions: [],
  months: [],
});

describe('the dashboard training panel', () => {
  it.each<[string, string, { from: string; to: string }]>([
    ['late in the year', '2026-11-29T04:00:00Z', { from: '2026-06-01', to: '2026-11-29' }],
    ['across the new year', '2027-02-01T23:59:00Z', { from: '2026-09-01', to: '2027-02-01' }],
  ])('looks back six months, this one included (%s)', (_name, now, expected) => {
    expect(trainingPanelRange(new Date(now))).toEqual(expected);
  });

  it('lists the courses with attempts, busiest first, at most five', () => {
    const courses = [
      course('A', 1),
      course('B', 0, 0),
      course('C', 9),
      course('D', 3),
      course('E', 3),
      course('F', 2),
      course('G', 0, 1),
      course('H', 5),
    ];
    const { shown, more } = busiestCourses(report(courses));
    expect(shown.map((c) => c.code)).toEqual(['C', 'H', 'D', 'E', 'F']);
    expect(more).toBe(2);
    expect(busiestCourses(report([course('B', 0, 0)]))).toEqual({ shown: [], more: 0 });
  });

  it('gives each month its pass rate, none without attempts', () => {
    expect(
      monthRates([
        {
          month: '2026-10',
          attempts: 3,
          passedAttempts: 2,
          learnersPassed: 2,
          sessionsHeld: 0,
          sessionParticipantsPassed: 0,
        },
        {
          month: '2026-11',
          attempts: 0,
          passedAttempts: 0,
          learnersPassed: 0,
          sessionsHeld: 1,
          sessionParticipantsPassed: 1,
        },
      ]),
    ).toEqual([
      { month: '2026-10', attempts: 3, passedAttempts: 2, passRate: 0.6667 },
      { month: '2026-11', attempts: 0, passedAttempts: 0, passRate: null },
    ]);
  });
});
