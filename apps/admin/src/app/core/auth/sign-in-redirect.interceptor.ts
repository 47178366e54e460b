import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { ErrorCode } from '@brevet/contracts';
import { catchError, throwError } from 'rxjs';
import { toProblem } from '../http/api-error';
import { EXPECTS_SIGNED_OUT } from './auth-api';
import { AuthStore } from './auth.store';

/**
 * A 401 `auth.unauthenticated` means the session is gone (timed out, ended elsewhere): send the person to
 * the sign-in page, which returns them here afterwards. The caller still gets the error.
 */
export const signInRedirectInterceptor: HttpInterceptorFn = (request, next) => {
  if (request.context.get(EXPECTS_SIGNED_OUT)) return next(request);
  const auth = inject(AuthStore);
  return next(request).pipe(
    catchError((error: unknown) => {
      const problem = toProblem(error);
      if (problem.status === 401 && problem.code === ErrorCode.Unauthenticated) auth.sessionExpired();
      return throwError(() => error);
    }),
  );
};
