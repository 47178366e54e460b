import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule, type AbstractControl, type FormArray, type FormControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  CREDENTIAL_ASSESSMENT_TYPES,
  CREDENTIAL_CATEGORIES,
  CREDENTIAL_PARTICIPATION_FORMS,
  ErrorCode,
  EXPIRY_BASES,
  SUPERVISION_MODES,
  type CredentialContent,
  type CredentialDetail,
  type ExpiryBasis,
  type ProblemDetails,
  type UiLanguage,
  type UpdateCredentialRequest,
} from '@brevet/contracts';
import { isCountryCode } from '@brevet/domain';
import { EMPTY, catchError, finalize, map, merge, of, switchMap, type Observable } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { showProblemAtFields } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { BadgePicker } from './badge-picker';
import { CatalogueApi } from './catalogue-api';
import {
  ASSESSMENT_LABELS,
  EXPIRY_BASIS_LABELS,
  PARTICIPATION_LABELS,
  SUPERVISION_LABELS,
} from './catalogue-labels';
import {
  BOTH_LANGUAGES,
  LIMITS,
  VALIDITY_PROBLEM_FIELD,
  buildCredentialForm,
  changedContent,
  fillForm,
  formContent,
  outcomeControl,
  syncEnabled,
  validityProblems,
} from './credential-form';

/** Every officially assigned ISO 3166-1 alpha-2 code: the awarding body's country. */
const COUNTRY_CODES: readonly string[] = (() => {
  const codes: string[] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (isCountryCode(code)) codes.push(code);
    }
  return codes;
})();

type Load =
  | { status: 'loading' }
  | { status: 'failed'; problem: ProblemDetails }
  | { status: 'ready'; definition: CredentialDetail | null };

/** Which API field messages to show, by the start of the field's path. */
const FIELD_MESSAGES: ReadonlyArray<[prefix: string, message: TranslationKey]> = [
  ['code', 'catalogue.editor.errors.code'],
  ['escoSkillUri', 'catalogue.editor.errors.esco'],
  ['awardingBody.country', 'catalogue.editor.errors.country'],
  ['learningOutcomes', 'catalogue.editor.errors.outcomes'],
  ['workloadHours', 'catalogue.editor.errors.workload'],
  ['ects', 'catalogue.editor.errors.ects'],
  ['validity.validityMonths', 'catalogue.validityProblems.validity_months_invalid'],
  ['validity.recertification.window', 'catalogue.validityProblems.window_too_long'],
  ['validity.recertification.fixedExpiry', 'catalogue.validityProblems.fixed_expiry_invalid'],
  ['badge', 'catalogue.editor.badgeNotPng'],
  ['', 'catalogue.editor.errors.invalid'],
];

/**
 * Create or edit a credential definition: every EU element, English and German side by side, validity and
 * recertification, the badge. Content changes to a published definition go into a new draft version, which
 * the page says before saving.
 */
