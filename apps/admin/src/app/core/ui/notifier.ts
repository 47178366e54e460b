import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { ProblemDetails } from '@brevet/contracts';
import { problemMessageKey } from '../http/api-error';
import { I18n, type TranslationKey, type TranslationParams } from '../i18n';

/** Short, translated messages in a snack bar, optionally with one action (e.g. "Undo"). */
@Injectable({ providedIn: 'root' })
export class Notifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);

  info(key: TranslationKey, params?: TranslationParams): void {
    this.snackBar.open(this.i18n.t(key, params), this.i18n.t('common.dismiss'), { duration: 4000 });
  }

  /** Shows the message with an action button; `onAction` runs if the user clicks it in time. */
  withAction(
    key: TranslationKey,
    action: TranslationKey,
    onAction: () => void,
    params?: TranslationParams,
  ): void {
    this.snackBar
      .open(this.i18n.t(key, params), this.i18n.t(action), { duration: 8000 })
      .onAction()
      .subscribe(onAction);
  }

  problem(problem: ProblemDetails): void {
    this.snackBar.open(this.i18n.t(problemMessageKey(problem)), this.i18n.t('common.dismiss'), {
      duration: 8000,
      politeness: 'assertive',
    });
  }
}
