import type { en } from './en';

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A plural entry: one text per `Intl.PluralRules` category, `other` always present. */
export type PluralForms = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

type Dictionary<T> = {
  [K in keyof T]: T[K] extends string ? string : Dictionary<T[K]>;
};

/** The shape every language must have: the English dictionary with plain `string` leaves. */
export type Translations = Dictionary<typeof en>;

type KeyPaths<T> = {
  [K in keyof T & string]: T[K] extends string
    ? K
    : T[K] extends { other: string }
      ? K
      : `${K}.${KeyPaths<T[K]>}`;
}[keyof T & string];

/** Every valid argument of `t()`, e.g. `'branches.title'` or the plural `'branches.total'`. */
export type TranslationKey = KeyPaths<typeof en>;

export type TranslationParams = Readonly<Record<string, string | number>>;
