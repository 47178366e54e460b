export { AuthApi, EXPECTS_SIGNED_OUT } from './auth-api';
export { AuthStore } from './auth.store';
export { landingRedirect, requires, signedInGuard, signedOutGuard } from './access.guards';
export { NAV_ITEMS, landingPath, navItemsFor, type NavGroup, type NavItem } from './navigation';
export { HOME, SIGN_IN_PATH, safeReturnTo } from './return-to';
export { signInRedirectInterceptor } from './sign-in-redirect.interceptor';
