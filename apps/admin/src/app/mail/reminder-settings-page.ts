import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import {
  FormControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  DEFAULT_PAGE_SIZE,
  DIGEST_FREQUENCIES,
  REMINDER_MAX_OFFSET_DAYS,
  REMINDER_MAX_OFFSETS,
  type DigestFrequency,
  type ManagerDigestPreference,
  type ManagerDigestPreferencePage,
  type ProblemDetails,
  type ReminderSettingsView,
} from '@brevet/contracts';
import { catchError, debounceTime, filter, finalize, map, of, switchMap, tap } from 'rxjs';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { showProblemAtFields } from '../core/http/problem-form';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { Viewport } from '../core/ui/viewport';
import { MailApi } from './mail-api';
import { FREQUENCY_LABELS, WEEKDAY_LABELS } from './mail-labels';

/** `60, 30, 7` → [60, 30, 7]; null when not a list of 1–6 different whole days from 0 to 365. */
export function parseOffsets(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0 || parts.length > REMINDER_MAX_OFFSETS || parts.some((p) => !/^\d{1,3}$/.test(p)))
    return null;
  const days = parts.map(Number);
  if (days.some((d) => d > REMINDER_MAX_OFFSET_DAYS) || new Set(days).size !== days.length) return null;
  return days.sort((a, b) => b - a);
}

const offsetsValidator = (control: AbstractControl<string>): ValidationErrors | null =>
  parseOffsets(control.value) ? null : { offsets: true };

const timeZoneValidator = (control: AbstractControl<string>): ValidationErrors | null => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: control.value });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(control.value) ? null : { timeZone: true };
  } catch {
    return { timeZone: true };
  }
};

type Loaded<T> = { value: T; problem?: never } | { value?: never; problem: ProblemDetails };
/** `default`: follow the company setting (sent to the API as null). */
type ManagerChoice = DigestFrequency | 'default';

/**
 * Reminder settings for HR admins: the offsets before expiry, overdue emails, training assignment emails, the
 * digest frequency and day
 * (company-wide), the digest per manager, the last run, and "send due reminders now".
 */
