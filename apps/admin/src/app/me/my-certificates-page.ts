import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { MyCredential, MyCredentials, MyProfile, ProblemDetails } from '@brevet/contracts';
import { catchError, map, of, startWith, switchMap, type Observable } from 'rxjs';
import { AuthStore } from '../core/auth';
import { toProblem } from '../core/http/api-error';
import { I18n, LANGUAGES, TranslatePipe, isLanguage, type TranslationKey } from '../core/i18n';
import { Notifier } from '../core/ui/notifier';
import { CERTIFICATE_STATUS_LOOK, canBeShared } from './certificate-status';
import { MyRequirementsPanel } from './my-requirements';
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
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    MatProgressBarModule,
    MyRequirementsPanel,
    RouterLink,
    TranslatePipe,
  ],
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

  private readonly auth = inject(AuthStore);
  /** Accounts without a staff record (the break-glass admin) have no certificates of their own. */
  protected readonly linked = !!this.auth.me()?.staffId;
  protected readonly languages = LANGUAGES.map((language) => ({
    language,
    name: `languages.${language}` as const satisfies TranslationKey,
  }));
  private readonly reloads = signal(0);
  protected readonly downloading = signal<string | null>(null);

  /**
   * Titles and texts come from the server in the person's language: loaded again when they reload and when
   * their language is saved (switched here or in the top bar).
   */
  private readonly loadTrigger = computed(() => [this.reloads(), this.auth.me()?.language] as const);

  protected readonly load = toSignal(
    toObservable(this.loadTrigger).pipe(
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

  /** The QR code's grid with a quiet zone of four modules on each side, as the standard asks. */
  protected qrViewBox(item: MyCredential): string {
    return `-4 -4 ${item.share.qr.size + 8} ${item.share.qr.size + 8}`;
  }

  protected copy(item: MyCredential): void {
    const clipboard = this.document.defaultView?.navigator.clipboard;
    if (!clipboard) {
      this.notifier.info('me.share.copyFailed');
      return;
    }
    clipboard.writeText(item.share.url).then(
      () => this.notifier.info('me.share.copied'),
      () => this.notifier.info('me.share.copyFailed'),
    );
  }

  /** Switches now and keeps the language on the person's record (see AuthStore.chooseLanguage). */
  protected chooseLanguage(value: unknown): void {
    if (!isLanguage(value)) return;
    void this.auth
      .chooseLanguage(value)
      .then((saved) => this.notifier.info(saved ? 'me.language.saved' : 'me.language.saveFailed'));
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
