import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { EVIDENCE_REASON_MAX_LENGTH, type Evidence } from '@brevet/contracts';
import { finalize } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { showProblemAtFields } from '../core/http/problem-form';
import { TranslatePipe } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { ApprovalsApi } from './approvals-api';
import { approvalProblemKey } from './approval-problems';

export interface RejectDialogData {
  evidence: Evidence;
  /** The certificate's title in the current language. */
  title: string;
}

/** Rejects a submission with a reason the person will read. Closes with the rejected evidence. */
@Component({
  selector: 'bv-reject-dialog',
  imports: [
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="bv-dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2 mat-dialog-title>{{ 'approvals.rejectDialog.title' | t }}</h2>
      <mat-dialog-content>
        <p class="intro">
          {{ 'approvals.rejectDialog.intro' | t: { name: name, title: data.title } }}
        </p>
        <div class="bv-fields single">
          <mat-form-field>
            <mat-label>{{ 'approvals.rejectDialog.reason' | t }}</mat-label>
            <textarea
              matInput
              formControlName="reason"
              rows="4"
              cdkFocusInitial
              [attr.maxlength]="max"
            ></textarea>
            <mat-hint>{{ 'approvals.rejectDialog.hint' | t }}</mat-hint>
            <mat-error>{{ 'approvals.rejectDialog.required' | t }}</mat-error>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button type="button" mat-button mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button type="submit" mat-flat-button [disabled]="saving()">
          {{ 'approvals.rejectDialog.confirm' | t }}
        </button>
      </mat-dialog-actions>
      @if (saving()) {
        <mat-progress-bar class="bv-saving" mode="indeterminate" />
      }
    </form>
  `,
  styles: `
    .intro {
      max-width: 48ch;
      margin: 0 0 12px;
    }
  `,
})
export class RejectDialog {
  protected readonly data = inject<RejectDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<RejectDialog, Evidence>>(MatDialogRef);
  private readonly api = inject(ApprovalsApi);
  private readonly notifier = inject(Notifier);

  protected readonly max = EVIDENCE_REASON_MAX_LENGTH;
  protected readonly name = `${this.data.evidence.staff.givenName} ${this.data.evidence.staff.familyName}`;
  protected readonly saving = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(this.max)]],
  });

  protected submit(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.api
      .reject(this.data.evidence.id, this.form.controls.reason.value.trim())
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (evidence) => this.dialogRef.close(evidence),
        error: (error: unknown) => {
          const problem = toProblem(error);
          const shown = showProblemAtFields<'reason'>(problem, {
            control: () => this.form.controls.reason,
            fieldMessages: { reason: 'approvals.rejectDialog.required' },
          });
          if (shown) return;
          const key = approvalProblemKey(problem);
          if (key) {
            this.notifier.info(key);
            this.dialogRef.close();
          } else this.notifier.problem(problem);
        },
      });
  }
}