@Component({
  selector: 'bv-credential-editor',
  imports: [
    BadgePicker,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatRadioModule,
    MatSelectModule,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './credential-editor.html',
  styleUrl: './credential-editor.scss',
})
export class CredentialEditor {
  protected readonly i18n = inject(I18n);
  protected readonly api = inject(CatalogueApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly badgePicker = viewChild(BadgePicker);

  protected readonly form = buildCredentialForm();
  protected readonly c = this.form.controls;
  protected readonly v = this.form.controls.validity.controls;
  protected readonly languages = BOTH_LANGUAGES;
  protected readonly limits = LIMITS;
  protected readonly categories = CREDENTIAL_CATEGORIES;
  protected readonly assessmentTypes = CREDENTIAL_ASSESSMENT_TYPES;
  protected readonly participationForms = CREDENTIAL_PARTICIPATION_FORMS;
  protected readonly supervisionModes = SUPERVISION_MODES;
  protected readonly expiryBases = EXPIRY_BASES;
  protected readonly assessmentLabels = ASSESSMENT_LABELS;
  protected readonly participationLabels = PARTICIPATION_LABELS;
  protected readonly supervisionLabels = SUPERVISION_LABELS;
  protected readonly expiryBasisLabels = EXPIRY_BASIS_LABELS;
  protected readonly expiryBasisHelp: Record<ExpiryBasis, TranslationKey> = {
    completion: 'catalogue.expiryBasisHelp.completion',
    expiry: 'catalogue.expiryBasisHelp.expiry',
    fixed: 'catalogue.expiryBasisHelp.fixed',
  };
  protected readonly eqfLevels = [1, 2, 3, 4, 5, 6, 7, 8];
  protected readonly months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

  private readonly id = this.route.snapshot.paramMap.get('id');
  protected readonly creating = this.id === null;
  protected readonly load = signal<Load>(
    this.creating ? { status: 'ready', definition: null } : { status: 'loading' },
  );
  protected readonly definition = computed(() => {
    const load = this.load();
    return load.status === 'ready' ? load.definition : null;
  });
  /** The version the form starts from: the draft when there is one, otherwise the published one. */
  private readonly base = computed(() => this.definition()?.draft ?? this.definition()?.current ?? null);
  protected readonly saving = signal(false);
  protected readonly conflict = signal(false);
  private badge: File | null = null;

  /** Re-evaluated whenever the form changes (the validity rules and the toggles depend on it). */
  private readonly formValue = toSignal(this.form.valueChanges, { initialValue: this.form.value });
  protected readonly validityErrors = computed(() => {
    this.formValue();
    return validityProblems(this.c.validity);
  });

  protected readonly countries = computed(() =>
    COUNTRY_CODES.map((code) => ({ code, name: this.i18n.countryName(code) })).sort((a, b) =>
      a.name.localeCompare(b.name, this.i18n.language()),
    ),
  );

  constructor() {
    syncEnabled(this.form);
    merge(
      this.c.hasPrerequisites.valueChanges,
      this.c.hasGradeScheme.valueChanges,
      this.c.stackability.valueChanges,
      this.v.expires.valueChanges,
      this.v.expiryBasis.valueChanges,
    )
      .pipe(takeUntilDestroyed())
      .subscribe(() => syncEnabled(this.form));
    if (this.id) this.fetch(this.id);
  }

  protected badgeUrl(): string | null {
    const definition = this.definition();
    const base = this.base();
    return definition && base?.badge ? this.api.badgeUrl(definition.id, base.version) : null;
  }

  protected outcomes(language: UiLanguage): FormArray<FormControl<string>> {
    return this.c.learningOutcomes.controls[language];
  }

  protected addOutcome(language: UiLanguage): void {
    const list = this.outcomes(language);
    if (list.length >= LIMITS.outcomes) return;
    list.push(outcomeControl());
    // Focus the new field once it is rendered.
    setTimeout(() =>
      this.host.nativeElement
        .querySelector<HTMLInputElement>(`[data-outcome="${language}-${list.length - 1}"]`)
        ?.focus(),
    );
  }

  protected removeOutcome(language: UiLanguage, index: number): void {
    const list = this.outcomes(language);
    if (list.length > 1) list.removeAt(index);
    else list.at(0).setValue('');
  }

  /** Codes are upper case; typing them in lower case is fine. */
  protected upperCaseCode(): void {
    const code = this.c.code.value;
    if (code !== code.toUpperCase()) this.c.code.setValue(code.toUpperCase());
  }

  protected monthName(month: number): string {
    return this.i18n.dateTime(new Date(Date.UTC(2000, month - 1, 15)), { month: 'long', timeZone: 'UTC' });
  }

  protected languageName(language: UiLanguage): string {
    return this.i18n.t(language === 'en' ? 'languageNames.en' : 'languageNames.de');
  }

  protected badgeChosen(file: File | null): void {
    this.badge = file;
  }

  protected validityProblemsAt(
    field: 'validityMonths' | 'window' | 'expiryBasis' | 'fixed',
  ): TranslationKey[] {
    return this.validityErrors()
      .filter((code) => VALIDITY_PROBLEM_FIELD[code] === field)
      .map((code): TranslationKey => `catalogue.validityProblems.${code}`);
  }

  protected errorText(control: AbstractControl): string {
    const errors = control.errors ?? {};
    const t = (key: TranslationKey, params?: Record<string, number>) => this.i18n.t(key, params);
    if (typeof errors['server'] === 'string') return t(errors['server'] as TranslationKey);
    if (errors['required']) return t('validation.required');
    if (errors['maxlength'])
      return t('validation.maxLength', {
        max: (errors['maxlength'] as { requiredLength: number }).requiredLength,
      });
    if (errors['pattern'])
      return t(control === this.c.code ? 'catalogue.editor.errors.code' : 'catalogue.editor.errors.esco');
    if (errors['min'])
      return t('catalogue.editor.errors.min', { min: (errors['min'] as { min: number }).min });
    if (errors['max'])
      return t('catalogue.editor.errors.max', { max: (errors['max'] as { max: number }).max });
    if (errors['integer']) return t('catalogue.editor.errors.integer');
    if (errors['decimals']) return t('catalogue.editor.errors.decimals');
    if (errors['country']) return t('catalogue.editor.errors.country');
    return '';
  }

  protected submit(): void {
    if (this.saving()) return;
    syncEnabled(this.form);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstProblem();
      return;
    }
    const content = formContent(this.form);
    const definition = this.definition();
    let save: Observable<CredentialDetail | null>;
    if (!definition) {
      const { code, category, escoSkillUri } = this.form.getRawValue();
      save = this.api.create({
        ...content,
        code: code.trim().toUpperCase(),
        category: category || 'other',
        escoSkillUri: escoSkillUri.trim() || null,
      });
    } else {
      const request = this.changes(definition, content);
      save = request ? this.api.update(definition.id, request) : of(null);
    }
    this.saving.set(true);
    this.conflict.set(false);
    save
      .pipe(
        switchMap((saved) => {
          const target = saved ?? definition;
          if (!target) return EMPTY;
          if (!this.badge) return of({ saved: target, changed: saved !== null });
          return this.api.uploadBadge(target.id, this.badge).pipe(
            map((withBadge) => ({ saved: withBadge, changed: true })),
            catchError((error: unknown) => {
              this.badgeRefused(target, toProblem(error));
              return EMPTY;
            }),
          );
        }),
        finalize(() => this.saving.set(false)),
      )
      .subscribe({
        next: ({ saved, changed }) => this.done(saved, changed),
        error: (error: unknown) => this.showProblem(toProblem(error)),
      });
  }

  protected reloadAfterConflict(): void {
    if (this.id) this.fetch(this.id);
    this.conflict.set(false);
  }

  private fetch(id: string): void {
    this.load.set({ status: 'loading' });
    this.api.get(id).subscribe({
      next: (definition) => {
        const base = definition.draft ?? definition.current;
        if (base) fillForm(this.form, definition, base);
        this.c.code.disable();
        syncEnabled(this.form);
        this.load.set({ status: 'ready', definition });
      },
      error: (error: unknown) => this.load.set({ status: 'failed', problem: toProblem(error) }),
    });
  }

  /** What to send for an edit: changed content (into the draft) and changed catalogue metadata. */
  private changes(definition: CredentialDetail, content: CredentialContent): UpdateCredentialRequest | null {
    const base = definition.draft ?? definition.current;
    const request: UpdateCredentialRequest = base ? changedContent(base, content) : { ...content };
    const { category, escoSkillUri } = this.form.getRawValue();
    if (category && category !== definition.category) request.category = category;
    const esco = escoSkillUri.trim() || null;
    if (esco !== definition.escoSkillUri) request.escoSkillUri = esco;
    if (Object.keys(request).length === 0) return null;
    return { ...request, revision: definition.revision };
  }

  private done(saved: CredentialDetail, changed: boolean): void {
    if (!changed) this.notifier.info('catalogue.editor.nothingChanged');
    else if (this.creating) this.notifier.info('catalogue.editor.created', { version: 1 });
    else if (saved.draft) this.notifier.info('catalogue.editor.savedDraft', { version: saved.draft.version });
    else this.notifier.info('catalogue.editor.saved');
    void this.router.navigate(['/catalogue', saved.id], { replaceUrl: this.creating });
  }

  /**
   * The texts were saved but the image was refused. A new definition continues on its edit page (it exists
   * now); an edited one keeps the form, with the saved revision, so that only the image needs fixing.
   */
  private badgeRefused(saved: CredentialDetail, problem: ProblemDetails): void {
    const key: TranslationKey =
      problem.code === ErrorCode.CredentialBadgeTooLarge
        ? 'catalogue.editor.badgeTooLarge'
        : problem.code === ErrorCode.CredentialBadgeInvalid
          ? 'catalogue.editor.badgeNotPng'
          : 'catalogue.editor.badgeFailed';
    if (this.creating) {
      this.notifier.info('catalogue.editor.savedWithoutBadge');
      void this.router.navigate(['/catalogue', saved.id, 'edit'], { replaceUrl: true });
      return;
    }
    this.load.set({ status: 'ready', definition: saved });
    this.badgePicker()?.showProblem(key);
  }

  private showProblem(problem: ProblemDetails): void {
    if (problem.code === ErrorCode.VersionConflict) {
      this.conflict.set(true);
      return;
    }
    const fieldMessages = Object.fromEntries(
      (problem.errors ?? []).map((e) => [
        e.field,
        FIELD_MESSAGES.find(([prefix]) => e.field.startsWith(prefix))?.[1] ??
          'catalogue.editor.errors.invalid',
      ]),
    ) as Record<string, TranslationKey>;
    const shown = showProblemAtFields<string>(problem, {
      control: (field) => this.controlFor(field),
      byCode: { [ErrorCode.CredentialCodeTaken]: ['code', 'catalogue.editor.errors.codeTaken'] },
      fieldMessages,
    });
    if (shown) this.focusFirstProblem();
    else this.notifier.problem(problem);
  }

  /** The control behind an API field path such as `title.de`, `learningOutcomes.en.2` or `validity.recertification.window`. */
  private controlFor(field: string): AbstractControl | null {
    const validity: Record<string, AbstractControl> = {
      'validity.validityMonths': this.v.validityMonths,
      'validity.recertification.window': this.v.windowMonths,
      'validity.recertification.expiryBasis': this.v.expiryBasis,
      'validity.recertification.fixedExpiry': this.v.fixedDay,
    };
    for (const [path, control] of Object.entries(validity)) if (field.startsWith(path)) return control;
    const outcomes = /^learningOutcomes\.(en|de)(?:\.(\d+))?/.exec(field);
    if (outcomes) return this.outcomes(outcomes[1] as UiLanguage).at(Number(outcomes[2] ?? 0)) ?? null;
    if (field.startsWith('stackability.description'))
      return this.form.get(field.replace('stackability.description', 'stackDescription'));
    if (field.startsWith('stackability')) return this.c.stackability;
    return this.form.get(field);
  }

  private focusFirstProblem(): void {
    setTimeout(() =>
      this.host.nativeElement
        .querySelector<HTMLElement>('input.ng-invalid, textarea.ng-invalid, mat-select.ng-invalid')
        ?.focus(),
    );
  }
}
