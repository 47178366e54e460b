import type { CredentialCategory } from '@brevet/contracts';

/**
 * The fixed vocabulary of the scale seed: countries with their time zones and sub-regions, job roles, branch
 * kinds and the credential titles. The seed combines them with a seeded random source (scale-organisation.ts).
 */

export interface ScaleCountry {
  code: string;
  name: string;
  continent: 'EU' | 'AM' | 'AP';
  locale: string;
  language: string;
  /** Share of the branches (relative). */
  weight: number;
  /** Sub-regions with their time zone and cities; a country without sub-regions has one unnamed. */
  parts: Array<{ name: string | null; timezone: string; cities: string[] }>;
  given: string[];
  family: string[];
}

const DE_GIVEN = ['Jürgen', 'Anna', 'Özlem', 'Lukas', 'Marie', 'Sören', 'Jörg', 'Hannah', 'Felix', 'Leonie'];
const DE_FAMILY = [
  'Müller',
  'Schmidt',
  'Weiß',
  'Groß',
  'Köhler',
  'Bauer',
  'Fuchs',
  'Yılmaz',
  'Schäfer',
  'Krüger',
];
const EN_GIVEN = ['Oliver', 'Amelia', 'Jack', 'Olivia', 'Harry', 'Isla', 'Noah', 'Ava', 'Liam', 'Grace'];
const EN_FAMILY = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  "O'Brien",
  'Evans',
  'Patel',
  'Walker',
];
const ES_GIVEN = ['José', 'María', 'Lucía', 'Hugo', 'Martín', 'Sofía', 'Álvaro', 'Paula', 'Mateo', 'Inés'];
const ES_FAMILY = [
  'García',
  'Fernández',
  'López',
  'Martínez',
  'Sánchez',
  'Pérez',
  'Gómez',
  'Núñez',
  'Ruiz',
  'Díaz',
];

