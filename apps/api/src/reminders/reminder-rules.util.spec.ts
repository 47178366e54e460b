import {
  DEFAULT_REMINDER_SETTINGS,
  digestDay,
  effectiveReminderSettings,
  expiryStage,
  isoWeekday,
  overdueSince,
  reminderSettingsProblems,
} from './reminder-rules.util';

describe('expiryStage: the latest offset reached', () => {
  const offsets = [60, 30, 7];
  it.each([
    [90, null],
    [61, null],
    [60, 60],
    [45, 60],
    [31, 60],
    [30, 30],
    [12, 30],
    [8, 30],
    [7, 7],
    [1, 7],
    [0, 7],
    [-1, null],
  ])('%i days left → %s', (daysLeft, stage) => {
    expect(expiryStage(daysLeft, offsets)).toBe(stage);
  });

  it('does not depend on the order of the offsets, and knows an offset of 0 (the last valid day)', () => {
    expect(expiryStage(5, [7, 60, 0, 30])).toBe(7);
    expect(expiryStage(0, [7, 60, 0, 30])).toBe(0);
  });
});

describe('overdueSince: the first overdue day keys the one overdue email', () => {
  it.each([
    [
      'missing past its due day',
      { status: 'missing_overdue', dueOn: '2026-07-01', validUntil: null },
      '2026-07-02',
    ],
    [
      'expired after its due day',
      { status: 'expired', dueOn: '2024-04-01', validUntil: '2026-10-15' },
      '2026-10-16',
    ],
    [
      'expired before a later due day',
      { status: 'expired', dueOn: '2026-10-20', validUntil: '2026-10-15' },
      '2026-10-21',
    ],
    [
      'across a month end',
      { status: 'expired', dueOn: '2020-01-01', validUntil: '2026-10-31' },
      '2026-11-01',
    ],
  ] as const)('%s', (_name, row, since) => {
    expect(overdueSince(row)).toBe(since);
  });
});

describe('digestDay', () => {
  it('knows ISO weekdays', () => {
    expect(isoWeekday('2026-11-02')).toBe(1); // Monday
    expect(isoWeekday('2026-11-08')).toBe(7); // Sunday
  });

  it.each([
    ['2026-11-02', 'weekly', 1, '2026-11-02'], // Monday itself
    ['2026-11-05', 'weekly', 1, '2026-11-02'], // Thursday → that week's Monday
    ['2026-11-08', 'weekly', 1, '2026-11-02'], // Sunday
    ['2026-11-01', 'weekly', 1, '2026-10-26'], // Sunday before → the week before
    ['2026-11-05', 'weekly', 5, '2026-10-30'], // Friday digests: Thursday → last Friday
    ['2026-11-06', 'weekly', 5, '2026-11-06'],
    ['2026-11-05', 'daily', 1, '2026-11-05'],
    ['2026-11-05', 'off', 1, null],
  ] as const)('%s, %s on weekday %i → %s', (today, frequency, weekday, day) => {
    expect(digestDay(today, frequency, weekday)).toBe(day);
  });
});

describe('reminder settings', () => {
  it('accepts the defaults', () => {
    expect(reminderSettingsProblems(DEFAULT_REMINDER_SETTINGS)).toEqual([]);
  });

  it('names every problem', () => {
    const problems = reminderSettingsProblems({
      offsetsDays: [30, 30],
      overdue: true,
      digest: { frequency: 'hourly' as never, weekday: 8 },
      timeZone: 'CET',
      trainingAssignments: 'yes' as never,
    });
    expect(problems.map((p) => p.field)).toEqual([
      'offsetsDays',
      'digest.frequency',
      'digest.weekday',
      'timeZone',
      'trainingAssignments',
    ]);
    expect(reminderSettingsProblems({ ...DEFAULT_REMINDER_SETTINGS, offsetsDays: [400] })[0].field).toBe(
      'offsetsDays',
    );
    expect(reminderSettingsProblems({ ...DEFAULT_REMINDER_SETTINGS, offsetsDays: [] })[0].field).toBe(
      'offsetsDays',
    );
    expect(
      reminderSettingsProblems({ ...DEFAULT_REMINDER_SETTINGS, offsetsDays: [1, 2, 3, 4, 5, 6, 7] })[0].field,
    ).toBe('offsetsDays');
  });

  it('falls back to the defaults for nothing or something broken stored, and sorts offsets largest first', () => {
    expect(effectiveReminderSettings(undefined)).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(effectiveReminderSettings({ offsetsDays: 'x' })).toEqual(DEFAULT_REMINDER_SETTINGS);
    expect(
      effectiveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, offsetsDays: [7, 90, 14] }).offsetsDays,
    ).toEqual([90, 14, 7]);
  });

  it('keeps assignment emails on for settings stored before the switch existed, and off once switched off', () => {
    const older: Partial<typeof DEFAULT_REMINDER_SETTINGS> = { ...DEFAULT_REMINDER_SETTINGS };
    delete older.trainingAssignments;
    expect(effectiveReminderSettings(older).trainingAssignments).toBe(true);
    expect(
      effectiveReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, trainingAssignments: false })
        .trainingAssignments,
    ).toBe(false);
  });
});
