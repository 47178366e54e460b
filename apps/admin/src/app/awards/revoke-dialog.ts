import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Award } from '@brevet/contracts';
import { finalize } from 'rxjs';
import { AuthStore } from '../core/auth';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { AwardsApi } from './awards-api';

/**
 * Revoking an award, with the reason (required: it is recorded and shown to whoever checks the certificate's
 * history). The dialog is the confirmation: it says what revoking does and cannot be undone.
 */
@Component({
  selector: 'bv-revoke-dialog',
  imports: [
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
    <form class="bv-dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2 mat-dialog-title>{{ 'awards.revoke.title' | t }}</h2>
      <mat-dialog-content>
        <p class="lead">
          {{
            'awards.revoke.text'
              | t
                : {
                    name: award.staff.givenName + ' ' + award.staff.familyName,
                    title: i18n.localized(award.credential.title),
                  }
          }}
        </p>
        <div class="bv-callout warning" role="note">
          <mat-icon svgIcon="warning" aria-hidden="true" />
          <p>{{ 'awards.revoke.warning' | t }}</p>
        </div>
        @if (problem(); as problem) {
          <div class="bv-callout error" role="alert">
            <mat-icon svgIcon="error" aria-hidden="true" />
            <p>{{ problem | t }}</p>
          </div>
        }
        <mat-form-field class="reason">
          <mat-label>{{ 'awards.revoke.reason' | t }}</mat-label>
          <textarea matInput rows="3" maxlength="1000" formControlName="reason"></textarea>
          <mat-hint>{{ 'awards.revoke.reasonHint' | t }}</mat-hint>
          <mat-error>{{ 'awards.revoke.reasonRequired' | t }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button type="button" mat-button mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button type="submit" mat-flat-button class="danger" [disabled]="saving()">
          {{ (saving() ? 'common.saving' : 'awards.revoke.confirm') | t }}
        </button>
      </mat-dialog-actions>
      @if (saving()) {
        <mat-progress-bar class="bv-saving" mode="indeterminate" />
      }
    </form>
  `,
  styles: `
    .lead {
      margin: 0 0 12px;
    }
    .reason {
      width: 100%;
      margin-top: 16px;
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class RevokeDialog {
  protected readonly award = inject<Award>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<RevokeDialog, Award>>(MatDialogRef);
  private readonly api = inject(AwardsApi);
  private readonly revokedBy = inject(AuthStore).me()?.displayName;
  protected readonly i18n = inject(I18n);
  protected readonly saving = signal(false);
  protected readonly problem = signal<TranslationKey | null>(null);
  protected readonly reason = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.minLength(3), Validators.maxLength(1000)],
  });
  protected readonly form = new FormGroup({ reason: this.reason });

  protected submit(): void {
    if (this.saving()) return;
    if (this.reason.invalid || this.reason.value.trim().length < 3) {
      this.reason.setErrors({ required: true });
      this.reason.markAsTouched();
      return;
    }
    this.saving.set(true);
    this.problem.set(null);
    this.api
      .revoke(this.award.id, { reason: this.reason.value.trim(), revokedBy: this.revokedBy })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (award) => this.dialogRef.close(award),
        error: (error: unknown) => this.problem.set(problemMessageKey(toProblem(error))),
      });
  }
}
