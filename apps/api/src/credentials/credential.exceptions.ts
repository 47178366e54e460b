import { HttpStatus } from '@nestjs/common';
import { BADGE_IMAGE_MAX_BYTES } from '@brevet/contracts';
import { DomainException } from '../common/domain.exception';

export class CredentialNotFoundException extends DomainException {
  constructor(id: string) {
    super(
      'credential.not_found',
      HttpStatus.NOT_FOUND,
      'Credential not found',
      `There is no credential definition with ID "${id}".`,
    );
  }
}

export class CredentialCodeTakenException extends DomainException {
  constructor(code: string) {
    super(
      'credential.code_taken',
      HttpStatus.CONFLICT,
      'Credential code already in use',
      `Another credential definition has the code "${code}". Codes are never reused.`,
      [{ field: 'code', message: 'already in use' }],
    );
  }
}

export class NothingToPublishException extends DomainException {
  constructor(code: string) {
    super(
      'credential.nothing_to_publish',
      HttpStatus.CONFLICT,
      'Nothing to publish',
      `"${code}" has no draft: its current version is already published. Edit it first to create a draft.`,
    );
  }
}

export class BadgeNotFoundException extends DomainException {
  constructor(code: string, version?: number) {
    super(
      'credential.badge_not_found',
      HttpStatus.NOT_FOUND,
      'No badge image',
      version === undefined
        ? `"${code}" has no badge image.`
        : `Version ${version} of "${code}" does not exist or has no badge image.`,
    );
  }
}

export class BadgeInvalidException extends DomainException {
  constructor(message: string) {
    super(
      'credential.badge_invalid',
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'Badge image not accepted',
      message,
      [{ field: 'badge', message }],
    );
  }
}

export class BadgeTooLargeException extends DomainException {
  constructor() {
    super(
      'credential.badge_too_large',
      HttpStatus.PAYLOAD_TOO_LARGE,
      'Badge image too large',
      `The image is larger than ${BADGE_IMAGE_MAX_BYTES / 1024} KB. Export it smaller (e.g. 600×600 pixels).`,
      [{ field: 'badge', message: `must be at most ${BADGE_IMAGE_MAX_BYTES / 1024} KB` }],
    );
  }
}
