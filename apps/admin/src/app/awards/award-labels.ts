import {
  ErrorCode,
  type AwardBatchOutcome,
  type AwardIssueCode,
  type AwardSource,
  type RenewalCountsFrom,
} from '@brevet/contracts';
import type { TranslationKey } from '../core/i18n';

/** The words for the awards' fixed vocabularies: problems of a batch row, outcomes, how expiry was counted. */

export const ISSUE_CODE_LABELS: Record<AwardIssueCode, TranslationKey> = {
  'file.empty': 'awards.issueCodes.fileEmpty',
  'file.encoding': 'awards.issueCodes.fileEncoding',
  'csv.syntax': 'awards.issueCodes.csvSyntax',
  'file.too_many_rows': 'awards.issueCodes.tooManyRows',
  'header.missing_column': 'awards.issueCodes.missingColumn',
  'header.duplicate_column': 'awards.issueCodes.duplicateColumn',
  'header.unknown_column': 'awards.issueCodes.unknownColumn',
  'row.field_count': 'awards.issueCodes.fieldCount',
  'row.required': 'awards.issueCodes.required',
  'row.invalid_date': 'awards.issueCodes.invalidDate',
  'row.invalid_score': 'awards.issueCodes.invalidScore',
  'row.unknown_staff': 'awards.issueCodes.unknownStaff',
  'row.staff_left': 'awards.issueCodes.staffLeft',
  'row.unknown_credential': 'awards.issueCodes.unknownCredential',
  'row.credential_not_published': 'awards.issueCodes.credentialNotPublished',
  'row.completed_in_future': 'awards.issueCodes.completedInFuture',
  'row.newer_award_exists': 'awards.issueCodes.newerAwardExists',
  'row.duplicate': 'awards.issueCodes.duplicate',
  'row.previously_revoked': 'awards.issueCodes.previouslyRevoked',
};

export const OUTCOME_LABELS: Record<AwardBatchOutcome, TranslationKey> = {
  issue: 'awards.outcomes.issue',
  renew: 'awards.outcomes.renew',
  unchanged: 'awards.outcomes.unchanged',
};

export const COUNTS_FROM_LABELS: Record<RenewalCountsFrom, TranslationKey> = {
  completion: 'awards.countsFrom.completion',
  previous_expiry: 'awards.countsFrom.previous_expiry',
  fixed_date: 'awards.countsFrom.fixed_date',
  never_expires: 'awards.countsFrom.never_expires',
};

export const SOURCE_LABELS: Record<AwardSource, TranslationKey> = {
  single: 'awards.sources.single',
  bulk: 'awards.sources.bulk',
  import: 'awards.sources.import',
  seed: 'awards.sources.seed',
};

/** Problems of a single award request that concern one field of the issue form. */
export const ISSUE_PROBLEM_FIELDS: Partial<
  Record<string, readonly ['staff' | 'credential' | 'completedOn', TranslationKey]>
> = {
  [ErrorCode.AwardStaffUnknown]: ['staff', 'awards.errors.staffUnknown'],
  [ErrorCode.AwardStaffLeft]: ['staff', 'awards.errors.staffLeft'],
  [ErrorCode.AwardCredentialUnknown]: ['credential', 'awards.errors.credentialUnknown'],
  [ErrorCode.AwardCredentialNotPublished]: ['credential', 'awards.errors.credentialNotPublished'],
  [ErrorCode.AwardCompletedInFuture]: ['completedOn', 'awards.errors.completedInFuture'],
  [ErrorCode.AwardNewerAwardExists]: ['completedOn', 'awards.errors.newerAwardExists'],
};
