import { ChangeDetectionStrategy, Component, computed, effect, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  type AuditAction,
  type AuditEntry,
  type AuditOutcome,
} from '@brevet/contracts';
import { debounceTime, filter, map } from 'rxjs';
import { problemMessageKey } from '../core/http/api-error';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { Viewport } from '../core/ui/viewport';
import {
  ACTION_LABELS,
  AREA_LABELS,
  CHAIN_BREAK_LABELS,
  OUTCOME_LOOK,
  actionGroups,
  prettyJson,
} from './audit-labels';
import { AuditLogStore } from './audit-log.store';
import { ExportButton } from '../exports/export-button';
import {
  AUDIT_PAGE_SIZES,
  DEFAULT_AUDIT_VIEW,
  auditFilters,
  isAuditFiltered,
  type AuditView,
} from './audit-query';

/**
 * The audit log: who did what, when, to what, with which outcome and from where. Filterable and paged; each
 * entry opens to show its stored before/after values. Exports the filtered entries as CSV and checks the hash
 * chain on demand.
 */
@Component({
  selector: 'bv-audit-page',
  imports: [
    ExportButton,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  providers: [AuditLogStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.html',
  styleUrl: './audit-page.scss',
})
export class AuditPage {
  protected readonly store = inject(AuditLogStore);
  protected readonly i18n = inject(I18n);
  protected readonly phone = inject(Viewport).phone;
  protected readonly view = this.store.view;
  protected readonly actionLabels = ACTION_LABELS;
  protected readonly areaLabels = AREA_LABELS;
  protected readonly outcomeLook = OUTCOME_LOOK;
  protected readonly breakLabels = CHAIN_BREAK_LABELS;
  protected readonly groups = actionGroups(AUDIT_ACTIONS);
  protected readonly outcomes = AUDIT_OUTCOMES;
  protected readonly pageSizes = AUDIT_PAGE_SIZES;
  protected readonly problemMessageKey = problemMessageKey;

  protected readonly search = new FormControl(this.view().q, { nonNullable: true });
  protected readonly rows = computed(() => this.store.page()?.items ?? []);
  protected readonly filtered = computed(() => isAuditFiltered(this.view()));
  /** What the export button exports: the entries shown, in the order shown. */
  protected readonly exportFilters = computed(() => ({
    ...auditFilters(this.view()),
    sort: this.view().order === 'oldest' ? ('sequence' as const) : ('-sequence' as const),
  }));
  protected readonly verified = computed(() => {
    const state = this.store.verification();
    return state.status === 'done' ? state.result : null;
  });
  protected readonly long: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' };
  protected readonly short: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short' };
  /** On phones the filters beyond the search box fold away. */
  protected readonly filtersOpen = signal(false);
  protected readonly activeFilters = computed(() => {
    const view = this.view();
    return (
      (view.actions.length > 0 ? 1 : 0) +
      (view.outcome ? 1 : 0) +
      (view.fromDay ? 1 : 0) +
      (view.untilDay ? 1 : 0)
    );
  });
  /** Entries whose details are open, by sequence number. */
  protected readonly open = signal<ReadonlySet<number>>(new Set());

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

  protected toggle(entry: AuditEntry): void {
    this.open.update((open) => {
      const next = new Set(open);
      if (!next.delete(entry.sequence)) next.add(entry.sequence);
      return next;
    });
  }

  protected filterActions(actions: AuditAction[]): void {
    this.store.update({ actions, page: 1 });
  }

  protected filterOutcome(outcome: AuditOutcome | null): void {
    this.store.update({ outcome, page: 1 });
  }

  protected filterDay(which: 'fromDay' | 'untilDay', value: string): void {
    this.store.update({ [which]: /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null, page: 1 });
  }

  protected order(order: AuditView['order']): void {
    this.store.update({ order, page: 1 });
  }

  protected paginate(event: PageEvent): void {
    this.store.update({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    const { actions, outcome, q, fromDay, untilDay } = DEFAULT_AUDIT_VIEW;
    this.store.update({ actions, outcome, q, fromDay, untilDay, page: 1 });
  }

  protected jsonParts(entry: AuditEntry): { label: TranslationKey; json: string }[] {
    const parts: [TranslationKey, unknown][] = [
      ['audit.fields.before', entry.before],
      ['audit.fields.after', entry.after],
      ['audit.fields.details', entry.details],
    ];
    return parts.flatMap(([label, value]) => {
      const json = prettyJson(value);
      return json ? [{ label, json }] : [];
    });
  }

  protected target(entry: AuditEntry): string {
    const target = entry.target;
    if (!target) return '';
    return target.label ?? target.id ?? '';
  }
}