export const SCALE_COUNTRIES: ScaleCountry[] = [
  {
    code: 'DE',
    name: 'Germany',
    continent: 'EU',
    locale: 'de-DE',
    language: 'de',
    weight: 18,
    parts: [
      { name: 'North', timezone: 'Europe/Berlin', cities: ['Hamburg', 'Bremen', 'Hannover', 'Kiel'] },
      { name: 'South', timezone: 'Europe/Berlin', cities: ['München', 'Stuttgart', 'Nürnberg', 'Augsburg'] },
      { name: 'West', timezone: 'Europe/Berlin', cities: ['Köln', 'Düsseldorf', 'Dortmund', 'Essen'] },
      { name: 'East', timezone: 'Europe/Berlin', cities: ['Berlin', 'Leipzig', 'Dresden', 'Erfurt'] },
    ],
    given: DE_GIVEN,
    family: DE_FAMILY,
  },
  {
    code: 'US',
    name: 'United States',
    continent: 'AM',
    locale: 'en-US',
    language: 'en',
    weight: 11,
    parts: [
      { name: 'East', timezone: 'America/New_York', cities: ['Newark', 'Atlanta', 'Charlotte', 'Boston'] },
      { name: 'Central', timezone: 'America/Chicago', cities: ['Chicago', 'Dallas', 'Memphis', 'Houston'] },
      {
        name: 'West',
        timezone: 'America/Los_Angeles',
        cities: ['Los Angeles', 'Seattle', 'Oakland', 'Reno'],
      },
    ],
    given: EN_GIVEN,
    family: EN_FAMILY,
  },
  {
    code: 'FR',
    name: 'France',
    continent: 'EU',
    locale: 'fr-FR',
    language: 'en',
    weight: 9,
    parts: [
      { name: 'North', timezone: 'Europe/Paris', cities: ['Paris', 'Lille', 'Rouen', 'Reims'] },
      { name: 'South', timezone: 'Europe/Paris', cities: ['Lyon', 'Marseille', 'Toulouse', 'Bordeaux'] },
    ],
    given: ['Louis', 'Chloé', 'Gabriel', 'Léa', 'Raphaël', 'Manon', 'Jules', 'Inès', 'Hugo', 'Camille'],
    family: [
      'Martin',
      'Bernard',
      'Dubois',
      'Thomas',
      'Robert',
      'Lefèvre',
      'Moreau',
      'Girard',
      'Roux',
      'Fournier',
    ],
  },
  {
    code: 'GB',
    name: 'United Kingdom',
    continent: 'EU',
    locale: 'en-GB',
    language: 'en',
    weight: 8,
    parts: [
      { name: 'North', timezone: 'Europe/London', cities: ['Manchester', 'Leeds', 'Glasgow', 'Newcastle'] },
      { name: 'South', timezone: 'Europe/London', cities: ['London', 'Bristol', 'Southampton', 'Reading'] },
    ],
    given: EN_GIVEN,
    family: EN_FAMILY,
  },
  {
    code: 'PL',
    name: 'Poland',
    continent: 'EU',
    locale: 'pl-PL',
    language: 'en',
    weight: 7,
    parts: [
      { name: null, timezone: 'Europe/Warsaw', cities: ['Warszawa', 'Poznań', 'Łódź', 'Wrocław', 'Gdańsk'] },
    ],
    given: [
      'Łukasz',
      'Zofia',
      'Jakub',
      'Zuzanna',
      'Kacper',
      'Małgorzata',
      'Paweł',
      'Agnieszka',
      'Michał',
      'Ewa',
    ],
    family: [
      'Nowak',
      'Kowalski',
      'Wiśniewska',
      'Wójcik',
      'Kamiński',
      'Lewandowska',
      'Zieliński',
      'Szymańska',
    ],
  },
  {
    code: 'IT',
    name: 'Italy',
    continent: 'EU',
    locale: 'it-IT',
    language: 'en',
    weight: 6,
    parts: [
      { name: 'North', timezone: 'Europe/Rome', cities: ['Milano', 'Torino', 'Verona', 'Bologna'] },
      { name: 'South', timezone: 'Europe/Rome', cities: ['Roma', 'Napoli', 'Bari', 'Palermo'] },
    ],
    given: ['Francesco', 'Giulia', 'Alessandro', 'Chiara', 'Lorenzo', 'Francesca', 'Matteo', 'Sara'],
    family: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci'],
  },
  {
    code: 'ES',
    name: 'Spain',
    continent: 'EU',
    locale: 'es-ES',
    language: 'en',
    weight: 6,
    parts: [
      {
        name: null,
        timezone: 'Europe/Madrid',
        cities: ['Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Zaragoza'],
      },
    ],
    given: ES_GIVEN,
    family: ES_FAMILY,
  },
  {
    code: 'NL',
    name: 'Netherlands',
    continent: 'EU',
    locale: 'nl-NL',
    language: 'en',
    weight: 4,
    parts: [
      { name: null, timezone: 'Europe/Amsterdam', cities: ['Rotterdam', 'Amsterdam', 'Venlo', 'Tilburg'] },
    ],
    given: ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Mila', 'Finn', 'Tess'],
    family: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser'],
  },
  {
    code: 'AT',
    name: 'Austria',
    continent: 'EU',
    locale: 'de-AT',
    language: 'de',
    weight: 4,
    parts: [{ name: null, timezone: 'Europe/Vienna', cities: ['Wien', 'Linz', 'Graz', 'Salzburg'] }],
    given: DE_GIVEN,
    family: DE_FAMILY,
  },
  {
    code: 'CH',
    name: 'Switzerland',
    continent: 'EU',
    locale: 'de-CH',
    language: 'de',
    weight: 3,
    parts: [{ name: null, timezone: 'Europe/Zurich', cities: ['Zürich', 'Basel', 'Bern', 'Genève'] }],
    given: DE_GIVEN,
    family: DE_FAMILY,
  },
  {
    code: 'BE',
    name: 'Belgium',
    continent: 'EU',
    locale: 'fr-BE',
    language: 'en',
    weight: 3,
    parts: [{ name: null, timezone: 'Europe/Brussels', cities: ['Antwerpen', 'Bruxelles', 'Liège', 'Gent'] }],
    given: ['Lucas', 'Emma', 'Arthur', 'Louise', 'Noah', 'Olivia'],
    family: ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Dupont'],
  },
  {
    code: 'CZ',
    name: 'Czechia',
    continent: 'EU',
    locale: 'cs-CZ',
    language: 'en',
    weight: 3,
    parts: [{ name: null, timezone: 'Europe/Prague', cities: ['Praha', 'Brno', 'Ostrava', 'Plzeň'] }],
    given: ['Jiří', 'Jana', 'Petr', 'Tereza', 'Tomáš', 'Kateřina'],
    family: ['Novák', 'Svobodová', 'Dvořák', 'Černá', 'Procházka', 'Kučerová'],
  },
  {
    code: 'SE',
    name: 'Sweden',
    continent: 'EU',
    locale: 'sv-SE',
    language: 'en',
    weight: 2,
    parts: [{ name: null, timezone: 'Europe/Stockholm', cities: ['Göteborg', 'Stockholm', 'Malmö'] }],
    given: ['Åsa', 'Björn', 'Elsa', 'Oskar', 'Maja', 'Nils'],
    family: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Ström', 'Lindqvist'],
  },
  {
    code: 'CA',
    name: 'Canada',
    continent: 'AM',
    locale: 'en-CA',
    language: 'en',
    weight: 2,
    parts: [{ name: null, timezone: 'America/Toronto', cities: ['Toronto', 'Montréal', 'Mississauga'] }],
    given: EN_GIVEN,
    family: EN_FAMILY,
  },
  {
    code: 'MX',
    name: 'Mexico',
    continent: 'AM',
    locale: 'es-MX',
    language: 'en',
    weight: 2,
    parts: [
      {
        name: null,
        timezone: 'America/Mexico_City',
        cities: ['Ciudad de México', 'Monterrey', 'Guadalajara'],
      },
    ],
    given: ES_GIVEN,
    family: ES_FAMILY,
  },
  {
    code: 'BR',
    name: 'Brazil',
    continent: 'AM',
    locale: 'pt-BR',
    language: 'en',
    weight: 3,
    parts: [
      { name: null, timezone: 'America/Sao_Paulo', cities: ['São Paulo', 'Campinas', 'Curitiba', 'Recife'] },
    ],
    given: ['João', 'Ana', 'Pedro', 'Beatriz', 'Luís', 'Mariana'],
    family: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Conceição', 'Araújo'],
  },
  {
    code: 'IN',
    name: 'India',
    continent: 'AP',
    locale: 'en-IN',
    language: 'en',
    weight: 3,
    parts: [{ name: null, timezone: 'Asia/Kolkata', cities: ['Mumbai', 'Chennai', 'Bengaluru', 'Delhi'] }],
    given: ['Aarav', 'Ananya', 'Vihaan', 'Diya', 'Arjun', 'Priya'],
    family: ['Sharma', 'Patel', 'Iyer', 'Reddy', 'Nair', 'Gupta'],
  },
  {
    code: 'JP',
    name: 'Japan',
    continent: 'AP',
    locale: 'ja-JP',
    language: 'en',
    weight: 2,
    parts: [{ name: null, timezone: 'Asia/Tokyo', cities: ['Tokyo', 'Osaka', 'Nagoya', 'Yokohama'] }],
    given: ['Haruto', 'Yui', 'Sota', 'Hina', 'Ren', 'Aoi'],
    family: ['Satō', 'Suzuki', 'Takahashi', 'Tanaka', 'Itō', 'Watanabe'],
  },
  {
    code: 'AU',
    name: 'Australia',
    continent: 'AP',
    locale: 'en-AU',
    language: 'en',
    weight: 3,
    parts: [
      { name: null, timezone: 'Australia/Sydney', cities: ['Sydney', 'Melbourne', 'Brisbane', 'Perth'] },
    ],
    given: EN_GIVEN,
    family: EN_FAMILY,
  },
  {
    code: 'NZ',
    name: 'New Zealand',
    continent: 'AP',
    locale: 'en-NZ',
    language: 'en',
    weight: 1,
    parts: [{ name: null, timezone: 'Pacific/Auckland', cities: ['Auckland', 'Christchurch'] }],
    given: EN_GIVEN,
    family: EN_FAMILY,
  },
];

