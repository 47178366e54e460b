import * as ExcelJS from 'exceljs';
import type { ExportColumn, ExportRow } from './export-table';
import { columnLetters, XlsxTableWriter, xmlText } from './xlsx-table.writer';

async function book(columns: ExportColumn[], rows: ExportRow[]): Promise<ExcelJS.Worksheet> {
  const writer = new XlsxTableWriter(columns, {
    sheetName: 'Compliance: je/Person',
    title: 'Test',
    creator: 'Brevet',
    createdAt: new Date('2026-11-01T10:00:00Z'),
  });
  const chunks: Buffer[] = [];
  const reading = (async () => {
    for await (const chunk of writer.output) chunks.push(chunk as Buffer);
  })();
  for (const row of rows) await writer.writeRow(row);
  await writer.finish();
  await reading;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

describe('XlsxTableWriter (read back with exceljs)', () => {
  const columns: ExportColumn[] = [
    { header: 'Text', type: 'text' },
    { header: 'Count', type: 'integer' },
    { header: 'Share', type: 'percent' },
    { header: 'Day', type: 'date' },
    { header: 'At', type: 'datetime' },
    { header: 'Value', type: 'number' },
  ];

  it('writes typed cells, a bold frozen header and an auto-filter over every row', async () => {
    const sheet = await book(columns, [
      ['Jößl <&> "quoted"', 12, 0.875, '2026-02-28', new Date('2026-11-01T10:05:09Z'), -2.25],
      [null, null, null, null, null, null],
      ['  padded  ', 0, 0, 'not a day', null, 1e-3],
    ]);
    expect(sheet.name).toBe('Compliance  je Person');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:F4');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Text', 'Count', 'Share', 'Day', 'At', 'Value']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const r = sheet.getRow(2);
    expect(r.getCell(1).value).toBe('Jößl <&> "quoted"');
    expect(r.getCell(2).value).toBe(12);
    expect(r.getCell(3).value).toBe(0.875);
    expect(r.getCell(3).numFmt).toBe('0.0%');
    expect(r.getCell(4).value).toEqual(new Date('2026-02-28T00:00:00Z'));
    expect(r.getCell(5).value).toEqual(new Date('2026-11-01T10:05:09Z'));
    expect(r.getCell(6).value).toBe(-2.25);
    expect(sheet.getRow(3).getCell(1).value).toBeNull();
    expect(sheet.getRow(4).getCell(1).value).toBe('  padded  ');
    expect(sheet.getRow(4).getCell(4).value).toBe('not a day');
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])(
    'neutralises text starting with %j',
    async (text) => {
      const sheet = await book([{ header: 'T', type: 'text' }], [[text]]);
      const cell = sheet.getRow(2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(`'${text}`);
    },
  );

  it('keeps memory flat: a slow reader holds the writer back', async () => {
    const writer = new XlsxTableWriter([{ header: 'T', type: 'text' }], {
      sheetName: 'S',
      title: 'T',
      creator: 'C',
      createdAt: new Date(),
    });
    let written = 0;
    const pending = (async () => {
      for (;;) {
        await writer.writeRow([`${Math.random()}`.repeat(20)]);
        written++;
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    // Nobody reads the output: the writer stops well before a million rows.
    expect(written).toBeLessThan(20_000);
    writer.abort(new Error('stop'));
    await expect(pending).rejects.toThrow();
  });
});

describe('helpers', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (index, letters) => {
    expect(columnLetters(index)).toBe(letters);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlText('a<b>&"c"\u0001\uFFFE\r')).toBe('a&lt;b&gt;&amp;&quot;c&quot;&#13;');
    expect(xmlText('emoji 😀 stays')).toBe('emoji 😀 stays');
    expect(xmlText('lone \uD800 surrogate')).toBe('lone  surrogate');
  });
});
