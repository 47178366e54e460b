import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  MAIL_REASONS,
  MAIL_SORT_FIELDS,
  MAIL_STATUSES,
  Permission,
  type MailMessageSummary,
  type MailReason,
  type MailStatus,
} from '@brevet/contracts';
import { debounceTime, filter, map } from 'rxjs';
import { AuthStore } from '../core/auth';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { ListState, type ListStateConfig } from '../core/ui/list-state';
import { Viewport } from '../core/ui/viewport';
import { REASON_LABELS, STATUS_LOOK } from './mail-labels';
import { MailMessageDialog } from './mail-message-dialog';
import { MailOutboxStore } from './mail-outbox.store';
import { DEFAULT_MAIL_VIEW, MAIL_PAGE_SIZES, isMailFiltered } from './mail-query';

type Column = 'recipient' | 'subject' | 'reason' | 'status' | 'sentAt';
const COLUMN_LABELS: Record<Column, TranslationKey> = {
  recipient: 'mail.columns.recipient',
  subject: 'mail.columns.subject',
  reason: 'mail.columns.reason',
  status: 'mail.columns.status',
  sentAt: 'mail.columns.sentAt',
};

const LIST_STATE: ListStateConfig = {
  loading: 'mail.loading',
  loadFailed: 'mail.loadFailed',
  explainProblem: true,
  noMatchTitle: 'mail.noMatch.title',
  noMatchText: 'mail.noMatch.text',
  clearFilters: 'mail.clearFilters',
  emptyTitle: 'mail.empty.title',
  emptyText: 'mail.empty.text',
  emptyIcon: 'inbox',
  pageSizes: MAIL_PAGE_SIZES,
};

/**
 * The mail outbox for HR admins: every email Brevet recorded (sent by SMTP or kept here), filtered, sorted and
 * paged in the URL. A row opens the email: its facts and its content, the HTML in a sandboxed frame.
 */
@Component({
  selector: 'bv-mail-page',
  imports: [
    ListState,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatSortModule,
    MatTableModule,
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
  ],
  providers: [MailOutboxStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mail-page.html',
  styleUrl: './mail-page.scss',
})
export class MailPage {
  protected readonly store = inject(MailOutboxStore);
  protected readonly i18n = inject(I18n);
  protected readonly phone = inject(Viewport).phone;
  private readonly dialog = inject(MatDialog);
  protected readonly view = this.store.view;
  protected readonly statuses = MAIL_STATUSES;
  protected readonly reasons = MAIL_REASONS;
  protected readonly statusLook = STATUS_LOOK;
  protected readonly reasonLabels = REASON_LABELS;
  protected readonly labels = COLUMN_LABELS;
  protected readonly listState = LIST_STATE;
  protected readonly canConfigure = inject(AuthStore).can(Permission.SettingsManage);

  protected readonly search = new FormControl(this.view().q, { nonNullable: true });
  protected readonly rows = computed(() => this.store.page()?.items ?? []);
  protected readonly filtered = computed(() => isMailFiltered(this.view()));
  protected readonly columns = computed<Column[]>(() =>
    this.phone() ? ['subject', 'status'] : ['recipient', 'subject', 'reason', 'status', 'sentAt'],
  );
  protected readonly filtersOpen = signal(false);
  protected readonly activeFilters = computed(
    () => (this.view().status ? 1 : 0) + (this.view().reason ? 1 : 0),
  );
  protected readonly short: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short' };
  protected readonly medium: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

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

  protected trackById = (_: number, message: MailMessageSummary) => message.id;

  /** Typed look-ups for the table's rows (`let m` is untyped in mat-table templates). */
  protected look(message: MailMessageSummary) {
    return STATUS_LOOK[message.status];
  }

  protected reasonLabel(message: MailMessageSummary): TranslationKey {
    return REASON_LABELS[message.reason];
  }

  protected open(message: MailMessageSummary): void {
    this.dialog.open(MailMessageDialog, { data: message, maxWidth: '96vw', autoFocus: 'dialog' });
  }

  protected filterStatus(status: MailStatus | null): void {
    this.store.update({ status, page: 1 });
  }

  protected filterReason(reason: MailReason | null): void {
    this.store.update({ reason, page: 1 });
  }

  protected clearSearch(): void {
    this.search.setValue('');
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    this.store.update({ status: null, reason: null, q: '', page: 1 });
  }

  protected sortLabel(column: Column): string {
    return this.i18n.t('mail.sortBy', { column: this.i18n.t(COLUMN_LABELS[column]) });
  }

  protected sortBy(sort: Sort): void {
    const field = MAIL_SORT_FIELDS.find((f) => f === sort.active);
    if (!field || sort.direction === '') {
      this.store.update({
        sortField: DEFAULT_MAIL_VIEW.sortField,
        sortDirection: DEFAULT_MAIL_VIEW.sortDirection,
        page: 1,
      });
      return;
    }
    this.store.update({ sortField: field, sortDirection: sort.direction, page: 1 });
  }
}
