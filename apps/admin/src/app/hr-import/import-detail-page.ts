import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  computed,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  HR_IMPORT_FIELDS,
  type HrImportCounts,
  type HrImportDetail,
  type HrImportField,
  type HrImportIssue,
  type HrImportIssuePage,
  type ProblemDetails,
} from '@brevet/contracts';
import {
  EMPTY,
  Subject,
  catchError,
  exhaustMap,
  filter,
  map,
  of,
  startWith,
  switchMap,
  takeWhile,
  timer,
} from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { Viewport } from '../core/ui/viewport';
import { HrImportApi } from './hr-import-api';
import { ImportStatusBadge, isBusy, issueTextKey, issueValues } from './hr-import-status';

/** The person fields the columns feed, named as the person page names them. */
const FIELD_LABELS: Record<HrImportField, TranslationKey> = {
  employee_number: 'person.fields.employeeNumber',
  given_name: 'personForm.givenName',
  family_name: 'personForm.familyName',
  email: 'person.fields.email',
  preferred_language: 'person.fields.language',
  branch_code: 'person.fields.branch',
  job_role_codes: 'person.fields.roles',
  manager_employee_number: 'person.fields.manager',
  hire_date: 'personForm.hireDate',
  status: 'staff.status',
};

/** How often a running import is asked for its progress. */
const POLL_MS = 1000;
const ISSUE_PAGE_SIZES = [10, 25, 50] as const;

type Phase = 'checking' | 'applying' | 'validated' | 'invalid' | 'applied' | 'failed';
type StepState = 'done' | 'current' | 'failed' | 'todo';

interface CountTile {
  key: keyof HrImportCounts;
  label: TranslationKey;
  value: number;
}

/**
 * One import: a progress bar while the file is checked or applied (polled every second), then what applying
 * would do (with "Apply"), or the problems by row, and finally what was done.
 */
