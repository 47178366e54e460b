import { DOCUMENT } from '@angular/common';
import { Injectable, effect, inject, signal } from '@angular/core';
import { de } from './de';
import { en } from './en';
import {
  LANGUAGES,
  type Language,
  type PluralForms,
  type TranslationKey,
  type TranslationParams,
  type Translations,
} from './translations';

const DICTIONARIES: Record<Language, Translations> = { en, de };
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
  private readonly intlCache = new Map<string, unknown>();

  readonly language = this.current.asReadonly();

  constructor() {
    effect(() => {
      const language = this.current();
      this.document.documentElement.lang = language;
      this.storage?.setItem(STORAGE_KEY, language);
    });
  }

  use(language: Language): void {
    this.current.set(language);
  }

  t(key: TranslationKey, params?: TranslationParams): string {
    const language = this.current();
    const entry = lookup(DICTIONARIES[language], key);
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

  /** The name of an ISO 3166-1 country code in the current language, e.g. `DE` → "Germany". */
  countryName(code: string): string {
    const language = this.current();
    const names = this.cached(
      `region:${language}`,
      () => new Intl.DisplayNames([language], { type: 'region' }),
    );
    return names.of(code) ?? code;
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
