import { HttpStatus } from '@nestjs/common';
import type { AttemptBlock, FieldError } from '@brevet/contracts';
import { DomainException } from '../common/domain.exception';

/** Unknown, or not published (for learners): the same answer, so drafts do not leak. */
export class CourseNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'course.not_found',
      HttpStatus.NOT_FOUND,
      'Course not found',
      `There is no course with ID "${id}".`,
    );
  }
}

export class CourseCodeTakenException extends DomainException {
  constructor(code: string) {
    super(
      'course.code_taken',
      HttpStatus.CONFLICT,
      'Code already used',
      `A course with code "${code}" exists.`,
    );
  }
}

export class CourseNothingToPublishException extends DomainException {
  constructor() {
    super(
      'course.nothing_to_publish',
      HttpStatus.CONFLICT,
      'Nothing to publish',
      'The course has no draft, and its current version is published already.',
    );
  }
}

export class CourseCredentialUnknownException extends DomainException {
  constructor(id: string) {
    super(
      'course.credential_unknown',
      HttpStatus.BAD_REQUEST,
      'Unknown credential',
      `There is no credential definition with ID "${id}".`,
      [{ field: 'definitionId', message: 'is not a credential definition' }],
    );
  }
}

/** Publishing a course whose credential cannot be awarded: passing would issue nothing. */
export class CourseCredentialNotPublishedException extends DomainException {
  constructor(code: string) {
    super(
      'course.credential_not_published',
      HttpStatus.CONFLICT,
      'Credential not published',
      `The credential "${code}" is not published (or is archived); publish it before the course.`,
    );
  }
}

export class CourseContentInvalidException extends DomainException {
  constructor(errors: FieldError[]) {
    super(
      'course.content_invalid',
      HttpStatus.BAD_REQUEST,
      'The course content is not valid',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
  }
}

export class CourseLessonUnknownException extends DomainException {
  constructor(id: string) {
    super(
      'course.lesson_unknown',
      HttpStatus.BAD_REQUEST,
      'Unknown lesson',
      `The course has no lesson "${id}".`,
    );
  }
}

export class CourseAttemptNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'course.attempt_not_found',
      HttpStatus.NOT_FOUND,
      'Attempt not found',
      `There is no attempt with ID "${id}" of yours in this course.`,
    );
  }
}

const BLOCKED: Record<AttemptBlock, string> = {
  lessons_incomplete: 'Read every lesson before the assessment.',
  cooldown: 'Wait until the cool-down after your last attempt has ended.',
  no_attempts_left: 'You have used every attempt on this version of the course. Ask HR for help.',
};

export class CourseAttemptBlockedException extends DomainException {
  constructor(
    readonly reason: AttemptBlock,
    nextAttemptAt: Date | null,
  ) {
    super(
      'course.attempt_blocked',
      HttpStatus.CONFLICT,
      'No attempt possible now',
      nextAttemptAt
        ? `${BLOCKED[reason]} Next attempt from ${nextAttemptAt.toISOString()}.`
        : BLOCKED[reason],
      [{ field: 'attempt', message: reason }],
    );
  }
}

export class CourseAnswersInvalidException extends DomainException {
  constructor(errors: FieldError[]) {
    super(
      'course.answers_invalid',
      HttpStatus.BAD_REQUEST,
      'The answers are not complete',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
  }
}
