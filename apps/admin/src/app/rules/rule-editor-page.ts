import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  ErrorCode,
  Permission,
  RULE_AREAS,
  RULE_MAX_DAYS,
  type ComplianceCredentialRef,
  type ComplianceImpactRequest,
  type ComplianceRule,
  type CreateComplianceRuleRequest,
  type ProblemDetails,
  type RuleArea,
} from '@brevet/contracts';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  filter,
  finalize,
  map,
  merge,
  of,
  startWith,
  Subject,
  switchMap,
} from 'rxjs';
import { AuthStore } from '../core/auth';
import { toProblem } from '../core/http/api-error';
import { showProblemAtFields } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { ComplianceLookups } from '../dashboard/compliance-lookups';
import { ImpactPreview, type ImpactState } from './impact-preview';
import { ruleCredential } from './rule-labels';
import { RuleRemoval } from './rule-removal';
import { RulesApi } from './rules-api';
import { AREA_LABELS } from './rules-query';

type Who = 'everyone' | 'role';

interface RuleFormValue {
  credential: ComplianceCredentialRef | string;
  who: Who;
  jobRoleId: string;
  area: RuleArea;
  regionId: string;
  branchId: string;
  dueDays: number;
  warningDays: number;
  effectiveFrom: string;
  note: string;
}
type FieldName =
  | 'definitionId'
  | 'jobRoleId'
  | 'area'
  | 'regionId'
  | 'branchId'
  | 'dueDays'
  | 'warningDays'
  | 'effectiveFrom'
  | 'note';

const FIELD_MESSAGES: Record<FieldName, TranslationKey> = {
  definitionId: 'rules.form.errors.credential',
  jobRoleId: 'rules.form.errors.role',
  area: 'rules.form.errors.area',
  regionId: 'rules.form.errors.region',
  branchId: 'rules.form.errors.branch',
  dueDays: 'rules.form.errors.days',
  warningDays: 'rules.form.errors.days',
  effectiveFrom: 'rules.form.errors.date',
  note: 'rules.form.errors.note',
};

