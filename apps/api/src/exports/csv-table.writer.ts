import { PassThrough, Transform, type Readable, type TransformCallback } from 'node:stream';
import { CSV_BOM, csvCell } from '../common/csv-export.util';
import {
  utcDateTimeText,
  type ExportCell,
  type ExportColumn,
  type ExportRow,
  type TableWriter,
} from './export-table';

/** Rows are gathered into chunks of about this many characters before they are handed on. */
const CHUNK_CHARS = 64 * 1024;

/**
 * One cell as CSV text. Text is quoted per RFC 4180 and neutralised against formula injection (`csvCell`);
 * numbers are written as numbers, with a decimal comma when the delimiter is `;` (the convention wherever
 * Excel expects `;`); percentages as percent with one decimal; days as `YYYY-MM-DD`; instants in UTC.
 */
export function csvTableCell(cell: ExportCell, column: ExportColumn, delimiter: string): string {
  if (cell === null) return '';
  const decimal = (value: number) => (delimiter === ';' ? String(value).replace('.', ',') : String(value));
  switch (column.type) {
    case 'integer':
    case 'number':
      return typeof cell === 'number' && Number.isFinite(cell) ? decimal(cell) : '';
    case 'percent':
      return typeof cell === 'number' && Number.isFinite(cell) ? decimal(Math.round(cell * 1000) / 10) : '';
    case 'datetime':
      return csvCell(cell instanceof Date ? utcDateTimeText(cell) : String(cell), delimiter);
    case 'date':
    case 'text':
      return csvCell(cell instanceof Date ? cell.toISOString() : String(cell), delimiter);
  }
}

/** One record, ending with CRLF. */
export function csvTableRow(row: ExportRow, columns: readonly ExportColumn[], delimiter: string): string {
  return columns.map((column, i) => csvTableCell(row[i] ?? null, column, delimiter)).join(delimiter) + '\r\n';
}

/** The start of every CSV file: the BOM and the header row. */
export function csvHeader(columns: readonly ExportColumn[], delimiter: ',' | ';'): string {
  return (
    CSV_BOM +
    csvTableRow(
      columns.map((c) => c.header),
      columns.map((c) => ({ ...c, type: 'text' as const })),
      delimiter,
    )
  );
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Turns the CSV that PostgreSQL's COPY writes (records ending in LF) into this project's CSV: the BOM and
 * header first, records ending in CRLF (RFC 4180). A line break inside a quoted value is data and stays as it
 * is; quote state carries across chunks (`""` inside quotes toggles twice, so it needs no special case).
 * Counts the records it passed (`records`), for progress.
 */
export class CopyCsvToFile extends Transform {
  records = 0;
  private inQuotes = false;

  constructor(private header: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.header) {
      this.push(Buffer.from(this.header, 'utf8'));
      this.header = '';
    }
    // One pass, one buffer out per chunk: at most one CR added per byte.
    const out = Buffer.allocUnsafe(chunk.length * 2);
    let o = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) this.inQuotes = !this.inQuotes;
      else if (byte === LF && !this.inQuotes) {
        out[o++] = CR;
        this.records += 1;
      }
      out[o++] = byte;
    }
    this.push(out.subarray(0, o));
    done();
  }

  override _flush(done: TransformCallback): void {
    // No rows at all: the file is still a header.
    if (this.header) this.push(Buffer.from(this.header, 'utf8'));
    done();
  }
}

/**
 * A CSV file written row by row to `output`: UTF-8 with a BOM (so Excel reads umlauts right), a header row,
 * CRLF line ends. `writeRow` waits while the reader of `output` is behind, so memory stays flat.
 */
export class CsvTableWriter implements TableWriter {
  private readonly stream = new PassThrough();
  private pending: string;

  constructor(
    private readonly columns: readonly ExportColumn[],
    private readonly delimiter: ',' | ';' = ',',
  ) {
    this.pending = csvHeader(columns, delimiter);
  }

  get output(): Readable {
    return this.stream;
  }

  async writeRow(row: ExportRow): Promise<void> {
    this.pending += csvTableRow(row, this.columns, this.delimiter);
    if (this.pending.length >= CHUNK_CHARS) await this.flush();
  }

  async finish(): Promise<void> {
    await this.flush();
    this.stream.end();
  }

  abort(error: Error): void {
    // Whoever reads the output sees the error; the listener only keeps it from being "unhandled".
    this.stream.on('error', () => undefined);
    this.stream.destroy(error);
  }

  private async flush(): Promise<void> {
    if (!this.pending) return;
    const ok = this.stream.write(Buffer.from(this.pending, 'utf8'));
    this.pending = '';
    if (!ok) await drained(this.stream);
  }
}

/** Resolves on `drain`, rejects when the stream fails or closes first. */
export function drained(stream: PassThrough): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (error: Error) => done(error);
    const onClose = () => done(new Error('output closed before it drained'));
    stream.once('drain', onDrain);
    stream.once('error', onError);
    stream.once('close', onClose);
  });
}
