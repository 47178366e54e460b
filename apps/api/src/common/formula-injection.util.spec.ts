import { neutraliseFormula, startsLikeFormula } from './formula-injection.util';

describe('neutraliseFormula', () => {
  it.each([
    ['=', '=HYPERLINK("http://evil.example","x")'],
    ['+', '+49 30 1234'],
    ['-', '-1+2'],
    ['@', '@SUM(A1:A9)'],
    ['TAB', '\t=1+1'],
    ['CR', '\r=1+1'],
  ])('puts a quote before text starting with %s', (_name, text) => {
    expect(startsLikeFormula(text)).toBe(true);
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each([
    ['plain text', 'Anna Müller'],
    ['a formula character later on', 'a=b'],
    ['an email address', 'anna@example.com'],
    ['a line feed at the start (not a formula trigger)', '\nabc'],
    ['a space before =', ' =1+1'],
    ['empty text', ''],
    ['already quoted text', "'=1"],
  ])('leaves %s alone', (_name, text) => {
    expect(startsLikeFormula(text)).toBe(false);
    expect(neutraliseFormula(text)).toBe(text);
  });
});
