import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  FormControl,
  FormGroup,
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
import type {
  AssessmentResult,
  Award,
  AwardPreview,
  CredentialSummary,
  ProblemDetails,
  StaffSummary,
} from '@brevet/contracts';
import { catchError, debounceTime, finalize, map, of, startWith, switchMap } from 'rxjs';
import { CatalogueApi } from '../catalogue/catalogue-api';
import { AuthStore } from '../core/auth';
import { today } from '../core/days';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { showProblemAtFields } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { StaffApi } from '../staff/staff-api';
import { COUNTS_FROM_LABELS, ISSUE_PROBLEM_FIELDS } from './award-labels';
import { AwardsApi, type IssuedAward } from './awards-api';
import {
  credentialOptions,
  isCredential,
  isPerson,
  personOptions,
  pickedValidator,
  type Picked,
} from './pickers';

/** A person or credential the dialog starts with (and does not let change when renewing). */
export interface IssueDialogData {
  person?: Pick<StaffSummary, 'id' | 'employeeNumber' | 'givenName' | 'familyName' | 'branchName'>;
  credential?: Pick<CredentialSummary, 'id' | 'code' | 'title'>;
  /** Renew this award: a new completion of the same credential by the same person. */
  renew?: Award;
}

type Preview =
  | { state: 'none' }
  | { state: 'loading' }
  | { state: 'ready'; preview: AwardPreview }
  | { state: 'problem'; message: TranslationKey };

type IssueField =
  'staff' | 'credential' | 'completedOn' | 'assessmentResult.score' | 'assessmentResult.grade';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Award a certificate to one person, or renew one: who, what, the completion day and the result. Before
 * saving it shows what the rules will make of it (a new award, a renewal and its new expiry, or nothing
 * because that completion is recorded already), from the API's preview.
 */
