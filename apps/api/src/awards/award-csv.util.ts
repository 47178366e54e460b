import {
  AWARD_BATCH_MAX_ITEMS,
  AWARD_IMPORT_COLUMNS,
  AwardIssueCode,
  type AwardBatchIssue,
  type AwardImportField,
} from '@brevet/contracts';
import {
  chunkDecoderFor,
  CsvReader,
  CsvSyntaxError,
  detectDelimiter,
  EncodingSniffer,
  type HrFileEncoding,
} from '../hr-import/hr-csv.util';
import { normalizeHeader, parseDay } from '../hr-import/hr-row.util';

/**
 * Reads an award CSV (`employee_number, credential_code, completed_on, score?`) with the HR import's reader:
 * the same encodings (UTF-8 with or without BOM, Windows-1252), delimiters (`;`, `,`, tab), quoting rules,
 * spreadsheet row numbers and date formats (`YYYY-MM-DD` or `DD.MM.YYYY`). Pure: no database; the service
 * resolves people and credentials afterwards.
 */

/** A row whose cells are well-formed; whether the person and credential exist is checked later. */
export interface AwardCsvRow {
  row: number;
  employeeNumber: string;
  credentialCode: string;
  completedOn: string;
  score: number | null;
}

export interface AwardCsvFile {
  encoding: HrFileEncoding;
  delimiter: string;
  rows: AwardCsvRow[];
  /** Problems found while reading; rows with errors are not in `rows`. */
  issues: AwardBatchIssue[];
  /** The header as written, per field, for naming columns in later issues. */
  columns: Partial<Record<AwardImportField, string>>;
  /** Award rows in the file (not blank), valid or not. */
  dataRows: number;
}

const FIELD_BY_HEADER = new Map<string, AwardImportField>();
for (const spec of AWARD_IMPORT_COLUMNS) {
  for (const name of [spec.field, spec.header.en, spec.header.de, ...spec.aliases]) {
    FIELD_BY_HEADER.set(normalizeHeader(name), spec.field);
  }
}

const label = (field: AwardImportField): string => {
  const spec = AWARD_IMPORT_COLUMNS.find((c) => c.field === field);
  return spec ? `${spec.header.en} (${spec.header.de})` : field;
};

