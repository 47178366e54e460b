import { TrainingSessionErrorCode, type ProblemDetails } from '@brevet/contracts';
import { problemMessageKey } from '../core/http/api-error';
import type { TranslationKey } from '../core/i18n';

const MESSAGES: Record<string, TranslationKey> = {
  [TrainingSessionErrorCode.SessionNotFound]: 'trainingSessions.errors.notFound',
  [TrainingSessionErrorCode.SessionNotOpen]: 'trainingSessions.errors.notOpen',
  [TrainingSessionErrorCode.SessionNotStarted]: 'trainingSessions.errors.notStarted',
  [TrainingSessionErrorCode.SessionCancelled]: 'trainingSessions.errors.cancelled',
  [TrainingSessionErrorCode.SessionAlreadyEnrolled]: 'trainingSessions.errors.alreadyEnrolled',
  [TrainingSessionErrorCode.SessionNotEnrolled]: 'trainingSessions.errors.notEnrolled',
  [TrainingSessionErrorCode.SessionStaffUnknown]: 'trainingSessions.errors.staffUnknown',
  [TrainingSessionErrorCode.SessionCredentialUnknown]: 'trainingSessions.errors.credentialUnknown',
  [TrainingSessionErrorCode.SessionCapacityBelowEnrolled]: 'trainingSessions.errors.capacityBelowEnrolled',
  [TrainingSessionErrorCode.SessionAlreadyCompleted]: 'trainingSessions.errors.completed',
};

/** A plain-words message for a problem of this feature, else the app's general one. */
export function sessionProblemKey(problem: ProblemDetails): TranslationKey {
  return MESSAGES[problem.code] ?? problemMessageKey(problem);
}
