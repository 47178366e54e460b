import {
  FormArray,
  FormControl,
  FormGroup,
  Validators,
  type AbstractControl,
  type ValidationErrors,
  type ValidatorFn,
} from '@angular/forms';
import {
  CREDENTIAL_VALIDITY_PROBLEMS,
  type CredentialAssessmentType,
  type CredentialCategory,
  type CredentialContent,
  type CredentialParticipationForm,
  type CredentialValidityProblem,
  type CredentialValiditySettings,
  type ExpiryBasis,
  type LocalizedText,
  type SupervisionMode,
  type UiLanguage,
} from '@brevet/contracts';
import { isCountryCode, validitySettingsProblems } from '@brevet/domain';

/** The rules the API checks, repeated here so that most mistakes show before saving. */
/** Letters in either case: the code is upper-cased when the field is left and again when it is sent. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/;
export const ESCO_PATTERN =
  /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/;
export const LIMITS = { title: 200, long: 4000, short: 500, outcome: 500, outcomes: 20, body: 200 } as const;

export type TextGroup = FormGroup<{ en: FormControl<string>; de: FormControl<string> }>;
export type StackabilityChoice = 'unstated' | 'standalone' | 'stackable';

function text(max: number, required = true): TextGroup {
  const validators = required
    ? [Validators.required, Validators.maxLength(max)]
    : [Validators.maxLength(max)];
  return new FormGroup({
    en: new FormControl('', { nonNullable: true, validators }),
    de: new FormControl('', { nonNullable: true, validators }),
  });
}

export function outcomeControl(value = ''): FormControl<string> {
  return new FormControl(value, {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(LIMITS.outcome)],
  });
}

/** An optional text: either in both languages or in none. */
function bothOrNone(group: TextGroup): TextGroup {
  group.addValidators((control) => {
    const { en, de } = (control as TextGroup).getRawValue();
    return !!en.trim() !== !!de.trim() ? { bothLanguages: true } : null;
  });
  return group;
}

function countryValidator(control: AbstractControl<string>): ValidationErrors | null {
  return control.value && !isCountryCode(control.value) ? { country: true } : null;
}

function wholeNumber(control: AbstractControl<number | null>): ValidationErrors | null {
  return control.value !== null && !Number.isInteger(control.value) ? { integer: true } : null;
}

function oneDecimal(control: AbstractControl<number | null>): ValidationErrors | null {
  return control.value !== null && Math.round(control.value * 10) !== control.value * 10
    ? { decimals: true }
    : null;
}

export function buildCredentialForm() {
  return new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(CODE_PATTERN)],
    }),
    category: new FormControl<CredentialCategory | ''>('', {
      nonNullable: true,
      validators: Validators.required,
    }),
    escoSkillUri: new FormControl('', { nonNullable: true, validators: Validators.pattern(ESCO_PATTERN) }),
    title: text(LIMITS.title),
    description: text(LIMITS.long),
    criteria: text(LIMITS.long),
    learningOutcomes: new FormGroup({
      en: new FormArray([outcomeControl()]),
      de: new FormArray([outcomeControl()]),
    }),
    awardingBody: new FormGroup({
      name: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.maxLength(LIMITS.body)],
      }),
      country: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, countryValidator],
      }),
    }),
    workloadHours: new FormControl<number | null>(null, [
      Validators.required,
      Validators.min(0.5),
      Validators.max(10000),
      oneDecimal,
    ]),
    ects: new FormControl<number | null>(null, [Validators.min(0.1), Validators.max(180), oneDecimal]),
    eqfLevel: new FormControl<number | null>(null),
    assessmentType: new FormControl<CredentialAssessmentType | ''>('', {
      nonNullable: true,
      validators: Validators.required,
    }),
    participationForm: new FormControl<CredentialParticipationForm | ''>('', {
      nonNullable: true,
      validators: Validators.required,
    }),
    qualityAssurance: text(LIMITS.short),
    hasPrerequisites: new FormControl(false, { nonNullable: true }),
    prerequisites: text(LIMITS.short),
    supervision: new FormControl<SupervisionMode | null>(null),
    hasGradeScheme: new FormControl(false, { nonNullable: true }),
    gradeScheme: text(LIMITS.short),
    stackability: new FormControl<StackabilityChoice>('unstated', { nonNullable: true }),
    stackDescription: bothOrNone(text(LIMITS.short, false)),
    validity: new FormGroup(
      {
        expires: new FormControl(true, { nonNullable: true }),
        validityMonths: new FormControl<number | null>(12, [Validators.required, wholeNumber]),
        windowMonths: new FormControl<number | null>(2, [Validators.min(0), wholeNumber]),
        windowDays: new FormControl<number | null>(0, [Validators.min(0), wholeNumber]),
        expiryBasis: new FormControl<ExpiryBasis>('completion', { nonNullable: true }),
        fixedMonth: new FormControl<number>(3, { nonNullable: true }),
        fixedDay: new FormControl<number | null>(31, [Validators.required, wholeNumber]),
      },
      { validators: validityRules },
    ),
  });
}

