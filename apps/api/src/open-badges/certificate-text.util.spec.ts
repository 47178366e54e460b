import {
  describeCode,
  euElementRows,
  formatDay,
  languageFromAcceptLanguage,
  linkedInAddToProfileUrl,
} from './certificate-text.util';
import { credentialInput } from './testing/credential-input.fixture';

describe('certificate texts', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['de-DE,de;q=0.9,en;q=0.8', 'de'],
    ['en-GB,en;q=0.9,de;q=0.8', 'en'],
    ['pl-PL,pl;q=0.9,de;q=0.7,en;q=0.5', 'de'],
    ['en;q=0.5,de;q=0.6', 'de'],
    ['de;q=0,en', 'en'],
    ['fr-CH, fr;q=0.9', 'en'],
  ])('picks the language for Accept-Language %p: %s', (header, expected) => {
    expect(languageFromAcceptLanguage(header)).toBe(expected);
  });

  it('formats days in the language', () => {
    expect(formatDay('2028-03-31', 'en')).toBe('31 March 2028');
    expect(formatDay('2028-03-31', 'de')).toBe('31. März 2028');
  });

  it('lists the EU elements with known codes in words', () => {
    const rows = euElementRows(credentialInput(), 'de');
    expect(rows).toEqual(
      expect.arrayContaining([
        ['Arbeitsaufwand', '40 Stunden'],
        ['ECTS-Punkte', '1,5'],
        ['EQR-Niveau', '3'],
        ['Prüfung', 'praktische Prüfung'],
        ['Teilnahmeform', 'vor Ort'],
        ['Note', 'bestanden'],
      ]),
    );
    expect(describeCode('Assessment centre', 'en')).toBe('Assessment centre');
  });

  it.each([
    [1, 'en', '1 hour'],
    [8, 'en', '8 hours'],
    [1, 'de', '1 Stunde'],
    [7.5, 'de', '7,5 Stunden'],
  ] as const)('writes a workload of %p in %s as %p', (hours, language, expected) => {
    const rows = euElementRows(
      { ...credentialInput(), achievement: { ...credentialInput().achievement, workloadHours: hours } },
      language,
    );
    expect(rows).toContainEqual([language === 'de' ? 'Arbeitsaufwand' : 'Workload', expected]);
  });

  it('builds the LinkedIn "Add to profile" URL', () => {
    const url = new URL(
      linkedInAddToProfileUrl({
        name: 'Gabelstaplerführung, Klasse B',
        organizationName: 'Nordwind Logistik & Co',
        issuedOn: '2026-03-12',
        validUntil: '2028-03-31',
        certUrl: 'https://brevet.example/verify/2f1c7d2e-5b8a-4c3d-9e10-4a2b6c8d0e11',
        certId: '2f1c7d2e-5b8a-4c3d-9e10-4a2b6c8d0e11',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Gabelstaplerführung, Klasse B',
      organizationName: 'Nordwind Logistik & Co',
      issueYear: '2026',
      issueMonth: '3',
      expirationYear: '2028',
      expirationMonth: '3',
      certUrl: 'https://brevet.example/verify/2f1c7d2e-5b8a-4c3d-9e10-4a2b6c8d0e11',
      certId: '2f1c7d2e-5b8a-4c3d-9e10-4a2b6c8d0e11',
    });
    const noExpiry = new URL(
      linkedInAddToProfileUrl({
        name: 'X',
        organizationName: 'Y',
        issuedOn: '2026-12-01',
        validUntil: null,
        certUrl: 'https://b/v/1',
        certId: '1',
      }),
    );
    expect(noExpiry.searchParams.has('expirationYear')).toBe(false);
    expect(noExpiry.searchParams.get('issueMonth')).toBe('12');
  });
});
