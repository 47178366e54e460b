import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  HR_IMPORT_COLUMNS,
  HR_IMPORT_MAX_BYTES,
  type HrImportPage,
  type HrImportSummary,
  type ProblemDetails,
} from '@brevet/contracts';
import { catchError, finalize, map, of, switchMap, tap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { Viewport } from '../core/ui/viewport';
import { HrImportApi } from './hr-import-api';
import { ImportStatusBadge, isBusy } from './hr-import-status';

const PAGE_SIZE = 10;

type LoadResult = { page: HrImportPage; problem?: never } | { page?: never; problem: ProblemDetails };
type FileProblem = 'notCsv' | 'empty' | 'tooLarge';

/** Upload an HR export (drag and drop or the file picker), and the list of recent imports. */
@Component({
  selector: 'bv-import-page',
  imports: [
    ImportStatusBadge,
    MatButtonModule,
    MatCheckboxModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-page.html',
  styleUrl: './import-page.scss',
})
export class ImportPage {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(HrImportApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  protected readonly phone = inject(Viewport).phone;

  protected readonly columns = HR_IMPORT_COLUMNS;
  protected readonly maxMegabytes = HR_IMPORT_MAX_BYTES / 1024 / 1024;
  protected readonly file = signal<File | null>(null);
  protected readonly fileProblem = signal<FileProblem | null>(null);
  protected readonly dragging = signal(false);
  protected readonly uploading = signal(false);
  protected readonly fullExport = new FormControl(false, { nonNullable: true });
  protected readonly fullExportChecked = toSignal(this.fullExport.valueChanges, { initialValue: false });

  /** The list's page lives in the URL (`?page=2`). */
  protected readonly page = toSignal(
    this.route.queryParamMap.pipe(
      map((params) => {
        const page = Number(params.get('page'));
        return Number.isInteger(page) && page >= 1 ? page : 1;
      }),
    ),
    { requireSync: true },
  );
  private readonly reloads = signal(0);
  private readonly result = signal<LoadResult | null>(null);
  protected readonly loading = signal(true);
  protected readonly imports = computed(() => this.result()?.page ?? null);
  protected readonly problem = computed(() => this.result()?.problem ?? null);
  protected readonly pageSize = PAGE_SIZE;
  protected readonly tableColumns = computed(() =>
    this.phone() ? ['file', 'status'] : ['file', 'createdAt', 'summary', 'status'],
  );

  constructor() {
    toObservable(computed(() => ({ page: this.page(), reload: this.reloads() })))
      .pipe(
        tap(() => this.loading.set(true)),
        switchMap(({ page }) =>
          this.api.list(page, PAGE_SIZE).pipe(
            map((result): LoadResult => ({ page: result })),
            catchError((error: unknown) => of<LoadResult>({ problem: toProblem(error) })),
          ),
        ),
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
      queryParams: { page: event.pageIndex === 0 ? null : event.pageIndex + 1 },
    });
  }

  protected dragOver(event: DragEvent): void {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    this.dragging.set(true);
  }

  protected dragLeave(event: DragEvent): void {
    const target = event.currentTarget as HTMLElement;
    if (!target.contains(event.relatedTarget as Node | null)) this.dragging.set(false);
  }

  protected drop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    this.choose(event.dataTransfer?.files.item(0) ?? null);
  }

  protected picked(input: HTMLInputElement): void {
    this.choose(input.files?.item(0) ?? null);
    input.value = ''; // choosing the same file again still counts as a change
  }

  protected removeFile(): void {
    this.file.set(null);
    this.fileProblem.set(null);
  }

  protected upload(): void {
    const file = this.file();
    if (!file || this.uploading()) return;
    this.uploading.set(true);
    this.api
      .upload(file, this.fullExport.value)
      .pipe(finalize(() => this.uploading.set(false)))
      .subscribe({
        // The detail page starts from this answer, so the upload's own state is what the user sees first.
        next: (detail) => void this.router.navigate(['/import', detail.id], { state: { detail } }),
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  /** One line about an import's outcome so far, for the list. */
  protected summary(item: HrImportSummary): string {
    const t = this.i18n.t.bind(this.i18n);
    if (item.status === 'applied' && item.result) {
      return t('import.summary.applied', {
        created: item.result.created,
        updated: item.result.updated,
        deactivated: item.result.deactivated,
      });
    }
    if (item.status === 'validated' && item.preview) {
      return t('import.summary.validated', { created: item.preview.created, updated: item.preview.updated });
    }
    if (item.status === 'invalid') return t('import.errorCount', { count: item.errorCount });
    if (item.status === 'failed') return t('import.summary.failed');
    if (isBusy(item.status) && item.progress !== null) {
      return t('import.summary.progress', { percent: Math.round(item.progress * 100) });
    }
    return '';
  }

  private choose(file: File | null): void {
    if (!file) return;
    const problem: FileProblem | null = !/\.(csv|txt)$/i.test(file.name)
      ? 'notCsv'
      : file.size === 0
        ? 'empty'
        : file.size > HR_IMPORT_MAX_BYTES
          ? 'tooLarge'
          : null;
    this.fileProblem.set(problem);
    this.file.set(problem ? null : file);
  }
}