export type CredentialForm = ReturnType<typeof buildCredentialForm>;
export type ValidityGroup = CredentialForm['controls']['validity'];

/** The validity settings as the form holds them. */
export function validitySettings(value: ValidityGroup['value']): CredentialValiditySettings {
  const expires = value.expires ?? true;
  const basis = expires ? (value.expiryBasis ?? 'completion') : 'completion';
  return {
    validityMonths: expires ? (value.validityMonths ?? null) : null,
    recertification: {
      window: expires ? { months: value.windowMonths ?? 0, days: value.windowDays ?? 0 } : { months: 0 },
      expiryBasis: basis,
      fixedExpiry: basis === 'fixed' ? { month: value.fixedMonth ?? 1, day: value.fixedDay ?? 0 } : null,
    },
  };
}

/**
 * The domain's own check of the validity settings (`validitySettingsProblems`), run in the browser: the same
 * rule the API applies, so the message shows at the field before saving. Errors are `{ validity: [codes] }`.
 */
const validityRules: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const value = (group as ValidityGroup).getRawValue();
  if (value.expires && value.validityMonths === null) return null; // "required" says it
  const problems = validitySettingsProblems(validitySettings(value));
  return problems.length ? { validity: problems } : null;
};

/** Where each validity problem is shown. */
export const VALIDITY_PROBLEM_FIELD: Record<
  CredentialValidityProblem,
  'validityMonths' | 'window' | 'expiryBasis' | 'fixed'
> = {
  validity_months_invalid: 'validityMonths',
  window_invalid: 'window',
  window_too_long: 'window',
  expiry_basis_invalid: 'expiryBasis',
  fixed_expiry_missing: 'fixed',
  fixed_expiry_invalid: 'fixed',
  fixed_expiry_unexpected: 'fixed',
  fixed_validity_not_whole_years: 'validityMonths',
};

export function validityProblems(group: ValidityGroup): CredentialValidityProblem[] {
  const codes = (group.errors?.['validity'] ?? []) as string[];
  return CREDENTIAL_VALIDITY_PROBLEMS.filter((c) => codes.includes(c));
}

/** Fills the form from a version (and the definition's catalogue metadata). */
export function fillForm(
  form: CredentialForm,
  meta: { code: string; category: CredentialCategory; escoSkillUri: string | null },
  content: CredentialContent,
): void {
  const outcomes = form.controls.learningOutcomes.controls;
  for (const language of ['en', 'de'] as const) {
    const list = content.learningOutcomes[language];
    outcomes[language].clear();
    for (const item of list.length ? list : ['']) outcomes[language].push(outcomeControl(item));
  }
  const { validity } = content;
  const expires = validity.validityMonths !== null;
  form.reset({
    code: meta.code,
    category: meta.category,
    escoSkillUri: meta.escoSkillUri ?? '',
    title: content.title,
    description: content.description,
    criteria: content.criteria,
    awardingBody: content.awardingBody,
    workloadHours: content.workloadHours,
    ects: content.ects,
    eqfLevel: content.eqfLevel,
    assessmentType: content.assessmentType,
    participationForm: content.participationForm,
    qualityAssurance: content.qualityAssurance,
    hasPrerequisites: content.prerequisites !== null,
    prerequisites: content.prerequisites ?? { en: '', de: '' },
    supervision: content.supervision,
    hasGradeScheme: content.gradeScheme !== null,
    gradeScheme: content.gradeScheme ?? { en: '', de: '' },
    stackability:
      content.stackability === null
        ? 'unstated'
        : content.stackability.stackable
          ? 'stackable'
          : 'standalone',
    stackDescription: content.stackability?.description ?? { en: '', de: '' },
    validity: {
      expires,
      validityMonths: validity.validityMonths ?? 12,
      windowMonths: expires ? (validity.recertification.window.months ?? 0) : 2,
      windowDays: expires ? (validity.recertification.window.days ?? 0) : 0,
      expiryBasis: validity.recertification.expiryBasis,
      fixedMonth: validity.recertification.fixedExpiry?.month ?? 3,
      fixedDay: validity.recertification.fixedExpiry?.day ?? 31,
    },
  });
}

