import { defaultLocaleFor, isSiteLocale } from './locale';

describe('defaultLocaleFor', () => {
  it.each([
    ['DE', 'de-DE'],
    ['AT', 'de-AT'],
    ['CH', 'de-CH'],
    ['PL', 'pl-PL'],
    ['GB', 'en-GB'],
    ['JP', 'en-JP'],
  ])('%s → %s', (country, locale) => expect(defaultLocaleFor(country)).toBe(locale));
});

describe('isSiteLocale', () => {
  it.each(['de-DE', 'fr-CH', 'sr-Latn-RS'])('accepts %s', (l) => expect(isSiteLocale(l)).toBe(true));
  it.each(['de', 'DE-de', 'de_DE', 'english', '', 'de-DE-x-private'])('rejects %j', (l) =>
    expect(isSiteLocale(l)).toBe(false),
  );
});
