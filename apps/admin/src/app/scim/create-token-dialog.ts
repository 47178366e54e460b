import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { CreatedScimToken, ScimTokenSummary } from '@brevet/contracts';
import { finalize } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { CopyField } from '../sso/copy-field';
import { ScimApi } from './scim-api';

/** At most this many characters, as the API allows. */
export const TOKEN_NAME_MAX = 100;

/**
 * Creates a token in two steps: its name, then the secret, shown this once with a copy button. The secret
 * lives only in this dialog: it closes with the token's summary, and nothing else keeps the secret.
 */
@Component({
  selector: 'bv-create-scim-token-dialog',
  imports: [
    CopyField,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (created(); as created) {
      <h2 mat-dialog-title>{{ 'scim.secretDialog.title' | t }}</h2>
      <mat-dialog-content>
        <div class="bv-callout warning" role="note">
          <mat-icon svgIcon="warning" aria-hidden="true" />
          <p>{{ 'scim.secretDialog.once' | t }}</p>
        </div>
        <p class="name">{{ created.name }}</p>
        <bv-copy-field
          [label]="i18n.t('scim.secretDialog.label')"
          [value]="created.token"
          data-testid="scim-token-secret"
        />
        <p class="bv-muted">{{ 'scim.secretDialog.where' | t }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button type="button" mat-flat-button cdkFocusInitial (click)="done()">
          {{ 'scim.secretDialog.done' | t }}
        </button>
      </mat-dialog-actions>
    } @else {
      <form class="bv-dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <h2 mat-dialog-title>{{ 'scim.createDialog.title' | t }}</h2>
        <mat-dialog-content>
          <p class="intro">{{ 'scim.createDialog.intro' | t }}</p>
          <div class="bv-fields single">
            <mat-form-field>
              <mat-label>{{ 'scim.createDialog.name' | t }}</mat-label>
              <input
                matInput
                formControlName="name"
                [maxlength]="nameMax"
                cdkFocusInitial
                autocomplete="off"
              />
              <mat-hint>{{ 'scim.createDialog.nameHint' | t }}</mat-hint>
              <mat-error>{{ 'scim.createDialog.nameRequired' | t }}</mat-error>
            </mat-form-field>
          </div>
        </mat-dialog-content>
        <mat-dialog-actions align="end">
          <button type="button" mat-button mat-dialog-close>{{ 'common.cancel' | t }}</button>
          <button type="submit" mat-flat-button [disabled]="saving()">
            {{ 'scim.createDialog.create' | t }}
          </button>
        </mat-dialog-actions>
        @if (saving()) {
          <mat-progress-bar class="bv-saving" mode="indeterminate" />
        }
      </form>
    }
  `,
  styles: `
    .intro,
    .bv-muted {
      max-width: 60ch;
    }
    .name {
      margin: 16px 0 0;
      font: var(--mat-sys-title-small);
      overflow-wrap: anywhere;
    }
    .bv-callout {
      max-width: 60ch;
    }
  `,
})
export class CreateTokenDialog {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(ScimApi);
  private readonly notifier = inject(Notifier);
  private readonly ref = inject<MatDialogRef<CreateTokenDialog, ScimTokenSummary>>(MatDialogRef);

  protected readonly nameMax = TOKEN_NAME_MAX;
  protected readonly saving = signal(false);
  protected readonly created = signal<CreatedScimToken | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(TOKEN_NAME_MAX), Validators.pattern(/\S/)]],
  });

  protected submit(): void {
    if (this.form.invalid || this.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.api
      .createToken({ name: this.form.getRawValue().name.trim() })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (created) => {
          // From here on the dialog closes only through "Done", so the secret is not dismissed by accident.
          this.ref.disableClose = true;
          this.created.set(created);
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  protected done(): void {
    const created = this.created();
    if (!created) return;
    const { id, name, prefix, createdAt, createdBy, lastUsedAt, revokedAt } = created;
    this.ref.close({ id, name, prefix, createdAt, createdBy, lastUsedAt, revokedAt });
  }
}
