import { ErrorCode, type ProblemDetails } from '@brevet/contracts';
import { NETWORK_ERROR } from '../core/http/api-error';
import type { TranslationKey, TranslationParams } from '../core/i18n';

/** A message for the sign-in form, ready for `t()`. */
export interface SignInMessage {
  key: TranslationKey;
  params?: TranslationParams;
}

/**
 * The minutes an account stays locked. The API says so in `Retry-After` when it sends one; otherwise in its
 * own words ("… locked for 15 minutes."), which are read as a fallback.
 */
export function lockedMinutes(problem: ProblemDetails, retryAfterSeconds: number | null): number | null {
  if (retryAfterSeconds !== null) return Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const match = /(\d+)\s*minute/i.exec(problem.detail ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * What to tell someone whose password sign-in failed, from the problem's stable code. `formatTime` turns the
 * moment they may try again into words ("14:03:20").
 */
export function signInMessage(
  problem: ProblemDetails,
  retryAfterSeconds: number | null,
  formatTime: (at: Date) => string,
  now = Date.now(),
): SignInMessage {
  switch (problem.code) {
    case ErrorCode.InvalidCredentials:
      return { key: 'login.errors.invalidCredentials' };
    case ErrorCode.AccountLocked: {
      const minutes = lockedMinutes(problem, retryAfterSeconds);
      return minutes === null
        ? { key: 'login.errors.lockedUnknown' }
        : { key: 'login.errors.locked', params: { count: minutes } };
    }
    case ErrorCode.RateLimited:
      return retryAfterSeconds === null
        ? { key: 'login.errors.rateLimitedUnknown' }
        : {
            key: 'login.errors.rateLimited',
            params: { time: formatTime(new Date(now + retryAfterSeconds * 1000)) },
          };
    case ErrorCode.PasswordLoginDisabled:
      return { key: 'login.errors.passwordLoginDisabled' };
    case ErrorCode.ValidationFailed:
      return { key: 'login.errors.incomplete' };
    case NETWORK_ERROR:
      return { key: 'errors.network' };
    default:
      return { key: 'login.errors.generic' };
  }
}
