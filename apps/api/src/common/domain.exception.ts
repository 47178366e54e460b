import { HttpStatus } from '@nestjs/common';
import type { ErrorCode, FieldError } from '@brevet/contracts';

/**
 * Base of every rule violation a service reports. The problem-details filter turns it into one
 * `application/problem+json` response; modules subclass it with their own codes.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: HttpStatus,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
  }
}

export class ValidationFailedException extends DomainException {
  constructor(errors: FieldError[]) {
    super(
      'validation_failed',
      HttpStatus.BAD_REQUEST,
      'The request is not valid',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
  }
}

export class VersionConflictException extends DomainException {
  constructor(what: string) {
    super(
      'version_conflict',
      HttpStatus.CONFLICT,
      'Changed by someone else',
      `${what} was changed by someone else since you loaded it. Reload and try again.`,
    );
  }
}

export class ServiceUnavailableException extends DomainException {
  constructor(detail: string) {
    super('service_unavailable', HttpStatus.SERVICE_UNAVAILABLE, 'Temporarily unavailable', detail);
  }
}
