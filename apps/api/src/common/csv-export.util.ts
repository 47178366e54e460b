/**
 * CSV for people who open it in Excel or LibreOffice: RFC 4180 quoting, CRLF line ends, UTF-8 with a BOM (so
 * Excel reads umlauts correctly), and formula injection neutralised: a text cell that starts with `=`, `+`,
 * `-`, `@`, TAB or CR gets a leading `'`, so a spreadsheet shows it as text instead of running it (OWASP
 * "CSV injection"). Numbers and booleans are written as they are. Pure; every export uses it.
 */

import { neutraliseFormula } from './formula-injection.util';

export const CSV_BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;

/** One cell. `null`/`undefined` are empty. */
export function csvCell(value: CsvValue, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseFormula(value);
  const needsQuotes =
    text.includes(delimiter) || text.includes('"') || text.includes('\r') || text.includes('\n');
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, ending with CRLF. */
export function csvRow(values: readonly CsvValue[], delimiter = ','): string {
  return values.map((v) => csvCell(v, delimiter)).join(delimiter) + '\r\n';
}

export interface CsvStreamOptions {
  delimiter?: string;
  /** Start with the UTF-8 BOM (default true). */
  bom?: boolean;
  /** Rows are gathered into chunks of about this many characters before they are handed on. */
  chunkChars?: number;
}

/**
 * A whole CSV document as text chunks, pulled row by row from `rows` (e.g. a repository reading page by page),
 * so memory stays flat however long the export is. Wrap it in `Readable.from(...)` to stream a response.
 */
export async function* csvDocument(
  header: readonly string[],
  rows: AsyncIterable<readonly CsvValue[]>,
  options: CsvStreamOptions = {},
): AsyncGenerator<string> {
  const delimiter = options.delimiter ?? ',';
  const chunkChars = options.chunkChars ?? 64 * 1024;
  let chunk = (options.bom === false ? '' : CSV_BOM) + csvRow(header, delimiter);
  for await (const row of rows) {
    chunk += csvRow(row, delimiter);
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
