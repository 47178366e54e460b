import { ChangeDetectionStrategy, Component, Injector, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { CertificateInfo, IdentityProvider } from '@brevet/contracts';
import { filter } from 'rxjs';
import { I18n, TranslatePipe } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { AddCertificateDialog } from './add-certificate-dialog';
import { SsoApi } from './sso-api';
import { SsoDetailStore } from './sso-detail.store';
import { expiryState, shortFingerprint } from './sso-labels';

/**
 * The identity provider's signing certificates. Rolling over: add the new one, switch the identity provider,
 * then remove the old one. The last certificate cannot be removed.
 */
@Component({
  selector: 'bv-signing-certificates-panel',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="bv-muted hint">{{ 'sso.certificates.hint' | t }}</p>
    @if (store.idp(); as idp) {
      <ul class="list">
        @for (certificate of idp.signingCertificates; track certificate.fingerprint) {
          <li class="item">
            <div class="text">
              <span class="subject">{{ certificate.subject }}</span>
              <span class="bv-secondary">
                {{ i18n.date(certificate.notBefore) }} – {{ i18n.date(certificate.notAfter) }}
                @switch (expiryState(certificate.notAfter)) {
                  @case ('expired') {
                    <span class="bv-badge error">{{ 'sso.certificates.expired' | t }}</span>
                  }
                  @case ('expiring') {
                    <span class="bv-badge warning">{{ 'sso.certificates.expiringSoon' | t }}</span>
                  }
                }
              </span>
              <span class="bv-secondary bv-code" [title]="certificate.fingerprint">
                SHA-256 {{ shortFingerprint(certificate.fingerprint) }}
              </span>
            </div>
            <button
              type="button"
              mat-button
              [disabled]="idp.signingCertificates.length === 1"
              [attr.aria-label]="'sso.certificates.removeOne' | t: { subject: certificate.subject }"
              (click)="remove(idp, certificate)"
            >
              <mat-icon svgIcon="delete" aria-hidden="true" />
              {{ 'sso.certificates.remove' | t }}
            </button>
          </li>
        }
      </ul>
      @if (idp.signingCertificates.length === 1) {
        <p class="bv-muted small">{{ 'sso.certificates.lastOne' | t }}</p>
      }
      <button type="button" mat-stroked-button (click)="add(idp)">
        <mat-icon svgIcon="add" aria-hidden="true" />
        {{ 'sso.certificates.add' | t }}
      </button>
    }
  `,
  styles: `
    .hint {
      max-width: 70ch;
      margin: 0 0 12px;
    }

    .list {
      margin: 0 0 12px;
      padding: 0;
      list-style: none;
    }

    .item {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 10px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }

    .text {
      min-width: 0;
    }

    .subject {
      font-weight: 500;
      overflow-wrap: anywhere;
    }

    .small {
      margin: 0 0 12px;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class SigningCertificatesPanel {
  protected readonly store = inject(SsoDetailStore);
  protected readonly i18n = inject(I18n);
  private readonly api = inject(SsoApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  protected readonly expiryState = expiryState;
  protected readonly shortFingerprint = shortFingerprint;

  protected add(idp: IdentityProvider): void {
    this.dialog
      .open<AddCertificateDialog, IdentityProvider, IdentityProvider>(AddCertificateDialog, {
        data: idp,
        width: '640px',
        maxWidth: 'calc(100vw - 24px)',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((updated): updated is IdentityProvider => updated !== undefined))
      .subscribe((updated) => {
        this.store.idp.set(updated);
        this.notifier.info('sso.certificates.added');
      });
  }

  protected remove(idp: IdentityProvider, certificate: CertificateInfo): void {
    const data: ConfirmDialogData = {
      title: this.i18n.t('sso.certificates.removeConfirm.title'),
      message: this.i18n.t('sso.certificates.removeConfirm.text', {
        subject: certificate.subject,
        name: idp.displayName,
      }),
      confirm: this.i18n.t('sso.certificates.remove'),
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data,
        role: 'alertdialog',
        width: '440px',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((confirmed) => confirmed === true))
      .subscribe(() =>
        this.store.run(this.api.removeCertificate(idp.id, certificate.fingerprint), () =>
          this.notifier.info('sso.certificates.removed'),
        ),
      );
  }
}
