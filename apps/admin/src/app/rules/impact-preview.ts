import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ComplianceImpact, ProblemDetails } from '@brevet/contracts';
import { problemMessageKey } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { impactSentences } from './rules-query';

/** Where the preview stands: waiting for a complete form, nothing changed yet, computing, done or failed. */
export type ImpactState =
  | { status: 'incomplete' }
  | { status: 'unchanged' }
  | { status: 'loading'; last: ComplianceImpact | null }
  | { status: 'ok'; impact: ComplianceImpact }
  | { status: 'error'; problem: ProblemDetails };

/**
 * "What saving would do": the impact preview of the rule as it stands in the form, in plain sentences, shown
 * next to the save button so that nobody saves without seeing it. Numbers from the same engine as the dashboard.
 */
@Component({
  selector: 'bv-impact-preview',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 id="impact-title">{{ 'rules.impact.title' | t }}</h2>
    <div class="bv-progress-slot">
      @if (state().status === 'loading') {
        <mat-progress-bar mode="indeterminate" [attr.aria-label]="'rules.impact.loading' | t" />
      }
    </div>
    <div class="body" aria-live="polite" [attr.aria-busy]="state().status === 'loading'">
      @switch (state().status) {
        @case ('incomplete') {
          <p class="bv-muted">{{ 'rules.impact.incomplete' | t }}</p>
        }
        @case ('unchanged') {
          <p class="bv-muted">{{ 'rules.impact.unchanged' | t }}</p>
        }
        @case ('error') {
          <p class="failed" role="alert">
            <mat-icon svgIcon="error" aria-hidden="true" />
            {{ errorText() }}
          </p>
          <button type="button" mat-stroked-button (click)="retry.emit()">{{ 'common.retry' | t }}</button>
        }
        @default {
          @if (sentences(); as lines) {
            <p class="headline" [class.stale]="state().status === 'loading'">{{ lines[0] }}</p>
            @for (line of lines.slice(1); track $index) {
              <p [class.stale]="state().status === 'loading'">{{ line }}</p>
            }
            @if (counts(); as c) {
              <p class="requirements bv-muted">{{ 'rules.impact.requirements' | t: c }}</p>
            }
          } @else {
            <span class="bv-skeleton"></span>
          }
        }
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
      font-weight: 600;
    }
    .body {
      min-height: 72px;
    }
    p {
      margin: 8px 0 0;
    }
    .headline {
      font: var(--mat-sys-title-medium);
    }
    .stale {
      opacity: 0.55;
    }
    .requirements {
      font: var(--mat-sys-body-small);
    }
    .failed {
      display: flex;
      gap: 8px;
      color: var(--mat-sys-error);
    }
    .bv-skeleton {
      display: block;
      height: 48px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-highest);
    }
  `,
})
export class ImpactPreview {
  private readonly i18n = inject(I18n);

  readonly state = input.required<ImpactState>();
  readonly retry = output<void>();

  private readonly impact = computed(() => {
    const state = this.state();
    if (state.status === 'ok') return state.impact;
    if (state.status === 'loading') return state.last;
    return null;
  });

  protected readonly sentences = computed(() => {
    const impact = this.impact();
    return impact ? impactSentences(impact, this.i18n) : null;
  });

  protected readonly counts = computed(() => {
    const impact = this.impact();
    return impact ? { before: impact.requirementsBefore, after: impact.requirementsAfter } : null;
  });

  protected errorText(): string {
    const state = this.state();
    return state.status === 'error' ? this.i18n.t(problemMessageKey(state.problem)) : '';
  }
}
