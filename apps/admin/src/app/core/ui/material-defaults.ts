import type { Provider } from '@angular/core';
import {
  MAT_FORM_FIELD_DEFAULT_OPTIONS,
  type MatFormFieldDefaultOptions,
} from '@angular/material/form-field';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { TranslatedPaginatorIntl } from '../i18n/translated-paginator-intl';

/**
 * Material settings for feature routes. Provided per lazy route rather than in `app.config.ts` so that
 * form-field and paginator code stays out of the initial bundle.
 */
export function provideMaterialDefaults(): Provider[] {
  return [
    { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl },
    {
      provide: MAT_FORM_FIELD_DEFAULT_OPTIONS,
      useValue: { appearance: 'outline', subscriptSizing: 'dynamic' } satisfies MatFormFieldDefaultOptions,
    },
  ];
}
