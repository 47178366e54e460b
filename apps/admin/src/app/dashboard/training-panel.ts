import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { switchMap } from 'rxjs';
import { I18n, TranslatePipe } from '../core/i18n';
import { TrainingApi } from '../training/training-api';
import { LOADING, track } from './load-state';
import { busiestCourses, monthRates, trainingPanelRange } from './training-panel-model';

/**
 * "Training": completion and pass rate per course over the last six months, and the pass rate month by month,
 * for the branches the viewer may see (the training report's own scope: the company for HR, a manager's
 * branches for a manager). Links to the training page's report with the same range.
 */
@Component({
  selector: 'bv-training-panel',
  imports: [MatButtonModule, MatIconModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './training-panel.html',
  styleUrl: './training-panel.scss',
})
export class TrainingPanel {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(TrainingApi);

  protected readonly range = trainingPanelRange(new Date());
  private readonly reloads = signal(0);

  protected readonly report = toSignal(
    toObservable(computed(() => ({ lang: this.i18n.language(), reload: this.reloads() }))).pipe(
      switchMap(({ lang }) => track(this.api.report({ ...this.range, lang }))),
    ),
    { initialValue: LOADING },
  );

  protected readonly courses = computed(() => {
    const report = this.report();
    return report.status === 'ok' ? busiestCourses(report.value) : { shown: [], more: 0 };
  });

  protected readonly months = computed(() => {
    const report = this.report();
    return report.status === 'ok' ? monthRates(report.value.months) : [];
  });

  /** The training page with the same range, scrolled to its report. */
  protected readonly link = { from: this.range.from, to: this.range.to };

  reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected rate(value: number | null): string {
    return value === null
      ? '–'
      : new Intl.NumberFormat(this.i18n.language(), { style: 'percent', maximumFractionDigits: 1 }).format(
          value,
        );
  }

  protected month(month: string, style: 'short' | 'long' = 'short'): string {
    return this.i18n.dateTime(`${month}-01T00:00:00Z`, {
      month: style,
      year: style === 'long' ? 'numeric' : '2-digit',
      timeZone: 'UTC',
    });
  }

  /** Bar width in percent; a sliver for 0 % so that the month still shows a bar. */
  protected barWidth(value: number | null): number {
    return value === null ? 0 : Math.max(2, Math.round(value * 100));
  }
}
