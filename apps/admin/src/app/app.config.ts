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
import { problemInterceptor } from './core/http/problem.interceptor';
import { I18n } from './core/i18n';
import { TranslatedTitleStrategy } from './core/i18n/translated-title-strategy';
import { provideIcons } from './core/ui/icons';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes),
    provideHttpClient(withFetch(), withInterceptors([problemInterceptor])),
    provideIcons(),
    // The first render waits for the user's language, so nobody sees English flash before German.
    provideAppInitializer(() => inject(I18n).ready),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
  ],
};