export const CONTINENTS = [
  { code: 'EU', name: 'Europe' },
  { code: 'AM', name: 'Americas' },
  { code: 'AP', name: 'Asia-Pacific' },
] as const;

/** Job roles: `[code, English, German]`. The last five are held besides a main role. */
export const SCALE_ROLES: ReadonlyArray<readonly [string, string, string]> = [
  ['WAREHOUSE', 'Warehouse operative', 'Lagermitarbeiter/in'],
  ['FORKLIFT', 'Forklift driver', 'Staplerfahrer/in'],
  ['PICKER', 'Order picker', 'Kommissionierer/in'],
  ['LOADER', 'Loader', 'Verlader/in'],
  ['INVENTORY', 'Inventory clerk', 'Inventurkraft'],
  ['MECHANIC', 'Mechanic', 'Mechaniker/in'],
  ['CLEANER', 'Cleaner', 'Reinigungskraft'],
  ['SECURITY', 'Security guard', 'Sicherheitsdienst'],
  ['OFFICE-ADMIN', 'Office administrator', 'Büroverwaltung'],
  ['QUALITY', 'Quality inspector', 'Qualitätsprüfer/in'],
  ['CRANE-OPERATOR', 'Crane operator', 'Kranführer/in'],
  ['HAZMAT-HANDLER', 'Hazardous goods handler', 'Gefahrgutbeauftragte/r'],
  ['CUSTOMER-SERVICE', 'Customer service', 'Kundenservice'],
  ['DRIVER-HGV', 'HGV driver', 'Berufskraftfahrer/in (Lkw)'],
  ['DRIVER-VAN', 'Van driver', 'Zusteller/in'],
  ['DISPATCH', 'Dispatcher', 'Disponent/in'],
  ['FOOD-HANDLER', 'Food handler', 'Lebensmittelkraft'],
  ['COLD-CHAIN-TECH', 'Cold chain technician', 'Kühlkettentechniker/in'],
  ['HR', 'HR officer', 'Personalreferent/in'],
  ['FINANCE', 'Accountant', 'Buchhalter/in'],
  ['IT', 'IT specialist', 'IT-Fachkraft'],
  ['SALES', 'Sales representative', 'Vertrieb'],
  ['PROCUREMENT', 'Buyer', 'Einkäufer/in'],
  ['DATA-PROTECTION', 'Data protection officer', 'Datenschutzbeauftragte/r'],
  ['TRAINER', 'Trainer', 'Ausbilder/in'],
  ['BRANCH-MGR', 'Branch manager', 'Niederlassungsleiter/in'],
  ['FIRST-AIDER', 'First aider', 'Ersthelfer/in'],
  ['FIRE-WARDEN', 'Fire warden', 'Brandschutzhelfer/in'],
  ['SHIFT-LEAD', 'Shift lead', 'Schichtleiter/in'],
  ['SAFETY-OFFICER', 'Safety officer', 'Fachkraft für Arbeitssicherheit'],
];

