import {
  decodeAuditText,
  encodeAuditField,
  encodeAuditText,
  encodeAuditValue,
  truncateText,
} from './audit-text.util';

describe('encodeAuditText', () => {
  it.each([
    ['line feed', 'a\nb', 'a\\nb'],
    ['carriage return', 'a\rb', 'a\\rb'],
    ['CRLF', 'admin\r\n2026-01-01 auth.login.succeeded', 'admin\\r\\n2026-01-01 auth.login.succeeded'],
    ['tab', 'a\tb', 'a\\tb'],
    ['NUL', 'a\u0000b', 'a\\x00b'],
    ['escape (ANSI colours)', '\u001b[31mred', '\\x1b[31mred'],
    ['DEL', 'a\u007fb', 'a\\x7fb'],
    ['NEL (C1)', 'a\u0085b', 'a\\x85b'],
    ['other C1', '\u0080\u009f', '\\x80\\x9f'],
    ['line separator', 'a\u2028b', 'a\\u2028b'],
    ['paragraph separator', 'a\u2029b', 'a\\u2029b'],
    ['right-to-left override', 'invoice\u202Efdp.exe', 'invoice\\u202efdp.exe'],
    ['isolates', '\u2066x\u2069', '\\u2066x\\u2069'],
    ['lone high surrogate', 'a\ud800b', 'a\\ud800b'],
    ['lone low surrogate', 'a\udc00b', 'a\\udc00b'],
    ['backslash', 'CORP\\anna', 'CORP\\\\anna'],
    ['a literal backslash-n', 'a\\nb', 'a\\\\nb'],
  ])('makes %s visible', (_name, input, expected) => {
    expect(encodeAuditText(input)).toBe(expected);
  });

  it.each([
    ['plain ASCII', 'Anna Muster <anna@example.com>'],
    ['umlauts and accents', 'Jürgen Weiß, Łukasz Wróbel, Zoë'],
    ['emoji (a surrogate pair)', 'ok 👍'],
    ['CJK', '山田太郎'],
    ['an empty string', ''],
  ])('leaves %s as it is', (_name, input) => {
    expect(encodeAuditText(input)).toBe(input);
  });

  it('never leaves a line break or any other control character in its output', () => {
    let all = '';
    for (let c = 0; c <= 0xffff; c += 1) all += String.fromCharCode(c);
    const encoded = encodeAuditText(all);
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(encoded).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    // No unpaired surrogates either: it converts to UTF-8 and back unchanged.
    expect(Buffer.from(encoded, 'utf8').toString('utf8')).toBe(encoded);
  });

  it('can be read back exactly, so different inputs never look the same', () => {
    const inputs = ['a\nb', 'a\\nb', 'a\\\nb', '\\x00', '\u0000', 'x\ud800y', 'é\u2028\t\r', 'CORP\\anna'];
    for (const input of inputs) expect(decodeAuditText(encodeAuditText(input))).toBe(input);
    expect(new Set(inputs.map(encodeAuditText)).size).toBe(inputs.length);
  });
});

describe('truncateText', () => {
  it('keeps short text and cuts long text by code points, marking the cut', () => {
    expect(truncateText('abc', 3)).toBe('abc');
    expect(truncateText('abcdef', 4)).toBe('abc…');
  });

  it('never splits a surrogate pair', () => {
    expect(truncateText('👍👍👍', 2)).toBe('👍…');
    expect(truncateText('👍👍', 2)).toBe('👍👍');
  });
});

describe('encodeAuditField', () => {
  it('turns absent and empty values into null', () => {
    expect(encodeAuditField(undefined, 10)).toBeNull();
    expect(encodeAuditField(null, 10)).toBeNull();
    expect(encodeAuditField('', 10)).toBeNull();
  });

  it('cuts, then encodes', () => {
    expect(encodeAuditField('a\nbcdef', 4)).toBe('a\\nb…');
  });
});

describe('encodeAuditValue', () => {
  it('encodes strings and keys at every depth', () => {
    const value = {
      'name\n': 'Anna\r\nMuster',
      nested: { list: ['ok', 'evil\u2028', { deep: 'x\ty' }] },
    };
    expect(encodeAuditValue(value)).toEqual({
      'name\\n': 'Anna\\r\\nMuster',
      nested: { list: ['ok', 'evil\\u2028', { deep: 'x\\ty' }] },
    });
  });

  it('converts like JSON.stringify does', () => {
    const when = new Date('2026-11-28T10:00:00.000Z');
    expect(
      encodeAuditValue({
        when,
        gone: undefined,
        fn: () => 1,
        nan: Number.NaN,
        inf: Number.POSITIVE_INFINITY,
        minusZero: -0,
        list: [undefined, () => 1, 1],
        flag: false,
        none: null,
      }),
    ).toEqual({
      when: '2026-11-28T10:00:00.000Z',
      nan: null,
      inf: null,
      minusZero: 0,
      list: [null, null, 1],
      flag: false,
      none: null,
    });
  });

  it('writes bigints as text and replaces cycles and very deep nesting with markers', () => {
    const cyclic: Record<string, unknown> = { n: 10n };
    cyclic['self'] = cyclic;
    expect(encodeAuditValue(cyclic)).toEqual({ n: '10', self: '[circular]' });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 30; i += 1) deep = [deep];
    expect(JSON.stringify(encodeAuditValue(deep))).toContain('[too deep]');
  });

  it('keeps a value that appears twice (not a cycle)', () => {
    const shared = { a: 1 };
    expect(encodeAuditValue({ x: shared, y: shared })).toEqual({ x: { a: 1 }, y: { a: 1 } });
  });

  it('cuts very long strings', () => {
    const encoded = encodeAuditValue({ text: 'x'.repeat(20_000) }) as { text: string };
    expect(encoded.text).toHaveLength(10_000);
    expect(encoded.text.endsWith('…')).toBe(true);
  });

  it('turns undefined into null at the top', () => {
    expect(encodeAuditValue(undefined)).toBeNull();
  });
});
