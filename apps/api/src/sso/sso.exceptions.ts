import { HttpStatus } from '@nestjs/common';
import { SsoErrorCode, type ErrorCode } from '@brevet/contracts';
import { DomainException } from '../common/domain.exception';

// The SSO codes live in libs/contracts/src/lib/sso.ts (`SsoErrorCode`) and are part of `ErrorCode`.
const code = (c: SsoErrorCode): ErrorCode => c;

export class IdentityProviderNotFoundException extends DomainException {
  constructor() {
    super(
      code(SsoErrorCode.IdentityProviderNotFound),
      HttpStatus.NOT_FOUND,
      'Identity provider not found',
      'There is no identity provider with that ID or slug.',
    );
  }
}

export class SlugTakenException extends DomainException {
  constructor(slug: string) {
    super(
      code(SsoErrorCode.SlugTaken),
      HttpStatus.CONFLICT,
      'Slug already used',
      `Another identity provider already uses the slug "${slug}".`,
      [{ field: 'slug', message: 'is already used by another identity provider' }],
    );
  }
}

export class MetadataInvalidException extends DomainException {
  constructor(detail: string, field = 'metadataXml') {
    super(code(SsoErrorCode.MetadataInvalid), HttpStatus.BAD_REQUEST, 'The metadata cannot be used', detail, [
      { field, message: detail },
    ]);
  }
}

export class MetadataUnreachableException extends DomainException {
  constructor(detail: string) {
    super(
      code(SsoErrorCode.MetadataUnreachable),
      HttpStatus.BAD_REQUEST,
      'The metadata URL cannot be read',
      detail,
      [{ field: 'metadataUrl', message: detail }],
    );
  }
}

export class CertificateInvalidException extends DomainException {
  constructor(detail: string) {
    super(code(SsoErrorCode.CertificateInvalid), HttpStatus.BAD_REQUEST, 'Certificate not accepted', detail, [
      { field: 'pem', message: detail },
    ]);
  }
}

export class LastCertificateException extends DomainException {
  constructor() {
    super(
      code(SsoErrorCode.LastCertificate),
      HttpStatus.CONFLICT,
      'The last certificate cannot be removed',
      'An identity provider needs at least one signing certificate. Add the new one before removing this one.',
    );
  }
}

export class KeyRotationStepException extends DomainException {
  constructor(detail: string) {
    super(
      code(SsoErrorCode.KeyRotationStep),
      HttpStatus.CONFLICT,
      'Not possible at this rotation step',
      detail,
    );
  }
}

/** A SAML message refused before parsing: malformed or with a DOCTYPE (400), too large (413). */
export class SamlMessageInvalidException extends DomainException {
  constructor(status: 400 | 413, detail: string) {
    super(
      code(status === 413 ? SsoErrorCode.MessageTooLarge : SsoErrorCode.MessageInvalid),
      status === 413 ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST,
      status === 413 ? 'The sign-in message is too large' : 'The sign-in message is not valid',
      detail,
    );
  }
}

/** Any rejected SAML Response. The reason goes to the audit log and the last-assertion page, not to the browser. */
export class SamlResponseRejectedException extends DomainException {
  constructor() {
    super(
      code(SsoErrorCode.ResponseRejected),
      HttpStatus.UNAUTHORIZED,
      'Sign-in failed',
      'The answer from your identity provider was not accepted. Please start the sign-in again.',
    );
  }
}

export class SamlLogoutRejectedException extends DomainException {
  constructor() {
    super(
      code(SsoErrorCode.LogoutRejected),
      HttpStatus.UNAUTHORIZED,
      'Sign-out request refused',
      'The sign-out request was not accepted: it is not signed by the identity provider, or it has expired.',
    );
  }
}
