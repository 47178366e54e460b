import type { DemoCredential } from '../demo-credentials';

/**
 * Two credentials that the demo courses issue and the catalogue did not have: short online courses, unlike
 * the fire warden training (practical, on site) and the annual safety instruction (attendance only). The GDPR
 * course issues the existing `GDPR-BASICS`.
 */
const NORDWIND_AKADEMIE = { name: 'Nordwind Akademie', country: 'DE' };
const COURSE_GRADES = { en: '0–100 %, passed from 80 %', de: '0–100 %, bestanden ab 80 %' };
const yearly = {
  validityMonths: 12,
  recertification: { window: { months: 2 }, expiryBasis: 'completion' as const, fixedExpiry: null },
};

export const DEMO_COURSE_CREDENTIALS: DemoCredential[] = [
  {
    code: 'FIRE-SAFETY-BASICS',
    category: 'fire_safety',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2026-01-12' }],
    colour: [211, 84, 0],
    content: {
      title: { en: 'Fire safety basics', de: 'Brandschutz-Grundlagen' },
      description: {
        en: 'A short online course for all staff: preventing fires, raising the alarm, leaving the building, and when to use an extinguisher.',
        de: 'Ein kurzer Online-Kurs für alle Beschäftigten: Brände vermeiden, Alarm geben, das Gebäude verlassen und wann man einen Feuerlöscher benutzt.',
      },
      criteria: {
        en: 'Read all lessons and pass the final test with at least 80 %.',
        de: 'Alle Lektionen lesen und den Abschlusstest mit mindestens 80 % bestehen.',
      },
      learningOutcomes: {
        en: [
          'Keeps escape routes and fire doors clear.',
          'Raises the alarm and calls 112 with the right information.',
          'Leaves the building safely and goes to the assembly point.',
        ],
        de: [
          'Hält Fluchtwege und Brandschutztüren frei.',
          'Gibt Alarm und ruft die 112 mit den richtigen Angaben an.',
          'Verlässt das Gebäude sicher und geht zum Sammelplatz.',
        ],
      },
      awardingBody: NORDWIND_AKADEMIE,
      workloadHours: 0.5,
      ects: null,
      eqfLevel: null,
      assessmentType: 'online_test',
      participationForm: 'online',
      qualityAssurance: {
        en: 'Written with the fire safety officer; reviewed every year.',
        de: 'Erstellt mit dem Brandschutzbeauftragten; jährlich überprüft.',
      },
      prerequisites: null,
      supervision: 'unsupervised_no_identity_check',
      gradeScheme: COURSE_GRADES,
      stackability: {
        stackable: true,
        description: {
          en: 'A first step towards the fire warden training.',
          de: 'Ein erster Schritt zur Ausbildung als Brandschutzhelfer.',
        },
      },
      validity: yearly,
    },
  },
  {
    code: 'MANUAL-HANDLING',
    category: 'occupational_safety',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2026-01-12' }],
    colour: [22, 160, 133],
    content: {
      title: { en: 'Manual handling: lifting and carrying safely', de: 'Heben und Tragen: sicher arbeiten' },
      description: {
        en: 'A short online course for warehouse and branch staff: planning a lift, lifting and carrying, pushing and pulling, and using lifting aids.',
        de: 'Ein kurzer Online-Kurs für Lager- und Filialbeschäftigte: das Heben planen, heben und tragen, schieben und ziehen, Hilfsmittel nutzen.',
      },
      criteria: {
        en: 'Read all lessons and pass the final test with at least 80 %.',
        de: 'Alle Lektionen lesen und den Abschlusstest mit mindestens 80 % bestehen.',
      },
      learningOutcomes: {
        en: [
          'Checks a load and the way before lifting.',
          'Lifts and carries with a straight back and the load close to the body.',
        ],
        de: [
          'Prüft Last und Weg vor dem Heben.',
          'Hebt und trägt mit geradem Rücken und der Last nah am Körper.',
        ],
      },
      awardingBody: NORDWIND_AKADEMIE,
      workloadHours: 0.5,
      ects: null,
      eqfLevel: null,
      assessmentType: 'online_test',
      participationForm: 'online',
      qualityAssurance: {
        en: 'Written with the occupational safety specialist and the company doctor.',
        de: 'Erstellt mit der Fachkraft für Arbeitssicherheit und der Betriebsärztin.',
      },
      prerequisites: null,
      supervision: 'unsupervised_no_identity_check',
      gradeScheme: COURSE_GRADES,
      stackability: null,
      validity: yearly,
    },
  },
];
