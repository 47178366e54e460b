import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
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
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ErrorCode, type Branch, type ProblemDetails, type Region } from '@brevet/contracts';
import { defaultLocaleFor, isIanaTimeZone, isSiteLocale } from '@brevet/domain';
import { finalize } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { showProblemAtFields } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { branchCodeValidator, localeValidator, timeZoneValidator } from './branch-form.validators';
import { BranchesApi } from './branches-api';
import { ALL_TIME_ZONES, COUNTRY_CODES, suggestedLocales, suggestedTimeZones } from './countries';

export interface BranchDialogData {
  /** The branch to edit; absent to create one. */
  branch?: Branch;
  regions: readonly Region[];
}

type FieldName = 'code' | 'name' | 'country' | 'timezone' | 'regionId' | 'locale' | 'address';

/** Plain-words messages for the API's field errors, by field. */
const SERVER_FIELD_MESSAGES: Record<FieldName, TranslationKey> = {
  code: 'validation.codePattern',
  name: 'validation.name',
  country: 'validation.country',
  timezone: 'validation.timezone',
  regionId: 'validation.region',
  locale: 'validation.locale',
  address: 'validation.address',
};

/** Create or edit a branch. Saves through the API itself and closes with the saved branch. */
@Component({
  selector: 'bv-branch-dialog',
  imports: [
    MatAutocompleteModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './branch-dialog.html',
  styleUrl: './branch-dialog.scss',
})
export class BranchDialog {
  private readonly data = inject<BranchDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<BranchDialog, Branch>>(MatDialogRef);
  private readonly api = inject(BranchesApi);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);

  protected readonly editing = this.data.branch;
  protected readonly saving = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: [this.editing?.code ?? '', [Validators.required, branchCodeValidator]],
    name: [this.editing?.name ?? '', [Validators.required, Validators.maxLength(200)]],
    country: [this.editing?.country ?? '', Validators.required],
    timezone: [this.editing?.timezone ?? '', [Validators.required, timeZoneValidator]],
    regionId: [this.editing?.regionId ?? '', Validators.required],
    locale: [this.editing?.locale ?? '', localeValidator],
    address: [this.editing?.address ?? '', Validators.maxLength(500)],
  });

  private readonly country = toSignal(this.form.controls.country.valueChanges, {
    initialValue: this.form.controls.country.value,
  });
  private readonly locale = toSignal(this.form.controls.locale.valueChanges, {
    initialValue: this.form.controls.locale.value,
  });
  private readonly timezone = toSignal(this.form.controls.timezone.valueChanges, {
    initialValue: this.form.controls.timezone.value,
  });

  protected readonly countries = computed(() => {
    const codes = new Set(COUNTRY_CODES);
    if (this.editing) codes.add(this.editing.country);
    return [...codes]
      .map((code) => ({ code, name: this.i18n.countryName(code) }))
      .sort((a, b) => a.name.localeCompare(b.name, this.i18n.language()));
  });

  /** Zones for the chosen country first, then all others; both narrowed by what was typed. */
  protected readonly zoneGroups = computed(() => {
    const country = this.country();
    const typed = this.timezone().trim().toLowerCase();
    const filtering = typed !== '' && !isIanaTimeZone(this.timezone().trim());
    const matches = (zone: string) => !filtering || zone.toLowerCase().replaceAll('_', ' ').includes(typed);
    const suggested = suggestedTimeZones(country).filter(matches);
    const others = ALL_TIME_ZONES.filter((zone) => !suggested.includes(zone) && matches(zone));
    return [
      {
        label: country
          ? this.i18n.t('branchForm.suggestedFor', { country: this.i18n.countryName(country) })
          : '',
        zones: suggested,
      },
      { label: this.i18n.t('branchForm.allTimeZones'), zones: others },
    ].filter((group) => group.zones.length > 0);
  });

  /** "Local time there now: 14:05", to confirm the zone at a glance. */
  protected readonly localTime = computed(() => {
    const zone = this.timezone().trim();
    if (!isIanaTimeZone(zone)) return null;
    const time = this.i18n.dateTime(new Date(), { timeStyle: 'short', timeZone: zone });
    return this.i18n.t('branchForm.timezoneHint', { time });
  });

  /** Locales for the chosen country, each with its name in the UI language ("de-AT · Austrian German"). */
  protected readonly locales = computed(() => {
    const names = this.i18n.languageNames();
    return suggestedLocales(this.country()).map((locale) => ({ locale, name: names.of(locale) ?? locale }));
  });

  /** "Dates there look like 28.11.2026", to show what the locale means. */
  protected readonly localeExample = computed(() => {
    const locale = this.locale().trim();
    if (!isSiteLocale(locale)) return null;
    const example = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date());
    return this.i18n.t('branchForm.localeHint', { example });
  });

  /** Regions in tree order, children indented under their parent. */
  protected readonly regions = computed(() => orderAsTree(this.data.regions));

  constructor() {
    let previousCountry = this.form.controls.country.value;
    this.form.controls.country.valueChanges.pipe(takeUntilDestroyed()).subscribe((country) => {
      const zones = suggestedTimeZones(country);
      if (zones.length > 0 && !zones.includes(this.form.controls.timezone.value)) {
        this.form.controls.timezone.setValue(zones[0]);
      }
      // The locale follows the country unless someone chose a different one.
      const locale = this.form.controls.locale;
      if (country && (locale.value === '' || locale.value === defaultLocaleFor(previousCountry))) {
        locale.setValue(defaultLocaleFor(country));
      }
      previousCountry = country;
    });
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
    if (errors['branchCode']) return this.i18n.t('validation.codePattern');
    if (errors['timeZone']) return this.i18n.t('validation.timezone');
    if (errors['locale']) return this.i18n.t('validation.locale');
    return '';
  }

  protected submit(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const fields = {
      name: value.name.trim(),
      country: value.country,
      timezone: value.timezone.trim(),
      regionId: value.regionId,
      locale: value.locale.trim() || undefined,
      address: value.address.trim() || null,
    };
    const request = this.editing
      ? this.api.update(this.editing.id, { ...fields, version: this.editing.version })
      : this.api.create({ ...fields, code: value.code.trim().toUpperCase() });
    this.saving.set(true);
    request.pipe(finalize(() => this.saving.set(false))).subscribe({
      next: (branch) => this.dialogRef.close(branch),
      error: (error: unknown) => this.showProblem(toProblem(error)),
    });
  }

  /** Field errors go next to their field; anything else becomes a message. */
  private showProblem(problem: ProblemDetails): void {
    const shown = showProblemAtFields<FieldName>(problem, {
      control: (field) => this.form.controls[field],
      byCode: {
        [ErrorCode.BranchCodeTaken]: ['code', 'validation.codeTaken'],
        [ErrorCode.RegionNotFound]: ['regionId', 'errors.regionNotFound'],
      },
      fieldMessages: SERVER_FIELD_MESSAGES,
    });
    if (!shown) this.notifier.problem(problem);
  }
}

function orderAsTree(regions: readonly Region[]): { region: Region; depth: number }[] {
  const byParent = new Map<string | null, Region[]>();
  for (const region of regions) {
    const siblings = byParent.get(region.parentId) ?? [];
    siblings.push(region);
    byParent.set(region.parentId, siblings);
  }
  const known = new Set(regions.map((r) => r.id));
  const roots = regions.filter((r) => r.parentId === null || !known.has(r.parentId));
  const ordered: { region: Region; depth: number }[] = [];
  const visit = (list: readonly Region[], depth: number) => {
    for (const region of [...list].sort((a, b) => a.name.localeCompare(b.name))) {
      ordered.push({ region, depth });
      visit(byParent.get(region.id) ?? [], depth + 1);
    }
  };
  visit(roots, 0);
  return ordered;
}
