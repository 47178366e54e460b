import {
  isOpenForEnrolment,
  mayRecordAttendance,
  promotionsFor,
  reminderDay,
  seatFor,
  sessionDay,
} from './session-rules';

describe('session rules', () => {
  it.each([
    [10, 0, 'enrolled'],
    [10, 9, 'enrolled'],
    [10, 10, 'waitlisted'],
    [10, 12, 'waitlisted'],
    [1, 0, 'enrolled'],
  ] as const)('capacity %i with %i enrolled → %s', (capacity, enrolled, outcome) => {
    expect(seatFor(capacity, enrolled)).toBe(outcome);
  });

  it('moves up the first on the waiting list, in the order they enrolled, up to the free seats', () => {
    const waiting = [
      { id: 'c', position: 7 },
      { id: 'a', position: 3 },
      { id: 'b', position: 5 },
    ];
    expect(promotionsFor(10, 9, waiting)).toEqual(['a']);
    expect(promotionsFor(10, 8, waiting)).toEqual(['a', 'b']);
    expect(promotionsFor(12, 2, waiting)).toEqual(['a', 'b', 'c']);
    expect(promotionsFor(10, 10, waiting)).toEqual([]);
    expect(promotionsFor(5, 8, waiting)).toEqual([]);
  });

  const now = new Date('2026-12-01T09:00:00Z');
  const session = (status: 'scheduled' | 'cancelled' | 'completed', startsAt: string) => ({
    status,
    startsAt: new Date(startsAt),
    endsAt: new Date(new Date(startsAt).getTime() + 3_600_000),
  });

  it('is open for enrolment while scheduled and not started', () => {
    expect(isOpenForEnrolment(session('scheduled', '2026-12-01T09:00:01Z'), now)).toBe(true);
    expect(isOpenForEnrolment(session('scheduled', '2026-12-01T09:00:00Z'), now)).toBe(false);
    expect(isOpenForEnrolment(session('cancelled', '2026-12-02T09:00:00Z'), now)).toBe(false);
    expect(isOpenForEnrolment(session('completed', '2026-12-02T09:00:00Z'), now)).toBe(false);
  });

  it('lets attendance be recorded from the start, unless cancelled', () => {
    expect(mayRecordAttendance(session('scheduled', '2026-12-01T09:00:00Z'), now)).toBe(true);
    expect(mayRecordAttendance(session('scheduled', '2026-12-01T09:00:01Z'), now)).toBe(false);
    expect(mayRecordAttendance(session('completed', '2026-11-30T09:00:00Z'), now)).toBe(true);
    expect(mayRecordAttendance(session('cancelled', '2026-11-30T09:00:00Z'), now)).toBe(false);
  });

  it('uses the branch day for the reminder and the completion day', () => {
    // 23:30 UTC on 1 Dec is already 2 Dec in Berlin.
    const startsAt = new Date('2026-12-01T23:30:00Z');
    expect(sessionDay(startsAt, 'Europe/Berlin')).toBe('2026-12-02');
    expect(reminderDay(startsAt, 'Europe/Berlin')).toBe('2026-12-01');
    expect(sessionDay(startsAt, 'UTC')).toBe('2026-12-01');
    expect(reminderDay(startsAt, 'UTC')).toBe('2026-11-30');
  });
});
