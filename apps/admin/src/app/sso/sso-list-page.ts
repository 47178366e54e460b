import { ChangeDetectionStrategy, Component, Injector, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { IdentityProvider, IdentityProviderSummary } from '@brevet/contracts';
import { catchError, filter, map, of, startWith, switchMap } from 'rxjs';
import { I18n, TranslatePipe } from '../core/i18n';
import { Viewport } from '../core/ui/viewport';
import { AddIdentityProviderDialog } from './add-identity-provider-dialog';
import { expiryState } from './sso-labels';
import { SsoApi } from './sso-api';

type Load =
  { status: 'loading' } | { status: 'failed' } | { status: 'ready'; items: IdentityProviderSummary[] };

/** Settings → Single sign-on: the identity providers, and adding one from its metadata. */
@Component({
  selector: 'bv-sso-list-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, MatTableModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sso-list-page.html',
  styles: `
    :host {
      display: block;
    }

    td.name a {
      display: inline-block;
      padding: 4px 0;
    }
  `,
})
export class SsoListPage {
  private readonly api = inject(SsoApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  protected readonly i18n = inject(I18n);
  protected readonly phone = inject(Viewport).phone;
  protected readonly expiryState = expiryState;

  private readonly reloads = signal(0);
  protected readonly load = toSignal(
    toObservable(this.reloads).pipe(
      switchMap(() =>
        this.api.list().pipe(
          map((items): Load => ({ status: 'ready', items })),
          catchError(() => of<Load>({ status: 'failed' })),
          startWith<Load>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as Load },
  );

  protected readonly items = computed(() => {
    const load = this.load();
    return load.status === 'ready' ? load.items : null;
  });

  protected columns(): string[] {
    return this.phone() ? ['name', 'status'] : ['name', 'status', 'certificates', 'lastSignIn'];
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected add(): void {
    this.dialog
      .open<AddIdentityProviderDialog, undefined, IdentityProvider>(AddIdentityProviderDialog, {
        width: '640px',
        maxWidth: 'calc(100vw - 24px)',
        autoFocus: 'first-tabbable',
        injector: this.injector,
      })
      .afterClosed()
      .pipe(filter((idp): idp is IdentityProvider => idp !== undefined))
      .subscribe((idp) => void this.router.navigate(['/settings/sso', idp.id]));
  }
}