@Component({
  selector: 'bv-issue-dialog',
  imports: [
    MatAutocompleteModule,
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
  templateUrl: './issue-dialog.html',
})
export class IssueDialog {
  protected readonly data = inject<IssueDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<IssueDialog, IssuedAward>>(MatDialogRef);
  private readonly api = inject(AwardsApi);
  private readonly issuer = inject(AuthStore).me()?.displayName ?? 'Brevet';
  protected readonly i18n = inject(I18n);

  protected readonly renewing = this.data.renew ?? null;
  protected readonly today = today();
  protected readonly saving = signal(false);
  /** A problem that concerns no field the person can change here. */
  protected readonly problem = signal<TranslationKey | null>(null);

  protected readonly form = new FormGroup({
    person: new FormControl<Picked<StaffSummary>>(this.initialPerson(), [
      Validators.required,
      pickedValidator,
    ]),
    credential: new FormControl<Picked<CredentialSummary>>(this.initialCredential(), [
      Validators.required,
      pickedValidator,
    ]),
    completedOn: new FormControl(this.today, {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(DAY)],
    }),
    score: new FormControl<number | null>(null, [Validators.min(0), Validators.max(100)]),
    grade: new FormControl('', { nonNullable: true, validators: Validators.maxLength(40) }),
  });

  protected readonly personOptions = personOptions(this.form.controls.person, inject(StaffApi));
  protected readonly credentialOptions = credentialOptions(
    this.form.controls.credential,
    inject(CatalogueApi),
  );
  protected readonly personLabel = (value: Picked<StaffSummary>) =>
    isPerson(value) ? `${value.givenName} ${value.familyName} (${value.employeeNumber})` : (value ?? '');
  protected readonly credentialLabel = (value: Picked<CredentialSummary>) =>
    isCredential(value) ? `${this.i18n.localized(value.title)} (${value.code})` : (value ?? '');

  /** The API's preview for the current choice, refreshed as the person, credential or day change. */
  protected readonly preview = toSignal(
    this.form.valueChanges.pipe(
      startWith(this.form.value),
      map(() => this.form.getRawValue()),
      map(({ person, credential, completedOn }) =>
        isPerson(person) && isCredential(credential) && DAY.test(completedOn)
          ? `${person.id}|${credential.id}|${completedOn}`
          : null,
      ),
      debounceTime(250),
      switchMap((key) => {
        if (!key) return of<Preview>({ state: 'none' });
        const [staffId, definitionId, completedOn] = key.split('|');
        return this.api.preview(staffId, definitionId, completedOn).pipe(
          map((preview): Preview => ({ state: 'ready', preview })),
          catchError((error: unknown) =>
            of<Preview>({ state: 'problem', message: this.problemText(toProblem(error)) }),
          ),
          startWith<Preview>({ state: 'loading' }),
        );
      }),
      takeUntilDestroyed(),
    ),
    { initialValue: { state: 'none' } as Preview },
  );

  /** The preview in words: what saving will do, and until when the certificate is valid. */
  protected readonly previewView = computed((): { tone: 'ok' | 'warning'; text: string } | null => {
    const preview = this.preview();
    const t = this.i18n.t.bind(this.i18n);
    switch (preview.state) {
      case 'none':
        return null;
      case 'loading':
        return { tone: 'ok', text: t('awards.issue.previewLoading') };
      case 'problem':
        return { tone: 'warning', text: t(preview.message) };
      case 'ready': {
        const { outcome, previous, renewal, version } = preview.preview;
        if (outcome === 'unchanged') return { tone: 'warning', text: t('awards.issue.previewUnchanged') };
        const what =
          outcome === 'renew'
            ? t('awards.issue.previewRenew', {
                previous: previous?.validUntil ? this.i18n.day(previous.validUntil) : t('awards.noExpiry'),
              })
            : t('awards.issue.previewIssue', { version });
        const until = renewal.validUntil
          ? t('awards.issue.previewValidUntil', {
              date: this.i18n.day(renewal.validUntil),
              from: t(COUNTS_FROM_LABELS[renewal.countsFrom]),
            })
          : t('awards.issue.previewNoExpiry');
        return { tone: 'ok', text: `${what} ${until}` };
      }
    }
  });

  constructor() {
    if (this.data.person || this.renewing) this.form.controls.person.disable();
    if (this.data.credential || this.renewing) this.form.controls.credential.disable();
  }

  protected errorText(control: AbstractControl): string {
    const errors = control.errors ?? {};
    if (typeof errors['server'] === 'string') return this.i18n.t(errors['server'] as TranslationKey);
    if (errors['required'])
      return this.i18n.t(
        control === this.form.controls.completedOn ? 'validation.day' : 'validation.required',
      );
    if (errors['pick'])
      return this.i18n.t(
        control === this.form.controls.person ? 'awards.issue.pickPerson' : 'awards.issue.pickCredential',
      );
    if (errors['pattern']) return this.i18n.t('validation.day');
    if (errors['min'] || errors['max']) return this.i18n.t('awards.issue.scoreRange');
    if (errors['maxlength']) return this.i18n.t('validation.maxLength', { max: 40 });
    return '';
  }

  protected submit(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { person, credential, completedOn, score, grade } = this.form.getRawValue();
    const result: AssessmentResult | null =
      score !== null || grade.trim() ? { score, grade: grade.trim() || null, passed: true } : null;
    const request = { completedOn, assessmentResult: result, issuer: this.issuer };
    const save = this.renewing
      ? this.api.renew(this.renewing.id, request)
      : this.api.issue({
          ...request,
          staffId: (person as StaffSummary).id,
          definitionId: (credential as CredentialSummary).id,
        });
    this.saving.set(true);
    this.problem.set(null);
    save.pipe(finalize(() => this.saving.set(false))).subscribe({
      next: (issued) => this.dialogRef.close(issued),
      error: (error: unknown) => this.showProblem(toProblem(error)),
    });
  }

  private showProblem(problem: ProblemDetails): void {
    const shown = showProblemAtFields<IssueField>(problem, {
      control: (field) =>
        field === 'staff'
          ? this.form.controls.person
          : field === 'credential'
            ? this.form.controls.credential
            : field === 'completedOn'
              ? this.form.controls.completedOn
              : field === 'assessmentResult.score'
                ? this.form.controls.score
                : this.form.controls.grade,
      byCode: ISSUE_PROBLEM_FIELDS,
      fieldMessages: {
        completedOn: 'validation.day',
        'assessmentResult.score': 'awards.issue.scoreRange',
        'assessmentResult.grade': 'validation.required',
      },
    });
    if (!shown) this.problem.set(ISSUE_PROBLEM_FIELDS[problem.code]?.[1] ?? problemMessageKey(problem));
  }

  /** Words for a problem the preview ran into (a person who left, a newer award, …). */
  private problemText(problem: ProblemDetails): TranslationKey {
    return ISSUE_PROBLEM_FIELDS[problem.code]?.[1] ?? 'awards.issue.previewFailed';
  }

  private initialPerson(): Picked<StaffSummary> {
    const person = this.renewing?.staff ?? this.data.person;
    return person ? (person as StaffSummary) : null;
  }

  private initialCredential(): Picked<CredentialSummary> {
    const credential = this.renewing?.credential ?? this.data.credential;
    return credential ? (credential as CredentialSummary) : null;
  }
}
