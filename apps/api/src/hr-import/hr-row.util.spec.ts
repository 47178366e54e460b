import { isIsoDay } from '@brevet/domain';
import {
  mapHeader,
  normalizeHeader,
  parseDay,
  validateRow,
  type HeaderMapping,
  type HrDirectory,
} from './hr-row.util';

const directory: HrDirectory = {
  branches: new Map([
    ['DE-BER-01', { id: 'b-ber', active: true }],
    ['DE-OLD-01', { id: 'b-old', active: false }],
  ]),
  roles: new Map([
    ['WAREHOUSE', { id: 'r-2', active: true }],
    ['FORKLIFT', { id: 'r-1', active: true }],
    ['RETIRED', { id: 'r-9', active: false }],
  ]),
};

const ENGLISH = [
  'employee_number',
  'given_name',
  'family_name',
  'email',
  'preferred_language',
  'branch_code',
  'job_role_codes',
  'manager_employee_number',
  'hire_date',
  'status',
];

function header(names: string[] = ENGLISH): HeaderMapping {
  const { mapping, issues } = mapHeader(names);
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  return mapping as HeaderMapping;
}

const good = [
  '1001',
  'Anna',
  'Müller',
  'Anna@Example.com',
  'en',
  'de-ber-01',
  'WAREHOUSE|forklift',
  '1000',
  '2024-03-01',
  'aktiv',
];

function check(cells: string[], mapping = header()) {
  const outcome = validateRow(cells, 7, mapping, directory);
  if (outcome.blank) throw new Error('unexpected blank row');
  return outcome;
}

describe('normalizeHeader', () => {
  it.each([
    ['E-Mail', 'email'],
    [' Personal-Nr. ', 'personalnr'],
    ['Straße', 'strasse'],
    ['Vorgesetzter Personalnummer', 'vorgesetzterpersonalnummer'],
    ['HIRE_DATE', 'hiredate'],
  ])('%j → %j', (raw, expected) => expect(normalizeHeader(raw)).toBe(expected));
});

describe('mapHeader', () => {
  it('accepts the German headers of Excel, case-insensitively', () => {
    const { mapping, issues } = mapHeader([
      'Personalnummer',
      'VORNAME',
      'Nachname',
      'E-Mail',
      'Sprache',
      'Niederlassung',
      'Funktion',
      'Vorgesetzter',
      'Eintrittsdatum',
      'Status',
    ]);
    expect(issues).toEqual([]);
    expect(mapping?.index).toEqual({
      employee_number: 0,
      given_name: 1,
      family_name: 2,
      email: 3,
      preferred_language: 4,
      branch_code: 5,
      job_role_codes: 6,
      manager_employee_number: 7,
      hire_date: 8,
      status: 9,
    });
    expect(mapping?.names.branch_code).toBe('Niederlassung');
  });

  it('reports all missing required columns in one issue that lists the columns found', () => {
    const { mapping, issues } = mapHeader(['Personalnummer', 'Vorname', 'Nachname', 'Standort', '']);
    expect(mapping).toBeNull();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      row: 1,
      column: null,
      severity: 'error',
      code: 'header.missing_column',
    });
    expect(issues[0].message).toContain('"job_role_codes" (German: "Rollen")');
    expect(issues[0].message).toContain('"hire_date" (German: "Eintrittsdatum")');
    expect(issues[0].message).toContain(
      'The header row has: "Personalnummer", "Vorname", "Nachname", "Standort".',
    );
  });

  it('ignores unknown columns with a warning and refuses a field named twice', () => {
    const { mapping, issues } = mapHeader([...ENGLISH, 'Kostenstelle', 'Personalnummer']);
    expect(mapping).toBeNull();
    expect(issues.map((i) => [i.severity, i.code, i.column])).toEqual([
      ['warning', 'header.unknown_column', 'Kostenstelle'],
      ['error', 'header.duplicate_column', 'Personalnummer'],
    ]);
  });

  it('needs no optional column', () => {
    const { mapping, issues } = mapHeader([
      'employee_number',
      'given_name',
      'family_name',
      'branch_code',
      'job_role_codes',
      'hire_date',
    ]);
    expect(issues).toEqual([]);
    expect(mapping?.index.email).toBeUndefined();
  });
});

