import type { HttpInterceptorFn } from '@angular/common/http';
import { catchError, throwError } from 'rxjs';
import { ApiError, retryAfterSeconds, toProblem } from './api-error';

/** Every failed request reaches its caller as an {@link ApiError} carrying the problem+json document. */
export const problemInterceptor: HttpInterceptorFn = (request, next) =>
  next(request).pipe(
    catchError((error: unknown) =>
      throwError(() => new ApiError(toProblem(error), retryAfterSeconds(error))),
    ),
  );
