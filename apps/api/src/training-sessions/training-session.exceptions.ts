import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

/** Unknown, or not the caller's to see (outside their scope): the same answer, so nothing leaks. */
export class TrainingSessionNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'training_session.not_found',
      HttpStatus.NOT_FOUND,
      'Training session not found',
      `There is no training session with ID "${id}".`,
    );
  }
}

export class TrainingSessionNotOpenException extends DomainException {
  constructor() {
    super(
      'training_session.not_open',
      HttpStatus.CONFLICT,
      'Not open for enrolment',
      'This session has started, was cancelled or is completed; enrolments can no longer change.',
    );
  }
}

export class TrainingSessionNotStartedException extends DomainException {
  constructor() {
    super(
      'training_session.not_started',
      HttpStatus.CONFLICT,
      'Not started yet',
      'Attendance and results can be recorded once the session has started.',
    );
  }
}

export class TrainingSessionCancelledException extends DomainException {
  constructor() {
    super('training_session.cancelled', HttpStatus.CONFLICT, 'Cancelled', 'This session was cancelled.');
  }
}

export class TrainingSessionCompletedException extends DomainException {
  constructor() {
    super(
      'training_session.completed',
      HttpStatus.CONFLICT,
      'Completed',
      'Certificates were issued for this session; it can no longer be changed.',
    );
  }
}

export class AlreadyEnrolledException extends DomainException {
  constructor(staffId: string) {
    super(
      'training_session.already_enrolled',
      HttpStatus.CONFLICT,
      'Already enrolled',
      `The person ${staffId} is already enrolled in this session or on its waiting list.`,
    );
  }
}

export class NotEnrolledException extends DomainException {
  constructor() {
    super(
      'training_session.not_enrolled',
      HttpStatus.NOT_FOUND,
      'Not enrolled',
      'This person is neither enrolled in this session nor on its waiting list.',
    );
  }
}

export class SessionStaffUnknownException extends DomainException {
  constructor(field: string, staffId: string) {
    super(
      'training_session.staff_unknown',
      HttpStatus.BAD_REQUEST,
      'Unknown person',
      `There is no active person with ID "${staffId}" in your branches.`,
      [{ field, message: 'is not an active person in your branches' }],
    );
  }
}

export class SessionCredentialUnknownException extends DomainException {
  constructor(id: string) {
    super(
      'training_session.credential_unknown',
      HttpStatus.BAD_REQUEST,
      'Unknown credential',
      `There is no published credential with ID "${id}".`,
      [{ field: 'definitionId', message: 'is not a published credential' }],
    );
  }
}

export class CapacityBelowEnrolledException extends DomainException {
  constructor(enrolled: number) {
    super(
      'training_session.capacity_below_enrolled',
      HttpStatus.CONFLICT,
      'Capacity below enrolments',
      `${enrolled} people hold a seat; the capacity cannot be lower. Cancel enrolments first.`,
      [{ field: 'capacity', message: `must be at least ${enrolled}` }],
    );
  }
}
