import type { CredentialInput } from '@brevet/contracts';

/** A complete award as the awards module would hand it over; override what a test is about. */
export function credentialInput(overrides: Partial<CredentialInput> = {}): CredentialInput {
  return {
    awardId: '2f1c7d2e-5b8a-4c3d-9e10-4a2b6c8d0e11',
    statusListIndex: 94567,
    issuedOn: '2026-03-12',
    validUntil: '2028-03-31',
    timeZone: 'Europe/Berlin',
    status: 'active',
    recipient: {
      email: '  Łukasz.Wróbel@Nordwind.example ',
      employeeNumber: 'E100234',
      name: 'Łukasz Wróbel-Jößl',
      language: 'de',
    },
    achievement: {
      code: 'FORKLIFT-B',
      version: 3,
      titles: { en: 'Forklift operation, category B', de: 'Gabelstaplerführung, Klasse B' },
      descriptions: {
        en: 'Safe operation of counterbalance forklifts up to 5 t.',
        de: 'Sicheres Führen von Gegengewichtsstaplern bis 5 t.',
      },
      criteria: {
        en: 'Pass the theory test and the practical test on site.',
        de: 'Theorieprüfung und praktische Prüfung vor Ort bestanden.',
      },
      learningOutcomes: [
        { en: 'Inspects the forklift before use', de: 'Prüft den Stapler vor der Benutzung' },
        { en: 'Moves loads safely', de: 'Bewegt Lasten sicher' },
      ],
      achievementType: 'MicroCredential',
      creditsAvailable: 1.5,
      workloadHours: 40,
      eqfLevel: 3,
      escoSkillUris: ['http://data.europa.eu/esco/skill/b6d0d3b5-0d6c-4a0e-8a4f-6f1d1d6f1f1f'],
      awardingBody: { name: 'Nordwind Logistik GmbH', country: 'DE', url: 'https://nordwind.example' },
      assessmentType: 'practical',
      participationForm: 'onsite',
      qualityAssurance: 'Internal QA under DGUV Grundsatz 308-001',
      prerequisites: { en: 'Aged 18 or over', de: 'Mindestens 18 Jahre alt' },
      supervision: 'Supervised on site, photo ID checked',
      stackability: 'Stand-alone; counts towards the warehouse operator programme',
      inLanguage: 'de',
    },
    result: { grade: 'bestanden' },
    ...overrides,
  };
}
