import { CsvTableWriter, csvTableCell, csvTableRow } from './csv-table.writer';
import type { ExportColumn } from './export-table';

const col = (type: ExportColumn['type']): ExportColumn => ({ header: 'h', type });

async function written(writer: CsvTableWriter): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const reading = (async () => {
    for await (const chunk of writer.output) chunks.push(chunk as Buffer);
  })();
  return reading.then(() => Buffer.concat(chunks));
}

describe('csvTableCell', () => {
  it.each<[string, ExportColumn['type'], string | number | Date | null, string, string]>([
    ['text with the delimiter', 'text', 'a,b', ',', '"a,b"'],
    ['text with `;` under `;`', 'text', 'a;b', ';', '"a;b"'],
    ['text with a comma under `;` (no quotes needed)', 'text', 'a,b', ';', 'a,b'],
    ['a formula', 'text', '=1+1', ',', "'=1+1"],
    ['a negative integer stays a number', 'integer', -17, ',', '-17'],
    ['a decimal under `,`', 'number', 2.5, ',', '2.5'],
    ['a decimal under `;`', 'number', 2.5, ';', '2,5'],
    ['a rate as percent', 'percent', 0.6667, ',', '66.7'],
    ['a rate as percent under `;`', 'percent', 0.6667, ';', '66,7'],
    ['a rate of nothing', 'percent', null, ',', ''],
    ['a day', 'date', '2026-11-01', ',', '2026-11-01'],
    ['an instant in UTC', 'datetime', new Date('2026-11-01T10:05:09.123Z'), ',', '2026-11-01 10:05:09'],
    ['an empty cell', 'text', null, ',', ''],
  ])('writes %s', (_name, type, value, delimiter, expected) => {
    expect(csvTableCell(value, col(type), delimiter)).toBe(expected);
  });
});

describe('CsvTableWriter', () => {
  it('writes a BOM, the header and CRLF rows, in UTF-8', async () => {
    const columns: ExportColumn[] = [
      { header: 'Name', type: 'text' },
      { header: 'Anzahl; gesamt', type: 'integer' },
    ];
    const writer = new CsvTableWriter(columns, ';');
    const bytes = written(writer);
    await writer.writeRow(['Jößl', 3]);
    await writer.writeRow(['Zoë "Z"', null]);
    await writer.finish();
    const file = await bytes;
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.subarray(3).toString('utf8')).toBe('Name;"Anzahl; gesamt"\r\nJößl;3\r\n"Zoë ""Z""";\r\n');
  });

  it('waits for a slow reader instead of buffering everything', async () => {
    const columns: ExportColumn[] = [{ header: 'x', type: 'text' }];
    const writer = new CsvTableWriter(columns);
    let waited = false;
    const long = 'x'.repeat(70 * 1024);
    const first = writer.writeRow([long]).then(() => undefined);
    const second = first.then(() => writer.writeRow([long])).then(() => (waited = true));
    await new Promise((r) => setTimeout(r, 50));
    // Nothing read yet: the second write is still waiting for the reader.
    expect(waited).toBe(false);
    const bytes = written(writer);
    await second;
    await writer.finish();
    expect((await bytes).length).toBeGreaterThan(140 * 1024);
  });

  it('csvTableRow pads missing cells', () => {
    expect(csvTableRow(['a'], [col('text'), col('integer')], ',')).toBe('a,\r\n');
  });
});
