import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AuthStore } from '../core/auth';
import { I18n, LANGUAGES, TranslatePipe, isLanguage, type TranslationKey } from '../core/i18n';

/**
 * EN | DE toggle in the top bar. The choice is remembered on the device and on the person's record.
 *
 * Native radio buttons styled as a segmented control, rather than Material's button toggle: that one is a form
 * control and would bring all of @angular/forms into the initial bundle. Native radios keep the radio group's
 * keyboard behaviour (arrow keys move and choose) for free.
 */
@Component({
  selector: 'bv-language-switcher',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="group" role="radiogroup" [attr.aria-label]="'app.language' | t">
      @for (option of options; track option.language) {
        <label class="option" [class.checked]="i18n.language() === option.language">
          <input
            type="radio"
            name="bv-language"
            [value]="option.language"
            [checked]="i18n.language() === option.language"
            [attr.aria-label]="option.name | t"
            (change)="select(option.language)"
          />
          <span [attr.lang]="option.language" aria-hidden="true">{{ option.language.toUpperCase() }}</span>
        </label>
      }
    </div>
  `,
  styles: `
    .group {
      display: inline-flex;
      overflow: hidden;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 8px;
    }

    .option {
      position: relative;
      display: inline-flex;
      align-items: center;
      height: 30px;
      padding: 0 12px;
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-label-large);
      font-size: 13px;
      font-weight: 600;
      cursor: pointer;

      & + .option {
        border-left: 1px solid var(--mat-sys-outline);
      }

      &:hover {
        background: color-mix(in srgb, var(--mat-sys-on-surface) 8%, transparent);
      }

      &.checked {
        background: var(--mat-sys-secondary-container);
        color: var(--mat-sys-on-secondary-container);
      }

      &:has(input:focus-visible) {
        outline: 2px solid var(--mat-sys-primary);
        outline-offset: -2px;
      }
    }

    /* Covers the whole segment, so a click anywhere on it is a click on the radio. */
    input {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      margin: 0;
      opacity: 0;
      cursor: pointer;
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
