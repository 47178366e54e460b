import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslatePipe } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';

/** A labelled value to paste elsewhere, with a copy button. */
@Component({
  selector: 'bv-copy-field',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="label">{{ label() }}</span>
    <div class="row">
      <code class="value">{{ value() }}</code>
      <button
        type="button"
        mat-icon-button
        [attr.aria-label]="'sso.copy' | t: { what: label() }"
        [matTooltip]="'sso.copy' | t: { what: label() }"
        (click)="copy()"
      >
        <mat-icon svgIcon="contentCopy" aria-hidden="true" />
      </button>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }

    .label {
      display: block;
      margin-top: 8px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-large);
    }

    .row {
      display: flex;
      align-items: center;
      gap: 4px;
    }

    .value {
      flex: 1;
      min-width: 0;
      padding: 8px 10px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      font-family: ui-monospace, 'DejaVu Sans Mono', monospace;
      font-size: 13px;
      overflow-wrap: anywhere;
    }
  `,
})
export class CopyField {
  private readonly clipboard = inject(Clipboard);
  private readonly notifier = inject(Notifier);
  readonly label = input.required<string>();
  readonly value = input.required<string>();

  protected copy(): void {
    if (this.clipboard.copy(this.value())) this.notifier.info('sso.copied', { what: this.label() });
    else this.notifier.info('sso.copyFailed');
  }
}
