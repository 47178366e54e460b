import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { SsoErrorCode, type IdentityProvider } from '@brevet/contracts';
import { finalize } from 'rxjs';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { markServerError } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { SsoApi } from './sso-api';

const MAX_PEM = 20_000;

/** Adds a signing certificate of the identity provider: pasted PEM, or a `.pem`/`.crt`/`.cer` file. */
@Component({
  selector: 'bv-add-certificate-dialog',
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
      <h2 mat-dialog-title>{{ 'sso.certificates.addTitle' | t }}</h2>
      <mat-dialog-content>
        <div class="bv-fields single">
          <p class="bv-muted intro">{{ 'sso.certificates.addHint' | t: { name: idp.displayName } }}</p>
          <mat-form-field>
            <mat-label>{{ 'sso.certificates.pem' | t }}</mat-label>
            <textarea
              matInput
              class="bv-code"
              formControlName="pem"
              rows="8"
              spellcheck="false"
              autocomplete="off"
              placeholder="-----BEGIN CERTIFICATE-----"
            ></textarea>
            <mat-error>{{ errorText() }}</mat-error>
          </mat-form-field>
          <div>
            <button type="button" mat-stroked-button (click)="picker.click()">
              <mat-icon svgIcon="upload" aria-hidden="true" />
              {{ 'sso.certificates.fromFile' | t }}
            </button>
            <input
              #picker
              type="file"
              class="visually-hidden"
              accept=".pem,.crt,.cer,application/x-x509-ca-cert,application/x-pem-file"
              tabindex="-1"
              [attr.aria-label]="'sso.certificates.fromFile' | t"
              (change)="picked(picker)"
            />
          </div>
          @if (problem(); as problem) {
            <div class="bv-callout error" role="alert">
              <mat-icon svgIcon="error" aria-hidden="true" />
              <p>{{ problem | t }}</p>
            </div>
          }
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button type="button" mat-button mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button type="submit" mat-flat-button [disabled]="saving()">
          {{ (saving() ? 'common.saving' : 'sso.certificates.add') | t }}
        </button>
      </mat-dialog-actions>
      @if (saving()) {
        <mat-progress-bar class="bv-saving" mode="indeterminate" />
      }
    </form>
  `,
  styles: `
    .intro {
      margin: 0;
    }
  `,
})
export class AddCertificateDialog {
  protected readonly idp = inject<IdentityProvider>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<AddCertificateDialog, IdentityProvider>>(MatDialogRef);
  private readonly api = inject(SsoApi);
  private readonly i18n = inject(I18n);
  protected readonly saving = signal(false);
  protected readonly problem = signal<TranslationKey | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    pem: ['', [Validators.required, Validators.maxLength(MAX_PEM)]],
  });

  protected errorText(): string {
    const errors = this.form.controls.pem.errors ?? {};
    if (typeof errors['server'] === 'string') return this.i18n.t(errors['server'] as TranslationKey);
    if (errors['required']) return this.i18n.t('validation.required');
    if (errors['maxlength']) return this.i18n.t('sso.certificates.tooLong');
    return '';
  }

  protected async picked(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_PEM) {
      markServerError(this.form.controls.pem, 'sso.certificates.tooLong');
      return;
    }
    const text = await file.text();
    // A DER file is binary: send its base64, which the API also accepts.
    const pem = text.includes('-----BEGIN') ? text : toBase64(new Uint8Array(await file.arrayBuffer()));
    this.form.controls.pem.setValue(pem);
    this.form.controls.pem.markAsTouched();
  }

  protected submit(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.problem.set(null);
    this.api
      .addCertificate(this.idp.id, { pem: this.form.controls.pem.value.trim() })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (idp) => this.dialogRef.close(idp),
        error: (error: unknown) => {
          const problem = toProblem(error);
          if (problem.code === SsoErrorCode.CertificateInvalid || problem.code === 'validation_failed') {
            markServerError(this.form.controls.pem, 'sso.certificates.invalid');
          } else {
            this.problem.set(problemMessageKey(problem));
          }
        },
      });
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