const trimmed = (t: { en?: string; de?: string }): LocalizedText => ({
  en: (t.en ?? '').trim(),
  de: (t.de ?? '').trim(),
});

/** The content the form describes, in the API's shape. */
export function formContent(form: CredentialForm): CredentialContent {
  const v = form.getRawValue();
  const list = (items: string[]) => items.map((i) => i.trim()).filter((i) => i !== '');
  const stackDescription = trimmed(v.stackDescription);
  return {
    title: trimmed(v.title),
    description: trimmed(v.description),
    criteria: trimmed(v.criteria),
    learningOutcomes: { en: list(v.learningOutcomes.en), de: list(v.learningOutcomes.de) },
    awardingBody: { name: v.awardingBody.name.trim(), country: v.awardingBody.country },
    workloadHours: v.workloadHours ?? 0,
    ects: v.ects,
    eqfLevel: v.eqfLevel,
    assessmentType: v.assessmentType as CredentialAssessmentType,
    participationForm: v.participationForm as CredentialParticipationForm,
    qualityAssurance: trimmed(v.qualityAssurance),
    prerequisites: v.hasPrerequisites ? trimmed(v.prerequisites) : null,
    supervision: v.supervision,
    gradeScheme: v.hasGradeScheme ? trimmed(v.gradeScheme) : null,
    stackability:
      v.stackability === 'unstated'
        ? null
        : {
            stackable: v.stackability === 'stackable',
            description: v.stackability === 'stackable' && stackDescription.en ? stackDescription : null,
          },
    validity: validitySettings(v.validity),
  };
}

/** JSON with sorted keys, so that two equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/**
 * The content fields that differ from `base`. The API copies a published version into a new draft for any
 * content field it is sent, so only real changes go out.
 */
export function changedContent(base: CredentialContent, next: CredentialContent): Partial<CredentialContent> {
  const changes: Partial<Record<keyof CredentialContent, unknown>> = {};
  for (const key of Object.keys(next) as (keyof CredentialContent)[]) {
    if (canonical(next[key]) !== canonical(normaliseWindow(key, base[key]))) changes[key] = next[key];
  }
  return changes as Partial<CredentialContent>;
}

/** `{ months: 2 }` and `{ months: 2, days: 0 }` are the same window. */
function normaliseWindow(key: keyof CredentialContent, value: unknown): unknown {
  if (key !== 'validity' || !value) return value;
  const validity = value as CredentialValiditySettings;
  if (validity.validityMonths === null)
    return { ...validity, recertification: { ...validity.recertification, window: { months: 0 } } };
  const { months = 0, days = 0 } = validity.recertification.window;
  return { ...validity, recertification: { ...validity.recertification, window: { months, days } } };
}

/**
 * Optional parts take part in validation only while they are switched on: prerequisites, grade scheme, the
 * description of a stackable credential, the expiry fields, the fixed day.
 */
export function syncEnabled(form: CredentialForm): void {
  const c = form.controls;
  const toggle = (control: AbstractControl, on: boolean) => {
    if (on && control.disabled) control.enable({ emitEvent: false });
    if (!on && control.enabled) control.disable({ emitEvent: false });
  };
  toggle(c.prerequisites, c.hasPrerequisites.value);
  toggle(c.gradeScheme, c.hasGradeScheme.value);
  toggle(c.stackDescription, c.stackability.value === 'stackable');
  const v = c.validity.controls;
  const expires = v.expires.value;
  for (const control of [v.validityMonths, v.windowMonths, v.windowDays, v.expiryBasis])
    toggle(control, expires);
  toggle(v.fixedMonth, expires && v.expiryBasis.value === 'fixed');
  toggle(v.fixedDay, expires && v.expiryBasis.value === 'fixed');
  c.validity.updateValueAndValidity({ emitEvent: false });
}

export const BOTH_LANGUAGES: readonly UiLanguage[] = ['en', 'de'];
