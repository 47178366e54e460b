import {
  CsvReader,
  CsvSyntaxError,
  detectDelimiter,
  EncodingSniffer,
  incompleteUtf8Tail,
  chunkDecoderFor,
  type CsvRecord,
} from './hr-csv.util';

/** Feeds `text` to a reader in pieces of `size` characters, as chunks would arrive. */
function readAll(text: string, delimiter = ',', size = text.length || 1): CsvRecord[] {
  const reader = new CsvReader(delimiter);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) out.push(...reader.push(text.slice(i, i + size)));
  out.push(...reader.end());
  return out;
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const sniff = (...chunks: Buffer[]) => {
  const s = new EncodingSniffer();
  chunks.forEach((c) => s.push(c));
  return s.result();
};

describe('EncodingSniffer', () => {
  const umlauts = 'Jörg;Müller;Straße;Ärger';

  it.each([
    ['plain ASCII', Buffer.from('a;b\r\n1;2'), 'utf-8'],
    ['UTF-8 umlauts', Buffer.from(umlauts, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(umlauts)]), 'utf-8-bom'],
    ['Windows-1252 umlauts', Buffer.from(umlauts, 'latin1'), 'windows-1252'],
    ['UTF-16 LE with BOM', Buffer.from([0xff, 0xfe, 0x61, 0x00]), 'utf-16'],
    ['a truncated UTF-8 sequence at the end', Buffer.from([0x61, 0xc3]), 'windows-1252'],
  ])('%s → %s', (_label, bytes, expected) => {
    expect(sniff(bytes)).toBe(expected);
  });

  it('accepts a UTF-8 character split across two chunks, and sees a BOM split across chunks', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('xü€😀y')]);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(sniff(bytes.subarray(0, cut), bytes.subarray(cut))).toBe('utf-8-bom');
    }
  });

  it('finds a Windows-1252 byte deep in a large file', () => {
    expect(sniff(Buffer.alloc(100_000, 0x61), Buffer.from('Größe', 'latin1'), Buffer.alloc(10, 0x61))).toBe(
      'windows-1252',
    );
  });

  it('measures incomplete UTF-8 tails', () => {
    expect(incompleteUtf8Tail(Buffer.from('ab'))).toBe(0);
    expect(incompleteUtf8Tail(Buffer.from([0x61, 0xc3]))).toBe(1);
    expect(incompleteUtf8Tail(Buffer.from([0x61, 0xe2, 0x82]))).toBe(2);
    expect(incompleteUtf8Tail(Buffer.from('€'))).toBe(0);
  });
});

describe('chunkDecoderFor', () => {
  it('decodes Windows-1252 umlauts and the euro sign', () => {
    const bytes = Buffer.from([0xc4, 0xd6, 0xdc, 0xe4, 0xf6, 0xfc, 0xdf, 0x80]);
    expect(chunkDecoderFor('windows-1252').decode(bytes)).toBe('ÄÖÜäöüß€');
    const quotes = Buffer.from([0x84, 0x93, 0x96, 0x99, 0x9f, 0x81]);
    expect(chunkDecoderFor('windows-1252').decode(quotes)).toBe('„“–™Ÿ\u0081');
  });

  it('drops the UTF-8 byte-order mark and joins characters split across chunks', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Müller')]);
    const decoder = chunkDecoderFor('utf-8-bom');
    const text = decoder.decode(bytes.subarray(0, 5)) + decoder.decode(bytes.subarray(5)) + decoder.end();
    expect(text).toBe('Müller');
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['Personalnummer;Vorname;Nachname', ';'],
    ['employee_number,given_name,family_name', ','],
    ['employee_number\tgiven_name\tfamily_name', '\t'],
    ['"Name, full";Vorname;Nachname', ';'],
    ['"a;b;c;d",x,y', ','],
    ['single', ','],
    ['a;b,c\r\n1,2,3,4,5,6', ';'],
  ])('%j → %j', (line, expected) => {
    expect(detectDelimiter(line)).toBe(expected);
  });
});

describe('CsvReader', () => {
  it('reads simple records with CRLF, LF and a missing final line break', () => {
    expect(readAll('a,b\r\n1,2\n3,4').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps delimiters, doubled quotes and line breaks inside quoted cells, counting spreadsheet rows', () => {
    const records = readAll('h1;h2\r\n"a;b";"say ""hi"""\r\n"line 1\r\nline 2";x\r\nlast;y\r\n', ';');
    expect(records).toEqual([
      { row: 1, fields: ['h1', 'h2'] },
      { row: 2, fields: ['a;b', 'say "hi"'] },
      { row: 3, fields: ['line 1\r\nline 2', 'x'] },
      { row: 4, fields: ['last', 'y'] },
    ]);
  });

  it('gives the same records whatever the chunk size', () => {
    const text = 'h1;h2;h3\r\n"a\r\n""b""";c;\r\n\r\n;;\r\nx;"y";z\r\n"q";"";\r';
    const whole = readAll(text, ';');
    for (let size = 1; size <= text.length; size++) expect(readAll(text, ';', size)).toEqual(whole);
    expect(whole.map((r) => r.fields)).toEqual([
      ['h1', 'h2', 'h3'],
      ['a\r\n"b"', 'c', ''],
      [''],
      ['', '', ''],
      ['x', 'y', 'z'],
      ['q', '', ''],
    ]);
  });

  it('counts blank lines as rows', () => {
    expect(readAll('h\n\nx\n').map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it('keeps a quote inside an unquoted cell as text', () => {
    expect(readAll('a,12" screen,b').map((r) => r.fields)).toEqual([['a', '12" screen', 'b']]);
  });

  it('reports text after a closing quote on its row and carries on with the next line', () => {
    const records = readAll('h1;h2\n"bad"x;1\nok;2\n', ';');
    expect(records.map((r) => [r.row, r.error ? 'error' : r.fields])).toEqual([
      [1, ['h1', 'h2']],
      [2, 'error'],
      [3, ['ok', '2']],
    ]);
    expect(records[1].error).toContain('closing quote');
  });

  it('throws with the row where an unclosed quote starts', () => {
    const reader = new CsvReader(';');
    expect(reader.push('h1;h2\nok;1\n"never closed;2\nmore\n')).toHaveLength(2);
    const thrown = catchError(() => reader.end());
    expect(thrown).toBeInstanceOf(CsvSyntaxError);
    expect((thrown as CsvSyntaxError).row).toBe(3);
  });

  it('refuses a record longer than the limit instead of buffering the rest of the file', () => {
    const reader = new CsvReader(',', 100);
    reader.push('h\n"unclosed');
    expect(() => reader.push('x'.repeat(200))).toThrow(/row 2 is longer than/i);
  });
});
