import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/domain.exception';

export class UnauthenticatedException extends DomainException {
  constructor() {
    super('auth.unauthenticated', HttpStatus.UNAUTHORIZED, 'Sign-in required', 'Please sign in to continue.');
  }
}

export class ForbiddenException extends DomainException {
  constructor(detail = 'Your role does not allow this.') {
    super('auth.forbidden', HttpStatus.FORBIDDEN, 'Not allowed', detail);
  }
}

export class CrossSiteRequestException extends DomainException {
  constructor() {
    super(
      'auth.cross_site_request',
      HttpStatus.FORBIDDEN,
      'Cross-site request refused',
      'This request came from another site and was refused.',
    );
  }
}

export class InvalidCredentialsException extends DomainException {
  constructor() {
    super(
      'auth.invalid_credentials',
      HttpStatus.UNAUTHORIZED,
      'Sign-in failed',
      'The email address or password is not correct.',
    );
  }
}

export class AccountLockedException extends DomainException {
  constructor(minutes: number) {
    super(
      'auth.locked',
      HttpStatus.UNAUTHORIZED,
      'Account locked',
      `Too many failed attempts. This account is locked for ${minutes} minutes.`,
    );
  }
}

export class PasswordLoginDisabledException extends DomainException {
  constructor() {
    super(
      'auth.password_login_disabled',
      HttpStatus.FORBIDDEN,
      'Password sign-in is off',
      'Sign in with your company account instead.',
    );
  }
}
