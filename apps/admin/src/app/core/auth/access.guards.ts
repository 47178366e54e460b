import { inject } from '@angular/core';
import { RedirectCommand, Router, type CanMatchFn, type Route, type UrlTree } from '@angular/router';
import type { Permission } from '@brevet/contracts';
import { AuthStore } from './auth.store';
import { HOME, SIGN_IN_PATH, safeReturnTo } from './return-to';

/** The URL being navigated to, as typed or linked (guards run before the router state has it). */
function attemptedUrl(router: Router): string {
  const navigation = router.currentNavigation();
  return navigation ? router.serializeUrl(navigation.extractedUrl) : router.url;
}

function signInPage(router: Router, returnTo: string | null): UrlTree {
  return router.createUrlTree([SIGN_IN_PATH], { queryParams: returnTo ? { returnTo } : {} });
}

/** The signed-in app (the shell and every page in it): signed-out people go to the sign-in page first. */
export const signedInGuard: CanMatchFn = () => {
  const router = inject(Router);
  if (inject(AuthStore).signedIn()) return true;
  const returnTo = safeReturnTo(attemptedUrl(router));
  return signInPage(router, returnTo === HOME ? null : returnTo);
};

/** The sign-in page: someone already signed in goes straight on to where they were headed. */
export const signedOutGuard: CanMatchFn = () => {
  const router = inject(Router);
  if (!inject(AuthStore).signedIn()) return true;
  const target = router.currentNavigation()?.extractedUrl.queryParamMap.get('returnTo');
  return router.parseUrl(safeReturnTo(target) ?? HOME);
};

/**
 * A page for people holding `permission`. Anyone else sees the "no access" page at the address they asked
 * for. `canMatch`, so a feature's code is not even downloaded for people who may not open it.
 */
const permissionGuard: CanMatchFn = (route: Route) => {
  const router = inject(Router);
  const auth = inject(AuthStore);
  const permission = route.data?.['requires'] as Permission | undefined;
  if (!auth.signedIn()) return signInPage(router, safeReturnTo(attemptedUrl(router)));
  if (permission && auth.can(permission)) return true;
  return new RedirectCommand(router.parseUrl('/forbidden'), { browserUrl: attemptedUrl(router) });
};

/** Route properties for a page that needs `permission` (from `ROLE_PERMISSIONS`, the one permission map). */
export function requires(permission: Permission): Pick<Route, 'canMatch' | 'data'> {
  return { canMatch: [permissionGuard], data: { requires: permission } };
}

/** `/`: the person's landing page. */
export function landingRedirect(): string {
  return inject(AuthStore).landing();
}
