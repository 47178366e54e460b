import type { ProblemDetails } from '@brevet/contracts';
import { catchError, map, of, startWith, type Observable } from 'rxjs';
import { toProblem } from '../core/http/api-error';

/** A request's state for a template: loading, its answer, or the problem it failed with. */
export type Load<T> =
  | { status: 'loading'; value?: never; problem?: never }
  | { status: 'ok'; value: T; problem?: never }
  | { status: 'error'; value?: never; problem: ProblemDetails };

export const LOADING: Load<never> = { status: 'loading' };

/** Wraps a request so that it first says "loading", then gives its answer or its problem; it never errors. */
export function track<T>(source: Observable<T>): Observable<Load<T>> {
  return source.pipe(
    map((value): Load<T> => ({ status: 'ok', value })),
    catchError((error: unknown) => of<Load<T>>({ status: 'error', problem: toProblem(error) })),
    startWith<Load<T>>(LOADING),
  );
}