/** A credential was picked from the list (not just typed). */
function picked(control: AbstractControl): ValidationErrors | null {
  const value: unknown = control.value;
  return typeof value === 'object' && value !== null ? null : { pick: true };
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Create or change a requirement rule: who (everyone or a job role), where (company, region or branch), which
 * credential, the due period for new joiners, the warning window and the day it takes effect. While the form is
 * complete the impact preview runs (debounced) and the save button sits under it, enabled only once the preview
 * matches what is in the form. Without RulesWrite the page shows the rule read-only.
 */
@Component({
  selector: 'bv-rule-editor-page',
  imports: [
    ImpactPreview,
    MatAutocompleteModule,
    MatButtonModule,
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
  templateUrl: './rule-editor-page.html',
  styleUrl: './rule-editor-page.scss',
})
export class RuleEditorPage {
  private readonly api = inject(RulesApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly removal = inject(RuleRemoval);
  protected readonly lookups = inject(ComplianceLookups);
  protected readonly i18n = inject(I18n);
  protected readonly canWrite = inject(AuthStore).can(Permission.RulesWrite);

  protected readonly maxDays = RULE_MAX_DAYS;
  protected readonly areas = RULE_AREAS;
  protected readonly areaLabels = AREA_LABELS;

  private readonly ruleId = this.route.snapshot.paramMap.get('id');
  protected readonly isNew = this.ruleId === null;
  /** The saved rule being changed; null for a new one (or until it has loaded). */
  protected readonly rule = signal<ComplianceRule | null>(null);
  protected readonly loadProblem = signal<ProblemDetails | null>(null);
  protected readonly loading = signal(!this.isNew);
  protected readonly saving = signal(false);

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    credential: this.fb.control<ComplianceCredentialRef | string>('', [Validators.required, picked]),
    who: this.fb.control<Who>('everyone'),
    jobRoleId: this.fb.control(''),
    area: this.fb.control<RuleArea>('company'),
    regionId: this.fb.control(''),
    branchId: this.fb.control(''),
    dueDays: this.fb.control(30, [Validators.required, Validators.min(0), Validators.max(RULE_MAX_DAYS)]),
    warningDays: this.fb.control(60, [Validators.required, Validators.min(0), Validators.max(RULE_MAX_DAYS)]),
    effectiveFrom: this.fb.control(today(), Validators.required),
    note: this.fb.control('', Validators.maxLength(1000)),
  });

  private readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  protected readonly who = computed(() => this.value().who);
  protected readonly area = computed(() => this.value().area);

  /** Credentials matching what is typed. */
  protected readonly credentialOptions = toSignal(
    this.form.controls.credential.valueChanges.pipe(
      filter((value): value is string => typeof value === 'string'),
      debounceTime(250),
      map((q) => q.trim()),
      distinctUntilChanged(),
      switchMap((q) => (q ? this.api.searchCredentials(q).pipe(catchError(() => of([]))) : of([]))),
    ),
    { initialValue: [] },
  );

  protected readonly displayCredential = (value: ComplianceCredentialRef | string | null): string =>
    typeof value === 'string' || value === null
      ? (value ?? '')
      : this.i18n.localized(value.title) || value.code;

  /** Active roles, plus the rule's own if it has been archived since. */
  protected readonly roleOptions = computed(() => {
    const current = this.rule()?.jobRole?.id;
    return this.lookups.roles().filter((role) => role.status === 'active' || role.id === current);
  });

  /** Active branches by region, plus the rule's own. */
  protected readonly branchGroups = computed(() => {
    const current = this.rule()?.branch?.id;
    const groups = new Map<
      string,
      { regionId: string; regionName: string; branches: { id: string; name: string }[] }
    >();
    for (const branch of this.lookups.branches()) {
      if (branch.status !== 'active' && branch.id !== current) continue;
      const group = groups.get(branch.regionId) ?? {
        regionId: branch.regionId,
        regionName: branch.regionName,
        branches: [],
      };
      group.branches.push({ id: branch.id, name: branch.name });
      groups.set(branch.regionId, group);
    }
    return [...groups.values()];
  });

  private readonly retries = new Subject<void>();
  private readonly previewing = signal<ImpactState>({ status: 'incomplete' });
  /** The form values the shown preview was computed for; saving is allowed only while they still match. */
  private readonly previewedFor = signal<string | null>(null);
  protected readonly preview = this.previewing.asReadonly();
  protected readonly canSave = computed(
    () =>
      this.canWrite &&
      !this.saving() &&
      this.preview().status === 'ok' &&
      this.previewedFor() === JSON.stringify(this.request(this.value())),
  );

  constructor() {
    this.lookups.load();
    if (this.ruleId) this.load(this.ruleId);
    if (!this.canWrite) this.form.disable({ emitEvent: false });

    this.form.controls.who.valueChanges.pipe(takeUntilDestroyed()).subscribe((who) => {
      const role = this.form.controls.jobRoleId;
      role.setValidators(who === 'role' ? Validators.required : null);
      role.updateValueAndValidity({ emitEvent: false });
    });
    this.form.controls.area.valueChanges.pipe(takeUntilDestroyed()).subscribe((area) => {
      const { regionId, branchId } = this.form.controls;
      regionId.setValidators(area === 'region' ? Validators.required : null);
      branchId.setValidators(area === 'branch' ? Validators.required : null);
      regionId.updateValueAndValidity({ emitEvent: false });
      branchId.updateValueAndValidity({ emitEvent: false });
    });

    // The preview follows the form: complete and changed → ask the engine, half a second after the last edit.
    let attempt = 0;
    merge(this.form.valueChanges, this.retries.pipe(map(() => (attempt += 1))))
      .pipe(
        startWith(null),
        debounceTime(500),
        map(() => ({ ...this.previewRequest(), attempt })),
        distinctUntilChanged((a, b) => a.key === b.key && a.attempt === b.attempt),
        switchMap(({ key, request }) => {
          if (!this.canWrite) return of(null);
          if (request === 'incomplete') return of<[string, ImpactState]>([key, { status: 'incomplete' }]);
          if (request === 'unchanged') return of<[string, ImpactState]>([key, { status: 'unchanged' }]);
          const last = this.lastImpact();
          this.previewing.set({ status: 'loading', last });
          return this.api.impact(request).pipe(
            map((impact): [string, ImpactState] => [key, { status: 'ok', impact }]),
            catchError((error: unknown) => {
              const problem = toProblem(error);
              this.showAtFields(problem);
              return of<[string, ImpactState]>([key, { status: 'error', problem }]);
            }),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        if (!result) return;
        this.previewedFor.set(result[0]);
        this.previewing.set(result[1]);
      });
  }

  protected retryPreview(): void {
    this.retries.next();
  }

  protected errorText(control: AbstractControl): string {
    const errors = control.errors ?? {};
    if (typeof errors['server'] === 'string') return this.i18n.t(errors['server'] as TranslationKey);
    if (errors['required'] || errors['pick']) return this.i18n.t('rules.form.errors.required');
    if (errors['min'] || errors['max']) return this.i18n.t('rules.form.errors.days');
    if (errors['maxlength']) return this.i18n.t('validation.maxLength', { max: 1000 });
    return '';
  }

  protected save(): void {
    if (!this.canSave()) return;
    const request = this.request(this.form.getRawValue());
    if (!request) return;
    const rule = this.rule();
    const call = rule
      ? this.api.update(rule.id, { ...request, version: rule.version })
      : this.api.create(request);
    this.saving.set(true);
    call.pipe(finalize(() => this.saving.set(false))).subscribe({
      next: (saved) => {
        this.notifier.info(rule ? 'rules.saved' : 'rules.created', {
          name: ruleCredential(saved, this.i18n),
        });
        void this.router.navigate(['/rules']);
      },
      error: (error: unknown) => {
        const problem = toProblem(error);
        if (problem.code === ErrorCode.VersionConflict) {
          this.notifier.info('rules.conflict');
          return;
        }
        if (!this.showAtFields(problem)) this.notifier.problem(problem);
      },
    });
  }

  protected remove(): void {
    const rule = this.rule();
    if (!rule) return;
    this.removal.remove(rule).subscribe((removed) => {
      if (removed) void this.router.navigate(['/rules']);
    });
  }

  private load(id: string): void {
    this.api
      .get(id)
      .pipe(finalize(() => this.loading.set(false)))
      .subscribe({
        next: (rule) => {
          this.rule.set(rule);
          this.form.setValue({
            credential: rule.credential,
            who: rule.jobRole ? 'role' : 'everyone',
            jobRoleId: rule.jobRole?.id ?? '',
            area: rule.area,
            regionId: rule.region?.id ?? '',
            branchId: rule.branch?.id ?? '',
            dueDays: rule.dueDays,
            warningDays: rule.warningDays,
            effectiveFrom: rule.effectiveFrom,
            note: rule.note ?? '',
          });
          if (!this.canWrite) this.form.disable({ emitEvent: false });
        },
        error: (error: unknown) => this.loadProblem.set(toProblem(error)),
      });
  }

  private lastImpact() {
    const state = this.previewing();
    return state.status === 'ok' ? state.impact : state.status === 'loading' ? state.last : null;
  }

  /** The rule as the API takes it, from the form; null while something required is missing. */
  private request(value: RuleFormValue): CreateComplianceRuleRequest | null {
    const credential = value.credential;
    if (typeof credential !== 'object') return null;
    if (value.who === 'role' && !value.jobRoleId) return null;
    if (value.area === 'region' && !value.regionId) return null;
    if (value.area === 'branch' && !value.branchId) return null;
    const days = (n: number) => Number.isInteger(n) && n >= 0 && n <= RULE_MAX_DAYS;
    if (!days(value.dueDays) || !days(value.warningDays) || !/^\d{4}-\d{2}-\d{2}$/.test(value.effectiveFrom))
      return null;
    return {
      definitionId: credential.id,
      jobRoleId: value.who === 'role' ? value.jobRoleId : null,
      area: value.area,
      regionId: value.area === 'region' ? value.regionId : null,
      branchId: value.area === 'branch' ? value.branchId : null,
      dueDays: value.dueDays,
      warningDays: value.warningDays,
      effectiveFrom: value.effectiveFrom,
      note: value.note.trim() || null,
    };
  }

  /** The preview request for the form as it stands, keyed by the rule it describes. */
  private previewRequest(): { key: string; request: ComplianceImpactRequest | 'incomplete' | 'unchanged' } {
    const rule = this.request(this.form.getRawValue());
    const key = JSON.stringify(rule);
    if (!rule) return { key, request: 'incomplete' };
    const saved = this.rule();
    if (!saved) return { key, request: { rule } };
    if (key === JSON.stringify(this.savedRequest(saved))) return { key, request: 'unchanged' };
    return { key, request: { ruleId: saved.id, changes: rule } };
  }

  private savedRequest(rule: ComplianceRule): CreateComplianceRuleRequest {
    return {
      definitionId: rule.credential.id,
      jobRoleId: rule.jobRole?.id ?? null,
      area: rule.area,
      regionId: rule.region?.id ?? null,
      branchId: rule.branch?.id ?? null,
      dueDays: rule.dueDays,
      warningDays: rule.warningDays,
      effectiveFrom: rule.effectiveFrom,
      note: rule.note,
    };
  }

  /** Field errors next to their fields; true when something could be shown there. */
  private showAtFields(problem: ProblemDetails): boolean {
    const controls = this.form.controls;
    return showProblemAtFields<FieldName>(problem, {
      control: (field) => (field === 'definitionId' ? controls.credential : controls[field]),
      fieldMessages: FIELD_MESSAGES,
    });
  }
}
