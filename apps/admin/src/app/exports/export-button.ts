import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { Router } from '@angular/router';
import {
  EXPORT_KIND_FILTERS,
  EXPORT_KIND_FORMATS,
  Permission,
  type ExportFilters,
  type ExportFormat,
  type ExportKind,
  type ExportRun,
} from '@brevet/contracts';
import { finalize } from 'rxjs';
import { AuthStore } from '../core/auth';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { CHOICES, KIND_PERMISSION, type ExportChoice } from './export-labels';
import { ExportsApi } from './exports-api';

/**
 * "Export" with a menu of formats, for any list page: drop it into the page header with the kind and the
 * page's current filters, e.g.
 *
 *     <bv-export-button kind="compliance-people" [filters]="{ branchId: view().branchId }" />
 *
 * It queues the export in the user's language and points to the exports page, where the file can be downloaded
 * when ready. It shows only to people allowed to export that kind. Filters the kind does not take are left out,
 * and the API limits every export to the user's own scope whatever the filters say.
 */
@Component({
  selector: 'bv-export-button',
  imports: [MatButtonModule, MatIconModule, MatMenuModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (allowed()) {
      <button
        type="button"
        mat-stroked-button
        class="export-trigger"
        [matMenuTriggerFor]="menu"
        [disabled]="busy()"
        [attr.aria-label]="'exports.menuLabel' | t"
      >
        <mat-icon svgIcon="download" aria-hidden="true" />
        {{ (busy() ? 'exports.starting' : 'exports.button') | t }}
      </button>
      <mat-menu #menu="matMenu">
        @for (choice of choices(); track choice.label) {
          <button type="button" mat-menu-item (click)="start(choice)">{{ choice.label | t }}</button>
        }
      </mat-menu>
    }
  `,
})
export class ExportButton {
  private readonly api = inject(ExportsApi);
  private readonly auth = inject(AuthStore);
  private readonly i18n = inject(I18n);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);

  /** What to export. */
  readonly kind = input.required<ExportKind>();
  /** The page's current filters; those the kind does not take are dropped. */
  readonly filters = input<ExportFilters>({});
  /** Offer only these formats (default: every format of the kind). */
  readonly formats = input<readonly ExportFormat[] | null>(null);
  /** Emitted with the queued export. */
  readonly started = output<ExportRun>();

  protected readonly busy = signal(false);
  protected readonly allowed = computed(
    () => this.auth.can(Permission.ReportsExport) && this.auth.can(KIND_PERMISSION[this.kind()]),
  );
  protected readonly choices = computed(() => {
    const offered = this.formats() ?? EXPORT_KIND_FORMATS[this.kind()];
    return CHOICES.filter(
      (c) => EXPORT_KIND_FORMATS[this.kind()].includes(c.format) && offered.includes(c.format),
    );
  });

  protected start(choice: ExportChoice): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.api
      .create({
        kind: this.kind(),
        format: choice.format,
        ...(choice.delimiter ? { delimiter: choice.delimiter } : {}),
        language: this.i18n.language(),
        filters: applicableFilters(this.kind(), this.filters()),
      })
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (run) => {
          this.started.emit(run);
          this.notifier.withAction('exports.started', 'exports.show', () => {
            void this.router.navigate(['/exports'], { queryParams: { highlight: run.id } });
          });
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }
}

/** The filters the kind takes, without empty values. */
export function applicableFilters(kind: ExportKind, filters: ExportFilters): ExportFilters {
  const allowed = EXPORT_KIND_FILTERS[kind] as readonly string[];
  return Object.fromEntries(
    Object.entries(filters).filter(
      ([name, value]) =>
        allowed.includes(name) &&
        value !== undefined &&
        value !== null &&
        value !== '' &&
        !(Array.isArray(value) && value.length === 0),
    ),
  ) as ExportFilters;
}
