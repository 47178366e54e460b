import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  FormArray,
  FormGroup,
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type FormControl,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  SCIM_ENTERPRISE_USER_SCHEMA,
  SCIM_UNMAPPED_JOB_ROLE_POLICIES,
  type ProblemDetails,
  type ScimMappingSettings,
  type ScimUnmappedJobRolePolicy,
  type ScimValueMapping,
} from '@brevet/contracts';
import { finalize } from 'rxjs';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { markServerError } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { ScimApi } from './scim-api';

type ValueRow = FormGroup<{ value: FormControl<string>; code: FormControl<string> }>;
type Table = 'branchValues' | 'jobRoleValues';

const POLICY_LABELS: Record<ScimUnmappedJobRolePolicy, TranslationKey> = {
  reject: 'scim.mapping.unmapped.reject',
  ignore: 'scim.mapping.unmapped.ignore',
};

/** Where the API's field errors go: `branchValues.3.code` → that row's code field, with this message. */
export function mappingErrorMessage(field: string): TranslationKey | null {
  if (/^(branchAttribute|jobRoleAttribute|hireDateAttribute)$/.test(field)) return 'scim.mapping.errors.path';
  if (/^branchValues\.\d+\.value$/.test(field)) return 'scim.mapping.errors.duplicate';
  if (/^branchValues\.\d+\.code$/.test(field)) return 'scim.mapping.errors.branchCode';
  if (/^jobRoleValues\.\d+\.code$/.test(field)) return 'scim.mapping.errors.jobRoleCode';
  return null;
}

/**
 * Which SCIM attribute gives a person's branch, job roles and hire date, and the tables that translate the
 * identity provider's values into Brevet codes (`GET`/`PUT /api/v1/scim/settings`).
 */
@Component({
  selector: 'bv-scim-mapping-form',
  imports: [
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    NgTemplateOutlet,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './scim-mapping-form.html',
  styleUrl: './scim-mapping-form.scss',
})
export class ScimMappingForm {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(ScimApi);
  private readonly notifier = inject(Notifier);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly policies = SCIM_UNMAPPED_JOB_ROLE_POLICIES;
  protected readonly policyLabels = POLICY_LABELS;
  protected readonly departmentExample = `${SCIM_ENTERPRISE_USER_SCHEMA}:department`;
  protected readonly loading = signal(true);
  protected readonly saving = signal(false);
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly problemMessageKey = problemMessageKey;

  protected readonly form = this.fb.group({
    branchAttribute: ['', [Validators.required, Validators.maxLength(500)]],
    branchValues: this.fb.array<ValueRow>([]),
    jobRoleAttribute: ['', [Validators.maxLength(500)]],
    jobRoleValues: this.fb.array<ValueRow>([]),
    unmappedJobRole: ['reject' as ScimUnmappedJobRolePolicy],
    hireDateAttribute: ['', [Validators.maxLength(500)]],
  });

  constructor() {
    this.reload();
  }

  protected rows(table: Table): FormArray<ValueRow> {
    return this.form.controls[table];
  }

  protected addRow(table: Table): void {
    this.rows(table).push(this.row({ value: '', code: '' }));
    this.form.markAsDirty();
  }

  protected removeRow(table: Table, index: number): void {
    this.rows(table).removeAt(index);
    this.form.markAsDirty();
  }

  protected reload(): void {
    this.loading.set(true);
    this.api
      .settings()
      .pipe(finalize(() => this.loading.set(false)))
      .subscribe({
        next: (settings) => {
          this.problem.set(null);
          this.fill(settings);
        },
        error: (error: unknown) => this.problem.set(toProblem(error)),
      });
  }

  protected save(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const settings: ScimMappingSettings = {
      branchAttribute: value.branchAttribute.trim(),
      branchValues: value.branchValues,
      jobRoleAttribute: value.jobRoleAttribute.trim() || null,
      jobRoleValues: value.jobRoleValues,
      unmappedJobRole: value.unmappedJobRole,
      hireDateAttribute: value.hireDateAttribute.trim() || null,
    };
    this.saving.set(true);
    this.api
      .saveSettings(settings)
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (saved) => {
          this.fill(saved);
          this.notifier.info('scim.mapping.saved');
        },
        error: (error: unknown) => this.showProblem(toProblem(error)),
      });
  }

  /** The message under a field: the server's, else the first rule it breaks. */
  protected errorText(control: AbstractControl): string {
    const errors = control.errors ?? {};
    if (typeof errors['server'] === 'string') return this.i18n.t(errors['server'] as TranslationKey);
    if (errors['required']) return this.i18n.t('validation.required');
    const tooLong = errors['maxlength'] as { requiredLength: number } | undefined;
    if (tooLong) return this.i18n.t('validation.maxLength', { max: tooLong.requiredLength });
    return '';
  }

  private showProblem(problem: ProblemDetails): void {
    let shown = false;
    for (const error of problem.errors ?? []) {
      const message = mappingErrorMessage(error.field);
      const control = this.form.get(error.field);
      if (message && control) {
        markServerError(control, message);
        shown = true;
      }
    }
    if (!shown) this.notifier.problem(problem);
  }

  private fill(settings: ScimMappingSettings): void {
    this.form.setControl('branchValues', this.fb.array(settings.branchValues.map((v) => this.row(v))));
    this.form.setControl('jobRoleValues', this.fb.array(settings.jobRoleValues.map((v) => this.row(v))));
    this.form.patchValue({
      branchAttribute: settings.branchAttribute,
      jobRoleAttribute: settings.jobRoleAttribute ?? '',
      unmappedJobRole: settings.unmappedJobRole,
      hireDateAttribute: settings.hireDateAttribute ?? '',
    });
    this.form.markAsPristine();
  }

  private row(mapping: ScimValueMapping): ValueRow {
    return this.fb.group({
      value: [mapping.value, [Validators.required, Validators.maxLength(200)]],
      code: [mapping.code, [Validators.required, Validators.maxLength(40)]],
    });
  }
}
