export { I18n, isLanguage } from './i18n';
export { TranslatePipe } from './translate.pipe';
export { LANGUAGES } from './translations';
export type { Language, TranslationKey, TranslationParams, Translations } from './translations';
