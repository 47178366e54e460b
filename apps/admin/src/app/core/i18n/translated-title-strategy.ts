import { Injectable, effect, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, type RouterStateSnapshot } from '@angular/router';
import { I18n } from './i18n';
import type { TranslationKey } from './translations';

/** Route `title`s are translation keys; the document title follows the language: "Branches · Brevet". */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly i18n = inject(I18n);
  private readonly title = inject(Title);
  private readonly key = signal<TranslationKey | undefined>(undefined);

  constructor() {
    super();
    effect(() => {
      const key = this.key();
      const appName = this.i18n.t('app.name');
      this.title.setTitle(key ? `${this.i18n.t(key)} · ${appName}` : appName);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.key.set(this.buildTitle(snapshot) as TranslationKey | undefined);
  }
}
