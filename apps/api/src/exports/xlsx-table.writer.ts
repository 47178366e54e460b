import { PassThrough, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { neutraliseFormula } from '../common/formula-injection.util';
import { drained } from './csv-table.writer';
import {
  parseDay,
  type ExportCell,
  type ExportColumn,
  type ExportRow,
  type TableWriter,
} from './export-table';

/**
 * A streaming XLSX writer: one worksheet whose XML is generated row by row into a zip entry (yazl deflates it
 * as it goes), so memory stays flat however many rows. We write SpreadsheetML ourselves instead of using a
 * spreadsheet library's streaming writer because exceljs 4.4's `stream.xlsx.WorkbookWriter` keeps every byte
 * it has written (about 300 MB more per million rows, measured; docs/exports.md).
 *
 * The sheet has real types: numbers and integers as numbers, days and instants as date serial numbers with a
 * date format, rates as numbers with a percent format; text as inline strings, neutralised against formula
 * injection. The header row is bold, frozen, and carries an auto-filter over every row.
 */

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style indices in styles.xml (`cellXfs`). */
const STYLE = { default: 0, header: 1, date: 2, datetime: 3, percent: 4, integer: 5 } as const;

/** Excel's largest cell text. */
const MAX_CELL_CHARS = 32_767;
/** Sheet XML is handed to the zip in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;
/** Days from Excel's epoch (1899-12-30, as Excel counts) to 1970-01-01. */
const EPOCH_OFFSET_DAYS = 25_569;
const MS_PER_DAY = 86_400_000;

const DEFAULT_WIDTH: Record<ExportColumn['type'], number> = {
  text: 24,
  integer: 10,
  number: 12,
  percent: 10,
  date: 12,
  datetime: 20,
};

export interface XlsxOptions {
  /** At most 31 characters, none of `\ / ? * [ ] :`. */
  sheetName: string;
  /** Document title (file properties). */
  title: string;
  creator: string;
  /** Creation instant written to the file properties. */
  createdAt: Date;
}

export class XlsxTableWriter implements TableWriter {
  private readonly zip = new ZipFile();
  private readonly sheet = new PassThrough();
  private readonly refs: string[];
  private readonly sheetName: string;
  private pending = '';
  /** Rows written so far, the header included. */
  private rows = 0;

  constructor(
    private readonly columns: readonly ExportColumn[],
    private readonly options: XlsxOptions,
  ) {
    this.refs = columns.map((_, i) => columnLetters(i));
    this.sheetName = safeSheetName(options.sheetName);
    const mtime = options.createdAt;
    const add = (path: string, xml: string) => this.zip.addBuffer(Buffer.from(xml, 'utf8'), path, { mtime });
    add('[Content_Types].xml', contentTypesXml());
    add('_rels/.rels', rootRelsXml());
    add('docProps/core.xml', corePropsXml(options));
    add('docProps/app.xml', appPropsXml());
    add('xl/_rels/workbook.xml.rels', workbookRelsXml());
    add('xl/styles.xml', stylesXml());
    this.zip.addReadStream(this.sheet, 'xl/worksheets/sheet1.xml', { mtime, compress: true });
    this.pending =
      sheetStartXml(columns) +
      this.rowXml(
        columns.map((c) => c.header),
        true,
      );
  }

  /** The .xlsx file's bytes. */
  get output(): Readable {
    // yazl's output is a PassThrough; its typings only promise a NodeJS.ReadableStream.
    return this.zip.outputStream as Readable;
  }

  async writeRow(row: ExportRow): Promise<void> {
    this.pending += this.rowXml(row, false);
    if (this.pending.length >= CHUNK_CHARS) await this.flush();
  }

  async finish(): Promise<void> {
    const lastColumn = this.refs[this.refs.length - 1];
    const range = `A1:${lastColumn}${this.rows}`;
    this.pending += `</sheetData><autoFilter ref="${range}"/>`;
    this.pending +=
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
    this.pending += '</worksheet>';
    await this.flush();
    this.sheet.end();
    const mtime = this.options.createdAt;
    const filterRange = `'${this.sheetName.replace(/'/g, "''")}'!$A$1:$${lastColumn}$${this.rows}`;
    this.zip.addBuffer(Buffer.from(workbookXml(this.sheetName, filterRange), 'utf8'), 'xl/workbook.xml', {
      mtime,
    });
    this.zip.end();
  }

  abort(error: Error): void {
    // Whoever reads the output sees the error; these listeners only keep it from being "unhandled" elsewhere.
    const ignore = () => undefined;
    this.zip.on('error', ignore);
    this.sheet.on('error', ignore);
    this.output.on('error', ignore);
    this.sheet.destroy(error);
    this.output.destroy(error);
  }

  private async flush(): Promise<void> {
    if (!this.pending) return;
    const ok = this.sheet.write(Buffer.from(this.pending, 'utf8'));
    this.pending = '';
    if (!ok) await drained(this.sheet);
  }

  private rowXml(row: ExportRow, header: boolean): string {
    const r = ++this.rows;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < this.columns.length; i++) {
      const cell = row[i] ?? null;
      if (cell === null || cell === '') continue;
      const ref = `${this.refs[i]}${r}`;
      xml += header ? textCell(ref, String(cell), STYLE.header) : this.cellXml(ref, cell, this.columns[i]);
    }
    return `${xml}</row>`;
  }

  private cellXml(ref: string, cell: Exclude<ExportCell, null>, column: ExportColumn): string {
    switch (column.type) {
      case 'integer':
        return numberCell(ref, cell, STYLE.integer);
      case 'number':
        return numberCell(ref, cell, STYLE.default);
      case 'percent':
        return numberCell(ref, cell, STYLE.percent);
      case 'date': {
        const day = typeof cell === 'string' ? parseDay(cell) : null;
        if (!day) return textCell(ref, String(cell), STYLE.default);
        return numberCell(
          ref,
          Date.UTC(day[0], day[1] - 1, day[2]) / MS_PER_DAY + EPOCH_OFFSET_DAYS,
          STYLE.date,
        );
      }
      case 'datetime': {
        const instant = cell instanceof Date ? cell : new Date(String(cell));
        if (Number.isNaN(instant.getTime())) return textCell(ref, String(cell), STYLE.default);
        return numberCell(ref, instant.getTime() / MS_PER_DAY + EPOCH_OFFSET_DAYS, STYLE.datetime);
      }
      case 'text':
        return textCell(ref, cell instanceof Date ? cell.toISOString() : String(cell), STYLE.default);
    }
  }
}