export function readAwardCsv(bytes: Buffer): AwardCsvFile {
  const issues: AwardBatchIssue[] = [];
  const issue = (row: number, column: string | null, code: AwardIssueCode, message: string) =>
    issues.push({ row, index: null, column, severity: 'error', code, message });
  const sniffer = new EncodingSniffer();
  sniffer.push(bytes);
  const encoding = sniffer.result();
  const empty: AwardCsvFile = { encoding, delimiter: ',', rows: [], issues, columns: {}, dataRows: 0 };
  if (encoding === 'utf-16') {
    issue(
      0,
      null,
      AwardIssueCode.FileEncoding,
      'The file is saved as UTF-16 ("Unicode text"). In Excel, save it as "CSV UTF-8" or "CSV (semicolon separated)".',
    );
    return empty;
  }
  const decoder = chunkDecoderFor(encoding);
  const text = decoder.decode(bytes) + decoder.end();
  if (text.trim() === '') {
    issue(0, null, AwardIssueCode.FileEmpty, 'The file is empty.');
    return empty;
  }
  const delimiter = detectDelimiter(text);
  const reader = new CsvReader(delimiter);
  let records;
  try {
    records = [...reader.push(text), ...reader.end()];
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    issue(error.row, null, AwardIssueCode.CsvSyntax, error.message);
    return { ...empty, delimiter };
  }

  const [header, ...body] = records;
  const index: Partial<Record<AwardImportField, number>> = {};
  const columns: Partial<Record<AwardImportField, string>> = {};
  header.fields.forEach((raw, i) => {
    const name = raw.trim();
    if (name === '') return;
    const field = FIELD_BY_HEADER.get(normalizeHeader(name));
    if (!field) {
      issues.push({
        row: 1,
        index: null,
        column: name,
        severity: 'warning',
        code: AwardIssueCode.UnknownColumn,
        message: `Column "${name}" is not used by the import and was ignored.`,
      });
    } else if (columns[field] !== undefined) {
      issue(
        1,
        name,
        AwardIssueCode.DuplicateColumn,
        `Columns "${columns[field]}" and "${name}" both mean ${label(field)}. Keep one of them.`,
      );
    } else {
      index[field] = i;
      columns[field] = name;
    }
  });
  const missing = AWARD_IMPORT_COLUMNS.filter((c) => c.required && index[c.field] === undefined);
  if (missing.length > 0) {
    const found = header.fields.map((f) => f.trim()).filter((f) => f !== '');
    issue(
      1,
      null,
      AwardIssueCode.MissingColumn,
      `Required ${missing.length === 1 ? 'column' : 'columns'} ${missing.map((c) => `"${c.header.en}" (German: "${c.header.de}")`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing. ` +
        `The header row has: ${found.length > 0 ? found.map((f) => `"${f}"`).join(', ') : 'nothing'}.`,
    );
  }
  if (issues.some((i) => i.severity === 'error'))
    return { encoding, delimiter, rows: [], issues, columns, dataRows: 0 };

  const rows: AwardCsvRow[] = [];
  let dataRows = 0;
  for (const record of body) {
    const { row, fields } = record;
    if (fields.every((f) => f.trim() === '')) continue;
    dataRows += 1;
    if (dataRows > AWARD_BATCH_MAX_ITEMS) {
      issue(
        row,
        null,
        AwardIssueCode.TooManyRows,
        `The file has more than ${AWARD_BATCH_MAX_ITEMS} award rows. Split it into several files.`,
      );
      break;
    }
    if (record.error) {
      issue(row, null, AwardIssueCode.CsvSyntax, record.error);
      continue;
    }
    if (
      fields.length > header.fields.length &&
      fields.slice(header.fields.length).some((f) => f.trim() !== '')
    ) {
      issue(
        row,
        null,
        AwardIssueCode.FieldCount,
        `This row has ${fields.length} cells but the header has ${header.fields.length}. A value probably contains the delimiter; put such values in double quotes.`,
      );
      continue;
    }
    const before = issues.length;
    const get = (field: AwardImportField) => {
      const i = index[field];
      return i === undefined ? '' : (fields[i] ?? '').trim();
    };
    const required = (field: AwardImportField): string | null => {
      const value = get(field);
      if (value === '')
        issue(row, columns[field] ?? field, AwardIssueCode.Required, `${label(field)} is empty.`);
      return value === '' ? null : value;
    };
    const employeeNumber = required('employee_number');
    const credentialCode = required('credential_code')?.toUpperCase() ?? null;
    const rawDay = required('completed_on');
    let completedOn: string | null = null;
    if (rawDay !== null) {
      const parsed = parseDay(rawDay);
      if (typeof parsed === 'string') completedOn = parsed;
      else
        issue(
          row,
          columns.completed_on ?? 'completed_on',
          AwardIssueCode.InvalidDate,
          parsed.problem.replace('as a hire date', 'as a completion day'),
        );
    }
    let score: number | null = null;
    const rawScore = get('score');
    if (rawScore !== '') {
      const value = /^\d{1,3}([.,]\d)?\s*%?$/.test(rawScore)
        ? Number(rawScore.replace(',', '.').replace('%', ''))
        : NaN;
      if (Number.isFinite(value) && value >= 0 && value <= 100) score = value;
      else
        issue(
          row,
          columns.score ?? 'score',
          AwardIssueCode.InvalidScore,
          `Score "${rawScore}" is not a percentage from 0 to 100 (one decimal, e.g. 87.5 or 87,5).`,
        );
    }
    if (issues.length === before && employeeNumber && credentialCode && completedOn) {
      rows.push({ row, employeeNumber, credentialCode, completedOn, score });
    }
  }
  if (dataRows === 0) issue(0, null, AwardIssueCode.FileEmpty, 'The file has a header but no award rows.');
  return { encoding, delimiter, rows, issues, columns, dataRows: Math.min(dataRows, AWARD_BATCH_MAX_ITEMS) };
}
