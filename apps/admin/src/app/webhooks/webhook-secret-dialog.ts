import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { I18n, TranslatePipe } from '../core/i18n';
import { CopyField } from '../sso/copy-field';

export interface WebhookSecretDialogData {
  secret: string;
  url: string;
}

/** Shows an endpoint's new secret once, with a copy button. It cannot be shown again. */
@Component({
  selector: 'bv-webhook-secret-dialog',
  imports: [CopyField, MatButtonModule, MatDialogModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'webhooks.secretDialog.title' | t }}</h2>
    <mat-dialog-content>
      <p class="bv-callout warning" role="note">
        <mat-icon svgIcon="warning" aria-hidden="true" />
        {{ 'webhooks.secretDialog.once' | t }}
      </p>
      <p class="url">{{ data.url }}</p>
      <bv-copy-field
        [label]="i18n.t('webhooks.secretDialog.label')"
        [value]="data.secret"
        data-testid="webhook-secret"
      />
      <p class="bv-muted">{{ 'webhooks.secretDialog.verify' | t }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button type="button" mat-flat-button mat-dialog-close cdkFocusInitial>
        {{ 'webhooks.secretDialog.done' | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .url {
      overflow-wrap: anywhere;
      font: var(--mat-sys-body-medium);
    }
    p {
      max-width: 60ch;
    }
  `,
})
export class WebhookSecretDialog {
  protected readonly data = inject<WebhookSecretDialogData>(MAT_DIALOG_DATA);
  protected readonly i18n = inject(I18n);
}
