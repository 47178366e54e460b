import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { ErrorCode, type Me, type Permission } from '@brevet/contracts';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../http/api-error';
import { I18n, type Language } from '../i18n';
import { AuthApi } from './auth-api';
import { landingPath, navItemsFor } from './navigation';
import { SIGN_IN_PATH, safeReturnTo, samlLogoutPath } from './return-to';

/**
 * Who is signed in. Loaded once before the first navigation (see `app.config.ts`); route guards, the menu and
 * pages read it. The session is the API's HttpOnly cookie, so this only mirrors what `/auth/me` says.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly document = inject(DOCUMENT);

  private readonly current = signal<Me | null>(null);
  private readonly granted = computed(() => new Set<Permission>(this.current()?.permissions ?? []));

  /** The signed-in person; null when signed out. */
  readonly me = this.current.asReadonly();
  readonly loading = signal(false);
  readonly signedIn = computed(() => this.current() !== null);
  /** The pages the person may open, in menu order. */
  readonly navItems = computed(() => navItemsFor(this.current()));
  /** Where `/` takes them. */
  readonly landing = computed(() => landingPath(this.current()));
  /** The session ended while the app was open (timeout, signed out elsewhere): the sign-in page says so. */
  readonly sessionEnded = signal(false);

  can(permission: Permission): boolean {
    return this.granted().has(permission);
  }

  /**
   * Asks the API who is signed in. A 401 means nobody; any other failure (offline, server down) is treated
   * the same way, and the sign-in page then shows what went wrong when it loads its options.
   */
  async load(): Promise<Me | null> {
    this.loading.set(true);
    try {
      const me = await firstValueFrom(this.api.me());
      this.current.set(me);
      this.sessionEnded.set(false);
      // The account's language, unless the person picked one on this device. After the initial language has
      // settled, so that the two cannot finish in the wrong order.
      await this.i18n.ready;
      if (me.language && !this.i18n.chosen() && me.language !== this.i18n.language()) {
        await this.i18n.use(me.language);
      }
      return me;
    } catch {
      this.current.set(null);
      return null;
    } finally {
      this.loading.set(false);
    }
  }

  /**
   * The person picks a language: it switches at once and is remembered on this device, and for a person with a
   * staff record it is kept on their record too, so their next sign-in on any device starts in it. Resolves
   * false when that could not be saved (the switch on this device stands).
   */
  async chooseLanguage(language: Language): Promise<boolean> {
    await this.i18n.choose(language);
    const me = this.current();
    if (!me?.staffId || me.language === language) return true;
    try {
      await firstValueFrom(this.api.saveLanguage(language));
      this.current.update((now) => (now ? { ...now, language } : now));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Ends the session on the server, forgets the person, and shows the sign-in page. After a company sign-in
   * (SAML) the browser goes through Brevet's single logout, which also asks the identity provider to end its
   * session and then comes back to the sign-in page.
   */
  async signOut(): Promise<void> {
    const origin = this.current()?.signedInWith;
    if (origin?.kind === 'saml') {
      this.current.set(null);
      this.document.location.assign(samlLogoutPath(origin.identityProvider));
      return;
    }
    try {
      await firstValueFrom(this.api.signOut());
    } catch (error) {
      // Already signed out (the session had ended): that is what was asked for.
      if (toProblem(error).code !== ErrorCode.Unauthenticated) throw error;
    }
    this.current.set(null);
    this.sessionEnded.set(false);
    await this.router.navigateByUrl(SIGN_IN_PATH, { replaceUrl: true });
  }

  /**
   * A page restored from the browser's back-forward cache still shows what it showed before, even after
   * signing out. Reload it instead, so that it asks the server again who is signed in.
   */
  reloadWhenRestoredFromCache(): void {
    this.document.defaultView?.addEventListener('pageshow', (event) => {
      if (event.persisted) this.document.location.reload();
    });
  }

  /**
   * The API answered 401 for a request of the signed-in app: the session is gone. Forget the person and go to
   * the sign-in page, which brings them back to `returnTo` afterwards.
   */
  sessionExpired(): void {
    const url = this.router.url;
    if (url.split(/[?#]/, 1)[0] === SIGN_IN_PATH) return;
    if (this.current()) this.sessionEnded.set(true);
    this.current.set(null);
    void this.router.navigate([SIGN_IN_PATH], { queryParams: { returnTo: safeReturnTo(url) } });
  }
}