/** Extra roles held besides the main one, with the chance per person. */
export const SIDE_ROLES: ReadonlyArray<readonly [string, number]> = [
  ['FIRST-AIDER', 0.08],
  ['FIRE-WARDEN', 0.05],
  ['SHIFT-LEAD', 0.06],
  ['SAFETY-OFFICER', 0.01],
];

export type BranchKind = 'warehouse' | 'depot' | 'cold' | 'office';

export const BRANCH_KINDS: ReadonlyArray<{
  kind: BranchKind;
  label: string;
  share: number;
  /** Relative headcount. */
  size: number;
  /** Main roles with weights. */
  roles: ReadonlyArray<readonly [string, number]>;
}> = [
  {
    kind: 'warehouse',
    label: 'Warehouse',
    share: 0.45,
    size: 1.2,
    roles: [
      ['WAREHOUSE', 30],
      ['FORKLIFT', 18],
      ['PICKER', 18],
      ['LOADER', 8],
      ['INVENTORY', 5],
      ['MECHANIC', 2],
      ['CLEANER', 3],
      ['SECURITY', 2],
      ['OFFICE-ADMIN', 3],
      ['QUALITY', 2],
      ['CRANE-OPERATOR', 2],
      ['HAZMAT-HANDLER', 3],
      ['CUSTOMER-SERVICE', 2],
      ['TRAINER', 1],
    ],
  },
  {
    kind: 'depot',
    label: 'Depot',
    share: 0.25,
    size: 1,
    roles: [
      ['DRIVER-HGV', 35],
      ['DRIVER-VAN', 25],
      ['DISPATCH', 10],
      ['LOADER', 10],
      ['MECHANIC', 8],
      ['OFFICE-ADMIN', 4],
      ['FORKLIFT', 5],
      ['CLEANER', 3],
    ],
  },
  {
    kind: 'cold',
    label: 'Cold store',
    share: 0.15,
    size: 1.1,
    roles: [
      ['WAREHOUSE', 20],
      ['FOOD-HANDLER', 20],
      ['COLD-CHAIN-TECH', 10],
      ['FORKLIFT', 15],
      ['PICKER', 15],
      ['QUALITY', 8],
      ['LOADER', 7],
      ['CLEANER', 5],
    ],
  },
  {
    kind: 'office',
    label: 'Office',
    share: 0.15,
    size: 0.5,
    roles: [
      ['OFFICE-ADMIN', 20],
      ['HR', 12],
      ['FINANCE', 12],
      ['IT', 12],
      ['SALES', 15],
      ['CUSTOMER-SERVICE', 15],
      ['PROCUREMENT', 8],
      ['DATA-PROTECTION', 2],
      ['TRAINER', 4],
    ],
  },
];

