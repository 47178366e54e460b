import { ChangeDetectionStrategy, Component, Injector, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import type { IdentityProvider } from '@brevet/contracts';
import { filter, finalize, switchMap } from 'rxjs';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { AttributeMappingForm } from './attribute-mapping-form';
import { CopyField } from './copy-field';
import { GroupRulesForm } from './group-rules-form';
import { LastAssertionPanel } from './last-assertion-panel';
import { SigningCertificatesPanel } from './signing-certificates-panel';
import { SpKeysPanel } from './sp-keys-panel';
import { SsoApi } from './sso-api';
import { SsoDetailStore } from './sso-detail.store';

/** One identity provider: what to enter on its side, what Brevet reads from it, and how people are mapped. */
@Component({
  selector: 'bv-sso-detail-page',
  imports: [
    AttributeMappingForm,
    CopyField,
    GroupRulesForm,
    LastAssertionPanel,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    SigningCertificatesPanel,
    SpKeysPanel,
    TranslatePipe,
  ],
  providers: [SsoDetailStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sso-detail-page.html',
  styleUrl: './sso-detail-page.scss',
})
export class SsoDetailPage {
  protected readonly store = inject(SsoDetailStore);
  protected readonly i18n = inject(I18n);
  private readonly api = inject(SsoApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  protected readonly switching = signal(false);

  protected toggle(idp: IdentityProvider): void {
    if (!idp.enabled) {
      this.setEnabled(true);
      return;
    }
    this.confirm({
      title: this.i18n.t('sso.detail.disableConfirm.title', { name: idp.displayName }),
      message: this.i18n.t('sso.detail.disableConfirm.text', { name: idp.displayName }),
      confirm: this.i18n.t('sso.detail.disable'),
    }).subscribe(() => this.setEnabled(false));
  }

  protected remove(idp: IdentityProvider): void {
    this.confirm({
      title: this.i18n.t('sso.detail.deleteConfirm.title', { name: idp.displayName }),
      message: this.i18n.t('sso.detail.deleteConfirm.text', { name: idp.displayName }),
      confirm: this.i18n.t('sso.detail.delete'),
    })
      .pipe(switchMap(() => this.api.delete(idp.id)))
      .subscribe({
        next: () => {
          this.notifier.info('sso.detail.deleted', { name: idp.displayName });
          void this.router.navigate(['/settings/sso']);
        },
        error: (error: unknown) => this.notifier.problem(toProblem(error)),
      });
  }

  private setEnabled(enabled: boolean): void {
    this.switching.set(true);
    this.store
      .update({ enabled })
      .pipe(finalize(() => this.switching.set(false)))
      .subscribe({
        next: (idp) => this.notifier.info(idp.enabled ? 'sso.detail.enabledDone' : 'sso.detail.disabledDone'),
        error: (error: unknown) => this.store.report(error),
      });
  }

  private confirm(data: ConfirmDialogData) {
    return this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data,
        role: 'alertdialog',
        width: '460px',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((confirmed) => confirmed === true));
  }
}
