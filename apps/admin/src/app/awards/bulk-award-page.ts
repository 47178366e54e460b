import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators, type AbstractControl } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  AWARD_BATCH_MAX_ITEMS,
  AWARD_IMPORT_COLUMNS,
  AWARD_IMPORT_MAX_BYTES,
  ErrorCode,
  MAX_PAGE_SIZE,
  type AwardBatchResult,
  type CredentialSummary,
  type JobRole,
  type ProblemDetails,
  type StaffPage,
  type StaffSummary,
} from '@brevet/contracts';
import {
  EMPTY,
  catchError,
  debounceTime,
  distinctUntilChanged,
  expand,
  finalize,
  map,
  of,
  reduce,
  startWith,
  switchMap,
  tap,
  type Observable,
} from 'rxjs';
import { CatalogueApi } from '../catalogue/catalogue-api';
import { AuthStore } from '../core/auth';
import { today } from '../core/days';
import { problemMessageKey, toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { branchGroups } from '../core/org-tree';
import { Notifier } from '../core/ui/notifier';
import { Viewport } from '../core/ui/viewport';
import { StaffApi } from '../staff/staff-api';
import { AwardsApi } from './awards-api';
import { BatchResult } from './batch-result';
import { credentialOptions, isCredential, pickedValidator, type Picked } from './pickers';

const PEOPLE_PAGE_SIZE = 25;
type Mode = 'roster' | 'csv';
type FileProblem = 'notCsv' | 'tooLarge';

/**
 * Award one certificate to many people at once, from a roster picked here (by branch, job role or name) or
 * from a CSV file. Both are checked first (a dry run shows every problem and what will happen, row by row),
 * then applied all or nothing.
 */
@Component({
  selector: 'bv-bulk-award-page',
  imports: [
    BatchResult,
    MatAutocompleteModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTabsModule,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './bulk-award-page.html',
  styleUrl: './bulk-award-page.scss',
})
export class BulkAwardPage {
  protected readonly i18n = inject(I18n);
  private readonly api = inject(AwardsApi);
  private readonly staff = inject(StaffApi);
  private readonly notifier = inject(Notifier);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly issuer = inject(AuthStore).me()?.displayName ?? 'Brevet';
  protected readonly phone = inject(Viewport).phone;

  protected readonly mode = toSignal(
    this.route.queryParamMap.pipe(map((p): Mode => (p.get('mode') === 'csv' ? 'csv' : 'roster'))),
    { requireSync: true },
  );

  // ── Roster: what ───────────────────────────────────────────────────────────────────────────────────────
  protected readonly today = today();
  protected readonly credential = new FormControl<Picked<CredentialSummary>>(null, [
    Validators.required,
    pickedValidator,
  ]);
  protected readonly credentialOptions = credentialOptions(this.credential, inject(CatalogueApi));
  protected readonly credentialLabel = (value: Picked<CredentialSummary>) =>
    isCredential(value) ? `${this.i18n.localized(value.title)} (${value.code})` : (value ?? '');
  protected readonly completedOn = new FormControl(this.today, {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/^\d{4}-\d{2}-\d{2}$/)],
  });
  protected readonly score = new FormControl<number | null>(null, [Validators.min(0), Validators.max(100)]);

  // ── Roster: who ────────────────────────────────────────────────────────────────────────────────────────
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly branchId = signal('');
  protected readonly jobRoleId = signal('');
  protected readonly peoplePage = signal(1);
  protected readonly peoplePageSize = PEOPLE_PAGE_SIZE;
  private readonly q = toSignal(
    this.search.valueChanges.pipe(
      map((q) => q.trim()),
      debounceTime(300),
      distinctUntilChanged(),
      tap(() => this.peoplePage.set(1)),
    ),
    { initialValue: '' },
  );
  protected readonly peopleLoading = signal(false);
  protected readonly people = toSignal(
    toObservable(
      computed(() => ({
        q: this.q(),
        branchId: this.branchId(),
        jobRoleId: this.jobRoleId(),
        page: this.peoplePage(),
      })),
    ).pipe(
      tap(() => this.peopleLoading.set(true)),
      switchMap((filters) =>
        this.staffPage(filters, filters.page, PEOPLE_PAGE_SIZE).pipe(
          catchError(() => of<StaffPage | null>(null)),
          finalize(() => this.peopleLoading.set(false)),
        ),
      ),
      tap(() => this.peopleLoading.set(false)),
    ),
    { initialValue: null },
  );
  protected readonly branchGroups = toSignal(
    this.staff.organisation().pipe(
      map(branchGroups),
      catchError(() => of([])),
    ),
    { initialValue: [] },
  );
  protected readonly jobRoles = toSignal(
    this.staff.jobRoles().pipe(
      map((roles) => roles.filter((role) => role.status === 'active')),
      catchError(() => of<JobRole[]>([])),
    ),
    { initialValue: [] },
  );
  protected readonly selected = signal<ReadonlyMap<string, StaffSummary>>(new Map());
  protected readonly selectedList = computed(() => [...this.selected().values()]);
  protected readonly addingAll = signal(false);
  protected readonly maxItems = AWARD_BATCH_MAX_ITEMS;
  protected readonly pageAllSelected = computed(() => {
    const items = this.people()?.items ?? [];
    return items.length > 0 && items.every((p) => this.selected().has(p.id));
  });
  protected readonly pageSomeSelected = computed(() => {
    const items = this.people()?.items ?? [];
    return !this.pageAllSelected() && items.some((p) => this.selected().has(p.id));
  });

  // ── Roster: check and apply ────────────────────────────────────────────────────────────────────────────
  protected readonly rosterBusy = signal(false);
  protected readonly rosterResult = signal<AwardBatchResult | null>(null);
  protected readonly rosterProblem = signal<TranslationKey | null>(null);
  /** The people of the checked roster, in the order sent, so problems can name them. */
  protected readonly rosterNames = signal<string[]>([]);
  private rosterDefinitionId: string | null = null;

  // ── CSV ───────────────────────────────────────────────────────────────────────────────────────────────
  protected readonly columns = AWARD_IMPORT_COLUMNS;
  protected readonly maxMegabytes = AWARD_IMPORT_MAX_BYTES / 1024 / 1024;
  protected readonly file = signal<File | null>(null);
  protected readonly fileProblem = signal<FileProblem | null>(null);
  protected readonly dragging = signal(false);
  protected readonly csvBusy = signal(false);
  protected readonly csvResult = signal<AwardBatchResult | null>(null);
  protected readonly csvProblem = signal<TranslationKey | null>(null);

  constructor() {
    // Any change to what or who makes an earlier check stale.
    this.credential.valueChanges
      .pipe(startWith(null), takeUntilDestroyed())
      .subscribe(() => this.resetRoster());
    this.completedOn.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.resetRoster());
    this.score.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.resetRoster());
  }

  protected chooseMode(index: number): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { mode: index === 1 ? 'csv' : null },
      replaceUrl: true,
    });
  }

  protected filterBranch(branchId: string): void {
    this.branchId.set(branchId);
    this.peoplePage.set(1);
  }

  protected filterRole(jobRoleId: string): void {
    this.jobRoleId.set(jobRoleId);
    this.peoplePage.set(1);
  }

  protected paginatePeople(event: PageEvent): void {
    this.peoplePage.set(event.pageIndex + 1);
  }

  protected isSelected(person: StaffSummary): boolean {
    return this.selected().has(person.id);
  }

  protected toggle(person: StaffSummary): void {
    const next = new Map(this.selected());
    if (next.has(person.id)) next.delete(person.id);
    else next.set(person.id, person);
    this.select(next);
  }

  protected togglePage(): void {
    const items = this.people()?.items ?? [];
    const next = new Map(this.selected());
    if (this.pageAllSelected()) items.forEach((p) => next.delete(p.id));
    else items.forEach((p) => next.set(p.id, p));
    this.select(next);
  }

  /** Adds everyone matching the filters, page by page (the roster takes up to 5,000 people). */
  protected addAllMatching(): void {
    const filters = { q: this.q(), branchId: this.branchId(), jobRoleId: this.jobRoleId() };
    this.addingAll.set(true);
    this.staffPage(filters, 1, MAX_PAGE_SIZE)
      .pipe(
        expand((page) =>
          page.page * page.pageSize < Math.min(page.total, AWARD_BATCH_MAX_ITEMS)
            ? this.staffPage(filters, page.page + 1, MAX_PAGE_SIZE)
            : EMPTY,
        ),
        reduce((all, page) => [...all, ...page.items], [] as StaffSummary[]),
        finalize(() => this.addingAll.set(false)),
      )
      .subscribe({
        next: (people) => {
          const next = new Map(this.selected());
          for (const person of people) if (next.size < AWARD_BATCH_MAX_ITEMS) next.set(person.id, person);
          this.select(next);
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  protected removeSelected(person: StaffSummary): void {
    const next = new Map(this.selected());
    next.delete(person.id);
    this.select(next);
  }

  protected clearSelection(): void {
    this.select(new Map());
  }

  protected personName(person: StaffSummary): string {
    return `${person.givenName} ${person.familyName}`;
  }

  protected errorText(control: AbstractControl): string {
    const errors = control.errors ?? {};
    if (typeof errors['server'] === 'string') return this.i18n.t(errors['server'] as TranslationKey);
    if (errors['required'])
      return this.i18n.t(control === this.completedOn ? 'validation.day' : 'validation.required');
    if (errors['pick']) return this.i18n.t('awards.issue.pickCredential');
    if (errors['pattern']) return this.i18n.t('validation.day');
    if (errors['min'] || errors['max']) return this.i18n.t('awards.issue.scoreRange');
    return '';
  }

  protected checkRoster(): void {
    this.runRoster(true);
  }

  protected applyRoster(): void {
    this.runRoster(false);
  }

  protected rosterDone(): string | null {
    return this.rosterDefinitionId;
  }

  // ── CSV ───────────────────────────────────────────────────────────────────────────────────────────────

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
    this.chooseFile(event.dataTransfer?.files.item(0) ?? null);
  }

  protected picked(input: HTMLInputElement): void {
    this.chooseFile(input.files?.item(0) ?? null);
    input.value = '';
  }

  protected removeFile(): void {
    this.file.set(null);
    this.fileProblem.set(null);
    this.csvResult.set(null);
    this.csvProblem.set(null);
  }

  protected checkFile(): void {
    this.runCsv(true);
  }

  protected importFile(): void {
    this.runCsv(false);
  }

  private chooseFile(file: File | null): void {
    this.csvResult.set(null);
    this.csvProblem.set(null);
    if (!file) return;
    const csv = /\.(csv|txt)$/i.test(file.name) || file.type === 'text/csv';
    this.fileProblem.set(!csv ? 'notCsv' : file.size > AWARD_IMPORT_MAX_BYTES ? 'tooLarge' : null);
    this.file.set(this.fileProblem() ? null : file);
  }

  private runCsv(dryRun: boolean): void {
    const file = this.file();
    if (!file || this.csvBusy()) return;
    this.csvBusy.set(true);
    this.csvProblem.set(null);
    this.batch(
      () => this.api.importFile(file, this.issuer, dryRun),
      dryRun,
      () => this.api.importFile(file, this.issuer, true),
    )
      .pipe(finalize(() => this.csvBusy.set(false)))
      .subscribe({
        next: (result) => {
          this.csvResult.set(result);
          if (result.applied) this.announceApplied(result);
        },
        error: (problem: ProblemDetails) => this.csvProblem.set(problemMessageKey(problem)),
      });
  }

  private runRoster(dryRun: boolean): void {
    if (this.rosterBusy()) return;
    const controls = [this.credential, this.completedOn, this.score];
    if (controls.some((c) => c.invalid) || this.selected().size === 0) {
      controls.forEach((c) => c.markAsTouched());
      this.rosterProblem.set(this.selected().size === 0 ? 'awards.bulk.nobodySelected' : null);
      return;
    }
    const people = this.selectedList();
    const definition = this.credential.value as CredentialSummary;
    const score = this.score.value;
    const request = {
      definitionId: definition.id,
      completedOn: this.completedOn.value,
      staffIds: people.map((p) => p.id),
      assessmentResult: score === null ? null : { score, passed: true },
      issuer: this.issuer,
    };
    this.rosterBusy.set(true);
    this.rosterProblem.set(null);
    this.rosterNames.set(people.map((p) => this.personName(p)));
    this.batch(
      () => this.api.bulk({ ...request, dryRun }),
      dryRun,
      () => this.api.bulk({ ...request, dryRun: true }),
    )
      .pipe(finalize(() => this.rosterBusy.set(false)))
      .subscribe({
        next: (result) => {
          this.rosterResult.set(result);
          this.rosterDefinitionId = definition.id;
          if (result.applied) {
            this.announceApplied(result);
            this.selected.set(new Map());
          }
        },
        error: (problem: ProblemDetails) => this.rosterProblem.set(problemMessageKey(problem)),
      });
  }

  /**
   * Runs a batch. When applying is refused because something changed since the check (422), the dry run
   * runs again so that every problem shows with its row or person; nothing was saved.
   */
  private batch(
    run: () => Observable<AwardBatchResult>,
    dryRun: boolean,
    check: () => Observable<AwardBatchResult>,
  ): Observable<AwardBatchResult> {
    return run().pipe(
      catchError((error: unknown) => {
        const problem = toProblem(error);
        if (!dryRun && problem.code === ErrorCode.AwardBatchRejected) {
          this.notifier.info('awards.bulk.refused');
          return check();
        }
        throw problem;
      }),
    );
  }

  private announceApplied(result: AwardBatchResult): void {
    this.notifier.info('awards.bulk.done', { count: result.counts.issued + result.counts.renewed });
  }

  private select(next: Map<string, StaffSummary>): void {
    this.selected.set(next);
    this.resetRoster();
  }

  private resetRoster(): void {
    this.rosterResult.set(null);
    this.rosterProblem.set(null);
  }

  private staffPage(
    filters: { q: string; branchId: string; jobRoleId: string },
    page: number,
    pageSize: number,
  ): Observable<StaffPage> {
    return this.staff.list({
      q: filters.q || undefined,
      branchId: filters.branchId || undefined,
      jobRoleId: filters.jobRoleId || undefined,
      status: 'active',
      sort: 'familyName',
      page,
      pageSize,
    });
  }
}