@Component({
  selector: 'bv-import-detail-page',
  imports: [
    ImportStatusBadge,
    MatButtonModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './import-detail-page.html',
  styleUrl: './import-detail-page.scss',
})
export class ImportDetailPage {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(HrImportApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  protected readonly phone = inject(Viewport).phone;

  private readonly id = toSignal(this.route.paramMap.pipe(map((params) => params.get('id') ?? '')), {
    requireSync: true,
  });
  /** Issue paging lives in the URL. */
  protected readonly issuePage = toSignal(
    this.route.queryParamMap.pipe(
      map((params) => {
        const page = Number(params.get('page'));
        const size = Number(params.get('pageSize'));
        return {
          page: Number.isInteger(page) && page >= 1 ? page : 1,
          pageSize: (ISSUE_PAGE_SIZES as readonly number[]).includes(size) ? size : ISSUE_PAGE_SIZES[0],
        };
      }),
    ),
    { requireSync: true },
  );
  protected readonly pageSizes = ISSUE_PAGE_SIZES;

  /** Starts watching again (after "Apply"): the value is the delay before the first question. */
  private readonly watches = new Subject<number>();

  protected readonly detail = signal<HrImportDetail | null>(this.uploadAnswer());
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly issues = signal<HrImportIssuePage | null>(null);
  protected readonly applying = signal(false);

  protected readonly resultCsv = computed(() => this.api.resultCsvUrl(this.id()));
  protected readonly phase = computed((): Phase | null => {
    const detail = this.detail();
    if (!detail) return null;
    switch (detail.status) {
      case 'receiving':
      case 'uploaded':
      case 'validating':
        return 'checking';
      case 'applying':
        return 'applying';
      case 'validated':
        return 'validated';
      case 'invalid':
        return 'invalid';
      case 'applied':
        return 'applied';
      case 'failed':
        return 'failed';
    }
  });

  /** Percent of rows checked, or null while there is no count to show (an indeterminate bar then). */
  protected readonly percent = computed(() => {
    const detail = this.detail();
    if (!detail || detail.progress === null || !detail.totalRows) return null;
    return Math.round(detail.progress * 100);
  });

  protected readonly steps = computed((): { label: TranslationKey; state: StepState }[] => {
    const detail = this.detail();
    const status = detail?.status;
    const failedWhileApplying = status === 'failed' && detail?.validatedAt !== null;
    const upload: StepState = status === 'receiving' ? 'current' : 'done';
    const check: StepState =
      status === 'receiving'
        ? 'todo'
        : status === 'uploaded' || status === 'validating'
          ? 'current'
          : status === 'invalid' || (status === 'failed' && !failedWhileApplying)
            ? 'failed'
            : 'done';
    const apply: StepState =
      status === 'applied'
        ? 'done'
        : status === 'validated' || status === 'applying'
          ? 'current'
          : failedWhileApplying
            ? 'failed'
            : 'todo';
    return [
      { label: 'import.steps.upload', state: upload },
      { label: 'import.steps.check', state: check },
      { label: 'import.steps.apply', state: apply },
    ];
  });

  protected readonly previewTiles = computed(() => this.tiles(this.detail()?.preview ?? null, 'preview'));
  protected readonly resultTiles = computed(() => this.tiles(this.detail()?.result ?? null, 'result'));
  protected readonly hasIssues = computed(() => {
    const detail = this.detail();
    return !!detail && !isBusy(detail.status) && detail.errorCount + detail.warningCount > 0;
  });
  protected readonly issueColumns = computed(() =>
    this.phone() ? ['row', 'problem'] : ['row', 'column', 'problem'],
  );

  constructor() {
    // Watch the import: ask every second while it is busy, stop once it has settled.
    toObservable(this.id)
      .pipe(
        switchMap((id) =>
          this.watches.pipe(
            startWith(this.detail() ? POLL_MS : 0),
            switchMap((delay) =>
              timer(delay, POLL_MS).pipe(
                exhaustMap(() => this.api.get(id)),
                takeWhile((detail) => isBusy(detail.status), true),
                catchError((error: unknown) => {
                  this.problem.set(toProblem(error));
                  return EMPTY;
                }),
              ),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((detail) => {
        this.problem.set(null);
        this.detail.set(detail);
      });

    // The problems, page by page, once the file has been checked.
    toObservable(computed(() => ({ id: this.id(), paging: this.issuePage(), ready: this.hasIssues() })))
      .pipe(
        filter(({ ready }) => ready),
        switchMap(({ id, paging }) =>
          this.api.issues(id, paging.page, paging.pageSize).pipe(catchError(() => of(null))),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((page) => this.issues.set(page));
  }

  protected retry(): void {
    this.problem.set(null);
    this.watches.next(0);
  }

  protected issueText(issue: HrImportIssue): string {
    const key = issueTextKey(issue);
    return key ? this.i18n.t(key) : issue.message;
  }

  protected issueValues(issue: HrImportIssue): string {
    const [open, close] = this.i18n.language() === 'de' ? ['„', '“'] : ['“', '”'];
    return issueValues(issue, this.i18n.language())
      .map((value) => `${open}${value}${close}`)
      .join(', ');
  }

  protected paginateIssues(event: PageEvent): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        page: event.pageIndex === 0 ? null : event.pageIndex + 1,
        pageSize: event.pageSize === ISSUE_PAGE_SIZES[0] ? null : event.pageSize,
      },
      replaceUrl: true,
    });
  }

  protected apply(detail: HrImportDetail): void {
    const preview = detail.preview;
    const t = this.i18n.t.bind(this.i18n);
    const data: ConfirmDialogData = {
      title: t('import.applyConfirm.title'),
      message: t('import.applyConfirm.text', {
        created: preview?.created ?? 0,
        updated: preview?.updated ?? 0,
        deactivated: preview?.deactivated ?? 0,
      }),
      confirm: t('import.applyConfirm.confirm'),
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data,
        role: 'alertdialog',
        width: '480px',
        maxWidth: 'calc(100vw - 24px)',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => {
          this.applying.set(true);
          return this.api.apply(detail.id);
        }),
      )
      .subscribe({
        next: (applying) => {
          this.applying.set(false);
          this.detail.set(applying);
          this.watches.next(POLL_MS);
        },
        error: (error: unknown) => {
          this.applying.set(false);
          this.notifier.problem(toProblem(error));
          this.watches.next(0);
        },
      });
  }

  protected encodingLabel(encoding: string | null): TranslationKey {
    if (encoding === 'windows-1252') return 'import.file.encodings.windows';
    if (encoding === 'utf-8-bom') return 'import.file.encodings.utf8bom';
    return 'import.file.encodings.utf8';
  }

  protected separatorLabel(delimiter: string | null): TranslationKey {
    if (delimiter === ';') return 'import.file.separators.semicolon';
    if (delimiter === '\t') return 'import.file.separators.tab';
    return 'import.file.separators.comma';
  }

  /** Which column of the file fed which field, in the file format's order. */
  protected recognised(
    columns: Partial<Record<HrImportField, string>>,
  ): { field: string; header: string; label: TranslationKey }[] {
    return HR_IMPORT_FIELDS.flatMap((field) => {
      const header = columns[field];
      return header === undefined ? [] : [{ field, header, label: FIELD_LABELS[field] }];
    });
  }

  /** The answer of the upload, handed over by the upload page, so its state shows at once. */
  private uploadAnswer(): HrImportDetail | null {
    const state = untracked(() => this.router.currentNavigation())?.extras.state;
    const detail = state?.['detail'] as HrImportDetail | undefined;
    return detail && detail.id === this.route.snapshot.paramMap.get('id') ? detail : null;
  }

  private tiles(counts: HrImportCounts | null, kind: 'preview' | 'result'): CountTile[] {
    if (!counts) return [];
    const tiles: CountTile[] = [
      { key: 'created', label: `import.${kind}.created`, value: counts.created },
      { key: 'updated', label: `import.${kind}.updated`, value: counts.updated },
      { key: 'deactivated', label: `import.${kind}.deactivated`, value: counts.deactivated },
      { key: 'unchanged', label: `import.${kind}.unchanged`, value: counts.unchanged },
    ];
    if (counts.skipped > 0)
      tiles.push({ key: 'skipped', label: `import.${kind}.skipped`, value: counts.skipped });
    return tiles;
  }
}
