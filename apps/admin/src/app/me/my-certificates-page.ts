import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { MyCredential, MyCredentials, MyProfile, ProblemDetails } from '@brevet/contracts';
import { catchError, map, of, startWith, switchMap, type Observable } from 'rxjs';
import { AuthStore } from '../core/auth';
import { toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { CERTIFICATE_STATUS_LOOK, canBeShared } from './certificate-status';
import { SelfServiceApi } from './self-service-api';

type Load =
  | { status: 'loading' }
  | { status: 'failed'; problem: ProblemDetails }
  | { status: 'ready'; credentials: MyCredentials | null };

/**
 * "My certificates": an employee's own certificates, each with its status, how long it is valid, the PDF and
 * the Open Badge. Built for phones first.
 */
@Component({
  selector: 'bv-my-certificates-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './my-certificates-page.html',
  styleUrl: './my-certificates-page.scss',
})
export class MyCertificatesPage {
  private readonly api = inject(SelfServiceApi);
  private readonly notifier = inject(Notifier);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18n);
  protected readonly looks = CERTIFICATE_STATUS_LOOK;
  protected readonly canBeShared = canBeShared;

  /** Accounts without a staff record (the break-glass admin) have no certificates of their own. */
  protected readonly linked = !!inject(AuthStore).me()?.staffId;
  private readonly reloads = signal(0);
  protected readonly downloading = signal<string | null>(null);

  protected readonly load = toSignal(
    toObservable(this.reloads).pipe(
      switchMap(() =>
        this.credentials().pipe(
          map((credentials): Load => ({ status: 'ready', credentials })),
          catchError((error: unknown) => {
            const problem = toProblem(error);
            // No staff record behind the account: nothing to show, which the empty state says.
            return of<Load>(
              problem.status === 404 ? { status: 'ready', credentials: null } : { status: 'failed', problem },
            );
          }),
          startWith<Load>({ status: 'loading' }),
        ),
      ),
    ),
    { initialValue: { status: 'loading' } as Load },
  );
  protected readonly profile = toSignal(
    this.linked ? this.api.profile().pipe(catchError(() => of<MyProfile | null>(null))) : of(null),
    { initialValue: null },
  );
  protected readonly items = computed(() => {
    const load = this.load();
    return load.status === 'ready' ? (load.credentials?.items ?? []) : [];
  });

  private credentials(): Observable<MyCredentials | null> {
    return this.linked ? this.api.credentials() : of(null);
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  /** Saves the signed Open Badges 3.0 credential (a VC-JWT), the file wallets and verifiers accept. */
  protected downloadBadge(item: MyCredential): void {
    this.downloading.set(item.awardId);
    this.api.openBadge(item).subscribe({
      next: (issued) => {
        this.downloading.set(null);
        const blob = new Blob([issued.jwt], { type: 'application/vc+jwt' });
        const url = URL.createObjectURL(blob);
        const link = this.document.createElement('a');
        link.href = url;
        link.download = `${item.credential.code}-open-badge.jwt`;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
      error: (error: unknown) => {
        this.downloading.set(null);
        this.notifier.problem(toProblem(error));
      },
    });
  }
}
