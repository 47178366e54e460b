import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
  type ApplicationConfig,
} from '@angular/core';
import { TitleStrategy, provideRouter } from '@angular/router';
import { appRoutes } from './app.routes';
import { problemInterceptor } from './core/http/problem.interceptor';
import { TranslatedTitleStrategy } from './core/i18n/translated-title-strategy';
import { provideIcons } from './core/ui/icons';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes),
    provideHttpClient(withFetch(), withInterceptors([problemInterceptor])),
    provideIcons(),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
  ],
};
