import { formatDay, renderDigest, renderExpiryReminder, renderOverdueReminder } from './reminder-templates';

const links = {
  certificates: 'https://brevet.example/me',
  upload: 'https://brevet.example/me/evidence?definitionId=d1',
};

describe('reminder emails', () => {
  it('writes dates the way each language does', () => {
    expect(formatDay('2026-12-01', 'en')).toBe('1 December 2026');
    expect(formatDay('2026-12-01', 'de')).toBe('1. Dezember 2026');
    expect(formatDay('2026-03-05', 'de')).toBe('5. März 2026');
  });

  it('reminds before expiry in English and German, with the days left and both links', () => {
    const en = renderExpiryReminder({
      language: 'en',
      givenName: 'Anna',
      credential: 'Forklift licence',
      validUntil: '2026-12-01',
      daysLeft: 30,
      links,
    });
    expect(en.subject).toBe('Your certificate “Forklift licence” expires on 1 December 2026');
    expect(en.text).toContain('Hello Anna,');
    expect(en.text).toContain('is valid until 1 December 2026. That is in 30 days.');
    expect(en.text).toContain('https://brevet.example/me\n');
    expect(en.text).toContain('https://brevet.example/me/evidence?definitionId=d1');

    const de = renderExpiryReminder({
      language: 'de',
      givenName: 'Jürgen',
      credential: 'Staplerschein',
      validUntil: '2026-12-01',
      daysLeft: 0,
      links,
    });
    expect(de.subject).toBe('Ihr Nachweis „Staplerschein“ läuft am 1. Dezember 2026 ab');
    expect(de.text).toContain('Hallo Jürgen,');
    expect(de.text).toContain('Heute ist der letzte gültige Tag.');
    expect(de.html).toContain('<html lang="de">');
  });

  it('tells expired and missing apart when overdue', () => {
    const expired = renderOverdueReminder({
      language: 'en',
      givenName: 'Anna',
      credential: 'First aid',
      kind: 'expired',
      validUntil: '2026-10-15',
      dueOn: '2024-04-01',
      links,
    });
    expect(expired.subject).toBe('Your certificate “First aid” has expired');
    expect(expired.text).toContain('was valid until 15 October 2026');
    const missing = renderOverdueReminder({
      language: 'de',
      givenName: 'Anna',
      credential: 'Erste Hilfe',
      kind: 'missing',
      validUntil: null,
      dueOn: '2026-07-01',
      links,
    });
    expect(missing.subject).toBe('Ihnen fehlt noch der Nachweis „Erste Hilfe“');
    expect(missing.text).toContain('Er war bis zum 1. Juli 2026 fällig.');
  });

  it('escapes names in HTML and keeps line breaks out of the subject', () => {
    const mail = renderExpiryReminder({
      language: 'en',
      givenName: '<script>alert(1)</script>',
      credential: 'Evil\r\nBcc: x@evil.test',
      validUntil: '2026-12-01',
      daysLeft: 3,
      links,
    });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('lists a digest by branch and person, with totals and what was left out', () => {
    const mail = renderDigest({
      language: 'de',
      managerName: 'Maria',
      frequency: 'weekly',
      day: '2026-11-02',
      counts: { overdue: 2, expiring: 1 },
      branches: [
        {
          code: 'HAM',
          name: 'Hamburg',
          people: [
            {
              name: 'Anna Muster',
              employeeNumber: 'E1',
              link: 'https://brevet.example/staff/s1',
              items: [
                {
                  credential: 'Erste Hilfe',
                  status: 'missing_overdue',
                  validUntil: null,
                  dueOn: '2026-07-01',
                },
                {
                  credential: 'Staplerschein',
                  status: 'expiring',
                  validUntil: '2026-12-01',
                  dueOn: '2024-01-01',
                },
              ],
            },
          ],
        },
      ],
      notListed: 1,
      overviewLink: 'https://brevet.example/',
    });
    expect(mail.subject).toBe('Nachweise in Ihrem Bereich: 2 überfällig, 1 laufen bald ab');
    expect(mail.text).toContain('wöchentliche Übersicht');
    expect(mail.text).toContain('Hamburg (HAM)\n  Anna Muster (E1): https://brevet.example/staff/s1');
    expect(mail.text).toContain('    - Erste Hilfe: fehlt, war fällig am 1. Juli 2026');
    expect(mail.text).toContain('    - Staplerschein: gültig bis 1. Dezember 2026');
    expect(mail.text).toContain('… und 1 weitere.');
    expect(mail.html).toContain('<a href="https://brevet.example/staff/s1">Anna Muster</a>');
  });
});
