import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { WEBHOOK_EVENT_TYPES, type WebhookEndpoint, type WebhookEventType } from '@brevet/contracts';
import { finalize, map, type Observable } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { TranslatePipe } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { EVENT_LABELS } from './webhook-labels';
import { WebhooksApi } from './webhooks-api';

export interface WebhookDialogData {
  /** Absent: a new endpoint. */
  endpoint?: WebhookEndpoint;
}

/** What the dialog closes with: the saved endpoint, and the secret when it was created. */
export interface WebhookDialogResult {
  endpoint: WebhookEndpoint;
  secret: string | null;
}

/** Registers an endpoint or changes one: URL, description, events, threshold, enabled. */
@Component({
  selector: 'bv-webhook-dialog',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="bv-dialog-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2 mat-dialog-title>{{ (editing ? 'webhooks.dialog.editTitle' : 'webhooks.dialog.newTitle') | t }}</h2>
      <mat-dialog-content>
        <div class="bv-fields single">
          <mat-form-field>
            <mat-label>{{ 'webhooks.dialog.url' | t }}</mat-label>
            <input
              matInput
              formControlName="url"
              type="url"
              inputmode="url"
              cdkFocusInitial
              data-testid="webhook-url"
            />
            <mat-hint>{{ 'webhooks.dialog.urlHint' | t }}</mat-hint>
            <mat-error>{{ urlError() ?? ('webhooks.dialog.urlRequired' | t) }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'webhooks.dialog.description' | t }}</mat-label>
            <input matInput formControlName="description" maxlength="500" />
          </mat-form-field>
        </div>
        <fieldset class="events">
          <legend>{{ 'webhooks.dialog.events' | t }}</legend>
          @for (type of eventTypes; track type) {
            <mat-checkbox [checked]="chosen().includes(type)" (change)="toggle(type, $event.checked)">
              {{ eventLabels[type] | t }}
            </mat-checkbox>
          }
          @if (eventsMissing()) {
            <p class="events-error" role="alert">{{ 'webhooks.dialog.eventsRequired' | t }}</p>
          }
        </fieldset>
        @if (chosen().includes('compliance.threshold_crossed')) {
          <mat-form-field class="threshold">
            <mat-label>{{ 'webhooks.dialog.threshold' | t }}</mat-label>
            <input matInput type="number" min="0" max="100" step="0.5" formControlName="threshold" />
            <span matTextSuffix>%</span>
            <mat-hint>{{ 'webhooks.dialog.thresholdHint' | t }}</mat-hint>
            <mat-error>{{ 'webhooks.dialog.thresholdRange' | t }}</mat-error>
          </mat-form-field>
        }
        <mat-slide-toggle formControlName="enabled">{{ 'webhooks.dialog.enabled' | t }}</mat-slide-toggle>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button type="button" mat-button mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button type="submit" mat-flat-button [disabled]="saving()">{{ 'webhooks.dialog.save' | t }}</button>
      </mat-dialog-actions>
      @if (saving()) {
        <mat-progress-bar class="bv-saving" mode="indeterminate" />
      }
    </form>
  `,
  styles: `
    .events {
      display: flex;
      flex-direction: column;
      margin: 8px 0 12px;
      padding: 0;
      border: 0;
    }
    legend {
      font: var(--mat-sys-title-small);
      margin-bottom: 4px;
    }
    .events-error {
      margin: 4px 0 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .threshold {
      width: 220px;
      max-width: 100%;
    }
  `,
})
export class WebhookDialog {
  private readonly data = inject<WebhookDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<WebhookDialog, WebhookDialogResult>>(MatDialogRef);
  private readonly api = inject(WebhooksApi);
  private readonly notifier = inject(Notifier);

  protected readonly editing = !!this.data.endpoint;
  protected readonly eventTypes = WEBHOOK_EVENT_TYPES;
  protected readonly eventLabels = EVENT_LABELS;
  protected readonly saving = signal(false);
  protected readonly urlError = signal<string | null>(null);
  protected readonly eventsMissing = signal(false);
  protected readonly chosen = signal<WebhookEventType[]>(this.data.endpoint?.events ?? ['credential.issued']);
  protected readonly form = inject(NonNullableFormBuilder).group({
    url: [
      this.data.endpoint?.url ?? 'https://',
      [Validators.required, Validators.pattern(/^https:\/\/\S+$/)],
    ],
    description: [this.data.endpoint?.description ?? ''],
    threshold: [
      this.data.endpoint?.complianceThresholdPercent ?? 90,
      [Validators.min(0), Validators.max(100)],
    ],
    enabled: [this.data.endpoint?.enabled ?? true],
  });

  protected toggle(type: WebhookEventType, checked: boolean): void {
    this.chosen.update((list) => (checked ? [...list, type] : list.filter((t) => t !== type)));
    this.eventsMissing.set(false);
  }

  protected submit(): void {
    if (this.saving()) return;
    this.urlError.set(null);
    if (this.chosen().length === 0) this.eventsMissing.set(true);
    if (this.form.invalid || this.chosen().length === 0) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const request = {
      url: value.url.trim(),
      description: value.description.trim(),
      events: this.chosen(),
      enabled: value.enabled,
      complianceThresholdPercent: this.chosen().includes('compliance.threshold_crossed')
        ? Number(value.threshold)
        : null,
    };
    const save: Observable<WebhookDialogResult> = this.data.endpoint
      ? this.api.update(this.data.endpoint.id, request).pipe(map((endpoint) => ({ endpoint, secret: null })))
      : this.api.create(request).pipe(map((r) => ({ endpoint: r.endpoint, secret: r.secret })));
    this.saving.set(true);
    save.pipe(finalize(() => this.saving.set(false))).subscribe({
      next: (result) => this.dialogRef.close(result),
      error: (error: unknown) => {
        const problem = toProblem(error);
        const urlProblem = problem.errors?.find((e) => e.field === 'url');
        if (problem.code === 'webhook.url_refused' && urlProblem) {
          this.urlError.set(urlProblem.message);
          this.form.controls.url.setErrors({ refused: true });
          this.form.controls.url.markAsTouched();
        } else this.notifier.problem(problem);
      },
    });
  }
}
