import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type FormControl,
  type FormGroup,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  SSO_CODE_PATTERN,
  SSO_GROUP_ROLES,
  type IdentityProvider,
  type SsoGroupRole,
  type SsoGroupRoleRule,
} from '@brevet/contracts';
import { finalize, map } from 'rxjs';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { SsoDetailStore } from './sso-detail.store';
import { ROLE_LABELS } from './sso-labels';

/** "DE-HAM-01, DE-MUC-01" → ['DE-HAM-01', 'DE-MUC-01']: commas, semicolons or spaces between codes. */
export function parseCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

function codesValidator(control: AbstractControl<string>): ValidationErrors | null {
  const bad = parseCodes(control.value).filter((code) => code.length > 40 || !SSO_CODE_PATTERN.test(code));
  return bad.length > 0 ? { codes: bad.join(', ') } : null;
}

/** Regional managers need regions; branch managers need branches or the branch attribute. */
function scopeValidator(group: AbstractControl): ValidationErrors | null {
  const { role, regionCodes, branchCodes, branchFromAttribute } = (group as RuleGroup).getRawValue();
  if (role === 'regional_manager' && parseCodes(regionCodes).length === 0) return { regionsNeeded: true };
  if (role === 'branch_manager' && !branchFromAttribute && parseCodes(branchCodes).length === 0)
    return { branchesNeeded: true };
  return null;
}

type RuleGroup = FormGroup<{
  group: FormControl<string>;
  role: FormControl<SsoGroupRole>;
  regionCodes: FormControl<string>;
  branchCodes: FormControl<string>;
  branchFromAttribute: FormControl<boolean>;
}>;

/**
 * Group → role rules: people in a group of the identity provider get a role at each sign-in, scoped to regions
 * or branches by their codes. HR admins and auditors are company-wide.
 */
@Component({
  selector: 'bv-group-rules-form',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './group-rules-form.html',
  styleUrl: './group-rules-form.scss',
})
export class GroupRulesForm {
  protected readonly store = inject(SsoDetailStore);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly roles = SSO_GROUP_ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly saving = signal(false);

  protected readonly form = this.fb.group({ rules: this.fb.array<RuleGroup>([]) });
  protected readonly rules = this.form.controls.rules;
  /** Re-read on every change, so rows show the scope fields of their role. */
  protected readonly rows = toSignal(this.form.valueChanges.pipe(map(() => this.rules.controls)), {
    initialValue: this.rules.controls,
  });

  constructor() {
    effect(() => {
      const idp = this.store.idp();
      if (idp && this.form.pristine) this.fill(idp);
    });
  }

  protected add(): void {
    this.rules.push(this.rule({ group: '', role: 'branch_manager', branchFromAttribute: true }));
    this.form.markAsDirty();
  }

  protected remove(index: number): void {
    this.rules.removeAt(index);
    this.form.markAsDirty();
  }

  protected reset(): void {
    const idp = this.store.idp();
    if (idp) this.fill(idp);
  }

  protected codesError(control: AbstractControl): string {
    const bad = control.errors?.['codes'] as string | undefined;
    return bad ? this.i18n.t('sso.rules.badCodes', { codes: bad }) : '';
  }

  protected scopeError(rule: RuleGroup): TranslationKey | null {
    if (!rule.touched && !rule.dirty) return null;
    if (rule.hasError('regionsNeeded')) return 'sso.rules.regionsNeeded';
    if (rule.hasError('branchesNeeded')) return 'sso.rules.branchesNeeded';
    return null;
  }

  protected save(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const groupRoleRules = this.rules.controls.map((rule) => toRule(rule));
    this.saving.set(true);
    this.store
      .update({ groupRoleRules })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (idp) => {
          this.fill(idp);
          this.notifier.info('sso.rules.saved');
        },
        error: (error: unknown) => this.store.report(error),
      });
  }

  private fill(idp: IdentityProvider): void {
    this.rules.clear({ emitEvent: false });
    for (const rule of idp.groupRoleRules) this.rules.push(this.rule(rule), { emitEvent: false });
    this.form.markAsPristine();
    this.form.markAsUntouched();
    this.form.updateValueAndValidity();
  }

  private rule(rule: SsoGroupRoleRule): RuleGroup {
    return this.fb.group(
      {
        group: [rule.group, [Validators.required, Validators.maxLength(256)]],
        role: [rule.role],
        regionCodes: [(rule.regionCodes ?? []).join(', '), codesValidator],
        branchCodes: [(rule.branchCodes ?? []).join(', '), codesValidator],
        branchFromAttribute: [rule.branchFromAttribute ?? false],
      },
      { validators: scopeValidator },
    );
  }
}

/** A row as the API wants it: only the scope its role uses. */
function toRule(rule: RuleGroup): SsoGroupRoleRule {
  const value = rule.getRawValue();
  const base = { group: value.group.trim(), role: value.role };
  switch (value.role) {
    case 'regional_manager':
      return { ...base, regionCodes: parseCodes(value.regionCodes) };
    case 'branch_manager':
      return value.branchFromAttribute
        ? { ...base, branchFromAttribute: true }
        : { ...base, branchCodes: parseCodes(value.branchCodes) };
    case 'hr_admin':
    case 'auditor':
      return base;
  }
}
