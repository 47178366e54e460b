import { ChangeDetectionStrategy, Component, Injector, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router } from '@angular/router';
import {
  EXPORT_KIND_FORMATS,
  EXPORT_KINDS,
  EXPORT_RETENTION_DAYS,
  Permission,
  type CreateExportRequest,
  type ExportKind,
  type ExportPage,
  type ExportRun,
  type ProblemDetails,
} from '@brevet/contracts';
import {
  EMPTY,
  catchError,
  expand,
  filter,
  finalize,
  map,
  of,
  switchMap,
  timer,
  type Observable,
} from 'rxjs';
import { AuthStore } from '../core/auth';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { Viewport } from '../core/ui/viewport';
import { CHOICES, ERROR_LABELS, KIND_LABELS, KIND_PERMISSION, STATUS_LOOK, isActive } from './export-labels';
import { ExportsApi } from './exports-api';
import { ExportsTabs } from './exports-tabs';

const PAGE_SIZE = 10;
/** How often the list asks again while an export on the page is queued or running. */
const POLL_MS = 1000;

type LoadResult = { page: ExportPage; problem?: never } | { page?: never; problem: ProblemDetails };

/**
 * The person's own exports: start one, watch its progress (the list asks again every second while one is
 * running), download the file when it is ready, or read why it failed. Page and highlighted export live in
 * the URL (`?page=2&highlight=<id>`), so the export button on other pages can link here.
 */
