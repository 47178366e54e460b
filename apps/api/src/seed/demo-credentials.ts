import type {
  CredentialCategory,
  CredentialContent,
  CredentialDefinitionStatus,
  CredentialValiditySettings,
} from '@brevet/contracts';
import { DEMO_COURSE_CREDENTIALS } from './demo-courses/demo-course-credentials';

/**
 * The demo catalogue of Nordwind Logistik: what a logistics company with warehouses, drivers and offices in
 * DE/AT/CH/PL certifies. Awarding bodies other than the Goethe-Institut and telc are fictional. The ESCO link of
 * the forklift credential comes from public data and was not checked against the ESCO API.
 */

export interface DemoCredential {
  code: string;
  category: CredentialCategory;
  escoSkillUri: string | null;
  status: CredentialDefinitionStatus;
  /** Published versions (oldest first) with the day each was published; a draft has none. */
  versions: Array<{ publishedOn: string | null; changes?: Partial<CredentialContent> }>;
  content: CredentialContent;
  /** Badge colour (RGB). */
  colour: [number, number, number];
}

const validity = (
  validityMonths: number | null,
  expiryBasis: 'completion' | 'expiry' | 'fixed' = 'completion',
  windowMonths = 2,
  fixedExpiry: { month: number; day: number } | null = null,
): CredentialValiditySettings => ({
  validityMonths,
  recertification: {
    window: { months: validityMonths === null ? 0 : windowMonths },
    expiryBasis,
    fixedExpiry,
  },
});

const NORDWIND_AKADEMIE = { name: 'Nordwind Akademie', country: 'DE' };
const PASS_FAIL = { en: 'Pass/fail', de: 'Bestanden/nicht bestanden' };
const PERCENT = { en: '0–100 %, passed from 70 %', de: '0–100 %, bestanden ab 70 %' };

