import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
  viewChild,
  type ElementRef,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router } from '@angular/router';
import type { SignInOptions } from '@brevet/contracts';
import { catchError, firstValueFrom, map, of, startWith, Subject, switchMap } from 'rxjs';
import { AuthApi, AuthStore, HOME, safeReturnTo } from '../core/auth';
import { retryAfterSeconds, toProblem } from '../core/http/api-error';
import { I18n, TranslatePipe } from '../core/i18n';
import { LanguageSwitcher } from '../shell/language-switcher';
import { signInMessage, type SignInMessage } from './sign-in-problem';

type OptionsState =
  { status: 'loading' } | { status: 'failed' } | { status: 'ready'; options: SignInOptions };

/** Adds `RelayState` (where to land afterwards) to an identity provider's sign-in start URL. */
function withRelayState(loginUrl: string, returnTo: string): string {
  return `${loginUrl}${loginUrl.includes('?') ? '&' : '?'}RelayState=${encodeURIComponent(returnTo)}`;
}

const pathOf = (url: string) => url.split(/[?#]/, 1)[0];

/**
 * The sign-in page: company sign-in (one button per identity provider), the demo sign-in when offered, and
 * the administrators' email-and-password form, folded away, when password sign-in is on.
 */
@Component({
  selector: 'bv-login-page',
  imports: [
    LanguageSwitcher,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    ReactiveFormsModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './login-page.html',
  styleUrl: './login-page.scss',
})
export default class LoginPage {
  private readonly api = inject(AuthApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('passwordInput');

  /** Where to go afterwards: only a path within this app. */
  protected readonly returnTo = toSignal(
    inject(ActivatedRoute).queryParamMap.pipe(map((params) => safeReturnTo(params.get('returnTo')) ?? HOME)),
    { requireSync: true },
  );
  protected readonly sessionEnded = this.auth.sessionEnded;

  private readonly reloads = new Subject<void>();
  protected readonly state = toSignal(
    this.reloads.pipe(
      startWith(undefined),
      switchMap(() =>
        this.api.options().pipe(
          map((options): OptionsState => ({ status: 'ready', options })),
          catchError(() => of<OptionsState>({ status: 'failed' })),
          startWith<OptionsState>({ status: 'loading' }),
        ),
      ),
    ),
    { requireSync: true },
  );
  protected readonly options = computed(() => {
    const state = this.state();
    return state.status === 'ready' ? state.options : null;
  });
  protected readonly demoUrl = computed(() => {
    const demo = this.options()?.demoIdentityProvider;
    return demo ? withRelayState(demo.loginUrl, this.returnTo()) : null;
  });
  protected readonly providers = computed(() => {
    const options = this.options();
    if (!options) return [];
    const demo = options.demoIdentityProvider ? pathOf(options.demoIdentityProvider.loginUrl) : null;
    return options.identityProviders
      .filter((idp) => pathOf(idp.loginUrl) !== demo)
      .map((idp) => ({ ...idp, href: withRelayState(idp.loginUrl, this.returnTo()) }));
  });
  /** Nothing to sign in with: not set up yet. */
  protected readonly nothingOffered = computed(() => {
    const options = this.options();
    return (
      !!options && !options.passwordLogin && !options.demoIdentityProvider && this.providers().length === 0
    );
  });
  /** The form is folded away under "Administrator sign-in", unless it is the only way in. */
  protected readonly formOpen = signal(false);
  protected readonly formShown = computed(
    () => this.formOpen() || (this.providers().length === 0 && !this.options()?.demoIdentityProvider),
  );

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    password: ['', [Validators.required, Validators.maxLength(1024)]],
  });
  protected readonly hidePassword = signal(true);
  protected readonly submitting = signal(false);
  protected readonly error = signal<SignInMessage | null>(null);

  protected retry(): void {
    this.reloads.next();
  }

  protected toggleForm(): void {
    this.formOpen.update((open) => !open);
  }

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    const { email, password } = this.form.getRawValue();
    try {
      await firstValueFrom(this.api.signInWithPassword({ email: email.trim(), password }));
    } catch (error) {
      this.submitting.set(false);
      this.error.set(
        signInMessage(toProblem(error), retryAfterSeconds(error), (at) =>
          this.i18n.dateTime(at, { timeStyle: 'medium' }),
        ),
      );
      this.form.controls.password.reset();
      this.passwordInput()?.nativeElement.focus();
      return;
    }
    const me = await this.auth.load();
    this.submitting.set(false);
    if (!me) {
      // Signed in, but the session did not stick (cookies blocked, say).
      this.error.set({ key: 'login.errors.noSession' });
      return;
    }
    await this.router.navigateByUrl(this.returnTo(), { replaceUrl: true });
  }
}
