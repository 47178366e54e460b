import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  ErrorCode,
  type ProblemDetails,
  type StaffDetail,
  type StaffStatus,
  type UpdateStaffRequest,
} from '@brevet/contracts';
import { finalize } from 'rxjs';
import { today } from '../core/days';
import { toProblem } from '../core/http/api-error';
import { markServerError } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import type { PersonDialogResult } from './person-dialog';
import { StaffApi } from './staff-api';
import { dayValidator } from './staff-form.validators';
import { StaffLookups } from './staff-lookups';

/** What changes: the branch, the roles, or the status (to `status`). */
export type ChangeMode = 'branch' | 'roles' | 'status';

export interface ChangeDialogData {
  mode: ChangeMode;
  person: StaffDetail;
  /** For a status change: the new status. */
  status?: StaffStatus;
}

const TITLES: Record<Exclude<ChangeMode, 'status'>, TranslationKey> = {
  branch: 'change.branchTitle',
  roles: 'change.rolesTitle',
};

const STATUS_TEXT: Record<StaffStatus, TranslationKey> = {
  active: 'change.toActive',
  on_leave: 'change.toOnLeave',
  left: 'change.toLeft',
};

const STATUS_SUBMIT: Record<StaffStatus, TranslationKey> = {
  active: 'person.actions.markActive',
  on_leave: 'person.actions.markOnLeave',
  left: 'person.actions.markLeft',
};

/**
 * A change that is kept as history: another branch, other roles, or a new status, from a chosen day. The
 * day may not lie before the periods it ends (the API would otherwise have to rewrite older history).
 */
@Component({
  selector: 'bv-change-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './change-dialog.html',
})
export class ChangeDialog {
  private readonly data = inject<ChangeDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<ChangeDialog, PersonDialogResult>>(MatDialogRef);
  private readonly api = inject(StaffApi);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18n);
  protected readonly lookups = inject(StaffLookups);

  protected readonly mode = this.data.mode;
  protected readonly person = this.data.person;
  protected readonly status = this.data.status ?? this.person.status;
  protected readonly title = this.mode === 'status' ? STATUS_SUBMIT[this.status] : TITLES[this.mode];
  protected readonly name = `${this.person.givenName} ${this.person.familyName}`;
  protected readonly saving = signal(false);
  protected readonly conflict = signal(false);

  /**
   * Whether the day matters: branch and role changes, leaving, and coming back after leaving. Going on
   * leave and back does not touch the history, so it takes effect at once.
   */
  protected readonly needsDay =
    this.mode !== 'status' || this.status === 'left' || this.person.status === 'left';

  /** The earliest day the change may take effect. */
  protected readonly minDay = earliestDay(this.person, this.mode, this.status);

  protected readonly form = inject(NonNullableFormBuilder).group({
    branchId: [this.person.branchId, [Validators.required, notEqualTo(this.person.branchId)]],
    jobRoleIds: [this.person.jobRoles.map((r) => r.id)],
    effectiveFrom: [
      today() < this.minDay ? this.minDay : today(),
      [Validators.required, dayValidator(() => this.minDay)],
    ],
  });

  protected readonly statusText = computed(() =>
    this.mode === 'status' ? this.i18n.t(STATUS_TEXT[this.status], { name: this.name }) : '',
  );
  protected readonly submitLabel: TranslationKey =
    this.mode === 'status' ? STATUS_SUBMIT[this.status] : 'change.save';

  /** Active roles, plus any the person holds that have been archived since. */
  protected readonly roles = computed(() => {
    const held = new Set(this.person.jobRoles.map((r) => r.id));
    return this.lookups.roles().filter((role) => role.status === 'active' || held.has(role.id));
  });

  constructor() {
    if (this.mode !== 'branch') this.form.controls.branchId.disable();
    if (this.mode !== 'roles') this.form.controls.jobRoleIds.disable();
    if (!this.needsDay) this.form.controls.effectiveFrom.disable();
  }

  protected errorText(control: AbstractControl): string {
    const errors = control.errors ?? {};
    if (typeof errors['server'] === 'string') return this.i18n.t(errors['server'] as TranslationKey);
    if (errors['required']) return this.i18n.t('validation.required');
    if (errors['sameBranch']) return this.i18n.t('validation.sameBranch');
    if (errors['day']) return this.i18n.t('validation.day');
    if (typeof errors['dayMin'] === 'string') {
      return this.i18n.t('validation.dayMin', { date: this.i18n.day(errors['dayMin']) });
    }
    return '';
  }

  protected submit(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const request: UpdateStaffRequest = { version: this.person.version };
    if (this.needsDay) request.effectiveFrom = value.effectiveFrom;
    switch (this.mode) {
      case 'branch':
        request.branchId = value.branchId;
        break;
      case 'roles':
        request.jobRoleIds = value.jobRoleIds;
        break;
      case 'status':
        request.status = this.status;
        break;
    }
    this.saving.set(true);
    this.conflict.set(false);
    this.api
      .update(this.person.id, request)
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (saved) => this.dialogRef.close(saved),
        error: (error: unknown) => this.showProblem(toProblem(error)),
      });
  }

  protected reload(): void {
    this.dialogRef.close('reload');
  }

  private showProblem(problem: ProblemDetails): void {
    const at = markServerError;
    const controls = this.form.controls;
    if (problem.code === ErrorCode.VersionConflict) {
      this.conflict.set(true);
    } else if (problem.code === ErrorCode.BranchNotActive && this.mode === 'branch') {
      at(controls.branchId, 'errors.branchNotActive');
    } else if (problem.code === ErrorCode.JobRoleNotFound && this.mode === 'roles') {
      at(controls.jobRoleIds, 'errors.jobRoleNotFound');
    } else if (this.needsDay && problem.errors?.some((e) => e.field === 'effectiveFrom')) {
      at(controls.effectiveFrom, 'validation.effectiveFrom');
    } else {
      this.notifier.problem(problem);
    }
  }
}

/** The branch must differ from the current one. */
function notEqualTo(current: string) {
  return (control: AbstractControl<string>): ValidationErrors | null =>
    control.value && control.value === current ? { sameBranch: true } : null;
}

/**
 * A change may not take effect before the hire date, nor before the periods it closes began; coming back
 * after leaving starts on or after the leaving day.
 */
function earliestDay(person: StaffDetail, mode: ChangeMode, status: StaffStatus): string {
  const openFrom = (periods: readonly { validFrom: string; validTo: string | null }[]) =>
    periods.filter((p) => p.validTo === null).map((p) => p.validFrom);
  let candidates: string[];
  if (mode === 'branch') candidates = openFrom(person.branchHistory);
  else if (mode === 'roles') candidates = openFrom(person.roleHistory);
  else if (person.status === 'left') candidates = person.leftOn ? [person.leftOn] : [];
  else if (status === 'left')
    candidates = [...openFrom(person.branchHistory), ...openFrom(person.roleHistory)];
  else candidates = [];
  return [person.hireDate, ...candidates].sort().at(-1) ?? person.hireDate;
}
