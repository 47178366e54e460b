import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  EXPORT_KIND_FORMATS,
  REPORT_CADENCES,
  REPORT_SUBSCRIPTION_KINDS,
  UI_LANGUAGES,
  type ExportFormat,
  type ReportCadenceKind,
  type ReportSubscription,
  type ReportSubscriptionKind,
  type UiLanguage,
} from '@brevet/contracts';
import { finalize } from 'rxjs';
import { AuthStore } from '../core/auth';
import { toProblem } from '../core/http/api-error';
import { TranslatePipe, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { KIND_LABELS, KIND_PERMISSION } from './export-labels';
import { ReportSubscriptionsApi } from './report-subscriptions-api';

export const WEEKDAY_LABELS: Record<number, TranslationKey> = {
  1: 'scheduledReports.weekdays.d1',
  2: 'scheduledReports.weekdays.d2',
  3: 'scheduledReports.weekdays.d3',
  4: 'scheduledReports.weekdays.d4',
  5: 'scheduledReports.weekdays.d5',
  6: 'scheduledReports.weekdays.d6',
  7: 'scheduledReports.weekdays.d7',
};

const FORMAT_LABELS: Record<ExportFormat, TranslationKey> = {
  xlsx: 'exports.formats.xlsx',
  csv: 'exports.formats.csv',
  pdf: 'exports.formats.pdf',
};

const EVERY_LABELS: Record<ReportCadenceKind, TranslationKey> = {
  daily: 'scheduledReports.dialog.daily',
  weekly: 'scheduledReports.dialog.weekly',
  monthly: 'scheduledReports.dialog.monthly',
};

/** Subscribes the signed-in person to a report on a cadence. Closes with the saved subscription. */
@Component({
  selector: 'bv-report-subscription-dialog',
  imports: [
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
  template: `
    <form class="bv-dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2 mat-dialog-title>{{ 'scheduledReports.dialog.title' | t }}</h2>
      <mat-dialog-content>
        <div class="bv-fields">
          <mat-form-field>
            <mat-label>{{ 'scheduledReports.dialog.kind' | t }}</mat-label>
            <mat-select formControlName="kind" cdkFocusInitial>
              @for (k of kinds; track k) {
                <mat-option [value]="k">{{ kindLabels[k] | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'scheduledReports.dialog.format' | t }}</mat-label>
            <mat-select formControlName="format">
              @for (f of formats(); track f) {
                <mat-option [value]="f">{{ formatLabels[f] | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'scheduledReports.dialog.every' | t }}</mat-label>
            <mat-select formControlName="every">
              @for (e of cadences; track e) {
                <mat-option [value]="e">{{ everyLabels[e] | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          @if (every() === 'weekly') {
            <mat-form-field>
              <mat-label>{{ 'scheduledReports.dialog.weekday' | t }}</mat-label>
              <mat-select formControlName="weekday">
                @for (d of weekdays; track d) {
                  <mat-option [value]="d">{{ weekdayLabels[d] | t }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
          }
          @if (every() === 'monthly') {
            <mat-form-field>
              <mat-label>{{ 'scheduledReports.dialog.dayOfMonth' | t }}</mat-label>
              <input matInput type="number" min="1" max="31" formControlName="dayOfMonth" />
              <mat-hint>{{ 'scheduledReports.dialog.dayOfMonthHint' | t }}</mat-hint>
            </mat-form-field>
          }
          <mat-form-field>
            <mat-label>{{ 'scheduledReports.dialog.time' | t }}</mat-label>
            <input matInput formControlName="time" inputmode="numeric" placeholder="07:00" />
            <mat-hint>{{ 'scheduledReports.dialog.timeHint' | t }}</mat-hint>
            <mat-error>{{ 'scheduledReports.dialog.timeInvalid' | t }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'scheduledReports.dialog.timeZone' | t }}</mat-label>
            <input matInput formControlName="timeZone" placeholder="Europe/Berlin" />
            <mat-hint>{{ 'scheduledReports.dialog.timeZoneHint' | t }}</mat-hint>
            <mat-error>{{ zoneError() }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'scheduledReports.dialog.language' | t }}</mat-label>
            <mat-select formControlName="language">
              <mat-option value="">{{ 'scheduledReports.dialog.languageMine' | t }}</mat-option>
              @for (l of languages; track l) {
                <mat-option [value]="l">{{ languageLabels[l] | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button type="button" mat-button mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button type="submit" mat-flat-button [disabled]="saving()">
          {{ 'scheduledReports.dialog.save' | t }}
        </button>
      </mat-dialog-actions>
      @if (saving()) {
        <mat-progress-bar class="bv-saving" mode="indeterminate" />
      }
    </form>
  `,
})
export class ReportSubscriptionDialog {
  private readonly dialogRef =
    inject<MatDialogRef<ReportSubscriptionDialog, ReportSubscription>>(MatDialogRef);
  private readonly api = inject(ReportSubscriptionsApi);
  private readonly notifier = inject(Notifier);
  private readonly auth = inject(AuthStore);

  protected readonly kindLabels = KIND_LABELS;
  protected readonly formatLabels = FORMAT_LABELS;
  protected readonly everyLabels = EVERY_LABELS;
  protected readonly weekdayLabels = WEEKDAY_LABELS;
  protected readonly weekdays = [1, 2, 3, 4, 5, 6, 7];
  protected readonly cadences = REPORT_CADENCES;
  protected readonly languages = UI_LANGUAGES;
  protected readonly languageLabels: Record<UiLanguage, TranslationKey> = {
    en: 'languages.en',
    de: 'languages.de',
  };
  protected readonly kinds = REPORT_SUBSCRIPTION_KINDS.filter((k) => this.auth.can(KIND_PERMISSION[k]));
  protected readonly saving = signal(false);
  protected readonly zoneError = signal('');
  protected readonly form = inject(NonNullableFormBuilder).group({
    kind: [(this.kinds[0] ?? 'compliance-matrix') as ReportSubscriptionKind],
    format: ['xlsx' as ExportFormat],
    every: ['weekly' as ReportCadenceKind],
    weekday: [1],
    dayOfMonth: [1, [Validators.min(1), Validators.max(31)]],
    time: ['07:00', [Validators.required, Validators.pattern(/^([01]\d|2[0-3]):[0-5]\d$/)]],
    timeZone: [''],
    language: ['' as UiLanguage | ''],
  });
  private readonly kind = toSignal(this.form.controls.kind.valueChanges, {
    initialValue: this.form.controls.kind.value,
  });
  protected readonly every = toSignal(this.form.controls.every.valueChanges, {
    initialValue: this.form.controls.every.value,
  });

  protected formats(): readonly ExportFormat[] {
    return EXPORT_KIND_FORMATS[this.kind()];
  }

  constructor() {
    this.form.controls.kind.valueChanges.pipe(takeUntilDestroyed()).subscribe((kind) => {
      if (!EXPORT_KIND_FORMATS[kind].includes(this.form.controls.format.value))
        this.form.controls.format.setValue('xlsx');
    });
  }

  protected submit(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    this.saving.set(true);
    this.api
      .create({
        kind: v.kind,
        format: v.format,
        every: v.every,
        ...(v.every === 'weekly' ? { weekday: v.weekday } : {}),
        ...(v.every === 'monthly' ? { dayOfMonth: Number(v.dayOfMonth) } : {}),
        time: v.time,
        ...(v.timeZone.trim() ? { timeZone: v.timeZone.trim() } : {}),
        language: v.language === '' ? null : v.language,
      })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (saved) => this.dialogRef.close(saved),
        error: (error: unknown) => {
          const problem = toProblem(error);
          const zone = problem.errors?.find((e) => e.field === 'timeZone');
          if (zone) {
            this.zoneError.set(zone.message);
            this.form.controls.timeZone.setErrors({ invalid: true });
            this.form.controls.timeZone.markAsTouched();
          } else this.notifier.problem(problem);
        },
      });
  }
}
