import { defaultLocaleFor } from '@brevet/domain';

/**
 * Countries offered in the branch form, with the IANA time zones suggested for each (most common first).
 * Country names come from `Intl.DisplayNames` in the current language, so they need no translation.
 */
export const COUNTRY_TIME_ZONES: Readonly<Record<string, readonly string[]>> = {
  AT: ['Europe/Vienna'],
  BE: ['Europe/Brussels'],
  CH: ['Europe/Zurich'],
  CZ: ['Europe/Prague'],
  DE: ['Europe/Berlin'],
  DK: ['Europe/Copenhagen'],
  ES: ['Europe/Madrid', 'Atlantic/Canary'],
  FR: ['Europe/Paris'],
  GB: ['Europe/London'],
  HU: ['Europe/Budapest'],
  IT: ['Europe/Rome'],
  LI: ['Europe/Vaduz'],
  LU: ['Europe/Luxembourg'],
  NL: ['Europe/Amsterdam'],
  PL: ['Europe/Warsaw'],
  PT: ['Europe/Lisbon', 'Atlantic/Azores'],
  SE: ['Europe/Stockholm'],
  SI: ['Europe/Ljubljana'],
  SK: ['Europe/Bratislava'],
  US: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
};

export const COUNTRY_CODES = Object.keys(COUNTRY_TIME_ZONES);

export function suggestedTimeZones(country: string): readonly string[] {
  return COUNTRY_TIME_ZONES[country] ?? [];
}

/** Every IANA zone this browser knows, plus UTC. */
export const ALL_TIME_ZONES: readonly string[] = [
  'UTC',
  ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC'),
];

/** Further locales used in multilingual countries, after the country's main one. */
const OTHER_LOCALES: Readonly<Record<string, readonly string[]>> = {
  BE: ['fr-BE', 'de-BE'],
  CH: ['fr-CH', 'it-CH'],
  LU: ['fr-LU', 'de-LU'],
  US: ['es-US'],
};

/** Locales to suggest for a branch in `country`: its main locale first, then others spoken there, then English. */
export function suggestedLocales(country: string): string[] {
  if (!country) return [];
  return [...new Set([defaultLocaleFor(country), ...(OTHER_LOCALES[country] ?? []), `en-${country}`])];
}
