import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ErrorCode, type JobRole, type ProblemDetails } from '@brevet/contracts';
import { finalize } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { showProblemAtFields } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { OrganisationApi } from './organisation-api';

export interface JobRoleDialogData {
  /** The role to rename; absent to create one. */
  role?: JobRole;
}

/** The API's job role code rule (it upper-cases before checking). */
const ROLE_CODE = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;

/** Create a job role, or rename one in English and German. */
@Component({
  selector: 'bv-job-role-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="bv-dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2 mat-dialog-title>{{ (editing ? 'jobRoleForm.editTitle' : 'jobRoleForm.createTitle') | t }}</h2>
      <mat-dialog-content>
        <div class="bv-fields">
          <mat-form-field class="bv-wide">
            <mat-label>{{ 'jobRoleForm.code' | t }}</mat-label>
            <input
              matInput
              class="bv-code"
              formControlName="code"
              autocomplete="off"
              spellcheck="false"
              maxlength="40"
              [readonly]="!!editing"
              [attr.aria-readonly]="editing ? 'true' : null"
              (blur)="upperCaseCode()"
            />
            <mat-hint>{{ (editing ? 'jobRoleForm.codeLocked' : 'jobRoleForm.codeHint') | t }}</mat-hint>
            <mat-error>{{ errorText(form.controls.code) }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'jobRoleForm.nameEn' | t }}</mat-label>
            <input matInput lang="en" formControlName="en" autocomplete="off" />
            <mat-error>{{ errorText(form.controls.en) }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'jobRoleForm.nameDe' | t }}</mat-label>
            <input matInput lang="de" formControlName="de" autocomplete="off" />
            <mat-error>{{ errorText(form.controls.de) }}</mat-error>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button type="button" mat-button mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button type="submit" mat-flat-button [disabled]="saving()">
          {{ (saving() ? 'common.saving' : editing ? 'common.save' : 'jobRoleForm.create') | t }}
        </button>
      </mat-dialog-actions>
      @if (saving()) {
        <mat-progress-bar class="bv-saving" mode="indeterminate" />
      }
    </form>
  `,
})
export class JobRoleDialog {
  private readonly data = inject<JobRoleDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<JobRoleDialog, JobRole>>(MatDialogRef);
  private readonly api = inject(OrganisationApi);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);

  protected readonly editing = this.data.role;
  protected readonly saving = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: [this.editing?.code ?? '', [Validators.required, Validators.pattern(ROLE_CODE)]],
    en: [this.editing?.names.en ?? '', [Validators.required, Validators.maxLength(120)]],
    de: [this.editing?.names.de ?? '', [Validators.required, Validators.maxLength(120)]],
  });

  protected errorText(control: AbstractControl): string {
    const errors = control.errors ?? {};
    if (typeof errors['server'] === 'string') return this.i18n.t(errors['server'] as TranslationKey);
    if (errors['required']) return this.i18n.t('validation.required');
    if (errors['maxlength']) {
      return this.i18n.t('validation.maxLength', {
        max: (errors['maxlength'] as { requiredLength: number }).requiredLength,
      });
    }
    if (errors['pattern']) return this.i18n.t('validation.roleCode');
    return '';
  }

  protected upperCaseCode(): void {
    const control = this.form.controls.code;
    const value = control.value.trim().toUpperCase();
    if (!this.editing && value !== control.value) control.setValue(value);
  }

  protected submit(): void {
    if (this.saving()) return;
    this.upperCaseCode();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const names = { en: value.en.trim(), de: value.de.trim() };
    const request = this.editing
      ? this.api.updateJobRole(this.editing.id, { names })
      : this.api.createJobRole({ code: value.code, names });
    this.saving.set(true);
    request.pipe(finalize(() => this.saving.set(false))).subscribe({
      next: (role) => this.dialogRef.close(role),
      error: (error: unknown) => this.showProblem(toProblem(error)),
    });
  }

  private showProblem(problem: ProblemDetails): void {
    const controls = this.form.controls;
    const shown = showProblemAtFields<'code' | 'names.en' | 'names.de'>(problem, {
      control: (field) =>
        field === 'code' ? controls.code : field === 'names.en' ? controls.en : controls.de,
      byCode: { [ErrorCode.JobRoleCodeTaken]: ['code', 'validation.roleCodeTaken'] },
      fieldMessages: {
        code: 'validation.roleCode',
        'names.en': 'validation.name',
        'names.de': 'validation.name',
      },
    });
    if (!shown) this.notifier.problem(problem);
  }
}