export const DEMO_CREDENTIALS: DemoCredential[] = [
  {
    code: 'FORKLIFT-LICENCE',
    category: 'equipment',
    escoSkillUri: 'http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da',
    status: 'published',
    versions: [{ publishedOn: '2018-01-15' }],
    colour: [230, 126, 34],
    content: {
      title: { en: 'Forklift operator licence', de: 'Fahrausweis für Flurförderzeuge (Staplerschein)' },
      description: {
        en: 'Basic training for operating counterbalance forklifts up to 5 t, following DGUV Principle 308-001.',
        de: 'Grundausbildung zum Führen von Frontstaplern bis 5 t nach DGUV Grundsatz 308-001.',
      },
      criteria: {
        en: 'Attend the full course, pass the written test (at least 70 %) and the practical driving test.',
        de: 'Vollständige Teilnahme, bestandene schriftliche Prüfung (mindestens 70 %) und praktische Fahrprüfung.',
      },
      learningOutcomes: {
        en: [
          'Carries out the pre-use check of a forklift and reports defects.',
          'Picks up, moves and stacks loads safely within the load chart.',
          'Knows the rules for driving in the warehouse, on ramps and near pedestrians.',
        ],
        de: [
          'Führt die Einsatzprüfung eines Staplers durch und meldet Mängel.',
          'Nimmt Lasten innerhalb des Lastdiagramms sicher auf, transportiert und stapelt sie.',
          'Kennt die Verkehrsregeln im Lager, an Rampen und in der Nähe von Fußgängern.',
        ],
      },
      awardingBody: NORDWIND_AKADEMIE,
      workloadHours: 20,
      ects: null,
      eqfLevel: 2,
      assessmentType: 'combined',
      participationForm: 'on_site',
      qualityAssurance: {
        en: 'Trainers qualified under DGUV Principle 308-001; course content audited yearly.',
        de: 'Ausbilder qualifiziert nach DGUV Grundsatz 308-001; Kursinhalte jährlich auditiert.',
      },
      prerequisites: {
        en: 'Aged 18 or over; occupational medical check (G 25).',
        de: 'Mindestens 18 Jahre; arbeitsmedizinische Vorsorge (G 25).',
      },
      supervision: 'supervised_on_site_identity_check',
      gradeScheme: PASS_FAIL,
      stackability: {
        stackable: true,
        description: {
          en: 'Required for the annual forklift safety instruction.',
          de: 'Voraussetzung für die jährliche Stapler-Unterweisung.',
        },
      },
      validity: validity(null),
    },
  },
  {
    code: 'FORKLIFT-SAFETY',
    category: 'occupational_safety',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2019-01-10', changes: { workloadHours: 1.5 } }, { publishedOn: '2025-02-01' }],
    colour: [211, 84, 0],
    content: {
      title: { en: 'Forklift safety instruction', de: 'Jährliche Unterweisung Staplerfahrer' },
      description: {
        en: 'The yearly safety instruction every forklift driver needs (DGUV Regulation 68), with a practical refresher.',
        de: 'Die jährliche Unterweisung für Staplerfahrer (DGUV Vorschrift 68) mit praktischer Auffrischung.',
      },
      criteria: {
        en: 'Attend the instruction and complete the practical refresher under a trainer.',
        de: 'Teilnahme an der Unterweisung und praktische Auffrischung unter Aufsicht.',
      },
      learningOutcomes: {
        en: [
          'Applies the current site rules for forklift traffic.',
          'Recognises near misses and reports them.',
        ],
        de: [
          'Wendet die aktuellen Standortregeln für Staplerverkehr an.',
          'Erkennt Beinaheunfälle und meldet sie.',
        ],
      },
      awardingBody: NORDWIND_AKADEMIE,
      workloadHours: 2,
      ects: null,
      eqfLevel: null,
      assessmentType: 'observation',
      participationForm: 'on_site',
      qualityAssurance: {
        en: 'Instruction content approved by the occupational safety specialist (Fachkraft für Arbeitssicherheit).',
        de: 'Unterweisungsinhalte freigegeben durch die Fachkraft für Arbeitssicherheit.',
      },
      prerequisites: { en: 'Forklift operator licence.', de: 'Fahrausweis für Flurförderzeuge.' },
      supervision: 'supervised_on_site_identity_check',
      gradeScheme: null,
      stackability: null,
      validity: validity(12, 'expiry', 2),
    },
  },
  {
    code: 'FIRST-AID',
    category: 'first_aid',
    escoSkillUri: null,
    status: 'published',
    versions: [
      {
        publishedOn: '2018-01-15',
        changes: {
          workloadHours: 8,
          description: {
            en: 'First aid course for company first aiders (8 teaching units).',
            de: 'Erste-Hilfe-Lehrgang für betriebliche Ersthelfer (8 Unterrichtseinheiten).',
          },
        },
      },
      { publishedOn: '2025-03-01' },
    ],
    colour: [192, 57, 43],
    content: {
      title: { en: 'Company first aider', de: 'Betriebliche Ersthelferin / betrieblicher Ersthelfer' },
      description: {
        en: 'First aid training for company first aiders following DGUV Principle 304-001 (9 teaching units); refreshed every two years.',
        de: 'Erste-Hilfe-Ausbildung für betriebliche Ersthelfer nach DGUV Grundsatz 304-001 (9 Unterrichtseinheiten); Fortbildung alle zwei Jahre.',
      },
      criteria: {
        en: 'Attend all 9 teaching units and take part in the practical exercises (resuscitation, AED, recovery position).',
        de: 'Teilnahme an allen 9 Unterrichtseinheiten und den praktischen Übungen (Wiederbelebung, AED, stabile Seitenlage).',
      },
      learningOutcomes: {
        en: [
          'Secures an accident site and makes an emergency call.',
          'Performs cardiopulmonary resuscitation and uses an AED.',
          'Treats bleeding, burns and fractures until help arrives.',
        ],
        de: [
          'Sichert eine Unfallstelle ab und setzt einen Notruf ab.',
          'Führt eine Herz-Lungen-Wiederbelebung durch und setzt einen AED ein.',
          'Versorgt Blutungen, Verbrennungen und Knochenbrüche bis zum Eintreffen des Rettungsdienstes.',
        ],
      },
      awardingBody: { name: 'Erste Hilfe Nord – DGUV-ermächtigte Ausbildungsstelle', country: 'DE' },
      workloadHours: 7.5,
      ects: null,
      eqfLevel: null,
      assessmentType: 'observation',
      participationForm: 'on_site',
      qualityAssurance: {
        en: 'Training body authorised by the German Social Accident Insurance (DGUV Principle 304-001).',
        de: 'Ausbildungsstelle ermächtigt durch die Deutsche Gesetzliche Unfallversicherung (DGUV Grundsatz 304-001).',
      },
      prerequisites: null,
      supervision: 'supervised_on_site_identity_check',
      gradeScheme: null,
      stackability: null,
      validity: validity(24, 'completion', 3),
    },
  },
  {
    code: 'FIRE-WARDEN',
    category: 'fire_safety',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2018-01-15' }],
    colour: [231, 76, 60],
    content: {
      title: { en: 'Fire warden', de: 'Brandschutzhelferin / Brandschutzhelfer' },
      description: {
        en: 'Fire warden training following DGUV Information 205-023; workplaces need about 5 % of staff trained (ASR A2.2).',
        de: 'Ausbildung zum Brandschutzhelfer nach DGUV Information 205-023; Arbeitsstätten brauchen etwa 5 % ausgebildete Beschäftigte (ASR A2.2).',
      },
      criteria: {
        en: 'Attend the theory part and put out a real fire with an extinguisher in the practical part.',
        de: 'Teilnahme am Theorieteil und Löschen eines Realbrandes mit dem Feuerlöscher im Praxisteil.',
      },
      learningOutcomes: {
        en: [
          'Chooses and uses the right extinguisher for a fire class.',
          'Guides colleagues during an evacuation.',
        ],
        de: [
          'Wählt den passenden Feuerlöscher für eine Brandklasse und setzt ihn ein.',
          'Leitet Kolleginnen und Kollegen bei einer Räumung an.',
        ],
      },
      awardingBody: NORDWIND_AKADEMIE,
      workloadHours: 4,
      ects: null,
      eqfLevel: null,
      assessmentType: 'practical_exam',
      participationForm: 'on_site',
      qualityAssurance: {
        en: 'Practical part run with the local fire brigade; trainer certified as fire safety officer.',
        de: 'Praxisteil mit der örtlichen Feuerwehr; Trainer ist zertifizierter Brandschutzbeauftragter.',
      },
      prerequisites: null,
      supervision: 'supervised_on_site_identity_check',
      gradeScheme: null,
      stackability: null,
      validity: validity(36, 'completion', 3),
    },
  },
  {
    code: 'GDPR-BASICS',
    category: 'data_protection',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2019-01-07' }],
    colour: [41, 128, 185],
    content: {
      title: { en: 'Data protection basics (GDPR)', de: 'Datenschutz-Grundlagen (DSGVO)' },
      description: {
        en: 'The yearly data protection e-learning for everyone.',
        de: 'Das jährliche Datenschutz-E-Learning für alle.',
      },
      criteria: {
        en: 'Complete the e-learning and pass the final quiz.',
        de: 'E-Learning abschließen und Abschlusstest bestehen.',
      },
      learningOutcomes: {
        en: [
          'Recognises personal data in daily work.',
          'Reports a data breach to the data protection officer at once.',
        ],
        de: [
          'Erkennt personenbezogene Daten im Arbeitsalltag.',
          'Meldet eine Datenpanne sofort der oder dem Datenschutzbeauftragten.',
        ],
      },
      awardingBody: NORDWIND_AKADEMIE,
      workloadHours: 1.5,
      ects: null,
      eqfLevel: null,
      assessmentType: 'online_test',
      participationForm: 'online',
      qualityAssurance: {
        en: 'Content reviewed yearly by the data protection officer.',
        de: 'Inhalte jährlich geprüft durch die Datenschutzbeauftragte.',
      },
      prerequisites: null,
      supervision: 'unsupervised_no_identity_check',
      gradeScheme: PERCENT,
      stackability: null,
      validity: validity(12, 'completion', 2),
    },
  },
  {
    code: 'WORK-SAFETY',
    category: 'occupational_safety',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2018-01-15' }],
    colour: [39, 174, 96],
    content: {
      title: { en: 'Annual safety instruction', de: 'Jährliche Arbeitsschutzunterweisung' },
      description: {
        en: 'The yearly general safety instruction for all staff (§ 12 ArbSchG): emergency routes, hazards on site, PPE.',
        de: 'Die jährliche allgemeine Unterweisung für alle Beschäftigten (§ 12 ArbSchG): Fluchtwege, Gefährdungen am Standort, PSA.',
      },
      criteria: {
        en: 'Attend the instruction and confirm it.',
        de: 'Teilnahme an der Unterweisung und Bestätigung.',
      },
      learningOutcomes: {
        en: [
          'Knows the emergency routes and assembly point of the site.',
          'Uses the protective equipment the job needs.',
        ],
        de: [
          'Kennt die Fluchtwege und den Sammelplatz des Standorts.',
          'Nutzt die für die Tätigkeit nötige Schutzausrüstung.',
        ],
      },
      awardingBody: NORDWIND_AKADEMIE,
      workloadHours: 1,
      ects: null,
      eqfLevel: null,
      assessmentType: 'attendance_only',
      participationForm: 'blended',
      qualityAssurance: {
        en: 'Based on the site risk assessment; approved by the occupational safety specialist.',
        de: 'Auf Grundlage der Gefährdungsbeurteilung; freigegeben durch die Fachkraft für Arbeitssicherheit.',
      },
      prerequisites: null,
      supervision: 'supervised_no_identity_check',
      gradeScheme: null,
      stackability: null,
      validity: validity(12, 'completion', 2),
    },
  },
  {
    code: 'HACCP',
    category: 'food_safety',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2018-03-01' }],
    colour: [22, 160, 133],
    content: {
      title: { en: 'Food hygiene (HACCP)', de: 'Lebensmittelhygiene (HACCP)' },
      description: {
        en: 'Food hygiene training for staff handling food in the cold chain (Regulation (EC) No 852/2004).',
        de: 'Hygieneschulung für Beschäftigte, die in der Kühlkette mit Lebensmitteln umgehen (VO (EG) Nr. 852/2004).',
      },
      criteria: { en: 'Complete the course and pass the test.', de: 'Kurs abschließen und Test bestehen.' },
      learningOutcomes: {
        en: ['Keeps and documents the cold chain.', 'Applies the HACCP checks of the site.'],
        de: ['Hält die Kühlkette ein und dokumentiert sie.', 'Wendet die HACCP-Kontrollen des Standorts an.'],
      },
      awardingBody: { name: 'HygieneCampus Nord GmbH', country: 'DE' },
      workloadHours: 3,
      ects: null,
      eqfLevel: null,
      assessmentType: 'written_exam',
      participationForm: 'blended',
      qualityAssurance: {
        en: 'Provider certified under ISO 9001.',
        de: 'Anbieter zertifiziert nach ISO 9001.',
      },
      prerequisites: null,
      supervision: 'supervised_no_identity_check',
      gradeScheme: PERCENT,
      stackability: null,
      validity: validity(12, 'completion', 1),
    },
  },
  {
    code: 'HAZMAT-STORAGE',
    category: 'occupational_safety',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2020-06-01' }],
    colour: [243, 156, 18],
    content: {
      title: { en: 'Hazardous substances in storage', de: 'Gefahrstoffe im Lager' },
      description: {
        en: 'Yearly instruction on storing and handling hazardous substances (GefStoffV § 14, TRGS 510); the cycle ends on 31 March, renewals open on 1 January.',
        de: 'Jährliche Unterweisung zur Lagerung und zum Umgang mit Gefahrstoffen (GefStoffV § 14, TRGS 510); der Zyklus endet am 31. März, Verlängerung ab 1. Januar.',
      },
      criteria: {
        en: 'Attend the instruction and pass the short test.',
        de: 'Teilnahme an der Unterweisung und Kurztest bestehen.',
      },
      learningOutcomes: {
        en: [
          'Reads hazard pictograms and safety data sheets.',
          'Applies the storage rules for incompatible goods.',
        ],
        de: [
          'Liest Gefahrenpiktogramme und Sicherheitsdatenblätter.',
          'Wendet die Zusammenlagerungsregeln an.',
        ],
      },
      awardingBody: NORDWIND_AKADEMIE,
      workloadHours: 2,
      ects: null,
      eqfLevel: null,
      assessmentType: 'online_test',
      participationForm: 'online',
      qualityAssurance: {
        en: 'Approved by the hazardous goods officer of Nordwind Logistik.',
        de: 'Freigegeben durch den Gefahrgutbeauftragten der Nordwind Logistik.',
      },
      prerequisites: null,
      supervision: 'unsupervised_no_identity_check',
      gradeScheme: PERCENT,
      stackability: null,
      validity: validity(12, 'fixed', 3, { month: 3, day: 31 }),
    },
  },
  {
    code: 'ADR-BASIC',
    category: 'transport',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2018-01-15' }],
    colour: [255, 140, 0],
    content: {
      title: {
        en: 'ADR driver training (dangerous goods)',
        de: 'ADR-Schulungsbescheinigung (Gefahrgutfahrer)',
      },
      description: {
        en: 'Basic course for drivers of dangerous goods by road (ADR 8.2). Renewing in the last 12 months keeps the old expiry date as the start.',
        de: 'Basiskurs für Fahrzeugführer im Gefahrguttransport auf der Straße (ADR 8.2). Eine Verlängerung in den letzten 12 Monaten schließt an das alte Ablaufdatum an.',
      },
      criteria: {
        en: 'Attend the course and pass the written examination.',
        de: 'Teilnahme am Kurs und bestandene schriftliche Prüfung.',
      },
      learningOutcomes: {
        en: [
          'Marks and documents a dangerous goods transport.',
          'Acts correctly after an incident with dangerous goods.',
        ],
        de: [
          'Kennzeichnet und dokumentiert einen Gefahrguttransport.',
          'Verhält sich nach einem Gefahrgutunfall richtig.',
        ],
      },
      awardingBody: { name: 'Gefahrgut-Akademie Nord (IHK-anerkannt)', country: 'DE' },
      workloadHours: 18,
      ects: null,
      eqfLevel: null,
      assessmentType: 'written_exam',
      participationForm: 'on_site',
      qualityAssurance: {
        en: 'Course recognised by the Chamber of Industry and Commerce (IHK); examination by the IHK.',
        de: 'Lehrgang anerkannt von der IHK; Prüfung durch die IHK.',
      },
      prerequisites: { en: 'Driving licence category C or C1.', de: 'Führerschein Klasse C oder C1.' },
      supervision: 'supervised_on_site_identity_check',
      gradeScheme: PASS_FAIL,
      stackability: null,
      validity: validity(60, 'expiry', 12),
    },
  },
  {
    code: 'CODE95',
    category: 'transport',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2018-01-15' }],
    colour: [52, 73, 94],
    content: {
      title: {
        en: 'Driver CPC periodic training (Code 95)',
        de: 'Berufskraftfahrer-Weiterbildung (Schlüsselzahl 95)',
      },
      description: {
        en: 'The 35 hours of periodic training every professional driver needs every five years (Directive (EU) 2022/2561).',
        de: 'Die 35 Stunden Weiterbildung, die Berufskraftfahrer alle fünf Jahre brauchen (Richtlinie (EU) 2022/2561).',
      },
      criteria: {
        en: 'Attend all five modules of 7 hours.',
        de: 'Teilnahme an allen fünf Modulen zu je 7 Stunden.',
      },
      learningOutcomes: {
        en: [
          'Drives economically and safely.',
          'Applies the rules on driving and rest times.',
          'Secures loads correctly.',
        ],
        de: [
          'Fährt wirtschaftlich und sicher.',
          'Wendet die Lenk- und Ruhezeitvorschriften an.',
          'Sichert Ladung richtig.',
        ],
      },
      awardingBody: { name: 'Nordwind Akademie (anerkannte Ausbildungsstätte BKrFQG)', country: 'DE' },
      workloadHours: 35,
      ects: null,
      eqfLevel: null,
      assessmentType: 'attendance_only',
      participationForm: 'blended',
      qualityAssurance: {
        en: 'Training centre recognised under the Professional Drivers Qualification Act (BKrFQG).',
        de: 'Anerkannte Ausbildungsstätte nach dem Berufskraftfahrerqualifikationsgesetz (BKrFQG).',
      },
      prerequisites: { en: 'Driving licence category C or D.', de: 'Führerschein Klasse C oder D.' },
      supervision: 'supervised_on_site_identity_check',
      gradeScheme: null,
      stackability: {
        stackable: true,
        description: {
          en: 'Five modules of 7 hours, each recorded separately.',
          de: 'Fünf Module zu 7 Stunden, jeweils einzeln nachgewiesen.',
        },
      },
      validity: validity(60, 'completion', 12),
    },
  },
  {
    code: 'LOAD-SECURING',
    category: 'transport',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2019-05-01' }],
    colour: [127, 140, 141],
    content: {
      title: { en: 'Load securing (VDI 2700)', de: 'Ladungssicherung (VDI 2700)' },
      description: {
        en: 'Securing loads on trucks and swap bodies: friction, lashing and blocking.',
        de: 'Ladung auf Lkw und Wechselbrücken sichern: Reibung, Niederzurren, Formschluss.',
      },
      criteria: {
        en: 'Attend the course and secure a test load correctly.',
        de: 'Kursteilnahme und korrekte Sicherung einer Testladung.',
      },
      learningOutcomes: {
        en: [
          'Calculates the number of lashing straps for a load.',
          'Chooses form-fit or force-fit securing.',
        ],
        de: [
          'Berechnet die nötige Zahl von Zurrgurten.',
          'Wählt formschlüssige oder kraftschlüssige Sicherung.',
        ],
      },
      awardingBody: NORDWIND_AKADEMIE,
      workloadHours: 4,
      ects: null,
      eqfLevel: null,
      assessmentType: 'combined',
      participationForm: 'on_site',
      qualityAssurance: {
        en: 'Trainer certified under VDI 2700a.',
        de: 'Trainer zertifiziert nach VDI 2700a.',
      },
      prerequisites: null,
      supervision: 'supervised_on_site_identity_check',
      gradeScheme: PASS_FAIL,
      stackability: null,
      validity: validity(12, 'completion', 2),
    },
  },
  {
    code: 'SHIFT-LEADERSHIP',
    category: 'leadership',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2021-09-01' }],
    colour: [142, 68, 173],
    content: {
      title: { en: 'Leading shift teams', de: 'Schichtteams führen' },
      description: {
        en: 'A university-level module for shift leads: planning, feedback, conflict and safety leadership.',
        de: 'Ein Hochschulmodul für Schichtleitungen: Planung, Feedback, Konflikte und Sicherheitsführung.',
      },
      criteria: {
        en: 'Attend the workshops and pass the portfolio assessment (a reflected leadership case).',
        de: 'Teilnahme an den Workshops und bestandene Portfolioprüfung (ein reflektierter Führungsfall).',
      },
      learningOutcomes: {
        en: [
          'Plans a shift against demand and absences.',
          'Gives feedback that changes behaviour.',
          'Leads by example on safety rules.',
        ],
        de: [
          'Plant eine Schicht nach Bedarf und Abwesenheiten.',
          'Gibt Feedback, das Verhalten ändert.',
          'Lebt Sicherheitsregeln vor.',
        ],
      },
      awardingBody: { name: 'Hanse Hochschule für Logistik', country: 'DE' },
      workloadHours: 50,
      ects: 2,
      eqfLevel: 5,
      assessmentType: 'portfolio',
      participationForm: 'blended',
      qualityAssurance: {
        en: 'Module of an accredited continuing education programme; credits recognised towards the certificate in logistics management.',
        de: 'Modul eines akkreditierten Weiterbildungsprogramms; Leistungspunkte anrechenbar auf das Zertifikat Logistikmanagement.',
      },
      prerequisites: {
        en: 'At least one year in a lead role.',
        de: 'Mindestens ein Jahr in einer Leitungsfunktion.',
      },
      supervision: 'supervised_online_identity_check',
      gradeScheme: { en: 'German grades 1.0–4.0', de: 'Noten 1,0–4,0' },
      stackability: {
        stackable: true,
        description: {
          en: 'Counts towards the university certificate in logistics management (10 ECTS).',
          de: 'Anrechenbar auf das Hochschulzertifikat Logistikmanagement (10 ECTS).',
        },
      },
      validity: validity(null),
    },
  },
  {
    code: 'EXCEL-ADVANCED',
    category: 'digital',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2020-01-15' }],
    colour: [33, 115, 70],
    content: {
      title: { en: 'Excel advanced', de: 'Excel für Fortgeschrittene' },
      description: {
        en: 'Pivot tables, lookups and charts for dispatch and office work.',
        de: 'Pivot-Tabellen, Verweise und Diagramme für Disposition und Büro.',
      },
      criteria: {
        en: 'Complete the course and the practical online test.',
        de: 'Kurs und praktischen Online-Test abschließen.',
      },
      learningOutcomes: {
        en: ['Builds a pivot table from raw shipment data.', 'Combines tables with XLOOKUP.'],
        de: ['Erstellt eine Pivot-Tabelle aus Sendungsrohdaten.', 'Verknüpft Tabellen mit XVERWEIS.'],
      },
      awardingBody: NORDWIND_AKADEMIE,
      workloadHours: 16,
      ects: null,
      eqfLevel: 4,
      assessmentType: 'online_test',
      participationForm: 'online',
      qualityAssurance: { en: 'Internal review by the academy.', de: 'Interne Prüfung durch die Akademie.' },
      prerequisites: null,
      supervision: 'unsupervised_no_identity_check',
      gradeScheme: PERCENT,
      stackability: null,
      validity: validity(null),
    },
  },
  {
    code: 'GERMAN-B1',
    category: 'language',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2018-01-15' }],
    colour: [0, 150, 130],
    content: {
      title: { en: 'German B1 (Goethe-Zertifikat B1)', de: 'Deutsch B1 (Goethe-Zertifikat B1)' },
      description: {
        en: 'German at level B1 of the Common European Framework of Reference, with the Goethe-Institut examination.',
        de: 'Deutsch auf Niveau B1 des Gemeinsamen Europäischen Referenzrahmens mit Prüfung des Goethe-Instituts.',
      },
      criteria: {
        en: 'Pass all four modules of the Goethe-Zertifikat B1 (reading, listening, writing, speaking).',
        de: 'Alle vier Module des Goethe-Zertifikats B1 bestehen (Lesen, Hören, Schreiben, Sprechen).',
      },
      learningOutcomes: {
        en: [
          'Understands the main points of work instructions.',
          'Takes part in everyday conversations at work.',
        ],
        de: [
          'Versteht die Hauptpunkte von Arbeitsanweisungen.',
          'Beteiligt sich an Alltagsgesprächen im Betrieb.',
        ],
      },
      awardingBody: { name: 'Goethe-Institut', country: 'DE' },
      workloadHours: 160,
      ects: null,
      eqfLevel: null,
      assessmentType: 'combined',
      participationForm: 'blended',
      qualityAssurance: {
        en: 'Standardised examination of the Goethe-Institut (ALTE Q-mark).',
        de: 'Standardisierte Prüfung des Goethe-Instituts (ALTE Q-Mark).',
      },
      prerequisites: { en: 'German at level A2.', de: 'Deutschkenntnisse auf Niveau A2.' },
      supervision: 'supervised_on_site_identity_check',
      gradeScheme: {
        en: 'sehr gut, gut, befriedigend, ausreichend (pass from 60 %)',
        de: 'sehr gut, gut, befriedigend, ausreichend (bestanden ab 60 %)',
      },
      stackability: null,
      validity: validity(null),
    },
  },
  {
    code: 'ENGLISH-B2',
    category: 'language',
    escoSkillUri: null,
    status: 'published',
    versions: [{ publishedOn: '2018-01-15' }],
    colour: [44, 62, 80],
    content: {
      title: { en: 'English B2 for business (telc)', de: 'Englisch B2 für den Beruf (telc)' },
      description: {
        en: 'Business English at level B2, with the telc English B2 Business examination.',
        de: 'Wirtschaftsenglisch auf Niveau B2 mit der Prüfung telc English B2 Business.',
      },
      criteria: {
        en: 'Pass the written and the oral examination.',
        de: 'Schriftliche und mündliche Prüfung bestehen.',
      },
      learningOutcomes: {
        en: ['Handles phone calls and e-mails with international carriers.', 'Negotiates delivery times.'],
        de: ['Führt Telefonate und E-Mails mit internationalen Frachtführern.', 'Verhandelt Liefertermine.'],
      },
      awardingBody: { name: 'telc gGmbH', country: 'DE' },
      workloadHours: 120,
      ects: null,
      eqfLevel: null,
      assessmentType: 'combined',
      participationForm: 'blended',
      qualityAssurance: {
        en: 'Standardised telc examination (ALTE member).',
        de: 'Standardisierte telc-Prüfung (ALTE-Mitglied).',
      },
      prerequisites: null,
      supervision: 'supervised_on_site_identity_check',
      gradeScheme: { en: 'sehr gut to ausreichend', de: 'sehr gut bis ausreichend' },
      stackability: null,
      validity: validity(null),
    },
  },
  {
    code: 'DEFENSIVE-DRIVING',
    category: 'transport',
    escoSkillUri: null,
    status: 'draft',
    versions: [{ publishedOn: null }],
    colour: [149, 165, 166],
    content: {
      title: { en: 'Defensive driving for vans', de: 'Defensives Fahren mit Transportern' },
      description: {
        en: 'Planned for 2027: safety training on a closed track for van drivers.',
        de: 'Geplant für 2027: Sicherheitstraining auf dem Übungsplatz für Transporterfahrer.',
      },
      criteria: { en: 'Attend the full training day.', de: 'Teilnahme am ganzen Trainingstag.' },
      learningOutcomes: {
        en: ['Brakes and swerves safely on wet roads.'],
        de: ['Bremst und weicht auf nasser Fahrbahn sicher aus.'],
      },
      awardingBody: { name: 'Fahrsicherheitszentrum Nord', country: 'DE' },
      workloadHours: 8,
      ects: null,
      eqfLevel: null,
      assessmentType: 'observation',
      participationForm: 'on_site',
      qualityAssurance: {
        en: 'Trainers certified by the German Road Safety Council (DVR).',
        de: 'Trainer zertifiziert nach DVR-Richtlinien.',
      },
      prerequisites: { en: 'Driving licence category B.', de: 'Führerschein Klasse B.' },
      supervision: null,
      gradeScheme: null,
      stackability: null,
      validity: validity(36, 'completion', 3),
    },
  },
  {
    code: 'GDPR-2018',
    category: 'data_protection',
    escoSkillUri: null,
    status: 'archived',
    versions: [{ publishedOn: '2018-03-01' }],
    colour: [127, 140, 141],
    content: {
      title: { en: 'GDPR introduction 2018', de: 'Einführung DSGVO 2018' },
      description: {
        en: 'The one-off introduction when the GDPR took effect; replaced by the yearly data protection basics.',
        de: 'Die einmalige Einführung zum Inkrafttreten der DSGVO; abgelöst durch die jährlichen Datenschutz-Grundlagen.',
      },
      criteria: { en: 'Attend the introduction.', de: 'Teilnahme an der Einführung.' },
      learningOutcomes: {
        en: ['Knows the main GDPR changes.'],
        de: ['Kennt die wichtigsten Änderungen der DSGVO.'],
      },
      awardingBody: NORDWIND_AKADEMIE,
      workloadHours: 2,
      ects: null,
      eqfLevel: null,
      assessmentType: 'attendance_only',
      participationForm: 'on_site',
      qualityAssurance: {
        en: 'Given by the data protection officer.',
        de: 'Durchgeführt von der Datenschutzbeauftragten.',
      },
      prerequisites: null,
      supervision: null,
      gradeScheme: null,
      stackability: null,
      validity: validity(24, 'completion', 2),
    },
  },
  // The credentials two of the demo courses issue (seed/demo-courses).
  ...DEMO_COURSE_CREDENTIALS,
];
