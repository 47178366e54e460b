import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
  type ApplicationConfig,
} from '@angular/core';
import { TitleStrategy, provideRouter } from '@angular/router';
import { appRoutes } from './app.routes';
import { AuthStore, signInRedirectInterceptor } from './core/auth';
import { problemInterceptor } from './core/http/problem.interceptor';
import { I18n } from './core/i18n';
import { TranslatedTitleStrategy } from './core/i18n/translated-title-strategy';
import { provideIcons } from './core/ui/icons';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes),
    // Outermost first: the sign-in redirect sees the problem document the problem interceptor made.
    provideHttpClient(withFetch(), withInterceptors([signInRedirectInterceptor, problemInterceptor])),
    provideIcons(),
    // The first render and the first navigation wait for the language and for who is signed in (whose
    // account may name a language), so nobody sees English flash before German or a page they may not open.
    provideAppInitializer(async () => {
      const auth = inject(AuthStore);
      auth.reloadWhenRestoredFromCache();
      await Promise.all([inject(I18n).ready, auth.load()]);
    }),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
  ],
};
