import {
  HR_IMPORT_COLUMNS,
  HrImportIssueCode,
  type HrImportField,
  type HrImportIssueSeverity,
  type StaffStatus,
  type UiLanguage,
} from '@brevet/contracts';

/**
 * The rules for one HR file, as pure functions: which header names mean which field, and what makes a
 * row valid. No I/O; the validation job feeds rows in and writes what comes out.
 */

export interface HrIssue {
  row: number;
  column: string | null;
  severity: HrImportIssueSeverity;
  code: HrImportIssueCode;
  message: string;
}

/** A row ready for the staging table. Invalid rows are staged too (when they have an employee number), so
 * that duplicate numbers and manager references are checked across the whole file. */
export interface StagedRow {
  row: number;
  valid: boolean;
  employeeNumber: string;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  preferredLanguage: UiLanguage | null;
  branchId: string | null;
  roleIds: string[] | null;
  managerNumber: string | null;
  hireDate: string | null;
  status: StaffStatus | null;
}

export interface HeaderMapping {
  /** Column index of each field found. */
  index: Partial<Record<HrImportField, number>>;
  /** The header as written, per field found. */
  names: Partial<Record<HrImportField, string>>;
  width: number;
}

/** Case, spaces, `-`, `_`, `.` and the umlaut spelling (ä/ae) do not matter in header names. */
export function normalizeHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}

const FIELD_BY_HEADER = new Map<string, HrImportField>();
for (const spec of HR_IMPORT_COLUMNS) {
  for (const name of [spec.field, spec.header.en, spec.header.de, ...spec.aliases]) {
    FIELD_BY_HEADER.set(normalizeHeader(name), spec.field);
  }
}

const label = (field: HrImportField): string => {
  const spec = HR_IMPORT_COLUMNS.find((c) => c.field === field);
  return spec ? `${spec.header.en} (${spec.header.de})` : field;
};

/**
 * Reads the header row. Missing required columns are one error naming them and listing what the header
 * has; a field named twice is an error; unknown columns are ignored with one warning each.
 */
export function mapHeader(fields: readonly string[]): { mapping: HeaderMapping | null; issues: HrIssue[] } {
  const issues: HrIssue[] = [];
  const mapping: HeaderMapping = { index: {}, names: {}, width: fields.length };
  fields.forEach((raw, i) => {
    const name = raw.trim();
    if (name === '') return;
    const field = FIELD_BY_HEADER.get(normalizeHeader(name));
    if (!field) {
      issues.push({
        row: 1,
        column: clip(name),
        severity: 'warning',
        code: HrImportIssueCode.UnknownColumn,
        message: `Column "${name}" is not used by the import and was ignored.`,
      });
      return;
    }
    const earlier = mapping.names[field];
    if (earlier !== undefined) {
      issues.push({
        row: 1,
        column: clip(name),
        severity: 'error',
        code: HrImportIssueCode.DuplicateColumn,
        message: `Columns "${earlier}" and "${name}" both mean ${label(field)}. Keep one of them.`,
      });
      return;
    }
    mapping.index[field] = i;
    mapping.names[field] = name;
  });
  const missing = HR_IMPORT_COLUMNS.filter((c) => c.required && mapping.index[c.field] === undefined);
  if (missing.length > 0) {
    const found = fields.map((f) => f.trim()).filter((f) => f !== '');
    const list = missing.map((c) => `"${c.header.en}" (German: "${c.header.de}")`).join(', ');
    issues.push({
      row: 1,
      column: null,
      severity: 'error',
      code: HrImportIssueCode.MissingColumn,
      message:
        `${missing.length === 1 ? 'Required column' : 'Required columns'} ${list} ${missing.length === 1 ? 'is' : 'are'} missing. ` +
        `The header row has: ${found.length > 0 ? found.map((f) => `"${f}"`).join(', ') : 'nothing'}.`,
    });
  }
  return { mapping: issues.some((i) => i.severity === 'error') ? null : mapping, issues };
}

export interface CodeEntry {
  id: string;
  active: boolean;
}