@Component({
  selector: 'bv-reminder-settings-page',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reminder-settings-page.html',
  styleUrl: './reminder-settings-page.scss',
})
export class ReminderSettingsPage {
  private readonly api = inject(MailApi);
  private readonly notifier = inject(Notifier);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18n);
  protected readonly phone = inject(Viewport).phone;
  protected readonly frequencies = DIGEST_FREQUENCIES;
  protected readonly frequencyLabels = FREQUENCY_LABELS;
  protected readonly weekdays = WEEKDAY_LABELS;
  protected readonly roleLabels: Record<ManagerDigestPreference['roles'][number], TranslationKey> = {
    branch_manager: 'roles.branch_manager',
    regional_manager: 'roles.regional_manager',
  };
  protected readonly problemMessageKey = problemMessageKey;

  protected readonly form = inject(NonNullableFormBuilder).group({
    offsets: ['60, 30, 7', [Validators.required, offsetsValidator]],
    overdue: [true],
    trainingAssignments: [true],
    frequency: ['weekly' as DigestFrequency],
    weekday: [1],
    timeZone: ['Europe/Berlin', [Validators.required, timeZoneValidator]],
  });

  private readonly reloads = signal(0);
  protected readonly settings = signal<Loaded<ReminderSettingsView> | null>(null);
  protected readonly saving = signal(false);
  protected readonly running = signal(false);

  /** The managers list: search and page in the URL. */
  protected readonly managerView = toSignal(
    this.route.queryParamMap.pipe(
      map((p) => ({
        q: (p.get('q') ?? '').trim(),
        page: Math.max(1, Number(p.get('page')) || 1),
      })),
    ),
    { requireSync: true },
  );
  protected readonly managerSearch = new FormControl(this.managerView().q, { nonNullable: true });
  protected readonly managers = signal<Loaded<ManagerDigestPreferencePage> | null>(null);
  protected readonly managersLoading = signal(true);
  protected readonly savingManager = signal<string | null>(null);
  protected readonly pageSize = DEFAULT_PAGE_SIZE;
  protected readonly lastRun = computed(() => this.settings()?.value?.lastRun ?? null);

  constructor() {
    toObservable(this.reloads)
      .pipe(
        switchMap(() =>
          this.api.settings().pipe(
            map((value): Loaded<ReminderSettingsView> => ({ value })),
            catchError((error: unknown) => of<Loaded<ReminderSettingsView>>({ problem: toProblem(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((loaded) => {
        this.settings.set(loaded);
        if (loaded.value) this.fill(loaded.value);
      });

    toObservable(computed(() => ({ view: this.managerView(), reload: this.reloads() })))
      .pipe(
        tap(() => this.managersLoading.set(true)),
        switchMap(({ view }) =>
          this.api.managers({ q: view.q || undefined, page: view.page, pageSize: this.pageSize }).pipe(
            map((value): Loaded<ManagerDigestPreferencePage> => ({ value })),
            catchError((error: unknown) =>
              of<Loaded<ManagerDigestPreferencePage>>({ problem: toProblem(error) }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((loaded) => {
        this.managersLoading.set(false);
        this.managers.set(loaded);
      });

    this.managerSearch.valueChanges
      .pipe(
        debounceTime(300),
        map((q) => q.trim()),
        filter((q) => q !== this.managerView().q),
        takeUntilDestroyed(),
      )
      .subscribe((q) => this.navigate({ q, page: 1 }, true));
    effect(() => {
      const q = this.managerView().q;
      if (this.managerSearch.value.trim() !== q) this.managerSearch.setValue(q, { emitEvent: false });
    });
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected save(): void {
    this.form.markAllAsTouched();
    const offsets = parseOffsets(this.form.controls.offsets.value);
    if (this.form.invalid || !offsets) return;
    const value = this.form.getRawValue();
    this.saving.set(true);
    this.api
      .saveSettings({
        offsetsDays: offsets,
        overdue: value.overdue,
        trainingAssignments: value.trainingAssignments,
        digest: { frequency: value.frequency, weekday: value.weekday },
        timeZone: value.timeZone.trim(),
      })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (saved) => {
          this.settings.set({ value: saved });
          this.fill(saved);
          this.notifier.info('mail.settings.saved');
          this.reload();
        },
        error: (error: unknown) => {
          const problem = toProblem(error);
          const shown = showProblemAtFields(problem, {
            control: (field: 'offsetsDays' | 'timeZone') =>
              field === 'offsetsDays' ? this.form.controls.offsets : this.form.controls.timeZone,
            fieldMessages: {
              offsetsDays: 'mail.settings.offsetsInvalid',
              timeZone: 'mail.settings.timeZoneInvalid',
            },
          });
          if (!shown) this.notifier.problem(problem);
        },
      });
  }

  protected runNow(): void {
    this.running.set(true);
    this.api
      .runNow()
      .pipe(finalize(() => this.running.set(false)))
      .subscribe({
        next: () => this.notifier.info('mail.settings.runQueued'),
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  protected choice(manager: ManagerDigestPreference): ManagerChoice {
    return manager.frequency ?? 'default';
  }

  protected setManager(manager: ManagerDigestPreference, choice: ManagerChoice): void {
    const frequency = choice === 'default' ? null : choice;
    this.savingManager.set(manager.userId);
    this.api
      .setManagerFrequency(manager.userId, frequency)
      .pipe(finalize(() => this.savingManager.set(null)))
      .subscribe({
        next: (updated) => {
          this.managers.update((loaded) =>
            loaded?.value
              ? {
                  value: {
                    ...loaded.value,
                    items: loaded.value.items.map((m) => (m.userId === updated.userId ? updated : m)),
                  },
                }
              : loaded,
          );
          this.notifier.info('mail.settings.managerSaved', {
            name: updated.displayName,
            frequency: this.i18n.t(FREQUENCY_LABELS[updated.effective]),
          });
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  protected companyDefault(): string {
    const frequency = this.settings()?.value?.digest.frequency ?? 'weekly';
    return this.i18n.t('mail.settings.companyDefault', {
      frequency: this.i18n.t(FREQUENCY_LABELS[frequency]),
    });
  }

  protected paginate(event: PageEvent): void {
    this.navigate({ page: event.pageIndex + 1 }, false);
  }

  private navigate(change: { q?: string; page?: number }, replaceUrl: boolean): void {
    const next = { ...this.managerView(), ...change };
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { q: next.q || null, page: next.page === 1 ? null : next.page },
      replaceUrl,
    });
  }

  private fill(settings: ReminderSettingsView): void {
    this.form.reset({
      offsets: settings.offsetsDays.join(', '),
      overdue: settings.overdue,
      trainingAssignments: settings.trainingAssignments,
      frequency: settings.digest.frequency,
      weekday: settings.digest.weekday,
      timeZone: settings.timeZone,
    });
  }
}
