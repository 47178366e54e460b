import {
  ChangeDetectionStrategy,
  Component,
  Injector,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { Evidence, EvidenceCredentialOption, OrgTreeNode } from '@brevet/contracts';
import { catchError, debounceTime, filter, map, of } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { branchGroups } from '../core/org-tree';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { ListState, type ListStateConfig } from '../core/ui/list-state';
import { Notifier } from '../core/ui/notifier';
import { Viewport } from '../core/ui/viewport';
import { approvalProblemKey } from './approval-problems';
import { ApprovalsApi } from './approvals-api';
import {
  APPROVAL_PAGE_SIZES,
  APPROVAL_STATUS_FILTERS,
  APPROVAL_STATUS_LABELS,
  DEFAULT_APPROVALS_VIEW,
  approvalsFilterCount,
  type ApprovalsView,
} from './approvals-query';
import { ApprovalsStore } from './approvals.store';
import { EVIDENCE_STATUS_LOOK } from './evidence-status';
import { RejectDialog, type RejectDialogData } from './reject-dialog';

const LIST_STATE: ListStateConfig = {
  loading: 'approvals.loading',
  loadFailed: 'approvals.loadFailed',
  noMatchTitle: 'approvals.noMatch.title',
  noMatchText: 'approvals.noMatch.text',
  clearFilters: 'approvals.clearFilters',
  emptyTitle: 'approvals.empty.title',
  emptyText: 'approvals.empty.text',
  emptyIcon: 'checkCircle',
  pageSizes: APPROVAL_PAGE_SIZES,
};

/** "All" in the filter selects: Material shows an option with an empty value, but not one with null. */
const ALL = '';

/**
 * The approvals inbox: certificates people sent in, about people in the approver's branches. Each shows its
 * file (images inline, PDFs to download), the dates and the note; approving issues the certificate, rejecting
 * asks for a reason the person reads. Filters, order and page live in the URL.
 */
@Component({
  selector: 'bv-approvals-page',
  imports: [
    ListState,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  providers: [ApprovalsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './approvals-page.html',
  styleUrl: './approvals-page.scss',
})
export class ApprovalsPage {
  protected readonly store = inject(ApprovalsStore);
  protected readonly i18n = inject(I18n);
  protected readonly phone = inject(Viewport).phone;
  private readonly api = inject(ApprovalsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);

  protected readonly view = this.store.view;
  protected readonly all = ALL;
  protected readonly statuses = APPROVAL_STATUS_FILTERS;
  protected readonly statusLabels = APPROVAL_STATUS_LABELS;
  protected readonly looks = EVIDENCE_STATUS_LOOK;
  protected readonly listState = LIST_STATE;
  protected readonly search = new FormControl(this.view().q, { nonNullable: true });
  protected readonly filtersOpen = signal(false);
  /** The item being approved right now (its buttons are disabled meanwhile). */
  protected readonly busy = signal<string | null>(null);

  protected readonly items = computed(() => this.store.page()?.items ?? []);
  protected readonly activeFilters = computed(() => approvalsFilterCount(this.view()));

  private readonly credentialOptions = toSignal(
    this.api.credentials().pipe(catchError(() => of<EvidenceCredentialOption[]>([]))),
    { initialValue: [] },
  );
  protected readonly credentials = computed(() =>
    [...this.credentialOptions()].sort((a, b) =>
      this.i18n.localized(a.title).localeCompare(this.i18n.localized(b.title), this.i18n.language()),
    ),
  );
  private readonly tree = toSignal(this.api.organisation().pipe(catchError(() => of<OrgTreeNode[]>([]))), {
    initialValue: [],
  });
  protected readonly branchGroups = computed(() => branchGroups(this.tree()));
  /** One branch only (a branch manager): no point in a branch filter. */
  protected readonly severalBranches = computed(
    () => this.branchGroups().reduce((n, group) => n + group.branches.length, 0) > 1,
  );

  constructor() {
    this.search.valueChanges
      .pipe(
        debounceTime(300),
        map((q) => q.trim()),
        filter((q) => q !== this.view().q),
        takeUntilDestroyed(),
      )
      .subscribe((q) => this.store.update({ q, page: 1 }, { replaceUrl: true }));
    effect(() => {
      const q = this.view().q;
      if (this.search.value.trim() !== q) this.search.setValue(q, { emitEvent: false });
    });
  }

  protected name(item: Evidence): string {
    return `${item.staff.givenName} ${item.staff.familyName}`;
  }

  protected title(item: Evidence): string {
    return this.i18n.localized(item.credential.title);
  }

  protected isImage(item: Evidence): boolean {
    return item.file.mediaType !== 'application/pdf';
  }

  protected filterBy(change: Partial<Pick<ApprovalsView, 'branchId' | 'definitionId'>>): void {
    const normalized = Object.fromEntries(Object.entries(change).map(([key, value]) => [key, value || null]));
    this.store.update({ ...normalized, page: 1 });
  }

  protected filterStatus(status: ApprovalsView['status']): void {
    this.store.update({ status, page: 1 });
  }

  protected order(order: ApprovalsView['order']): void {
    this.store.update({ order, page: 1 });
  }

  protected clearSearch(): void {
    this.search.setValue('', { emitEvent: false });
    this.store.update({ q: '', page: 1 }, { replaceUrl: true });
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    const { q, status, branchId, definitionId } = DEFAULT_APPROVALS_VIEW;
    this.store.update({ q, status, branchId, definitionId, page: 1 });
  }

  /** Asks first: approving issues a certificate, which only an HR admin can revoke. */
  protected approve(item: Evidence): void {
    const name = this.name(item);
    const title = this.title(item);
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data: {
          title: this.i18n.t('approvals.confirmApprove.title'),
          message: this.i18n.t('approvals.confirmApprove.text', {
            name,
            title,
            date: this.i18n.day(item.issuedOn),
          }),
          confirm: this.i18n.t('approvals.confirmApprove.confirm'),
        },
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((confirmed) => confirmed === true))
      .subscribe(() => {
        this.busy.set(item.id);
        this.api.approve(item.id).subscribe({
          next: () => {
            this.busy.set(null);
            this.notifier.info('approvals.approved', { name, title });
            this.store.reload();
          },
          error: (error: unknown) => {
            this.busy.set(null);
            this.showProblem(error);
          },
        });
      });
  }

  protected reject(item: Evidence): void {
    this.dialog
      .open<RejectDialog, RejectDialogData, Evidence>(RejectDialog, {
        data: { evidence: item, title: this.title(item) },
        width: '520px',
        maxWidth: 'calc(100vw - 24px)',
        injector: this.injector,
      })
      .afterClosed()
      .subscribe((rejected) => {
        if (rejected) this.notifier.info('approvals.rejected', { name: this.name(item) });
        // Rejected, or someone else decided meanwhile: either way the list has changed.
        this.store.reload();
      });
  }

  private showProblem(error: unknown): void {
    const problem = toProblem(error);
    const key = approvalProblemKey(problem);
    if (key) {
      this.notifier.info(key);
      this.store.reload();
    } else this.notifier.problem(problem);
  }
}
