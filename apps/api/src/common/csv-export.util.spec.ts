import { CSV_BOM, csvCell, csvDocument, csvRow, type CsvValue } from './csv-export.util';

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('csvCell', () => {
  it.each<[string, CsvValue, string]>([
    ['plain text', 'Anna Muster', 'Anna Muster'],
    ['umlauts', 'Jürgen Weiß', 'Jürgen Weiß'],
    ['empty text', '', ''],
    ['null', null, ''],
    ['undefined', undefined, ''],
    ['a number', 42, '42'],
    ['a negative number (a number, not text)', -3.5, '-3.5'],
    ['a non-finite number', Number.NaN, ''],
    ['a boolean', true, 'true'],
    ['a comma', 'Muster, Anna', '"Muster, Anna"'],
    ['a quote', 'the "best"', '"the ""best"""'],
    ['a line feed', 'a\nb', '"a\nb"'],
    ['a carriage return inside', 'a\rb', '"a\rb"'],
    ['a semicolon with the default delimiter', 'a;b', 'a;b'],
  ])('writes %s', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['=', '=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+', '+1+1', "'+1+1"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['TAB', '\t=1+1', "'\t=1+1"],
    ['CR', '\r=1+1', `"'\r=1+1"`],
  ])('neutralises a text cell starting with %s', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves a formula character that is not at the start alone', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('user@example.com')).toBe('user@example.com');
  });

  it('quotes for the delimiter in use', () => {
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a,b', ';')).toBe('a,b');
  });
});

describe('csvRow', () => {
  it('joins cells and ends with CRLF', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
    expect(csvRow(['a', 'b'], ';')).toBe('a;b\r\n');
  });
});

describe('csvDocument', () => {
  it('starts with the BOM and the header, then the rows', async () => {
    const text = (
      await collect(
        csvDocument(
          ['x', 'y'],
          from([
            ['1', 2],
            ['=3', null],
          ]),
        ),
      )
    ).join('');
    expect(text).toBe(`${CSV_BOM}x,y\r\n1,2\r\n'=3,\r\n`);
  });

  it('can leave out the BOM', async () => {
    const text = (await collect(csvDocument(['x'], from([['1']]), { bom: false }))).join('');
    expect(text).toBe('x\r\n1\r\n');
  });

  it('hands rows on in chunks, pulling rows only as chunks are wanted', async () => {
    let pulled = 0;
    async function* rows(): AsyncGenerator<CsvValue[]> {
      for (let i = 0; i < 1_000; i += 1) {
        pulled += 1;
        yield ['row', i];
      }
    }
    const iterator = csvDocument(['name', 'n'], rows(), { chunkChars: 100 })[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect((first.value as string).length).toBeGreaterThanOrEqual(100);
    expect(pulled).toBeLessThan(20);
    const rest: string[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(next.value);
    const text = (first.value as string) + rest.join('');
    expect(text.split('\r\n')).toHaveLength(1_000 + 2);
    expect(pulled).toBe(1_000);
  });
});