/** Branches and job roles by upper-case code: small, bounded by the organisation, not by the file. */
export interface HrDirectory {
  branches: ReadonlyMap<string, CodeEntry>;
  roles: ReadonlyMap<string, CodeEntry>;
}

export const EMPLOYEE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/;

const LANGUAGES: Record<string, UiLanguage> = {
  de: 'de',
  deutsch: 'de',
  german: 'de',
  en: 'en',
  englisch: 'en',
  english: 'en',
};

const STATUSES: Record<string, StaffStatus> = {
  active: 'active',
  aktiv: 'active',
  onleave: 'on_leave',
  beurlaubt: 'on_leave',
  left: 'left',
  ausgetreten: 'left',
};

export type RowOutcome = { blank: true } | { blank: false; staged: StagedRow | null; issues: HrIssue[] };

/**
 * Checks one person row. Returns the row to stage (when it has a usable employee number) and its issues.
 * Fully blank rows (e.g. Excel's trailing `;;;;`) are skipped without comment.
 */
export function validateRow(
  fields: readonly string[],
  row: number,
  header: HeaderMapping,
  directory: HrDirectory,
): RowOutcome {
  if (fields.every((f) => f.trim() === '')) return { blank: true };
  const issues: HrIssue[] = [];
  const error = (field: HrImportField | null, code: HrImportIssueCode, message: string) =>
    issues.push({
      row,
      column: field ? clip(header.names[field] ?? field) : null,
      severity: 'error',
      code,
      message,
    });

  if (fields.length > header.width && fields.slice(header.width).some((f) => f.trim() !== '')) {
    error(
      null,
      HrImportIssueCode.FieldCount,
      `This row has ${fields.length} cells but the header has ${header.width}. A value probably contains the delimiter; put such values in double quotes.`,
    );
    return { blank: false, staged: null, issues };
  }
  const has = (field: HrImportField) => header.index[field] !== undefined;
  const get = (field: HrImportField): string => {
    const i = header.index[field];
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  const required = (field: HrImportField): string | null => {
    const value = get(field);
    if (value === '') {
      error(field, HrImportIssueCode.Required, `${label(field)} is empty; every person needs one.`);
      return null;
    }
    return value;
  };

  let employeeNumber = required('employee_number');
  if (employeeNumber !== null && !EMPLOYEE_NUMBER.test(employeeNumber)) {
    error(
      'employee_number',
      HrImportIssueCode.InvalidEmployeeNumber,
      `Employee number "${employeeNumber}" is not valid: use 1–64 letters, digits, ".", "_", "/" or "-", starting with a letter or digit.`,
    );
    employeeNumber = null;
  }

  const name = (field: 'given_name' | 'family_name'): string | null => {
    const value = required(field);
    if (value !== null && value.length > 100) {
      error(field, HrImportIssueCode.InvalidName, `${label(field)} is longer than 100 characters.`);
      return null;
    }
    return value;
  };
  const givenName = name('given_name');
  const familyName = name('family_name');

  let email: string | null = null;
  if (has('email') && get('email') !== '') {
    email = get('email').toLowerCase();
    if (email.length > 254 || !EMAIL.test(email)) {
      error('email', HrImportIssueCode.InvalidEmail, `"${get('email')}" is not an email address.`);
      email = null;
    }
  }

  let preferredLanguage: UiLanguage | null = 'de';
  if (has('preferred_language') && get('preferred_language') !== '') {
    preferredLanguage = LANGUAGES[get('preferred_language').toLowerCase()] ?? null;
    if (preferredLanguage === null) {
      error(
        'preferred_language',
        HrImportIssueCode.InvalidLanguage,
        `Language "${get('preferred_language')}" is not supported: use "de" or "en".`,
      );
    }
  }

  let branchId: string | null = null;
  const branchCode = required('branch_code')?.toUpperCase() ?? null;
  if (branchCode !== null) {
    const branch = directory.branches.get(branchCode);
    if (!branch) {
      error(
        'branch_code',
        HrImportIssueCode.UnknownBranch,
        `Branch code "${branchCode}" is unknown. Check the code in Brevet's list of branches.`,
      );
    } else if (!branch.active) {
      error(
        'branch_code',
        HrImportIssueCode.ArchivedBranch,
        `Branch "${branchCode}" is archived; people cannot be assigned to it.`,
      );
    } else {
      branchId = branch.id;
    }
  }

  let roleIds: string[] | null = [];
  const codes = [
    ...new Set(
      get('job_role_codes')
        .toUpperCase()
        .split(/[|,;\s]+/)
        .filter((c) => c !== ''),
    ),
  ];
  const unknown = codes.filter((c) => !directory.roles.get(c)?.active);
  if (unknown.length > 0) {
    error(
      'job_role_codes',
      HrImportIssueCode.UnknownRole,
      `${unknown.length === 1 ? 'Job role' : 'Job roles'} ${unknown.map((c) => `"${c}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} unknown or archived. Check the codes in Brevet's list of job roles; separate several with "|".`,
    );
    roleIds = null;
  } else {
    roleIds = codes.map((c) => (directory.roles.get(c) as CodeEntry).id).sort();
  }

  let managerNumber: string | null = null;
  if (has('manager_employee_number') && get('manager_employee_number') !== '') {
    managerNumber = get('manager_employee_number');
    if (!EMPLOYEE_NUMBER.test(managerNumber)) {
      error(
        'manager_employee_number',
        HrImportIssueCode.InvalidEmployeeNumber,
        `Manager "${managerNumber}" is not a valid employee number.`,
      );
      managerNumber = null;
    } else if (managerNumber === employeeNumber) {
      error(
        'manager_employee_number',
        HrImportIssueCode.SelfManager,
        'A person cannot be their own manager.',
      );
      managerNumber = null;
    }
  }

  let hireDate: string | null = null;
  const rawDate = required('hire_date');
  if (rawDate !== null) {
    const parsed = parseDay(rawDate);
    if (typeof parsed === 'string') hireDate = parsed;
    else error('hire_date', HrImportIssueCode.InvalidDate, parsed.problem);
  }

  let status: StaffStatus | null = 'active';
  if (has('status') && get('status') !== '') {
    status = STATUSES[normalizeHeader(get('status'))] ?? null;
    if (status === null) {
      error(
        'status',
        HrImportIssueCode.InvalidStatus,
        `Status "${get('status')}" is not known: use active, on_leave or left (German: aktiv, beurlaubt, ausgetreten).`,
      );
    }
  }

  const staged: StagedRow | null =
    employeeNumber === null
      ? null
      : {
          row,
          valid: issues.length === 0,
          employeeNumber,
          givenName,
          familyName,
          email,
          preferredLanguage,
          branchId,
          roleIds,
          managerNumber,
          hireDate,
          status,
        };
  return { blank: false, staged, issues };
}

/** `YYYY-MM-DD` or the German `DD.MM.YYYY` (also `D.M.YYYY`), as an ISO day; otherwise why not. */
export function parseDay(value: string): string | { problem: string } {
  let y: string;
  let m: string;
  let d: string;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  if (iso) [, y, m, d] = iso;
  else if (german) [, d, m, y] = german;
  else if (/^\d{1,2}\.\d{1,2}\.\d{2}$/.test(value))
    return { problem: `Date "${value}" has a two-digit year: write it as DD.MM.YYYY, e.g. 01.03.2024.` };
  else return { problem: `"${value}" is not a date: write YYYY-MM-DD or DD.MM.YYYY, e.g. 2024-03-01.` };
  const [year, month, dayOfMonth] = [Number(y), Number(m), Number(d)];
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysIn(year, month))
    return { problem: `Date "${value}" does not exist in the calendar.` };
  if (year < 1900 || year > 2100) return { problem: `Date "${value}" is not plausible as a hire date.` };
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function clip(name: string): string {
  return name.length > 64 ? `${name.slice(0, 63)}…` : name;
}
