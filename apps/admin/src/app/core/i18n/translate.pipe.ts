import { Pipe, inject, type PipeTransform } from '@angular/core';
import { I18n } from './i18n';
import type { TranslationKey, TranslationParams } from './translations';

/**
 * `{{ 'branches.title' | t }}` or `{{ 'branches.edit' | t: { name: branch.name } }}`.
 * Impure so it re-runs on every check; the language signal it reads marks the view dirty on a switch.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
