import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  ErrorCode,
  UI_LANGUAGES,
  type ProblemDetails,
  type StaffDetail,
  type StaffSummary,
  type UiLanguage,
  type UpdateStaffRequest,
} from '@brevet/contracts';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  filter,
  finalize,
  map,
  of,
  switchMap,
  type Observable,
} from 'rxjs';
import { today } from '../core/days';
import { toProblem } from '../core/http/api-error';
import { showProblemAtFields } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { StaffApi } from './staff-api';
import {
  EMPLOYEE_NUMBER,
  dayValidator,
  isManagerRef,
  managerValidator,
  type ManagerRef,
} from './staff-form.validators';
import { StaffLookups } from './staff-lookups';

export interface PersonDialogData {
  /** The person whose details to edit; absent to add someone. */
  person?: StaffDetail;
  /** For a new person: the branch to preselect (the directory's branch filter). */
  branchId?: string | null;
}

/** Closes with the saved person, or `'reload'` when someone else changed them meanwhile. */
export type PersonDialogResult = StaffDetail | 'reload';

type FieldName =
  | 'employeeNumber'
  | 'givenName'
  | 'familyName'
  | 'email'
  | 'preferredLanguage'
  | 'branchId'
  | 'jobRoleIds'
  | 'managerId'
  | 'hireDate';

const FIELD_MESSAGES: Record<FieldName, TranslationKey> = {
  employeeNumber: 'validation.employeeNumber',
  givenName: 'validation.personName',
  familyName: 'validation.personName',
  email: 'validation.email',
  preferredLanguage: 'validation.required',
  branchId: 'validation.branch',
  jobRoleIds: 'validation.roles',
  managerId: 'validation.manager',
  hireDate: 'validation.day',
};

/** A person's language, named in the UI's language ("German"; the switcher says "Deutsch"). */
export const LANGUAGE_LABELS: Record<UiLanguage, TranslationKey> = {
  en: 'languageNames.en',
  de: 'languageNames.de',
};

