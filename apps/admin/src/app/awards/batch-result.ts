import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { AwardBatchIssue, AwardBatchItem, AwardBatchResult } from '@brevet/contracts';
import { I18n, TranslatePipe } from '../core/i18n';
import { COUNTS_FROM_LABELS, ISSUE_CODE_LABELS, OUTCOME_LABELS } from './award-labels';

/** How many planned rows are listed; the counts above cover all of them. */
const SHOWN_ITEMS = 100;

/**
 * What a roster or CSV batch will do (dry run) or did: the counts, every problem by row (CSV) or person
 * (roster), and the plan row by row. The API checks everything first and saves all or nothing.
 */
@Component({
  selector: 'bv-batch-result',
  imports: [MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './batch-result.html',
  styleUrl: './batch-result.scss',
})
export class BatchResult {
  protected readonly i18n = inject(I18n);
  readonly result = input.required<AwardBatchResult>();
  /** Roster only: the person at each position of `staffIds`, named. */
  readonly people = input<readonly string[]>([]);

  protected readonly issueLabels = ISSUE_CODE_LABELS;
  protected readonly outcomeLabels = OUTCOME_LABELS;
  protected readonly countsFromLabels = COUNTS_FROM_LABELS;
  protected readonly csv = computed(() => this.result().file !== null);
  protected readonly items = computed(() => this.result().items.slice(0, SHOWN_ITEMS));
  protected readonly moreItems = computed(() => Math.max(0, this.result().items.length - SHOWN_ITEMS));
  protected readonly errors = computed(() => this.result().issues.filter((i) => i.severity === 'error'));
  protected readonly warnings = computed(() => this.result().issues.filter((i) => i.severity === 'warning'));

  /** Where a problem is: "Row 5", "Whole file", or the person of a roster. */
  protected where(issue: AwardBatchIssue | AwardBatchItem): string {
    if (issue.row !== null)
      return issue.row <= 1 && 'severity' in issue
        ? this.i18n.t(issue.row === 1 ? 'awards.batch.header' : 'awards.batch.wholeFile')
        : this.i18n.t('awards.batch.row', { row: issue.row });
    if (issue.index !== null)
      return this.people()[issue.index] ?? this.i18n.t('awards.batch.position', { n: issue.index + 1 });
    return this.i18n.t('awards.batch.wholeFile');
  }

  protected delimiter(value: string): string {
    if (value === '\t') return this.i18n.t('awards.batch.tab');
    return this.i18n.language() === 'de' ? `„${value}“` : `“${value}”`;
  }
}
