import { DOCUMENT } from '@angular/common';
import { Injectable, effect, inject, signal } from '@angular/core';
import {
  LANGUAGES,
  type Language,
  type PluralForms,
  type TranslationKey,
  type TranslationParams,
  type Translations,
} from './translations';

/**
 * Every language is a separate chunk, English included (it is the source dictionary and the fallback, but
 * at 100+ kB it does not belong in the initial bundle). The app loads the initial language before the first
 * render (`ready`, awaited by the app initializer), so nobody sees keys instead of texts; a German user never
 * downloads English.
 */
const LOADERS: Record<Language, () => Promise<Translations>> = {
  en: () => import('./en').then((module) => module.en),
  de: () => import('./de').then((module) => module.de),
};
const STORAGE_KEY = 'brevet.language';

/**
 * A deliberately small runtime i18n: a signal for the current language, `t()` for lookups with `{name}`
 * interpolation and plurals, and Intl-based formatting. Reading `t()` inside a template, `computed()` or
 * `effect()` tracks the language, so views update when it changes.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly storage = safeLocalStorage(this.document);
  private readonly current = signal<Language>(this.initialLanguage());
  private readonly dictionaries = signal<Partial<Record<Language, Translations>>>({});
  private readonly intlCache = new Map<string, unknown>();
  private readonly picked = signal(isLanguage(this.storage?.getItem(STORAGE_KEY)));

  readonly language = this.current.asReadonly();
  /**
   * Whether the user picked a language on this device. Their pick beats the language of their account,
   * which beats the browser's.
   */
  readonly chosen = this.picked.asReadonly();
  /** Resolves once the initial language is ready; the app waits for it before the first render. */
  readonly ready: Promise<void> = this.use(this.current());

  constructor() {
    effect(() => {
      this.document.documentElement.lang = this.current();
    });
  }

  /** The user's own pick (the language switcher): switches and remembers it on this device. */
  async choose(language: Language): Promise<void> {
    this.storage?.setItem(STORAGE_KEY, language);
    this.picked.set(true);
    await this.use(language);
  }

  /** Switches the language once its dictionary is loaded (at once when it already is). Not remembered. */
  async use(language: Language): Promise<void> {
    if (await this.load(language)) {
      this.current.set(language);
      return;
    }
    // Offline after a deploy, say: keep (or fall back to) a language whose texts are here.
    if (!this.dictionaries()[this.current()] && language !== 'en' && (await this.load('en'))) {
      this.current.set('en');
    }
  }

  t(key: TranslationKey, params?: TranslationParams): string {
    const language = this.current();
    const dictionary = this.dictionaries()[language];
    // Only before `ready` (nothing renders then) or when no dictionary could be loaded at all.
    if (!dictionary) return key;
    const entry = lookup(dictionary, key);
    if (entry === undefined) return key;
    const text =
      typeof entry === 'string'
        ? entry
        : (entry[this.pluralRules(language).select(Number(params?.['count'] ?? 0))] ?? entry.other);
    return params ? this.interpolate(text, params) : text;
  }

  number(value: number): string {
    const language = this.current();
    return this.cached(`number:${language}`, () => new Intl.NumberFormat(language)).format(value);
  }

  dateTime(value: string | Date, options: Intl.DateTimeFormatOptions = DEFAULT_DATE_TIME): string {
    const language = this.current();
    const format = this.cached(
      `date:${language}:${JSON.stringify(options)}`,
      () => new Intl.DateTimeFormat(language, options),
    );
    return format.format(new Date(value));
  }

  date(value: string | Date): string {
    return this.dateTime(value, { dateStyle: 'medium' });
  }

  /**
   * A calendar day as the API sends it (`2024-03-01`), e.g. "1 Mar 2024". Formatted in UTC so that no
   * time zone can shift it to the day before.
   */
  day(isoDay: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
    return this.dateTime(`${isoDay}T00:00:00Z`, { ...options, timeZone: 'UTC' });
  }

  /** A name kept per UI language (job roles), in the current language; English when one is missing. */
  localized(names: Readonly<Partial<Record<Language, string>>>): string {
    return names[this.current()] || names.en || Object.values(names).find(Boolean) || '';
  }

  /** "240 B", "1.2 MB": sizes of uploaded files. */
  fileSize(bytes: number): string {
    const language = this.current();
    const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit += 1;
    }
    const format = this.cached(
      `size:${language}:${unit}`,
      () =>
        new Intl.NumberFormat(language, {
          style: 'unit',
          unit: units[unit],
          unitDisplay: unit === 0 ? 'long' : 'short',
          maximumFractionDigits: unit === 0 ? 0 : 1,
        }),
    );
    return format.format(value);
  }

  /** Names of languages and locales in the current language, e.g. `de-AT` → "Austrian German". */
  languageNames(): Intl.DisplayNames {
    const language = this.current();
    return this.cached(`language:${language}`, () => new Intl.DisplayNames([language], { type: 'language' }));
  }

  /** The name of an ISO 3166-1 country code in the current language, e.g. `DE` → "Germany". */
  countryName(code: string): string {
    const language = this.current();
    const names = this.cached(
      `region:${language}`,
      () => new Intl.DisplayNames([language], { type: 'region' }),
    );
    return names.of(code) ?? code;
  }

  /** Loads a language's dictionary once; false when its chunk cannot be fetched. */
  private async load(language: Language): Promise<boolean> {
    if (this.dictionaries()[language]) return true;
    try {
      const dictionary = await LOADERS[language]();
      this.dictionaries.update((loaded) => ({ ...loaded, [language]: dictionary }));
      return true;
    } catch {
      return false;
    }
  }

  private pluralRules(language: Language): Intl.PluralRules {
    return this.cached(`plural:${language}`, () => new Intl.PluralRules(language));
  }

  /** Intl objects are costly to build and templates format on every check, so each is built once. */
  private cached<T>(key: string, create: () => T): T {
    let value = this.intlCache.get(key) as T | undefined;
    if (value === undefined) {
      value = create();
      this.intlCache.set(key, value);
    }
    return value;
  }

  private interpolate(text: string, params: TranslationParams): string {
    return text.replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = params[name];
      if (value === undefined) return match;
      return typeof value === 'number' ? this.number(value) : value;
    });
  }

  private initialLanguage(): Language {
    const stored = this.storage?.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
    const preferred = this.document.defaultView?.navigator.language ?? 'en';
    return preferred.toLowerCase().startsWith('de') ? 'de' : 'en';
  }
}

const DEFAULT_DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function lookup(dictionary: Translations, key: string): string | PluralForms | undefined {
  let node: unknown = dictionary;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && node !== null && 'other' in node) return node as PluralForms;
  return undefined;
}

function safeLocalStorage(document: Document): Storage | null {
  try {
    return document.defaultView?.localStorage ?? null;
  } catch {
    return null; // blocked by privacy settings: the choice is simply not remembered
  }
}
