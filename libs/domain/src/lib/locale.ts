const MAIN_LANGUAGE: Record<string, string> = {
  AT: 'de',
  BE: 'nl',
  BG: 'bg',
  CH: 'de',
  CY: 'el',
  CZ: 'cs',
  DE: 'de',
  DK: 'da',
  EE: 'et',
  ES: 'es',
  FI: 'fi',
  FR: 'fr',
  GB: 'en',
  GR: 'el',
  HR: 'hr',
  HU: 'hu',
  IE: 'en',
  IT: 'it',
  LI: 'de',
  LT: 'lt',
  LU: 'lb',
  LV: 'lv',
  MT: 'mt',
  NL: 'nl',
  NO: 'nb',
  PL: 'pl',
  PT: 'pt',
  RO: 'ro',
  SE: 'sv',
  SI: 'sl',
  SK: 'sk',
  US: 'en',
};

/** The locale a site in `country` uses by default, e.g. `de-AT`; English for countries not listed. */
export function defaultLocaleFor(country: string): string {
  return `${MAIN_LANGUAGE[country] ?? 'en'}-${country}`;
}

const LOCALE_SHAPE = /^[a-z]{2,3}(-[A-Z][a-z]{3})?-[A-Z]{2}$/;

/** A BCP 47 locale with language and region, such as `de-CH` or `sr-Latn-RS`. */
export function isSiteLocale(value: string): boolean {
  if (!LOCALE_SHAPE.test(value)) return false;
  try {
    return Intl.getCanonicalLocales(value)[0] === value;
  } catch {
    return false;
  }
}
