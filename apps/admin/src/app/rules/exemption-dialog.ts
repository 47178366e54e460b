import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ComplianceExemption, CredentialSummary, ProblemDetails, StaffSummary } from '@brevet/contracts';
import { catchError, debounceTime, distinctUntilChanged, filter, finalize, map, of, switchMap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { showProblemAtFields } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { RulesApi } from './rules-api';

export interface ExemptionDialogData {
  /** The exemption to change; absent to grant a new one. */
  exemption?: ComplianceExemption;
}

type FieldName = 'staffId' | 'definitionId' | 'reason' | 'until';

const FIELD_MESSAGES: Record<FieldName, TranslationKey> = {
  staffId: 'rules.exemptions.form.errors.person',
  definitionId: 'rules.form.errors.credential',
  reason: 'rules.exemptions.form.errors.reason',
  until: 'rules.exemptions.form.errors.until',
};

function picked(control: AbstractControl): ValidationErrors | null {
  const value: unknown = control.value;
  return typeof value === 'object' && value !== null ? null : { pick: true };
}

function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Grant an exemption (person, credential, reason, last day) or change its reason and end day. */
@Component({
  selector: 'bv-exemption-dialog',
  imports: [
    MatAutocompleteModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './exemption-dialog.html',
})
export class ExemptionDialog {
  private readonly api = inject(RulesApi);
  private readonly dialogRef = inject<MatDialogRef<ExemptionDialog, ComplianceExemption>>(MatDialogRef);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18n);
  protected readonly editing = inject<ExemptionDialogData>(MAT_DIALOG_DATA).exemption;
  protected readonly saving = signal(false);
  protected readonly today = localToday();

  protected readonly form = inject(NonNullableFormBuilder).group({
    person: [null as StaffSummary | string | null, this.editing ? [] : [Validators.required, picked]],
    credential: [
      null as CredentialSummary | string | null,
      this.editing ? [] : [Validators.required, picked],
    ],
    reason: [
      this.editing?.reason ?? '',
      [Validators.required, Validators.minLength(3), Validators.maxLength(1000)],
    ],
    until: [this.editing?.until ?? '', Validators.required],
  });

  protected readonly people = toSignal(
    this.form.controls.person.valueChanges.pipe(
      filter((value): value is string => typeof value === 'string'),
      debounceTime(250),
      map((q) => q.trim()),
      distinctUntilChanged(),
      switchMap((q) => (q.length >= 2 ? this.api.searchStaff(q).pipe(catchError(() => of([]))) : of([]))),
    ),
    { initialValue: [] as StaffSummary[] },
  );

  protected readonly credentials = toSignal(
    this.form.controls.credential.valueChanges.pipe(
      filter((value): value is string => typeof value === 'string'),
      debounceTime(250),
      map((q) => q.trim()),
      distinctUntilChanged(),
      switchMap((q) => (q ? this.api.searchCredentials(q).pipe(catchError(() => of([]))) : of([]))),
    ),
    { initialValue: [] as CredentialSummary[] },
  );

  protected readonly displayPerson = (value: StaffSummary | string | null): string =>
    typeof value === 'string' || value === null ? (value ?? '') : `${value.givenName} ${value.familyName}`;
  protected readonly displayCredential = (value: CredentialSummary | string | null): string =>
    typeof value === 'string' || value === null
      ? (value ?? '')
      : this.i18n.localized(value.title) || value.code;

  protected errorText(control: AbstractControl): string {
    const errors = control.errors ?? {};
    if (typeof errors['server'] === 'string') return this.i18n.t(errors['server'] as TranslationKey);
    if (errors['required'] || errors['pick']) return this.i18n.t('rules.form.errors.required');
    if (errors['minlength']) return this.i18n.t('rules.exemptions.form.errors.reason');
    if (errors['maxlength']) return this.i18n.t('validation.maxLength', { max: 1000 });
    return '';
  }

  protected submit(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const reason = value.reason.trim();
    let request;
    if (this.editing) {
      request = this.api.updateExemption(this.editing.id, { reason, until: value.until });
    } else {
      const person = value.person as StaffSummary;
      const credential = value.credential as CredentialSummary;
      request = this.api.createExemption({
        staffId: person.id,
        definitionId: credential.id,
        reason,
        until: value.until,
      });
    }
    this.saving.set(true);
    request.pipe(finalize(() => this.saving.set(false))).subscribe({
      next: (exemption) => this.dialogRef.close(exemption),
      error: (error: unknown) => this.showProblem(toProblem(error)),
    });
  }

  private showProblem(problem: ProblemDetails): void {
    const controls = this.form.controls;
    const shown = showProblemAtFields<FieldName>(problem, {
      control: (field) =>
        field === 'staffId'
          ? controls.person
          : field === 'definitionId'
            ? controls.credential
            : controls[field],
      fieldMessages: FIELD_MESSAGES,
    });
    if (!shown) this.notifier.problem(problem);
  }
}
