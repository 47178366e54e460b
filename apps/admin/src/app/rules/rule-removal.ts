import { Injectable, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { ComplianceRule } from '@brevet/contracts';
import { catchError, filter, map, of, switchMap, type Observable } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { RulesApi } from './rules-api';
import { impactSentences } from './rules-query';
import { ruleSummary } from './rule-labels';

/**
 * Deleting a rule: first the impact preview of the removal, then a confirmation that says what it will do
 * ("23 people will no longer be required to hold it"), then the removal and a toast. Emits true once removed.
 */
@Injectable({ providedIn: 'root' })
export class RuleRemoval {
  private readonly api = inject(RulesApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);

  remove(rule: ComplianceRule): Observable<boolean> {
    return this.api.impact({ ruleId: rule.id, remove: true }).pipe(
      map((impact) => impactSentences(impact, this.i18n, true).join(' ')),
      // Without a preview the question is still asked, only without the numbers.
      catchError(() => of(this.i18n.t('rules.remove.noPreview'))),
      switchMap((impactText) =>
        this.dialog
          .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
            data: {
              title: this.i18n.t('rules.remove.title'),
              message: `${ruleSummary(rule, this.i18n)}. ${impactText}`,
              confirm: this.i18n.t('rules.remove.confirm'),
            },
            maxWidth: 'calc(100vw - 24px)',
          })
          .afterClosed(),
      ),
      filter((confirmed) => confirmed === true),
      switchMap(() =>
        this.api.remove(rule.id).pipe(
          map(() => {
            this.notifier.info('rules.remove.done');
            return true;
          }),
          catchError((error: unknown) => {
            this.notifier.problem(toProblem(error));
            return of(false);
          }),
        ),
      ),
    );
  }
}