describe('validateRow', () => {
  it('turns a good row into a staged row with resolved, sorted IDs and normalised values', () => {
    expect(check(good)).toEqual({
      blank: false,
      issues: [],
      staged: {
        row: 7,
        valid: true,
        employeeNumber: '1001',
        givenName: 'Anna',
        familyName: 'Müller',
        email: 'anna@example.com',
        preferredLanguage: 'en',
        branchId: 'b-ber',
        roleIds: ['r-1', 'r-2'],
        managerNumber: '1000',
        hireDate: '2024-03-01',
        status: 'active',
      },
    });
  });

  it('defaults language to German and status to active, and allows no roles, email or manager', () => {
    const staged = check(['1001', 'Anna', 'Müller', '', '', 'DE-BER-01', '', '', '01.03.2024', '']).staged;
    expect(staged).toMatchObject({
      valid: true,
      email: null,
      preferredLanguage: 'de',
      roleIds: [],
      managerNumber: null,
      status: 'active',
      hireDate: '2024-03-01',
    });
  });

  it('skips blank rows', () => {
    expect(validateRow(['', ' ', ''], 3, header(), directory)).toEqual({ blank: true });
  });

  it.each([
    [0, '', 'row.required', 'employee_number'],
    [0, '10 01', 'row.invalid_employee_number', 'employee_number'],
    [1, '', 'row.required', 'given_name'],
    [2, 'x'.repeat(101), 'row.invalid_name', 'family_name'],
    [3, 'anna@', 'row.invalid_email', 'email'],
    [4, 'fr', 'row.invalid_language', 'preferred_language'],
    [5, 'DE-XYZ-99', 'row.unknown_branch', 'branch_code'],
    [5, 'de-old-01', 'row.archived_branch', 'branch_code'],
    [6, 'WAREHOUSE|PILOT|RETIRED', 'row.unknown_role', 'job_role_codes'],
    [7, '1001', 'row.self_manager', 'manager_employee_number'],
    [8, '31.02.2024', 'row.invalid_date', 'hire_date'],
    [8, '1.3.24', 'row.invalid_date', 'hire_date'],
    [8, 'March 1st', 'row.invalid_date', 'hire_date'],
    [9, 'retired', 'row.invalid_status', 'status'],
  ])('cell %i = %j → %s in column %s', (index, value, code, column) => {
    const cells = [...good];
    cells[index] = value;
    const outcome = check(cells);
    expect(outcome.issues).toEqual([expect.objectContaining({ row: 7, column, severity: 'error', code })]);
    if (outcome.staged) expect(outcome.staged.valid).toBe(false);
  });

  it('names unknown role codes and the column as written in the file', () => {
    const mapping = header([...ENGLISH.slice(0, 6), 'Rollen', ...ENGLISH.slice(7)]);
    const cells = [...good];
    cells[6] = 'WAREHOUSE|PILOT|RETIRED';
    const [issue] = check(cells, mapping).issues;
    expect(issue.column).toBe('Rollen');
    expect(issue.message).toContain('"PILOT", "RETIRED" are unknown or archived');
  });

  it('stages an invalid row with its employee number (for duplicate checks), but not one without', () => {
    expect(check([...good.slice(0, 8), 'soon', 'active']).staged).toMatchObject({
      employeeNumber: '1001',
      valid: false,
      hireDate: null,
    });
    expect(check(['', ...good.slice(1)]).staged).toBeNull();
  });

  it('refuses a row with more cells than the header, unless the extra cells are empty', () => {
    expect(check([...good, 'surprise']).issues.map((i) => i.code)).toEqual(['row.field_count']);
    expect(check([...good, '', '']).issues).toEqual([]);
  });

  it('treats missing trailing cells as empty', () => {
    expect(check(good.slice(0, 7)).issues.map((i) => [i.code, i.column])).toEqual([
      ['row.required', 'hire_date'],
    ]);
  });
});

describe('parseDay', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['2024-3-1', '2024-03-01'],
    ['01.03.2024', '2024-03-01'],
    ['1.3.2024', '2024-03-01'],
    ['29.02.2024', '2024-02-29'],
  ])('%s → %s', (raw, day) => expect(parseDay(raw)).toBe(day));

  it.each(['29.02.2023', '2024-13-01', '01/03/2024', '1.3.24', '01.01.1850'])('%s is refused', (raw) => {
    expect(parseDay(raw)).toEqual({ problem: expect.any(String) });
  });
});

describe('parseDay against the calendar', () => {
  it('agrees with isIsoDay on every day of 1999–2001 and on leap-year edges', () => {
    for (const year of [1900, 1999, 2000, 2001, 2004, 2100]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(typeof parseDay(iso) === 'string').toBe(isIsoDay(iso));
        }
      }
    }
  });
});
