import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ComplianceTrendPoint } from '@brevet/contracts';
import { I18n, TranslatePipe } from '../core/i18n';
import { chartModel, pointsOn, seriesSummary, type ChartFormat, type TrendSeries } from './trend-chart.model';

let nextId = 0;

/** Table columns after the date and the rate, in order. */
const COUNT_COLUMNS = [
  'compliant',
  'expiring',
  'expired',
  'missingOverdue',
  'missingInGrace',
  'exempt',
  'total',
] as const;

/**
 * Compliance over time as an accessible SVG line chart: the rate of each series (up to four, told apart by
 * colour and dash pattern), an optional target line, a visible legend, a text summary and a visually hidden
 * table of every figure for screen readers. The chart has keyboard focus: the arrow keys, Home and End move a
 * cursor from day to day and the figures of that day are shown and announced. Lines break where there is no
 * figure (a day not computed, or nothing due). Loading, empty and error states are built in.
 *
 * Usage: `<bv-compliance-trend-chart [series]="[{ label: 'All branches', trend }]" [target]="0.95" />`, with
 * `trend` from TrendsApi.trend().
 */
@Component({
  selector: 'bv-compliance-trend-chart',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './compliance-trend-chart.html',
  styleUrl: './compliance-trend-chart.scss',
})
export class ComplianceTrendChart {
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The lines to draw; the first is the main one. Empty while nothing has loaded. */
  readonly series = input<readonly TrendSeries[]>([]);
  /** The chart's name, shown above it and read out; default "Compliance rate over time". */
  readonly caption = input<string>('');
  /** Hide the caption visually (it still names the chart), e.g. under a panel heading that says the same. */
  readonly hideCaption = input(false);
  /** A target rate (0…1) drawn as a dashed reference line, e.g. 0.95; null for none. */
  readonly target = input<number | null>(null);
  /** Height of the plot in pixels; the width follows the container. */
  readonly height = input(240);
  /** Shows a progress bar (over the last chart, if any). */
  readonly loading = input(false);
  /** Shows the error state with a retry button instead of the chart. */
  readonly failed = input(false);
  /** The retry button of the error state was pressed. */
  readonly retry = output<void>();

  private readonly id = `bv-trend-${++nextId}`;
  protected readonly ids = {
    caption: `${this.id}-caption`,
    summary: `${this.id}-summary`,
    hint: `${this.id}-hint`,
  };
  protected readonly columns = COUNT_COLUMNS.map((field) => ({
    field,
    key: `trends.table.${field}` as const,
  }));
  private readonly width = signal(640);
  /** Index into `model().days` of the day under the cursor, or null. */
  protected readonly active = signal<number | null>(null);

  private readonly percentFormat = computed(
    () => new Intl.NumberFormat(this.i18n.language(), { style: 'percent', maximumFractionDigits: 1 }),
  );
  private readonly format = computed<ChartFormat>(() => {
    const percent = this.percentFormat();
    this.i18n.language(); // tick labels follow the language
    return {
      percent: (rate) => percent.format(rate),
      tick: (day, withYear, kind) =>
        this.i18n.day(
          day,
          kind === 'day'
            ? { day: 'numeric', month: 'short' }
            : withYear
              ? { month: 'short', year: 'numeric' }
              : { month: 'short' },
        ),
    };
  });

  protected readonly hasPoints = computed(() => this.series().some((s) => s.trend.points.length > 0));
  protected readonly captionText = computed(() => this.caption() || this.i18n.t('trends.caption'));
  protected readonly box = computed(() => ({ width: this.width(), height: this.height() }));
  protected readonly model = computed(() =>
    chartModel(this.series(), this.box(), this.format(), this.target()),
  );
  protected readonly legend = computed(() => this.series().map((s, index) => ({ label: s.label, index })));
  protected readonly targetLabel = computed(() => {
    const target = this.target();
    return target === null ? '' : this.i18n.t('trends.target', { rate: this.percent(target) });
  });

  protected readonly summary = computed(() =>
    this.series()
      .map((s) => {
        const found = seriesSummary(s.trend.points);
        if (!found) return this.i18n.t('trends.summaryEmpty', { label: s.label });
        return this.i18n.t('trends.summary', {
          label: s.label,
          first: this.percent(found.first.rate),
          firstDay: this.i18n.day(found.first.date),
          last: this.percent(found.last.rate),
          lastDay: this.i18n.day(found.last.date),
          lowest: this.percent(found.lowest.rate),
          lowestDay: this.i18n.day(found.lowest.date),
          highest: this.percent(found.highest.rate),
          highestDay: this.i18n.day(found.highest.date),
        });
      })
      .join(' '),
  );

  /** The day under the cursor: its position, each series' point and the text shown and announced. */
  protected readonly cursor = computed(() => {
    const index = this.active();
    const model = this.model();
    if (index === null || index >= model.days.length) return null;
    const { day, x } = model.days[index];
    const points = pointsOn(this.series(), day);
    const values = points.map((point, i) => ({
      label: this.series()[i].label,
      rate: this.rateText(point),
      index: i,
      y: point && point.rate !== null ? model.yOf(point.rate) : null,
    }));
    const date = this.i18n.day(day, { dateStyle: 'full' });
    const text = this.i18n.t('trends.point', {
      date,
      values: values
        .map((v) => this.i18n.t('trends.pointValue', { label: v.label, rate: v.rate }))
        .join('; '),
    });
    // The tip sits beside the cursor, on the side with more room.
    const before = x > (model.plot.left + model.plot.right) / 2;
    return { x, date, values, text, before };
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      const element = this.host.nativeElement;
      const measure = () => {
        const width = Math.floor(element.clientWidth);
        if (width > 0 && width !== this.width()) this.width.set(width);
      };
      measure();
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(measure);
      observer.observe(element);
      destroyRef.onDestroy(() => observer.disconnect());
    });
  }

  protected percent(rate: number | null): string {
    return rate === null ? this.i18n.t('trends.nothingDue') : this.percentFormat().format(rate);
  }

  protected rateText(point: ComplianceTrendPoint | undefined): string {
    return point === undefined ? this.i18n.t('trends.noFigure') : this.percent(point.rate);
  }

  protected day(day: string): string {
    return this.i18n.day(day);
  }

  protected tableCaption(series: TrendSeries): string {
    const key = series.trend.granularity === 'week' ? 'trends.table.captionWeekly' : 'trends.table.caption';
    return this.i18n.t(key, { label: series.label });
  }

  protected onKey(event: KeyboardEvent): void {
    const last = this.model().days.length - 1;
    if (last < 0) return;
    const current = this.active();
    const moves: Record<string, number> = {
      ArrowLeft: current === null ? last : Math.max(0, current - 1),
      ArrowRight: current === null ? last : Math.min(last, current + 1),
      Home: 0,
      End: last,
      PageUp: current === null ? last : Math.max(0, current - 7),
      PageDown: current === null ? last : Math.min(last, current + 7),
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    this.active.set(moves[event.key]);
  }

  protected onPointer(event: PointerEvent): void {
    const frame = event.currentTarget as HTMLElement;
    const x = event.clientX - frame.getBoundingClientRect().left;
    const days = this.model().days;
    if (days.length === 0) return;
    let nearest = 0;
    for (let i = 1; i < days.length; i++) {
      if (Math.abs(days[i].x - x) < Math.abs(days[nearest].x - x)) nearest = i;
    }
    this.active.set(nearest);
  }

  protected clearCursor(): void {
    this.active.set(null);
  }
}