/** Credential titles by category; the catalogue cycles through them, numbering repeats as levels. */
export const CREDENTIAL_TITLES: ReadonlyArray<readonly [CredentialCategory, string, string]> = [
  ['occupational_safety', 'Occupational safety instruction', 'Arbeitsschutzunterweisung'],
  ['data_protection', 'Data protection basics', 'Datenschutz-Grundlagen'],
  ['other', 'Code of conduct', 'Verhaltenskodex'],
  ['equipment', 'Forklift operator licence', 'Staplerschein'],
  ['equipment', 'Reach truck licence', 'Schubmaststapler-Fahrausweis'],
  ['occupational_safety', 'Order picker safety', 'Sicherheit am Kommissionierer'],
  ['equipment', 'Overhead crane operation', 'Brückenkran-Bedienung'],
  ['transport', 'ADR basic course', 'ADR-Basiskurs'],
  ['transport', 'Driver CPC module', 'Berufskraftfahrer-Weiterbildung (Code 95)'],
  ['transport', 'Load securing', 'Ladungssicherung'],
  ['food_safety', 'HACCP basics', 'HACCP-Grundlagen'],
  ['food_safety', 'Cold chain handling', 'Kühlkettenmanagement'],
  ['transport', 'Hazardous goods storage', 'Gefahrstofflagerung'],
  ['occupational_safety', 'Working at height', 'Arbeiten in der Höhe'],
  ['occupational_safety', 'Electrical safety for non-electricians', 'Elektrotechnisch unterwiesene Person'],
  ['equipment', 'Mobile elevating work platform', 'Hubarbeitsbühnen-Bediener'],
  ['occupational_safety', 'Battery charging safety', 'Sicheres Laden von Traktionsbatterien'],
  ['occupational_safety', 'Confined spaces', 'Arbeiten in engen Räumen'],
  ['occupational_safety', 'Respiratory protection', 'Atemschutz'],
  ['leadership', 'Shift leadership', 'Schichtführung'],
  ['leadership', 'Conflict de-escalation', 'Deeskalationstraining'],
  ['transport', 'Defensive driving', 'Defensives Fahren'],
  ['transport', 'Tachograph rules', 'Lenk- und Ruhezeiten'],
  ['transport', 'Customs basics', 'Zoll-Grundlagen'],
  ['digital', 'Warehouse management system', 'Lagerverwaltungssystem'],
  ['digital', 'Spreadsheets advanced', 'Tabellenkalkulation für Fortgeschrittene'],
  ['other', 'ISO 9001 internal auditor', 'Interner Auditor ISO 9001'],
  ['first_aid', 'First aid', 'Erste Hilfe'],
  ['fire_safety', 'Fire warden', 'Brandschutzhelfer'],
  ['fire_safety', 'Evacuation helper', 'Evakuierungshelfer'],
  ['occupational_safety', 'Safety officer', 'Fachkraft für Arbeitssicherheit'],
  ['data_protection', 'Data protection officer', 'Datenschutzbeauftragte/r'],
  ['digital', 'IT security awareness', 'IT-Sicherheitsbewusstsein'],
  ['other', 'Anti-corruption', 'Korruptionsprävention'],
  ['transport', 'Export control', 'Exportkontrolle'],
  ['transport', 'Dangerous goods by air', 'Gefahrgut im Luftverkehr'],
  ['transport', 'Dangerous goods by sea', 'Gefahrgut im Seeverkehr'],
  ['occupational_safety', 'Cleaning chemicals', 'Umgang mit Reinigungschemikalien'],
  ['other', 'Security guard licence', 'Sachkunde Bewachungsgewerbe'],
  ['food_safety', 'Food handler hygiene', 'Lebensmittelhygiene'],
  ['language', 'Business English B1', 'Wirtschaftsenglisch B1'],
  ['language', 'German for the workplace A2', 'Deutsch am Arbeitsplatz A2'],
];
