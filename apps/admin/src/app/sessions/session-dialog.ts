import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  TRAINING_SESSION_MAX_CAPACITY,
  type SessionStaffOption,
  type TrainingSessionDetail,
  type UpdateTrainingSessionRequest,
} from '@brevet/contracts';
import { instantToWallTime, wallTimeToInstant } from '@brevet/domain';
import { catchError, debounceTime, distinctUntilChanged, finalize, of, startWith, switchMap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { sessionProblemKey } from './session-problems';
import { SessionsApi } from './sessions-api';

export interface SessionDialogData {
  /** Null: a new session. */
  session: TrainingSessionDetail | null;
}

/**
 * Schedule or change a session. Times are typed as the branch's wall-clock time and sent as instants; the
 * branch is fixed once created. Closes with the session's ID.
 */
@Component({
  selector: 'bv-session-dialog',
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
  template: `
    <form class="bv-dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2 mat-dialog-title>
        {{ (editing ? 'trainingSessions.dialog.editTitle' : 'trainingSessions.dialog.newTitle') | t }}
      </h2>
      <mat-dialog-content>
        @if (problem(); as problem) {
          <div class="bv-callout error" role="alert">
            <mat-icon svgIcon="error" aria-hidden="true" />
            <p>{{ problem | t }}</p>
          </div>
        }
        <div class="bv-fields">
          <mat-form-field class="bv-wide">
            <mat-label>{{ 'trainingSessions.dialog.credential' | t }}</mat-label>
            <mat-select formControlName="definitionId" required>
              @for (c of credentials(); track c.id) {
                <mat-option [value]="c.id">{{ i18n.localized(c.title) }} ({{ c.code }})</mat-option>
              }
            </mat-select>
            <mat-error>{{ 'trainingSessions.dialog.required' | t }}</mat-error>
          </mat-form-field>
          <mat-form-field class="bv-wide">
            <mat-label>{{ 'trainingSessions.dialog.branch' | t }}</mat-label>
            <mat-select formControlName="branchId" required (selectionChange)="branchChosen()">
              @for (b of branches(); track b.id) {
                <mat-option [value]="b.id">{{ b.name }}</mat-option>
              }
            </mat-select>
            <mat-error>{{ 'trainingSessions.dialog.required' | t }}</mat-error>
          </mat-form-field>
          <mat-form-field class="bv-wide">
            <mat-label>{{ 'trainingSessions.dialog.location' | t }}</mat-label>
            <input matInput formControlName="location" maxlength="300" required />
            <mat-hint>{{ 'trainingSessions.dialog.locationHint' | t }}</mat-hint>
            <mat-error>{{ 'trainingSessions.dialog.required' | t }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'trainingSessions.dialog.startsAt' | t }}</mat-label>
            <input matInput type="datetime-local" formControlName="startsAt" required />
            <mat-hint>{{ timeZone() }}</mat-hint>
            <mat-error>{{ 'trainingSessions.dialog.required' | t }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'trainingSessions.dialog.endsAt' | t }}</mat-label>
            <input matInput type="datetime-local" formControlName="endsAt" required />
            <mat-hint>{{ timeZone() }}</mat-hint>
            <mat-error>{{ 'trainingSessions.dialog.endAfterStart' | t }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'trainingSessions.dialog.instructor' | t }}</mat-label>
            <input matInput [formControl]="instructorSearch" [matAutocomplete]="instructorAuto" required />
            <mat-autocomplete
              #instructorAuto="matAutocomplete"
              [displayWith]="personName"
              (optionSelected)="instructor.setValue($event.option.value)"
            >
              @for (p of people(); track p.id) {
                <mat-option [value]="p">{{ p.name }} · {{ p.branchName }}</mat-option>
              }
            </mat-autocomplete>
            <mat-hint>{{ 'trainingSessions.dialog.instructorHint' | t }}</mat-hint>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'trainingSessions.dialog.capacity' | t }}</mat-label>
            <input matInput type="number" min="1" [max]="maxCapacity" formControlName="capacity" required />
            <mat-error>{{ 'trainingSessions.dialog.capacityRange' | t: { max: maxCapacity } }}</mat-error>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button type="button" mat-button mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button type="submit" mat-flat-button [disabled]="saving()">
          {{ (saving() ? 'common.saving' : 'common.save') | t }}
        </button>
      </mat-dialog-actions>
      @if (saving()) {
        <mat-progress-bar class="bv-saving" mode="indeterminate" />
      }
    </form>
  `,
})
export class SessionDialog {
  private readonly data = inject<SessionDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<SessionDialog, string>>(MatDialogRef);
  private readonly api = inject(SessionsApi);
  protected readonly i18n = inject(I18n);
  protected readonly editing = this.data.session !== null;
  protected readonly maxCapacity = TRAINING_SESSION_MAX_CAPACITY;
  protected readonly saving = signal(false);
  protected readonly problem = signal<TranslationKey | null>(null);

  protected readonly branches = toSignal(this.api.branches().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  protected readonly credentials = toSignal(this.api.credentials().pipe(catchError(() => of([]))), {
    initialValue: [],
  });

  private readonly s = this.data.session;
  protected readonly form = new FormGroup({
    definitionId: new FormControl(this.s?.definitionId ?? '', {
      nonNullable: true,
      validators: Validators.required,
    }),
    branchId: new FormControl(
      { value: this.s?.branchId ?? '', disabled: this.editing },
      { nonNullable: true, validators: Validators.required },
    ),
    location: new FormControl(this.s?.location ?? '', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(300)],
    }),
    startsAt: new FormControl(this.s ? instantToWallTime(new Date(this.s.startsAt), this.s.timeZone) : '', {
      nonNullable: true,
      validators: Validators.required,
    }),
    endsAt: new FormControl(this.s ? instantToWallTime(new Date(this.s.endsAt), this.s.timeZone) : '', {
      nonNullable: true,
      validators: Validators.required,
    }),
    capacity: new FormControl(this.s?.capacity ?? 12, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(1), Validators.max(TRAINING_SESSION_MAX_CAPACITY)],
    }),
  });
  protected readonly instructor = new FormControl<SessionStaffOption | null>(
    this.s
      ? { id: this.s.instructor.staffId, name: this.s.instructor.name, employeeNumber: '', branchName: '' }
      : null,
  );
  protected readonly instructorSearch = new FormControl<string | SessionStaffOption>(
    this.instructor.value ?? '',
  );
  protected readonly people = toSignal(
    this.instructorSearch.valueChanges.pipe(
      startWith(''),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) => this.api.people(typeof q === 'string' ? q.trim() : '').pipe(catchError(() => of([])))),
    ),
    { initialValue: [] as SessionStaffOption[] },
  );
  private readonly branchId = toSignal(this.form.controls.branchId.valueChanges, {
    initialValue: this.form.controls.branchId.value,
  });
  protected readonly timeZone = computed(
    () => this.s?.timeZone ?? this.branches().find((b) => b.id === this.branchId())?.timezone ?? '',
  );

  protected readonly personName = (p: SessionStaffOption | string | null): string =>
    typeof p === 'string' ? p : (p?.name ?? '');

  /** A new session at a branch: its address is a good start for the place. */
  protected branchChosen(): void {
    const branch = this.branches().find((b) => b.id === this.form.controls.branchId.value);
    if (branch?.address && !this.form.controls.location.value)
      this.form.controls.location.setValue(branch.address.replace(/\s*\n\s*/g, ', '));
  }

  protected submit(): void {
    if (this.saving()) return;
    this.form.markAllAsTouched();
    const zone = this.timeZone();
    const v = this.form.getRawValue();
    const startsAt = zone ? wallTimeToInstant(v.startsAt, zone) : null;
    const endsAt = zone ? wallTimeToInstant(v.endsAt, zone) : null;
    if (startsAt && endsAt && endsAt <= startsAt) this.form.controls.endsAt.setErrors({ order: true });
    const instructor = this.instructor.value;
    if (this.form.invalid || !startsAt || !endsAt || !instructor) {
      if (!instructor) this.problem.set('trainingSessions.dialog.instructorRequired');
      return;
    }
    const request = {
      definitionId: v.definitionId,
      location: v.location.trim(),
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      instructorStaffId: instructor.id,
      capacity: Number(v.capacity),
    } satisfies UpdateTrainingSessionRequest;
    this.saving.set(true);
    this.problem.set(null);
    const call = this.s
      ? this.api.update(this.s.id, request)
      : this.api.create({ ...request, branchId: v.branchId });
    call.pipe(finalize(() => this.saving.set(false))).subscribe({
      next: (session) => this.dialogRef.close(session.id),
      error: (error: unknown) => this.problem.set(sessionProblemKey(toProblem(error))),
    });
  }
}
