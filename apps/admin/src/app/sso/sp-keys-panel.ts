import { ChangeDetectionStrategy, Component, Injector, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import type { IdentityProvider, SpKeySetInfo } from '@brevet/contracts';
import { filter, finalize, type Observable } from 'rxjs';
import { I18n, TranslatePipe, type TranslationKey } from '../core/i18n';
import { ConfirmDialog, type ConfirmDialogData } from '../core/ui/confirm-dialog';
import { Notifier } from '../core/ui/notifier';
import { SsoApi } from './sso-api';
import { SsoDetailStore } from './sso-detail.store';
import { expiryState } from './sso-labels';

type Step = 'next' | 'promote' | 'dropPrevious';

interface KeySetRow {
  kind: 'current' | 'next' | 'previous';
  label: TranslationKey;
  keys: SpKeySetInfo;
}

const STEPS: Record<
  Step,
  { title: TranslationKey; text: TranslationKey; confirm: TranslationKey; done: TranslationKey }
> = {
  next: {
    title: 'sso.keys.next.title',
    text: 'sso.keys.next.text',
    confirm: 'sso.keys.next.confirm',
    done: 'sso.keys.next.done',
  },
  promote: {
    title: 'sso.keys.promote.title',
    text: 'sso.keys.promote.text',
    confirm: 'sso.keys.promote.confirm',
    done: 'sso.keys.promote.done',
  },
  dropPrevious: {
    title: 'sso.keys.dropPrevious.title',
    text: 'sso.keys.dropPrevious.text',
    confirm: 'sso.keys.dropPrevious.confirm',
    done: 'sso.keys.dropPrevious.done',
  },
};

/**
 * Brevet's own signing and encryption keys for this identity provider, and the three rotation steps: create
 * the next keys, make them current, remove the previous ones. Each step asks first.
 */
@Component({
  selector: 'bv-sp-keys-panel',
  imports: [MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="bv-muted hint">{{ 'sso.keys.hint' | t }}</p>
    @if (store.idp(); as idp) {
      <ul class="list">
        @for (row of rows(idp); track row.kind) {
          <li class="item">
            <span
              class="bv-badge"
              [class.success]="row.kind === 'current'"
              [class.info]="row.kind === 'next'"
            >
              {{ row.label | t }}
            </span>
            <span class="dates">
              {{ 'sso.keys.created' | t: { date: i18n.date(row.keys.createdAt) } }} ·
              {{ 'sso.keys.signingUntil' | t: { date: i18n.date(row.keys.signing.notAfter) } }} ·
              {{ 'sso.keys.encryptionUntil' | t: { date: i18n.date(row.keys.encryption.notAfter) } }}
              @if (expiryState(row.keys.signing.notAfter) !== 'ok') {
                <span class="bv-badge warning">{{ 'sso.certificates.expiringSoon' | t }}</span>
              }
            </span>
          </li>
        }
      </ul>
      <div class="bv-actions">
        @if (!idp.spKeys.next) {
          <button type="button" mat-stroked-button [disabled]="busy()" (click)="step(idp, 'next')">
            <mat-icon svgIcon="autorenew" aria-hidden="true" />
            {{ 'sso.keys.next.button' | t }}
          </button>
        } @else {
          <button type="button" mat-stroked-button [disabled]="busy()" (click)="step(idp, 'promote')">
            {{ 'sso.keys.promote.button' | t }}
          </button>
        }
        @if (idp.spKeys.previous) {
          <button type="button" mat-stroked-button [disabled]="busy()" (click)="step(idp, 'dropPrevious')">
            <mat-icon svgIcon="delete" aria-hidden="true" />
            {{ 'sso.keys.dropPrevious.button' | t }}
          </button>
        }
      </div>
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
      gap: 8px 12px;
      padding: 10px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }

    .dates {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SpKeysPanel {
  protected readonly store = inject(SsoDetailStore);
  protected readonly i18n = inject(I18n);
  private readonly api = inject(SsoApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  protected readonly expiryState = expiryState;
  protected readonly busy = signal(false);

  protected rows(idp: IdentityProvider): KeySetRow[] {
    const { current, next, previous } = idp.spKeys;
    return [
      { kind: 'current', label: 'sso.keys.current', keys: current },
      ...(next ? [{ kind: 'next', label: 'sso.keys.nextKeys', keys: next } as const] : []),
      ...(previous ? [{ kind: 'previous', label: 'sso.keys.previousKeys', keys: previous } as const] : []),
    ];
  }

  protected step(idp: IdentityProvider, step: Step): void {
    const texts = STEPS[step];
    const data: ConfirmDialogData = {
      title: this.i18n.t(texts.title),
      message: this.i18n.t(texts.text, { name: idp.displayName }),
      confirm: this.i18n.t(texts.confirm),
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, {
        data,
        role: 'alertdialog',
        width: '480px',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((confirmed) => confirmed === true))
      .subscribe(() => {
        this.busy.set(true);
        this.store.run(this.request(idp.id, step).pipe(finalize(() => this.busy.set(false))), () =>
          this.notifier.info(texts.done),
        );
      });
  }

  private request(id: string, step: Step): Observable<IdentityProvider> {
    switch (step) {
      case 'next':
        return this.api.generateNextKeys(id);
      case 'promote':
        return this.api.promoteNextKeys(id);
      case 'dropPrevious':
        return this.api.dropPreviousKeys(id);
    }
  }
}
