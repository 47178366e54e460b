import { renderAssignmentMail, type AssignmentMailInput } from './assignment-mail-templates';
import { assignmentMailKey } from './training-assignment-mails.service';
import type { AssignmentRow } from './training-assignment.repository';

const base: AssignmentMailInput = {
  language: 'en',
  givenName: 'Ella',
  credential: 'Fire safety',
  kind: 'missing',
  dueBy: '2026-12-01',
  course: { title: 'Fire safety basics', link: 'https://brevet.example/learn/c1' },
  session: {
    // 09:00 in Berlin (winter time).
    startsAt: new Date('2026-12-03T08:00:00Z'),
    endsAt: new Date('2026-12-03T10:00:00Z'),
    timeZone: 'Europe/Berlin',
    branchName: 'Hamburg',
    location: 'Room <2>',
    link: 'https://brevet.example/sessions/s1',
  },
  overviewLink: 'https://brevet.example/learn',
};

describe('renderAssignmentMail', () => {
  it('says what is needed, by when, and what is offered, in English', () => {
    const mail = renderAssignmentMail(base);
    expect(mail.subject).toBe('Training for you: Fire safety');
    expect(mail.text).toContain('You need “Fire safety”. Please get it by 1 December 2026.');
    expect(mail.text).toContain('You can take the online course “Fire safety basics”.');
    expect(mail.text).toContain(
      'Or come to the session on site: 3 December 2026, 09:00–11:00 (Europe/Berlin), Hamburg, Room <2>.',
    );
    expect(mail.text).toContain('https://brevet.example/sessions/s1');
    expect(mail.html).toContain('Room &lt;2&gt;');
    expect(mail.html).not.toContain('<2>');
  });

  it('speaks German to German readers, and renewals say so', () => {
    const mail = renderAssignmentMail({ ...base, language: 'de', kind: 'renew', course: null });
    expect(mail.subject).toBe('Schulung für Sie: Fire safety');
    expect(mail.text).toContain(
      'Ihr Nachweis „Fire safety“ muss erneuert werden. Bitte bis 1. Dezember 2026.',
    );
    expect(mail.text).toContain(
      'Sie können an der Schulung vor Ort teilnehmen: 3. Dezember 2026, 09:00–11:00 Uhr',
    );
    expect(mail.text).not.toContain('Online-Kurs');
  });
});

describe('assignmentMailKey', () => {
  const row = (status: AssignmentRow['status'], validUntil: string | null) =>
    ({ staffId: 's1', definitionId: 'd1', status, dueOn: '2024-03-31', validUntil }) as AssignmentRow;

  it('is one key per person, requirement and reason; renewals per last valid day', () => {
    expect(assignmentMailKey(row('missing_overdue', null))).toEqual({
      recipientKey: 'staff:s1',
      reason: 'training.assigned',
      subjectKey: 'd1.missing',
      reasonDate: '2024-03-31',
    });
    expect(assignmentMailKey(row('missing_in_grace', null)).subjectKey).toBe('d1.missing');
    // Expiring, then expired: the same email (sent once), not a second one.
    expect(assignmentMailKey(row('expiring', '2026-12-31'))).toEqual(
      assignmentMailKey(row('expired', '2026-12-31')),
    );
    expect(assignmentMailKey(row('expiring', '2026-12-31')).reasonDate).toBe('2026-12-31');
    expect(assignmentMailKey(row('expiring', '2027-12-31'))).not.toEqual(
      assignmentMailKey(row('expiring', '2026-12-31')),
    );
  });
});
