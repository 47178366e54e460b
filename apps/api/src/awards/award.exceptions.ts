import { HttpStatus } from '@nestjs/common';
import {
  AWARD_IMPORT_MAX_BYTES,
  type AwardBatchIssue,
  type AwardRecordStatus,
  type FieldError,
} from '@brevet/contracts';
import { DomainException } from '../common/domain.exception';

export class AwardNotFoundException extends DomainException {
  constructor(id: string) {
    super('award.not_found', HttpStatus.NOT_FOUND, 'Award not found', `There is no award with ID "${id}".`);
  }
}

export class AwardNotRevocableException extends DomainException {
  constructor(status: AwardRecordStatus) {
    super(
      'award.not_revocable',
      HttpStatus.CONFLICT,
      'Award cannot be revoked',
      status === 'revoked'
        ? 'The award is already revoked.'
        : 'The award was superseded by a renewal; revoke the current award instead.',
    );
  }
}

export class AwardNotRenewableException extends DomainException {
  constructor(status: AwardRecordStatus) {
    super(
      'award.not_renewable',
      HttpStatus.CONFLICT,
      'Award cannot be renewed',
      status === 'revoked'
        ? 'The award was revoked; issue a new award instead.'
        : 'The award was superseded by a renewal; renew the current award instead.',
    );
  }
}

export class AwardStaffUnknownException extends DomainException {
  constructor(id: string) {
    super(
      'award.staff_unknown',
      HttpStatus.BAD_REQUEST,
      'Unknown person',
      `There is no person with ID "${id}".`,
      [{ field: 'staffId', message: 'unknown person' }],
    );
  }
}

export class AwardStaffLeftException extends DomainException {
  constructor(employeeNumber: string) {
    super(
      'award.staff_left',
      HttpStatus.CONFLICT,
      'Person has left',
      `Person ${employeeNumber} has left the company; no new awards can be issued to them.`,
      [{ field: 'staffId', message: 'has left the company' }],
    );
  }
}

export class AwardCredentialUnknownException extends DomainException {
  constructor(id: string) {
    super(
      'award.credential_unknown',
      HttpStatus.BAD_REQUEST,
      'Unknown credential',
      `There is no credential definition with ID "${id}".`,
      [{ field: 'definitionId', message: 'unknown credential' }],
    );
  }
}

export class AwardCredentialNotPublishedException extends DomainException {
  constructor(code: string, status: string) {
    super(
      'award.credential_not_published',
      HttpStatus.CONFLICT,
      'Credential cannot be awarded',
      status === 'archived'
        ? `"${code}" is archived; it can no longer be awarded.`
        : `"${code}" has not been published yet; publish it before awarding it.`,
      [{ field: 'definitionId', message: `credential is ${status}` }],
    );
  }
}

export class AwardCompletedInFutureException extends DomainException {
  constructor(completedOn: string, today: string) {
    super(
      'award.completed_in_future',
      HttpStatus.BAD_REQUEST,
      'Completion day in the future',
      `The completion day ${completedOn} is after today (${today} where the person works).`,
      [{ field: 'completedOn', message: 'must not be in the future' }],
    );
  }
}

export class AwardNewerAwardExistsException extends DomainException {
  constructor(completedOn: string, activeIssuedOn: string) {
    super(
      'award.newer_award_exists',
      HttpStatus.CONFLICT,
      'A newer award exists',
      `The person already holds this credential from a completion on ${activeIssuedOn}; a completion on ${completedOn} cannot replace it.`,
      [{ field: 'completedOn', message: `is before the current award's completion (${activeIssuedOn})` }],
    );
  }
}

export class AwardAssessmentFailedException extends DomainException {
  constructor() {
    super(
      'award.assessment_failed',
      HttpStatus.BAD_REQUEST,
      'Assessment not passed',
      'An award records a passed assessment; a failed attempt is not an award.',
      [{ field: 'assessmentResult.passed', message: 'must not be false' }],
    );
  }
}

/** A roster or CSV import with errors: nothing was saved. `errors` name the rows and positions. */
export class AwardBatchRejectedException extends DomainException {
  constructor(issues: readonly AwardBatchIssue[], errorCount: number) {
    const errors: FieldError[] = issues
      .filter((i) => i.severity === 'error')
      .map((i) => ({
        field:
          i.row !== null
            ? `rows.${i.row}${i.column ? `.${i.column}` : ''}`
            : i.index !== null
              ? `staffIds.${i.index}`
              : 'file',
        message: i.message,
      }));
    super(
      'award.batch_rejected',
      HttpStatus.UNPROCESSABLE_ENTITY,
      'Nothing was awarded',
      `${errorCount === 1 ? 'One problem' : `${errorCount} problems`} must be fixed first; nothing was saved. ` +
        'Send the same request with dryRun to see every problem with its code.',
      errors,
    );
  }
}

export class AwardImportTooLargeException extends DomainException {
  constructor() {
    super(
      'award.import_too_large',
      HttpStatus.PAYLOAD_TOO_LARGE,
      'File too large',
      `The file is larger than ${AWARD_IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into several files.`,
      [{ field: 'file', message: `must be at most ${AWARD_IMPORT_MAX_BYTES / 1024 / 1024} MB` }],
    );
  }
}
