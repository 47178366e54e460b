import { HttpClient, HttpContext, HttpContextToken } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_V1,
  SelfServiceRoutes,
  type Me,
  type MyProfile,
  type PasswordLoginRequest,
  type SignInOptions,
  type UiLanguage,
} from '@brevet/contracts';
import type { Observable } from 'rxjs';

/**
 * Set on requests whose 401 answer is expected and handled by the caller ("who am I", sign-in, sign-out),
 * so the {@link signInRedirectInterceptor} leaves them alone.
 */
export const EXPECTS_SIGNED_OUT = new HttpContextToken<boolean>(() => false);

const routes = {
  options: `${API_V1}/auth/options`,
  me: `${API_V1}/auth/me`,
  password: `${API_V1}/auth/password`,
  logout: `${API_V1}/auth/logout`,
} as const;

/** Sign-in, sign-out and "who am I". The session itself is an HttpOnly cookie the browser keeps. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);
  private readonly signedOutOk = new HttpContext().set(EXPECTS_SIGNED_OUT, true);

  options(): Observable<SignInOptions> {
    return this.http.get<SignInOptions>(routes.options);
  }

  me(): Observable<Me> {
    return this.http.get<Me>(routes.me, { context: this.signedOutOk });
  }

  signInWithPassword(request: PasswordLoginRequest): Observable<void> {
    return this.http.post<void>(routes.password, request, { context: this.signedOutOk });
  }

  /** Keeps the language on the signed-in person's staff record (every device starts in it). */
  saveLanguage(language: UiLanguage): Observable<MyProfile> {
    return this.http.put<MyProfile>(SelfServiceRoutes.language, { language });
  }

  signOut(): Observable<void> {
    return this.http.post<void>(routes.logout, {}, { context: this.signedOutOk });
  }
}
