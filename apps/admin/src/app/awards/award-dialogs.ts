import { Injectable, inject, type Injector } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { Award } from '@brevet/contracts';
import { filter, tap, type Observable } from 'rxjs';
import { I18n } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import type { IssuedAward } from './awards-api';
import { IssueDialog, type IssueDialogData } from './issue-dialog';
import { RevokeDialog } from './revoke-dialog';

/**
 * Opens the award dialogs (issue, renew, revoke) and says what happened. Used by the award list, an award's
 * page and a person's page; `injector` is the caller's, so the dialogs get its route's providers.
 */
@Injectable({ providedIn: 'root' })
export class AwardDialogs {
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18n);

  /** Emits the award once issued or renewed (nothing when cancelled). */
  issue(injector: Injector, data: IssueDialogData = {}): Observable<IssuedAward> {
    return this.dialog
      .open<IssueDialog, IssueDialogData, IssuedAward>(IssueDialog, {
        data,
        width: '640px',
        maxWidth: 'calc(100vw - 24px)',
        autoFocus: 'first-tabbable',
        injector,
      })
      .afterClosed()
      .pipe(
        filter((issued): issued is IssuedAward => issued !== undefined),
        tap(({ award, created }) =>
          this.notifier.info(
            !created ? 'awards.alreadyRecorded' : data.renew ? 'awards.renewed' : 'awards.issued',
            {
              name: `${award.staff.givenName} ${award.staff.familyName}`,
              title: this.i18n.localized(award.credential.title),
            },
          ),
        ),
      );
  }

  renew(injector: Injector, award: Award): Observable<IssuedAward> {
    return this.issue(injector, { renew: award });
  }

  /** Emits the revoked award (nothing when cancelled). */
  revoke(injector: Injector, award: Award): Observable<Award> {
    return this.dialog
      .open<RevokeDialog, Award, Award>(RevokeDialog, {
        data: award,
        role: 'alertdialog',
        width: '520px',
        maxWidth: 'calc(100vw - 24px)',
        autoFocus: 'first-tabbable',
        injector,
      })
      .afterClosed()
      .pipe(
        filter((revoked): revoked is Award => revoked !== undefined),
        tap((revoked) =>
          this.notifier.info('awards.revoked', {
            name: `${revoked.staff.givenName} ${revoked.staff.familyName}`,
            title: this.i18n.localized(revoked.credential.title),
          }),
        ),
      );
  }
}