function numberCell(ref: string, value: Exclude<ExportCell, null>, style: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return textCell(ref, String(value), STYLE.default);
  return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>`;
}

function textCell(ref: string, text: string, style: number): string {
  const safe = neutraliseFormula(text).slice(0, MAX_CELL_CHARS);
  const space = /^\s|\s$/.test(safe) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t${space}>${xmlText(safe)}</t></is></c>`;
}

/** A..Z, AA..AZ, … for a zero-based column index. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

// Characters XML 1.0 does not allow (control characters other than TAB, LF, CR; lone surrogates; FFFE/FFFF).
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content for XML: invalid characters dropped, markup escaped, CR kept as a character reference. */
export function xmlText(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[\\/?*[\]:]/g, ' ')
    .trim()
    .slice(0, 31);
  return cleaned || 'Sheet1';
}

function sheetStartXml(columns: readonly ExportColumn[]): string {
  const cols = columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? DEFAULT_WIDTH[c.type]}" customWidth="1"/>`,
    )
    .join('');
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0">' +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
    '</sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${cols}</cols><sheetData>`
  );
}

function workbookXml(sheetName: string, filterRange: string): string {
  return (
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    '<bookViews><workbookView/></bookViews>' +
    `<sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets>` +
    `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${xmlText(filterRange)}</definedName></definedNames>` +
    '</workbook>'
  );
}

function workbookRelsXml(): string {
  return (
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
    `<Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/>` +
    '</Relationships>'
  );
}

function rootRelsXml(): string {
  return (
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
    '</Relationships>'
  );
}

function contentTypesXml(): string {
  const ct = 'application/vnd.openxmlformats-officedocument';
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/>` +
    '</Types>'
  );
}

function corePropsXml(options: XlsxOptions): string {
  const when = options.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(options.title)}</dc:title><dc:creator>${xmlText(options.creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    '</cp:coreProperties>'
  );
}

function appPropsXml(): string {
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
    '<Application>Brevet</Application></Properties>'
  );
}

function stylesXml(): string {
  const xf = (numFmt: number, extra = '') =>
    `<xf numFmtId="${numFmt}" fontId="0" fillId="0" borderId="0" xfId="0"${numFmt ? ' applyNumberFormat="1"' : ''}${extra}/>`;
  return (
    `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
    '<numFmts count="3">' +
    '<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>' +
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/>' +
    '<numFmt numFmtId="166" formatCode="0.0%"/>' +
    '</numFmts>' +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF5"/><bgColor indexed="64"/></patternFill></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="6">' +
    xf(0) +
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>' +
    xf(164) +
    xf(165) +
    xf(166) +
    xf(1) +
    '</cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}
