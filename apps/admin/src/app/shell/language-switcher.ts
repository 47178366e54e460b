import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { AuthStore } from '../core/auth';
import { I18n, LANGUAGES, TranslatePipe, isLanguage, type TranslationKey } from '../core/i18n';

/** EN | DE toggle in the top bar. The choice is remembered on the device and on the person's record. */
@Component({
  selector: 'bv-language-switcher',
  imports: [MatButtonToggleModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      hideSingleSelectionIndicator
      [attr.aria-label]="'app.language' | t"
      [value]="i18n.language()"
      (change)="select($event.value)"
    >
      @for (option of options; track option.language) {
        <mat-button-toggle
          [value]="option.language"
          [attr.lang]="option.language"
          [aria-label]="option.name | t"
        >
          {{ option.language.toUpperCase() }}
        </mat-button-toggle>
      }
    </mat-button-toggle-group>
  `,
  styles: `
    :host {
      --mat-button-toggle-height: 32px;
      --mat-button-toggle-shape: 8px;
      --mat-button-toggle-label-text-size: 13px;
      --mat-button-toggle-label-text-weight: 600;
    }
  `,
})
export class LanguageSwitcher {
  protected readonly i18n = inject(I18n);
  private readonly auth = inject(AuthStore);
  protected readonly options = LANGUAGES.map((language) => ({
    language,
    name: `languages.${language}` as const satisfies TranslationKey,
  }));

  protected select(value: unknown): void {
    if (isLanguage(value)) void this.auth.chooseLanguage(value);
  }
}