@Component({
  selector: 'bv-exports-page',
  imports: [
    ExportsTabs,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './exports-page.html',
  styleUrl: './exports-page.scss',
})
export class ExportsPage {
  protected readonly i18n = inject(I18n);
  protected readonly api = inject(ExportsApi);
  private readonly auth = inject(AuthStore);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  protected readonly phone = inject(Viewport).phone;

  protected readonly kindLabels = KIND_LABELS;
  protected readonly statusLook = STATUS_LOOK;
  protected readonly retentionDays = EXPORT_RETENTION_DAYS;
  protected readonly pageSize = PAGE_SIZE;
  protected readonly dateTime: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

  /** The kinds this person may export. */
  protected readonly kinds = EXPORT_KINDS.filter(
    (k) => this.auth.can(Permission.ReportsExport) && this.auth.can(KIND_PERMISSION[k]),
  );
  protected readonly kind = new FormControl<ExportKind>(this.kinds[0] ?? 'compliance-matrix', {
    nonNullable: true,
  });
  protected readonly choice = new FormControl<number>(0, { nonNullable: true });
  protected readonly form = new FormGroup({ kind: this.kind, choice: this.choice });
  private readonly chosenKind = toSignal(this.kind.valueChanges, { initialValue: this.kind.value });
  /** The format choices of the chosen kind, as indices into CHOICES. */
  protected readonly choices = computed(() =>
    CHOICES.map((c, index) => ({ ...c, index })).filter((c) =>
      EXPORT_KIND_FORMATS[this.chosenKind()].includes(c.format),
    ),
  );
  protected readonly starting = signal(false);

  private readonly query = toSignal(
    this.route.queryParamMap.pipe(
      map((params) => {
        const page = Number(params.get('page'));
        return {
          page: Number.isInteger(page) && page >= 1 ? page : 1,
          highlight: params.get('highlight'),
        };
      }),
    ),
    { requireSync: true },
  );
  protected readonly page = computed(() => this.query().page);
  protected readonly highlight = computed(() => this.query().highlight);
  private readonly reloads = signal(0);
  private readonly result = signal<LoadResult | null>(null);
  protected readonly loading = signal(true);
  protected readonly runs = computed(() => this.result()?.page ?? null);
  protected readonly problem = computed(() => this.result()?.problem ?? null);

  constructor() {
    this.kind.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (!this.choices().some((c) => c.index === this.choice.value))
        this.choice.setValue(this.choices()[0].index);
    });
    // Load the page; while any export on it is queued or running, load it again every second (quietly).
    toObservable(computed(() => ({ page: this.page(), reload: this.reloads() })))
      .pipe(
        switchMap(({ page }) => {
          this.loading.set(true);
          return this.load(page).pipe(
            expand((result) =>
              result.page?.items.some(isActive)
                ? timer(POLL_MS).pipe(switchMap(() => this.load(page)))
                : EMPTY,
            ),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.loading.set(false);
        this.result.set(result);
      });
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected paginate(event: PageEvent): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { page: event.pageIndex === 0 ? null : event.pageIndex + 1, highlight: null },
      queryParamsHandling: 'merge',
    });
  }

  /** Starts the export chosen in the form, over everything the person may see. */
  protected startNew(): void {
    const choice = CHOICES[this.choice.value];
    this.start({
      kind: this.kind.value,
      format: choice.format,
      ...(choice.delimiter ? { delimiter: choice.delimiter } : {}),
    });
  }

  /** Asks again for a failed export, with the same kind, format and filters. */
  protected again(run: ExportRun): void {
    this.start({
      kind: run.kind,
      format: run.format,
      ...(run.delimiter ? { delimiter: run.delimiter } : {}),
      filters: run.filters,
    });
  }

  protected remove(run: ExportRun): void {
    const t = this.i18n.t.bind(this.i18n);
    const data: ConfirmDialogData = {
      title: t('exports.deleteConfirm.title'),
      message: t('exports.deleteConfirm.text', { what: t(KIND_LABELS[run.kind]) }),
      confirm: t('exports.deleteConfirm.confirm'),
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data,
        role: 'alertdialog',
        width: '440px',
        maxWidth: 'calc(100vw - 24px)',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => this.api.remove(run.id)),
      )
      .subscribe({
        next: () => {
          this.notifier.info('exports.deleted');
          this.reload();
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  protected formatLabel(run: ExportRun): TranslationKey {
    if (run.format === 'csv')
      return run.delimiter === ';' ? 'exports.formats.csvSemicolon' : 'exports.formats.csv';
    return run.format === 'xlsx' ? 'exports.formats.xlsx' : 'exports.formats.pdf';
  }

  /** How many filters narrowed the export (the audit log's order is not one). */
  protected filterCount(run: ExportRun): number {
    return Object.keys(run.filters).filter((name) => name !== 'sort').length;
  }

  /** What the status cell says under the bar. */
  protected progressText(run: ExportRun): string {
    const t = this.i18n.t.bind(this.i18n);
    if (run.status === 'queued') return t(run.error ? 'exports.retrying' : 'exports.waiting');
    if (run.rowsTotal === null) return t('exports.counting');
    return t('exports.progress', {
      done: this.i18n.number(run.rowsDone),
      total: this.i18n.number(run.rowsTotal),
      percent: run.percent ?? 0,
    });
  }

  protected errorText(run: ExportRun): string {
    const code = run.error?.code;
    return this.i18n.t(code ? ERROR_LABELS[code] : 'exports.errors.failed');
  }

  private start(request: Omit<CreateExportRequest, 'language'>): void {
    if (this.starting()) return;
    this.starting.set(true);
    this.api
      .create({ ...request, language: this.i18n.language() })
      .pipe(finalize(() => this.starting.set(false)))
      .subscribe({
        next: (run) => {
          this.notifier.info('exports.started');
          // The new export shows at once, waiting, at the top of the first page: a small export may be ready
          // before the list is loaded again, and the person should still see it start.
          this.result.set({ page: withNewRun(this.result()?.page, run) });
          void this.router
            .navigate([], { relativeTo: this.route, queryParams: { page: null, highlight: run.id } })
            .then(() => this.reload());
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  private load(page: number): Observable<LoadResult> {
    return this.api.list(page, PAGE_SIZE).pipe(
      map((result): LoadResult => ({ page: result })),
      catchError((error: unknown) => of<LoadResult>({ problem: toProblem(error) })),
    );
  }

  protected readonly problemMessageKey = problemMessageKey;
}

/** The first page with `run` on top (newest first, as the API sorts), one row fewer at the bottom if full. */
function withNewRun(page: ExportPage | undefined, run: ExportRun): ExportPage {
  const others = (page?.page === 1 ? page.items : []).filter((r) => r.id !== run.id);
  return {
    items: [run, ...others].slice(0, PAGE_SIZE),
    total: (page?.total ?? 0) + 1,
    page: 1,
    pageSize: page?.pageSize ?? PAGE_SIZE,
  };
}