/** Add a person, or edit a person's details (name, email, language, manager). */
@Component({
  selector: 'bv-person-dialog',
  imports: [
    MatAutocompleteModule,
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
  templateUrl: './person-dialog.html',
})
export class PersonDialog {
  private readonly data = inject<PersonDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<PersonDialog, PersonDialogResult>>(MatDialogRef);
  private readonly api = inject(StaffApi);
  private readonly notifier = inject(Notifier);
  protected readonly i18n = inject(I18n);
  protected readonly lookups = inject(StaffLookups);

  protected readonly editing = this.data.person;
  protected readonly languages = UI_LANGUAGES;
  protected readonly languageLabels = LANGUAGE_LABELS;
  protected readonly saving = signal(false);
  /** Someone else saved this person after it was loaded. */
  protected readonly conflict = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    employeeNumber: [
      this.editing?.employeeNumber ?? '',
      [Validators.required, Validators.pattern(EMPLOYEE_NUMBER)],
    ],
    givenName: [this.editing?.givenName ?? '', [Validators.required, Validators.maxLength(100)]],
    familyName: [this.editing?.familyName ?? '', [Validators.required, Validators.maxLength(100)]],
    email: [this.editing?.email ?? '', [Validators.email, Validators.maxLength(254)]],
    preferredLanguage: [this.editing?.preferredLanguage ?? this.i18n.language()],
    branchId: [this.data.branchId ?? '', Validators.required],
    jobRoleIds: [[] as string[]],
    manager: [(this.editing?.manager ?? null) as ManagerRef | string | null, managerValidator],
    hireDate: [today(), [Validators.required, dayValidator()]],
  });

  /** People matching what is typed into the manager field (not the person being edited). */
  protected readonly managerOptions = toSignal(
    this.form.controls.manager.valueChanges.pipe(
      filter((value): value is string => typeof value === 'string'),
      debounceTime(250),
      map((q) => q.trim()),
      distinctUntilChanged(),
      switchMap((q) =>
        q.length < 2
          ? of<StaffSummary[]>([])
          : this.api.search(q).pipe(catchError(() => of<StaffSummary[]>([]))),
      ),
      map((people) => people.filter((p) => p.id !== this.editing?.id)),
    ),
    { initialValue: [] },
  );

  protected readonly managerLabel = (value: ManagerRef | string | null): string =>
    isManagerRef(value) ? `${value.givenName} ${value.familyName} (${value.employeeNumber})` : (value ?? '');

  constructor() {
    if (this.editing) {
      this.form.controls.employeeNumber.disable();
      this.form.controls.branchId.disable();
      this.form.controls.jobRoleIds.disable();
      this.form.controls.hireDate.disable();
    }
  }

  protected errorText(control: AbstractControl): string {
    const errors = control.errors ?? {};
    if (typeof errors['server'] === 'string') return this.i18n.t(errors['server'] as TranslationKey);
    if (errors['required']) return this.i18n.t('validation.required');
    if (errors['maxlength']) {
      return this.i18n.t('validation.maxLength', {
        max: (errors['maxlength'] as { requiredLength: number }).requiredLength,
      });
    }
    if (errors['pattern']) return this.i18n.t('validation.employeeNumber');
    if (errors['email']) return this.i18n.t('validation.email');
    if (errors['day']) return this.i18n.t('validation.day');
    if (errors['manager']) return this.i18n.t('validation.manager');
    return '';
  }

  protected clearManager(): void {
    this.form.controls.manager.setValue(null);
  }

  protected submit(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const managerId = isManagerRef(value.manager) ? value.manager.id : null;
    const email = value.email.trim() || null;
    const person = this.editing;
    let request: Observable<StaffDetail>;
    if (person) {
      const changes: UpdateStaffRequest = {};
      if (value.givenName.trim() !== person.givenName) changes.givenName = value.givenName.trim();
      if (value.familyName.trim() !== person.familyName) changes.familyName = value.familyName.trim();
      if (email !== person.email) changes.email = email;
      if (value.preferredLanguage !== person.preferredLanguage)
        changes.preferredLanguage = value.preferredLanguage;
      if (managerId !== (person.manager?.id ?? null)) changes.managerId = managerId;
      if (Object.keys(changes).length === 0) {
        this.dialogRef.close();
        return;
      }
      request = this.api.update(person.id, { ...changes, version: person.version });
    } else {
      request = this.api.create({
        employeeNumber: value.employeeNumber.trim(),
        givenName: value.givenName.trim(),
        familyName: value.familyName.trim(),
        email,
        preferredLanguage: value.preferredLanguage,
        branchId: value.branchId,
        jobRoleIds: value.jobRoleIds,
        managerId,
        hireDate: value.hireDate,
      });
    }
    this.saving.set(true);
    this.conflict.set(false);
    request.pipe(finalize(() => this.saving.set(false))).subscribe({
      next: (saved) => this.dialogRef.close(saved),
      error: (error: unknown) => this.showProblem(toProblem(error)),
    });
  }

  protected reload(): void {
    this.dialogRef.close('reload');
  }

  /** Field errors go next to their field; anything else becomes a message. */
  private showProblem(problem: ProblemDetails): void {
    if (problem.code === ErrorCode.VersionConflict) {
      this.conflict.set(true);
      return;
    }
    const shown = showProblemAtFields<FieldName>(problem, {
      control: (field) => this.form.get(field === 'managerId' ? 'manager' : field),
      byCode: {
        [ErrorCode.EmployeeNumberTaken]: ['employeeNumber', 'validation.employeeNumberTaken'],
        [ErrorCode.BranchNotActive]: ['branchId', 'errors.branchNotActive'],
        [ErrorCode.JobRoleNotFound]: ['jobRoleIds', 'errors.jobRoleNotFound'],
        [ErrorCode.ManagerNotFound]: ['managerId', 'errors.managerNotFound'],
        [ErrorCode.ManagerCycle]: ['managerId', 'errors.managerCycle'],
      },
      fieldMessages: FIELD_MESSAGES,
    });
    if (!shown) this.notifier.problem(problem);
  }
}
