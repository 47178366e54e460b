/**
 * The shape of a tabular export, shared by the CSV and XLSX writers: columns with a type, and rows of cells.
 * The type decides how a cell is written: a real number, date or percentage in XLSX, and its plain form in CSV.
 */

export type ExportColumnType = 'text' | 'integer' | 'number' | 'percent' | 'date' | 'datetime';

export interface ExportColumn {
  header: string;
  type: ExportColumnType;
  /** Width in characters for XLSX; a default per type when left out. */
  width?: number;
}

/**
 * One cell: `text` → string; `integer`/`number` → number; `percent` → a fraction (0.875 is 87.5 %);
 * `date` → an ISO calendar day `YYYY-MM-DD`; `datetime` → a Date (written in UTC). Null is an empty cell.
 */
export type ExportCell = string | number | Date | null;

export type ExportRow = readonly ExportCell[];

/** Where a tabular writer sends its rows. */
export interface TableWriter {
  /** Resolves when the writer can take more (backpressure). */
  writeRow(row: ExportRow): Promise<void>;
  /** Writes what is left; the output stream then ends. */
  finish(): Promise<void>;
  /** Stops with `error`; the output stream errors too. */
  abort(error: Error): void;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → [year, month, day], or null when it is not a calendar day. */
export function parseDay(text: string): [number, number, number] | null {
  const match = DAY.exec(text);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? [y, m, d]
    : null;
}

/** `2026-03-01 14:05:09`: a UTC date-time as spreadsheets read it in any locale. */
export function utcDateTimeText(value: Date): string {
  return value.toISOString().slice(0, 19).replace('T', ' ');
}
